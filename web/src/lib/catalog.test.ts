import { describe, expect, it } from 'vitest';
import {
  blankItem,
  blankMaterial,
  cloneItem,
  formatIndicatorCell,
  formatRatio,
  itemErrorField,
  indicatorRows,
  itemProblems,
  speedupPercent,
  visitsBadge,
  type Indicators,
  type ServiceItem,
} from './catalog';

function validItem(): ServiceItem {
  const it = blankItem();
  it.code = '11450100MB1957923H0001XK0001000';
  it.name = '测试事项';
  it.department_code = 'NN-ZWB';
  it.materials[0].name = '申请表';
  it.steps[0].posts[0] = { name: '受理', department_code: 'NN-ZWB', limit: { amount: 1, unit: 'working_days' } };
  return it;
}

const fields = (it: ServiceItem) => itemProblems(it).map((p) => `${p.field}:${p.rule}`);

describe('speedupPercent', () => {
  it('compares working days and hours at 8 hours a day', () => {
    expect(speedupPercent({ amount: 15, unit: 'working_days' }, { amount: 3, unit: 'working_days' })).toBe(80);
    expect(speedupPercent({ amount: 1, unit: 'working_days' }, { amount: 4, unit: 'working_hours' })).toBe(50);
    expect(speedupPercent({ amount: 20, unit: 'natural_days' }, { amount: 5, unit: 'natural_days' })).toBe(75);
  });

  it('gives no figure without a legal limit or across natural and working units', () => {
    expect(speedupPercent({ amount: 0, unit: 'working_days' }, { amount: 0, unit: 'working_days' })).toBeNull();
    expect(speedupPercent({ amount: 20, unit: 'natural_days' }, { amount: 5, unit: 'working_days' })).toBeNull();
  });
});

describe('visitsBadge', () => {
  it('names 一次不用跑 and 最多跑一次', () => {
    expect(visitsBadge(0)).toBe('zeroVisit');
    expect(visitsBadge(1)).toBe('mostOneVisit');
    expect(visitsBadge(2)).toBeNull();
  });
});

describe('indicator table', () => {
  const ind = (code: string | null, items: number, speedup: number): Indicators => ({
    department_code: code,
    items,
    commitment_items: items,
    instant_items: 0,
    most_one_visit: items,
    zero_visit: 0,
    online_capable: 1,
    tolerable_items: 0,
    commitment_speedup: speedup,
    most_one_visit_ratio: 1,
    zero_visit_ratio: 0,
    online_ratio: 1 / 3,
    instant_ratio: 0,
  });

  it('formats ratios as percentages with one decimal', () => {
    expect(formatRatio(1 / 3)).toBe('33.3%');
    expect(formatRatio(0.8)).toBe('80.0%');
    expect(formatRatio(0)).toBe('0.0%');
    expect(formatRatio(Number.NaN)).toBe('');
  });

  it('makes one row per department, named, then the total row', () => {
    const rows = indicatorRows(
      { data: [ind('NN-ZJJ', 3, 0.8), ind('NN-SCJ', 2, 0.5)], total: 2, all: ind(null, 5, 0.68) },
      (c) => ({ 'NN-ZJJ': '住建局' })[c] ?? c,
      '合计',
    );
    expect(rows.map((r) => r.department)).toEqual(['住建局', 'NN-SCJ', '合计']);
    expect(rows.map((r) => r.total)).toEqual([false, false, true]);
    expect(rows[0].commitment_speedup).toBe(0.8);
    expect(formatIndicatorCell('commitment_speedup', rows[0].commitment_speedup)).toBe('80.0%');
    expect(formatIndicatorCell('online_ratio', rows[0].online_ratio)).toBe('33.3%');
    expect(formatIndicatorCell('items', rows[2].items)).toBe('5');
  });
});

describe('itemProblems', () => {
  it('accepts a complete item', () => {
    expect(itemProblems(validItem())).toEqual([]);
  });

  it('names fields with the server paths', () => {
    const it = validItem();
    it.code = 'abc';
    it.name = ' ';
    it.materials.push({ ...blankMaterial(0), name: '复印件' }); // duplicate code M01
    it.materials[0].copies = 0;
    it.steps[0].posts[0].department_code = '';
    expect(fields(it)).toEqual([
      'code:code',
      'name:required',
      'steps[0].posts[0].department_code:required',
      'materials[0].copies:copiesRange',
      'materials[1].code:duplicateCode',
    ]);
  });

  it('checks limits: committed within legal, units comparable, handling', () => {
    const it = validItem();
    it.committed_limit = { amount: 30, unit: 'working_days' };
    expect(fields(it)).toContain('committed_limit:committedOverLegal');
    it.committed_limit = { amount: 5, unit: 'natural_days' };
    expect(fields(it)).toContain('committed_limit:unitsMixed');
    const instant = validItem();
    instant.handling = 'instant';
    expect(fields(instant)).toContain('committed_limit:instantZero');
  });

  it('requires the process to fit in the committed limit', () => {
    const it = validItem();
    it.committed_limit = { amount: 1, unit: 'working_days' };
    it.steps.push({ name: '审批', posts: [{ name: '审批', department_code: 'NN-ZWB', limit: { amount: 4, unit: 'working_hours' } }] });
    expect(fields(it)).toContain('steps:processTooLong');
    it.steps[1].posts[0].limit.amount = 0;
    expect(fields(it)).toContain('steps[1].posts[0].limit.amount:positive');
  });

  it('needs a remote channel for 一次不用跑 and some channel always', () => {
    const it = validItem();
    it.visits = 0;
    it.channels = ['window'];
    expect(fields(it)).toContain('channels:zeroVisitChannel');
    it.channels = [];
    expect(fields(it)).toContain('channels:channelsRequired');
  });

  it('keeps 容缺 to required materials and never all of them', () => {
    const it = validItem();
    it.materials[0].tolerable = true;
    expect(fields(it)).toContain('materials:allTolerable');
    it.materials[0].required = false;
    expect(fields(it)).toContain('materials[0].tolerable:tolerableOptional');
    const cert = validItem();
    cert.materials[0].source = 'certificate';
    expect(fields(cert)).toContain('materials[0].certificate_type:certificateType');
  });

  it('clones deeply', () => {
    const a = validItem();
    const b = cloneItem(a);
    b.materials[0].name = 'changed';
    expect(a.materials[0].name).toBe('申请表');
  });
});

describe('itemErrorField', () => {
  it('takes the server field path, or the field a code implies', () => {
    expect(itemErrorField({ status: 400, code: 'item_invalid', details: { field: 'materials[2].code' } })).toBe('materials[2].code');
    expect(itemErrorField({ status: 409, code: 'item_exists', details: {} })).toBe('code');
    expect(itemErrorField({ status: 400, code: 'unknown_department', details: {} })).toBe('department_code');
    expect(itemErrorField({ status: 400, code: 'unknown_department', details: { field: 'steps[0].posts[1].department_code' } })).toBe(
      'steps[0].posts[1].department_code',
    );
  });

  it('names no field for server faults or unrelated codes', () => {
    expect(itemErrorField({ status: 500, code: 'internal', details: { field: 'x' } })).toBeNull();
    expect(itemErrorField({ status: 0, code: 'network_error', details: {} })).toBeNull();
    expect(itemErrorField({ status: 403, code: 'forbidden', details: {} })).toBeNull();
  });
});
