import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import {
  buildMonthGrid,
  buildYearGrid,
  calendarErrorKey,
  calendarOf,
  calendarYears,
  isProvisional,
  parentRegion,
  countLooks,
  dayLook,
  daysInMonth,
  mondayIndex,
  type CalendarDay,
  type CalendarInfo,
} from './calendar';

const day = (date: string, kind: CalendarDay['kind'], label = '', regional = false): CalendarDay => ({
  date,
  working: kind === 'weekday' || kind === 'workday',
  kind,
  label,
  regional,
  provisional: false,
});

describe('month grids', () => {
  it('knows weekdays and month lengths', () => {
    expect(mondayIndex(2026, 10, 1)).toBe(3); // Thursday
    expect(mondayIndex(2026, 9, 20)).toBe(6); // Sunday
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
  });

  it('starts weeks on Monday and pads before the 1st and after the last day', () => {
    // 2026-02-01 is a Sunday: six blanks, then the 1st in the Sunday column.
    const g = buildMonthGrid(2026, 2, new Map());
    expect(g.weeks[0].slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(g.weeks[0][6]?.date).toBe('2026-02-01');
    expect(g.weeks.every((w) => w.length === 7)).toBe(true);
    const cells = g.weeks.flat().filter((c) => c !== null);
    expect(cells.map((c) => c!.day)).toEqual(Array.from({ length: 28 }, (_, i) => i + 1));
    expect(g.weeks.at(-1)?.at(-1)).toBeNull(); // 02-28 is a Saturday
  });

  it('fills a year from the day list and leaves unknown dates without info', () => {
    const days = [day('2026-10-01', 'holiday', '国庆节'), day('2026-09-20', 'workday', '国庆节调休')];
    const year = buildYearGrid(2026, days);
    expect(year.map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const oct1 = year[9].weeks.flat().find((c) => c?.date === '2026-10-01');
    expect(oct1?.info?.label).toBe('国庆节');
    expect(year[8].weeks[2][6]?.info?.kind).toBe('workday'); // Sunday 09-20, third row
    const oct2 = year[9].weeks.flat().find((c) => c?.date === '2026-10-02');
    expect(oct2?.info).toBeNull();
  });
});

describe('day looks', () => {
  it('colours regional days off apart from national holidays and marks 调休 as workday', () => {
    expect(dayLook(day('2026-10-01', 'holiday', '国庆节'))).toBe('holiday');
    expect(dayLook(day('2026-04-20', 'holiday', '壮族三月三', true))).toBe('regional');
    expect(dayLook(day('2021-04-18', 'workday', '三月三调休', true))).toBe('workday');
    expect(dayLook(day('2026-10-17', 'weekend'))).toBe('weekend');
    expect(dayLook(null)).toBe('unknown');
  });

  it('counts looks for the legend', () => {
    const c = countLooks([day('a', 'holiday'), day('b', 'holiday', '', true), day('c', 'weekday'), day('d', 'weekday')]);
    expect(c).toMatchObject({ holiday: 1, regional: 1, weekday: 2, weekend: 0, workday: 0 });
  });

  it('offers the covered years', () => {
    expect(calendarYears()).toEqual([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027]);
  });
});

describe('provisional dates', () => {
  const info = (region_code: string, provisional_from: string | null): CalendarInfo => ({
    region_code,
    name: region_code,
    version: '2026.2',
    first: '2018-01-01',
    last: '2027-12-31',
    provisional_from,
  });
  const calendars = [info('000000', '2027-01-01'), info('450000', '2026-12-01')];

  it('resolves a region to its nearest ancestor with a calendar, as the server does', () => {
    expect(parentRegion('450102')).toBe('450100');
    expect(parentRegion('450100')).toBe('450000');
    expect(parentRegion('450000')).toBe('000000');
    expect(parentRegion('000000')).toBe('');
    expect(parentRegion('45x')).toBe('');
    expect(calendarOf(calendars, '450102')?.region_code).toBe('450000');
    expect(calendarOf(calendars, '110105')?.region_code).toBe('000000');
    expect(calendarOf([], '450102')).toBeUndefined();
  });

  it('marks dates from the calendar’s provisional date on', () => {
    expect(isProvisional(calendars, '110105', '2026-12-31')).toBe(false);
    expect(isProvisional(calendars, '110105', '2027-01-01')).toBe(true);
    expect(isProvisional(calendars, '450102', '2026-12-01')).toBe(true);
    expect(isProvisional(calendars, '450102', null)).toBe(false);
    expect(isProvisional([info('000000', null)], '450102', '2027-06-01')).toBe(false);
  });
});

describe('calendarErrorKey', () => {
  it('explains the calendar codes and leaves others to the server message', () => {
    expect(calendarErrorKey(new ApiError(409, 'calendar_conflict', 'x'))).toBe('calendar.error.calendar_conflict');
    expect(calendarErrorKey(new ApiError(422, 'calendar_out_of_range', 'x'))).toBe('calendar.error.calendar_out_of_range');
    expect(calendarErrorKey(new ApiError(500, 'internal', 'x'))).toBeNull();
    expect(calendarErrorKey(new Error('x'))).toBeNull();
  });
});
