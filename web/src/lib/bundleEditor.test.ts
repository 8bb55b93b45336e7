import { describe, expect, it } from 'vitest';
import {
  blankDraft,
  coveredByItemOptions,
  coveredByItems,
  draftPayload,
  draftProblems,
  limitDays,
  pathLabel,
  withCoveredByItems,
  type BundleDraft,
  type ItemFacts,
} from './bundleEditor';

const facts: Record<string, ItemFacts> = {
  A: { name: '报建备案', committed_limit: { amount: 1, unit: 'working_days' }, materials: [{ code: 'M01', name: '申请表' }] },
  B: { name: '施工许可', committed_limit: { amount: 24, unit: 'working_hours' }, materials: [{ code: 'M01', name: '申请表' }] },
  N: { name: '自然日事项', committed_limit: { amount: 5, unit: 'natural_days' }, materials: [] },
};

function good(): BundleDraft {
  return {
    ...blankDraft(),
    code: 'permit',
    name: '施工许可',
    category: '投资建设',
    committed_limit: { amount: 3, unit: 'working_days' },
    items: [
      { item_code: 'A', optional: false, covered: [{ material_code: 'M01', by: 'form' }], form_fields: ['project_name'] },
      { item_code: 'B', optional: true, covered: [], form_fields: ['project_name', 'floor_area'] },
    ],
    fields: [{ key: 'project_name', label: '项目名称', required: true, targets: [{ item_code: 'A', field: 'project_name' }, { item_code: 'B', field: 'project_name' }] }],
  };
}
const keys = (d: BundleDraft) => draftProblems(d, facts, ['投资建设']).map((p) => `${p.path}:${p.key}`);

describe('draftProblems', () => {
  it('accepts a good draft', () => {
    expect(keys(good())).toEqual([]);
  });
  it('mirrors the server with the same field paths', () => {
    const d = good();
    d.items[1].item_code = 'A';
    expect(keys(d)).toContain('items[1].item_code:itemTwice');
    const u = good();
    u.items[1].item_code = 'X';
    expect(keys(u)).toContain('items[1].item_code:unknownItem');
    const f = good();
    f.fields[0].targets[1].field = 'nope';
    expect(keys(f)).toEqual(['fields[0].targets[1].field:noSuchField']);
    const o = good();
    o.fields[0].targets[0].item_code = 'Z';
    expect(keys(o)).toEqual(['fields[0].targets[0].item_code:targetOutside']);
    const k = good();
    k.fields[0].key = '项目';
    k.fields[0].label = ' ';
    expect(keys(k)).toEqual(['fields[0].key:key', 'fields[0].label:required']);
    const c = good();
    c.category = '无此分类';
    c.code = 'Bad Code';
    expect(keys(c)).toEqual(['code:code', 'category:unknownCategory']);
    const all = good();
    all.items[0].optional = true;
    expect(keys(all)).toEqual(['items:allOptional']);
    const cov = good();
    cov.items[0].covered = [{ material_code: 'M09', by: 'A' }];
    expect(keys(cov)).toEqual(['items[0].covered[0].material_code:noMaterial', 'items[0].covered[0].by:coveredBy']);
  });
  it('keeps the limit between the slowest item and the sum of all', () => {
    const below = good();
    below.committed_limit = { amount: 2, unit: 'working_days' };
    expect(draftProblems(below, facts, ['投资建设'])).toEqual([{ path: 'committed_limit', key: 'limitBelowSlowest', values: { n: 3 } }]);
    const above = good();
    above.committed_limit = { amount: 40, unit: 'working_hours' };
    expect(draftProblems(above, facts, ['投资建设'])).toEqual([{ path: 'committed_limit', key: 'limitAboveSum', values: { n: 4 } }]);
    const natural = good();
    natural.items.push({ item_code: 'N', optional: true, covered: [], form_fields: [] });
    expect(keys(natural)).toContain('items[2].item_code:naturalDays');
    expect(limitDays({ amount: 16, unit: 'working_hours' })).toBe(2);
    expect(limitDays({ amount: 1, unit: 'natural_days' })).toBeNull();
  });
});

describe('pathLabel and payload', () => {
  const t = (key: string, v?: Record<string, unknown>) => (v ? `${key}(${String(v.n)})` : key);
  it('turns a field path into words', () => {
    expect(pathLabel('items[2].item_code', t)).toBe('bundles.editor.where.nth.items(3) · bundles.editor.where.item_code');
    expect(pathLabel('fields[0].targets[1].field', t)).toBe(
      'bundles.editor.where.nth.fields(1) · bundles.editor.where.nth.targets(2) · bundles.editor.where.field',
    );
    expect(pathLabel('committed_limit', t)).toBe('bundles.editor.where.committed_limit');
  });
  it('sends the base version on edits only', () => {
    expect(draftPayload(good())).not.toHaveProperty('base_version');
    expect(draftPayload(good(), 2).base_version).toBe(2);
    expect((draftPayload({ ...good(), name: ' 施工许可 ' }) as { name: string }).name).toBe('施工许可');
  });
});

describe('coverage by another item', () => {
  it('offers each material of the item from every other item and keeps the form\'s coverage', () => {
    const d = good();
    expect(coveredByItemOptions(d, 1, facts)).toEqual([{ value: 'M01|A', label: 'M01 申请表 ← 报建备案' }]);
    const item = { ...d.items[0], covered: [{ material_code: 'M01', by: 'form' }, { material_code: 'M02', by: 'B' }] };
    expect(coveredByItems(item)).toEqual(['M02|B']);
    expect(withCoveredByItems(item, ['M03|B'])).toEqual([
      { material_code: 'M01', by: 'form' },
      { material_code: 'M03', by: 'B' },
    ]);
  });
});
