// Registers only the Element Plus components the shell uses. Components are imported by path:
// the package root builds an installer of every component at load time, which defeats
// tree-shaking. Import ElMessage / ElMessageBox from here for the same reason.
import type { App } from 'vue';
import { ElAlert } from 'element-plus/es/components/alert/index.mjs';
import { ElButton } from 'element-plus/es/components/button/index.mjs';
import { ElCard } from 'element-plus/es/components/card/index.mjs';
import { ElCheckbox, ElCheckboxGroup } from 'element-plus/es/components/checkbox/index.mjs';
import { ElCol } from 'element-plus/es/components/col/index.mjs';
import { ElConfigProvider } from 'element-plus/es/components/config-provider/index.mjs';
import { ElAside, ElContainer, ElHeader, ElMain } from 'element-plus/es/components/container/index.mjs';
import { ElDatePicker } from 'element-plus/es/components/date-picker/index.mjs';
import { ElDescriptions, ElDescriptionsItem } from 'element-plus/es/components/descriptions/index.mjs';
import { ElDialog } from 'element-plus/es/components/dialog/index.mjs';
import { ElDivider } from 'element-plus/es/components/divider/index.mjs';
import { ElDrawer } from 'element-plus/es/components/drawer/index.mjs';
import { ElEmpty } from 'element-plus/es/components/empty/index.mjs';
import { ElForm, ElFormItem } from 'element-plus/es/components/form/index.mjs';
import { ElInputNumber } from 'element-plus/es/components/input-number/index.mjs';
import { ElInput } from 'element-plus/es/components/input/index.mjs';
import { ElLoading } from 'element-plus/es/components/loading/index.mjs';
import { ElMenu, ElMenuItem } from 'element-plus/es/components/menu/index.mjs';
import { ElPagination } from 'element-plus/es/components/pagination/index.mjs';
import { ElRadio, ElRadioButton, ElRadioGroup } from 'element-plus/es/components/radio/index.mjs';
import { ElResult } from 'element-plus/es/components/result/index.mjs';
import { ElRow } from 'element-plus/es/components/row/index.mjs';
import { ElOption, ElSelect } from 'element-plus/es/components/select/index.mjs';
import { ElSwitch } from 'element-plus/es/components/switch/index.mjs';
import { ElTable, ElTableColumn } from 'element-plus/es/components/table/index.mjs';
import { ElTabPane, ElTabs } from 'element-plus/es/components/tabs/index.mjs';
import { ElTag } from 'element-plus/es/components/tag/index.mjs';
import { ElTree } from 'element-plus/es/components/tree/index.mjs';
import 'element-plus/dist/index.css';

export { ElMessage } from 'element-plus/es/components/message/index.mjs';
export { ElMessageBox } from 'element-plus/es/components/message-box/index.mjs';

const components = [
  ElAlert, ElAside, ElButton, ElCard, ElCheckbox, ElCheckboxGroup, ElCol, ElConfigProvider,
  ElContainer, ElDatePicker, ElDescriptions, ElDescriptionsItem, ElDialog, ElDivider, ElDrawer,
  ElEmpty, ElForm, ElFormItem, ElHeader, ElInput, ElInputNumber, ElMain, ElMenu, ElMenuItem,
  ElOption, ElPagination, ElRadio, ElRadioButton, ElRadioGroup, ElResult, ElRow, ElSelect, ElSwitch,
  ElTabPane, ElTable, ElTableColumn, ElTabs, ElTag, ElTree,
];

export function installElement(app: App): void {
  for (const c of components) app.use(c);
  app.use(ElLoading);
}
