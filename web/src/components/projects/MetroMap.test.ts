import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import MetroMap from './MetroMap.vue';

const stages = [
  { code: 'approval', name: '立项', predecessors: [], caption: 'BH-XZSPJ · 7 工作日' },
  { code: 'land', name: '用地', predecessors: ['approval'] },
  { code: 'planning', name: '规划', predecessors: ['approval'] },
  { code: 'construction', name: '施工', predecessors: ['land', 'planning'] },
];

describe('MetroMap', () => {
  it('draws a station per stage and a line per predecessor, the critical path marked', () => {
    const w = mount(MetroMap, { props: { stages, criticalPath: ['approval', 'land', 'construction'] } });
    expect(w.findAll('[data-testid^="metro-station-"]')).toHaveLength(4);
    expect(w.findAll('[data-testid^="metro-line-"]')).toHaveLength(4);
    const critical = w.findAll('path.critical').map((p) => p.attributes('data-testid'));
    expect(critical).toEqual(['metro-line-approval-land', 'metro-line-land-construction']);
    expect(w.find('[data-testid="metro-station-planning"]').classes()).not.toContain('critical');
    expect(w.find('[data-testid="metro-station-approval"]').text()).toContain('BH-XZSPJ · 7 工作日');
  });

  it('colours stations by state on the project page', () => {
    const w = mount(MetroMap, { props: { stages, criticalPath: [], states: { approval: 'closed', land: 'overdue' } } });
    const approval = w.find('[data-testid="metro-station-approval"]');
    expect(approval.attributes('data-state')).toBe('closed');
    expect(approval.find('circle').attributes('fill')).toBe('#67c23a');
    expect(w.find('[data-testid="metro-station-land"] circle').attributes('fill')).toBe('#f56c6c');
    expect(w.find('[data-testid="metro-station-construction"]').attributes('data-state')).toBe('');
  });
});
