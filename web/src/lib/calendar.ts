// Working-day calendar: the /api/v1/calendars shapes and the month grids the calendar page
// draws. Dates are 'YYYY-MM-DD' strings in China Standard Time, as the server sends them;
// weekdays are computed in UTC so the browser's own time zone never shifts a day.
import { ApiError } from './api';

export type DayKind = 'weekday' | 'weekend' | 'holiday' | 'workday';

export interface CalendarDay {
  date: string;
  working: boolean;
  kind: DayKind;
  label: string;
  regional: boolean;
  /** The year's State Council notice is not published yet: statutory days only (docs/calendar.md). */
  provisional: boolean;
}

export interface CalendarInfo {
  region_code: string;
  name: string;
  version: string;
  first: string;
  last: string;
  /** From this date to `last` the calendar is provisional; null when every year is announced. */
  provisional_from: string | null;
}

/** POST /calendars/recompute-deadlines: running clocks re-derived after a calendar change. */
export interface DeadlineRecount {
  checked: number;
  moved_count: number;
  moved: { case_id: number; number: string; from: string; to: string }[];
}

export type ExceptionKind = 'off' | 'work' | 'closure';
export const EXCEPTION_KINDS: readonly ExceptionKind[] = ['off', 'work', 'closure'];

export interface CalendarException {
  id: number;
  region_code: string;
  centre: string;
  day: string;
  kind: ExceptionKind;
  label: string;
  created_by: string;
  created_at: string;
}

/** The years the shipped calendars cover (docs/calendar.md §2). */
export const FIRST_YEAR = 2018;
export const LAST_YEAR = 2027;
export const DEFAULT_REGION = '450000';

/** The parent whose calendar a region inherits (GB/T 2260: XXYYZZ → XXYY00 → XX0000 → 000000). */
export function parentRegion(code: string): string {
  if (!/^\d{6}$/.test(code) || code === '000000') return '';
  if (!code.endsWith('00')) return `${code.slice(0, 4)}00`;
  if (!code.endsWith('0000')) return `${code.slice(0, 2)}0000`;
  return '000000';
}

/** The calendar a region resolves to, as the server does: its own, else the nearest ancestor's. */
export function calendarOf(calendars: readonly CalendarInfo[], region: string): CalendarInfo | undefined {
  for (let code = region; code; code = parentRegion(code)) {
    const found = calendars.find((c) => c.region_code === code);
    if (found) return found;
  }
  return undefined;
}

/** True when `date` lies in the provisional part of the region's calendar (it may still move). */
export function isProvisional(calendars: readonly CalendarInfo[], region: string, date: string | null | undefined): boolean {
  const from = calendarOf(calendars, region)?.provisional_from;
  return !!date && !!from && date >= from;
}

export function calendarYears(first = FIRST_YEAR, last = LAST_YEAR): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** One cell of a month grid; `info` is null when the server sent nothing for that date. */
export interface GridCell {
  date: string;
  day: number;
  info: CalendarDay | null;
}

export interface MonthGrid {
  /** 1..12 */
  month: number;
  /** Rows Monday..Sunday; null pads the days before the 1st and after the last. */
  weeks: (GridCell | null)[][];
}

const pad = (n: number) => String(n).padStart(2, '0');

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 = Monday … 6 = Sunday. */
export function mondayIndex(year: number, month: number, day: number): number {
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
}

export function buildMonthGrid(year: number, month: number, byDate: ReadonlyMap<string, CalendarDay>): MonthGrid {
  const cells: (GridCell | null)[] = Array.from({ length: mondayIndex(year, month, 1) }, () => null);
  for (let d = 1; d <= daysInMonth(year, month); d++) {
    const date = isoDate(year, month, d);
    cells.push({ date, day: d, info: byDate.get(date) ?? null });
  }
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (GridCell | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return { month, weeks };
}

/** Twelve Monday-first month grids for a year, filled from the server's day list. */
export function buildYearGrid(year: number, days: readonly CalendarDay[]): MonthGrid[] {
  const byDate = new Map(days.map((d) => [d.date, d]));
  return Array.from({ length: 12 }, (_, i) => buildMonthGrid(year, i + 1, byDate));
}

/**
 * How a day is drawn: one class per look. A 调休 workday is 'workday' (marked 班) even when
 * regional; a regional day off (三月三) has its own colour; other days off are 'holiday'.
 */
export type DayLook = 'weekday' | 'weekend' | 'holiday' | 'regional' | 'workday' | 'unknown';

export function dayLook(info: CalendarDay | null): DayLook {
  if (!info) return 'unknown';
  if (info.kind === 'holiday') return info.regional ? 'regional' : 'holiday';
  return info.kind;
}

/** Counts per look, for the legend ("法定节假日 28 天"). */
export function countLooks(days: readonly CalendarDay[]): Record<DayLook, number> {
  const out: Record<DayLook, number> = { weekday: 0, weekend: 0, holiday: 0, regional: 0, workday: 0, unknown: 0 };
  for (const d of days) out[dayLook(d)] += 1;
  return out;
}

/** Error codes the calendar page explains in its own words (i18n calendar.error.<code>). */
export const CALENDAR_ERROR_CODES = [
  'calendar_conflict',
  'calendar_out_of_range',
  'invalid_date',
  'unknown_region',
  'forbidden',
  'invalid_argument',
  'validation_failed',
] as const;

/** The i18n key for a calendar failure, or null to show the server's own message. */
export function calendarErrorKey(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  return (CALENDAR_ERROR_CODES as readonly string[]).includes(error.code) ? `calendar.error.${error.code}` : null;
}
