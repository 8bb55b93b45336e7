import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { daysLate, lastMonths, onTimeXlsx, ownDepartmentCode, ratePercent, totalOnTime, type MonthlyOnTime } from './supervision';

const month = (m: string, closed: number, onTime: number): MonthlyOnTime => ({
  month: m,
  closed,
  on_time: onTime,
  rate: closed ? onTime / closed : null,
});

describe('lastMonths', () => {
  it('spans the last twelve months up to the first day of next month', () => {
    expect(lastMonths('2026-11-29')).toEqual({ from: '2025-12-01', to: '2026-12-01' });
    expect(lastMonths('2026-12-31')).toEqual({ from: '2026-01-01', to: '2027-01-01' });
    expect(lastMonths('2026-01-15', 3)).toEqual({ from: '2025-11-01', to: '2026-02-01' });
  });
});

describe('rates', () => {
  it('gives a percentage with one decimal, none when nothing closed', () => {
    expect(ratePercent(month('2026-10', 3, 2))).toBe(66.7);
    expect(ratePercent(month('2026-10', 0, 0))).toBeNull();
  });
  it('totals the months', () => {
    const t = totalOnTime([month('2026-09', 4, 3), month('2026-10', 0, 0), month('2026-11', 6, 6)]);
    expect(t).toEqual({ month: '', closed: 10, on_time: 9, rate: 0.9 });
    expect(totalOnTime([]).rate).toBeNull();
  });
});

describe('ownDepartmentCode', () => {
  const depts = [
    { id: 3, code: 'NN-ZJJ', name: '住建局', parent_id: null, region_code: '450100', created_at: '' },
    { id: '4', code: 'NN-WJW', name: '卫健委', parent_id: null, region_code: '450100', created_at: '' },
  ];
  it('maps the user department id to its code', () => {
    expect(ownDepartmentCode(3, depts)).toBe('NN-ZJJ');
    expect(ownDepartmentCode('4', depts)).toBe('NN-WJW');
    expect(ownDepartmentCode(null, depts)).toBeNull();
    expect(ownDepartmentCode(9, depts)).toBeNull();
  });
});

describe('daysLate', () => {
  it('counts started days after the deadline', () => {
    const now = new Date('2026-11-29T02:00:00Z');
    expect(daysLate('2026-11-29T03:00:00Z', now)).toBe(0);
    expect(daysLate('2026-11-28T16:00:00Z', now)).toBe(1);
    expect(daysLate('2026-11-20T16:00:00Z', now)).toBe(9);
    expect(daysLate(null, now)).toBe(0);
  });
});

describe('onTimeXlsx', () => {
  it('writes one row per month with the rate as a number', async () => {
    const bytes = await onTimeXlsx(
      [month('2026-10', 4, 3), month('2026-11', 0, 0)],
      { month: '月份', closed: '办结', onTime: '按时', rate: '按时率' },
      '按时办结率',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes);
    const sheet = wb.getWorksheet('按时办结率')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '月份', '办结', '按时', '按时率']);
    expect(sheet.getRow(2).values).toEqual([undefined, '2026-10', 4, 3, 0.75]);
    expect(sheet.getCell('D3').value).toBe('');
  });
});
