// Spreadsheet export (a real .xlsx through exceljs, loaded on first use so the app's first
// page does not carry it).
import type { IndicatorColumn, IndicatorRow } from './catalog';
import { RATIO_COLUMNS } from './catalog';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The indicator table as an .xlsx file: a header row of `headers`, one row per table row,
 * ratios as numbers with a percent format (so the sheet can compute with them), the total
 * row bold.
 */
export async function indicatorsXlsx(
  rows: readonly IndicatorRow[],
  columns: readonly IndicatorColumn[],
  headers: Record<IndicatorColumn, string>,
  sheetName: string,
): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'tongban';
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({
    header: headers[c],
    key: c,
    width: c === 'department' ? 28 : 14,
    style: RATIO_COLUMNS.includes(c) ? { numFmt: '0.0%' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow(Object.fromEntries(columns.map((c) => [c, row[c]])));
    if (row.total) added.font = { bold: true };
  }
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}

/** Hands bytes to the browser as a file download. */
export function downloadBytes(bytes: ArrayBuffer, fileName: string, mime = XLSX_MIME): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
