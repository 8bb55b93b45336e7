import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { indicatorRows, INDICATOR_COLUMNS, type Indicators, type IndicatorColumn } from './catalog';
import { indicatorsXlsx } from './xlsx';

const ind = (code: string | null, items: number): Indicators => ({
  department_code: code,
  items,
  commitment_items: items,
  instant_items: 0,
  most_one_visit: items,
  zero_visit: 0,
  online_capable: items,
  tolerable_items: 0,
  commitment_speedup: 0.8,
  most_one_visit_ratio: 1,
  zero_visit_ratio: 0,
  online_ratio: 0.5,
  instant_ratio: 0,
});

describe('indicatorsXlsx', () => {
  it('writes a workbook with the headers, one row per department and the total, ratios as percent numbers', async () => {
    const rows = indicatorRows({ data: [ind('NN-ZJJ', 3)], total: 1, all: ind(null, 3) }, () => '住建局', '合计');
    const headers = Object.fromEntries(INDICATOR_COLUMNS.map((c) => [c, `h-${c}`])) as Record<IndicatorColumn, string>;
    const bytes = await indicatorsXlsx(rows, INDICATOR_COLUMNS, headers, '指标');
    // An .xlsx is a zip archive.
    expect(new Uint8Array(bytes).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes);
    const sheet = wb.getWorksheet('指标')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('h-department');
    expect(sheet.getRow(2).getCell(1).value).toBe('住建局');
    expect(sheet.getRow(2).getCell(2).value).toBe(3);
    expect(sheet.getRow(2).getCell(3).value).toBe(0.8);
    expect(sheet.getRow(2).getCell(3).numFmt).toBe('0.0%');
    expect(sheet.getRow(3).getCell(1).value).toBe('合计');
    expect(sheet.getRow(3).font?.bold).toBe(true);
    expect(sheet.rowCount).toBe(3);
  });
});
