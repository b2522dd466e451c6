/**
 * The rule of a business calendar definition read straight from the definition,
 * for the brute-force references of the calendar and SLA clock properties: the
 * ranges of a local day, and whether a local minute of a day lies in one of them
 * (or in the spill of a range of the day before that crosses midnight). It knows
 * nothing of src/domain/calendar's compiled form.
 */
import type { WeeklyDefinition } from '../../src/domain/calendar/calendarTypes.js';

const DAY = 86_400_000;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const WEEK_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** The ranges of a local date (a day number) as the definition says, in minutes [start, end) with end up to 2880. */
export const rangesOf = (definition: WeeklyDefinition, day: number): [number, number][] => {
  const date = new Date(day * DAY).toISOString().slice(0, 10);
  const exception = definition.exceptions?.find((e) => e.date === date);
  const ranges = exception !== undefined ? (exception.ranges ?? []) : (definition.week[WEEK_NAMES[new Date(day * DAY).getUTCDay()]!] ?? []);
  return ranges.map((r) => {
    const s = minutesOf(r.start);
    const e = minutesOf(r.end);
    return [s, e > s ? e : e + 1440];
  });
};

/** Whether local minute `m` of `day` is open, given the ranges of that day and of the day before. */
export const insideRanges = (ranges: (day: number) => readonly [number, number][], day: number, m: number): boolean =>
  ranges(day).some(([s, e]) => s <= m && m < e) || ranges(day - 1).some(([s, e]) => s <= m + 1440 && m + 1440 < e);
