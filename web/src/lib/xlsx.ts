// Spreadsheet export (a real .xlsx through exceljs, loaded on first use so the app's first
// page does not carry it).
import type { IndicatorColumn, IndicatorRow } from './catalog';
import { RATIO_COLUMNS } from './catalog';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One column of a sheet: its key in the rows, header, width and number format. */
export interface SheetColumn {
  key: string;
  header: string;
  width: number;
  numFmt?: string;
}

/** Sheet columns in the order of `widths`, each headed by `headers[key]`. */
export function sheetColumns<K extends string>(headers: Record<K, string>, widths: Record<K, number>): SheetColumn[] {
  return (Object.keys(widths) as K[]).map((key) => ({ key, header: headers[key], width: widths[key] }));
}

/**
 * A table as an .xlsx file: a bold header row, one row per entry (values by column key),
 * rows for which `bold` answers true in bold.
 */
export async function tableXlsx(
  columns: readonly SheetColumn[],
  rows: readonly Record<string, unknown>[],
  sheetName: string,
  bold: (row: Record<string, unknown>) => boolean = () => false,
): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'tongban';
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow(Object.fromEntries(columns.map((c) => [c.key, row[c.key]])));
    if (bold(row)) added.font = { bold: true };
  }
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}

/**
 * The indicator table as an .xlsx file: ratios as numbers with a percent format (so the
 * sheet can compute with them), the total row bold.
 */
export function indicatorsXlsx(
  rows: readonly IndicatorRow[],
  columns: readonly IndicatorColumn[],
  headers: Record<IndicatorColumn, string>,
  sheetName: string,
): Promise<ArrayBuffer> {
  return tableXlsx(
    columns.map((c) => ({
      key: c,
      header: headers[c],
      width: c === 'department' ? 28 : 14,
      numFmt: RATIO_COLUMNS.includes(c) ? '0.0%' : undefined,
    })),
    rows as unknown as Record<string, unknown>[],
    sheetName,
    (row) => Boolean(row.total),
  );
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
