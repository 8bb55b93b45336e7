// 效能监察: the on-time rate per month of a department (GET /supervision/ontime) and the
// overdue list (GET /cases?overdue=true). Pure helpers; the page is views/supervision.
import type { Department } from './model';
import { tableXlsx } from './xlsx';

export interface MonthlyOnTime {
  month: string; // YYYY-MM, China time
  closed: number;
  on_time: number;
  rate: number | null; // on_time / closed; null when nothing closed
}

export interface OnTimeReport {
  department_code: string;
  months: MonthlyOnTime[];
}

/** First day of a month, `offset` months from the month of `date` (YYYY-MM-DD). */
function monthStart(date: string, offset: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + offset;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-01`;
}

/**
 * The query window for the last `months` months up to and including today's month (China
 * date `today`): from the first day of the earliest month to the first day of next month.
 */
export function lastMonths(today: string, months = 12): { from: string; to: string } {
  return { from: monthStart(today, 1 - months), to: monthStart(today, 1) };
}

/** The rate as a percentage with one decimal, or null when no case closed. */
export function ratePercent(m: MonthlyOnTime): number | null {
  return m.closed === 0 ? null : Math.round((m.on_time / m.closed) * 1000) / 10;
}

/** Totals over the months: closed, on time, rate (null when nothing closed). */
export function totalOnTime(months: readonly MonthlyOnTime[]): MonthlyOnTime {
  const closed = months.reduce((n, m) => n + m.closed, 0);
  const onTime = months.reduce((n, m) => n + m.on_time, 0);
  return { month: '', closed, on_time: onTime, rate: closed === 0 ? null : onTime / closed };
}

/** The department a head or reviewer is locked to (their own), or null for supervisors. */
export function ownDepartmentCode(
  departmentId: number | string | null | undefined,
  departments: readonly Department[],
): string | null {
  if (departmentId === null || departmentId === undefined) return null;
  return departments.find((d) => String(d.id) === String(departmentId))?.code ?? null;
}

/** Natural days late by now: days begun since the deadline passed (0 before it). */
export function daysLate(deadline: string | null, now: Date): number {
  if (!deadline) return 0;
  const ms = now.getTime() - Date.parse(deadline);
  return ms <= 0 ? 0 : Math.floor(ms / 86_400_000) + 1;
}

/** The monthly table as an .xlsx: the rate as a number with a percent format. */
export function onTimeXlsx(
  months: readonly MonthlyOnTime[],
  headers: { month: string; closed: string; onTime: string; rate: string },
  sheetName: string,
): Promise<ArrayBuffer> {
  return tableXlsx(
    [
      { key: 'month', header: headers.month, width: 12 },
      { key: 'closed', header: headers.closed, width: 12 },
      { key: 'on_time', header: headers.onTime, width: 12 },
      { key: 'rate', header: headers.rate, width: 12, numFmt: '0.0%' },
    ],
    months.map((m) => ({ ...m, rate: m.rate ?? '' })),
    sheetName,
  );
}
