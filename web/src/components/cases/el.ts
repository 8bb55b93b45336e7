// Element Plus components the case pages use, imported by path (see plugins/element.ts for why)
// and registered locally, so these pages do not depend on the global list.
export { ElCheckbox } from 'element-plus/es/components/checkbox/index.mjs';
export { ElDescriptions, ElDescriptionsItem } from 'element-plus/es/components/descriptions/index.mjs';
export { ElInputNumber } from 'element-plus/es/components/input-number/index.mjs';
export { ElProgress } from 'element-plus/es/components/progress/index.mjs';
export { ElRadio, ElRadioGroup } from 'element-plus/es/components/radio/index.mjs';
export { ElRate } from 'element-plus/es/components/rate/index.mjs';
export { ElTimeline, ElTimelineItem } from 'element-plus/es/components/timeline/index.mjs';
export { ElSwitch } from 'element-plus/es/components/switch/index.mjs';
