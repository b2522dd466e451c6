/**
 * The business calendar's cost: addBusinessSeconds (an SLA due time) over 1, 7 and
 * 30 business days of a split-shift calendar in a DST zone (America/New_York:
 * Mon-Fri 09:00-12:00 and 13:00-18:00, Saturday 10:00-14:00, a few holidays and a
 * make-up Sunday; a business day is 8 hours), from start instants spread over a
 * year (so spans cross both DST changes), beside a brute-force walk minute by
 * minute (Intl's wall time of each minute, as the property tests' reference does)
 * in the same run. Each brute-force answer is checked against the calendar's.
 * The calendar should cost O(ranges x days spanned): its time per call grows with
 * the span, and the ratio to the minute walk stays large.
 */
import * as E from 'fp-ts/lib/Either.js';
import { addBusinessSeconds } from '../src/domain/calendar/businessTime.js';
import { decodeCalendar } from '../src/domain/calendar/calendarCodec.js';
import type { Calendar, WeeklyDefinition } from '../src/domain/calendar/calendarTypes.js';
import { check, rate, type Figure } from './lib/measure.js';

const SUITE = 'calendar';
const MIN = 60_000;
const DAY = 86_400_000;
const BUSINESS_DAY = 8 * 3600;

const shifts = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];
const definition: WeeklyDefinition = {
  kind: 'weekly',
  zone: 'America/New_York',
  week: { mon: shifts, tue: shifts, wed: shifts, thu: shifts, fri: shifts, sat: [{ start: '10:00', end: '14:00' }] },
  exceptions: [
    { date: '2026-01-01', closed: true },
    { date: '2026-05-25', closed: true },
    { date: '2026-07-03', closed: true },
    { date: '2026-09-07', closed: true },
    { date: '2026-11-26', closed: true },
    { date: '2026-11-29', ranges: shifts },
    { date: '2026-12-25', closed: true },
  ],
};

const calendarOf = (): Calendar => {
  const decoded = decodeCalendar(definition);
  if (E.isLeft(decoded)) throw new Error(JSON.stringify(decoded.left));
  return decoded.right;
};

// The brute force: one Intl reading per minute; open when the latest wall time shown lies in a range
// (no range of this calendar crosses midnight, so the day before need not be read).
const WEEK = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const formatter = new Intl.DateTimeFormat('sv-SE', { timeZone: definition.zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const openAtWall = (wall: number): boolean => {
  const day = Math.floor(wall / DAY);
  const date = new Date(day * DAY).toISOString().slice(0, 10);
  const exception = definition.exceptions?.find((e) => e.date === date);
  const ranges = exception !== undefined ? (exception.ranges ?? []) : (definition.week[WEEK[new Date(day * DAY).getUTCDay()]!] ?? []);
  const m = (wall - day * DAY) / MIN;
  return ranges.some((r) => minutesOf(r.start) <= m && m < minutesOf(r.end));
};
const bruteAdd = (from: number, seconds: number): number => {
  let high = -Infinity;
  let left = seconds / 60;
  for (let t = from - DAY; ; t += MIN) {
    const wall = Date.parse(`${formatter.format(t).replace(' ', 'T')}:00Z`);
    if (wall > high) high = wall;
    if (t >= from && openAtWall(high) && --left === 0) return t + MIN;
  }
};

export const calendarBench = async (options: { quick: boolean }): Promise<Figure[]> => {
  const calendar = calendarOf();
  // Start instants: every 61 hours plus 7 minutes through 2026, so starts fall at all hours and days.
  const t0 = Date.UTC(2026, 0, 1, 5);
  const starts = Array.from({ length: 144 }, (_, i) => t0 + i * (61 * 60 + 7) * MIN);
  const figures: Figure[] = [];
  const rounds = options.quick ? 3 : 5;
  for (const days of [1, 7, 30]) {
    const seconds = days * BUSINESS_DAY;
    const perRound = options.quick ? 2000 : 10_000;
    let sink = 0;
    const fast = await rate(rounds, async (round) => {
      for (let i = 0; i < perRound; i++) sink += addBusinessSeconds(calendar, starts[(i + round + 1) % starts.length]!, seconds) ?? 0;
      return perRound;
    });
    check(sink > 0, 'the calendar found due times');
    // The brute force walks ~1,440 minutes per calendar day: far fewer calls per round.
    const brutePerRound = Math.max(1, Math.round((options.quick ? 40 : 120) / days));
    const brute = await rate(rounds, async (round) => {
      for (let i = 0; i < brutePerRound; i++) {
        const from = starts[(i * 7 + round + 1) % starts.length]!;
        const expected = addBusinessSeconds(calendar, from, seconds);
        check(bruteAdd(from, seconds) === expected, `brute force and calendar agree from ${new Date(from).toISOString()} + ${days} business days`);
      }
      return brutePerRound;
    });
    const label = `${days} business day${days === 1 ? '' : 's'} (${days * 8} h)`;
    figures.push({ suite: SUITE, name: `addBusinessSeconds, ${label}, split shifts, America/New_York`, value: fast, unit: 'calls/s' });
    figures.push({ suite: SUITE, name: `brute-force minute walk, ${label}`, value: brute, unit: 'calls/s' });
    figures.push({ suite: SUITE, name: `addBusinessSeconds vs minute walk, ${label}`, value: fast / brute, unit: 'x' });
  }
  return figures;
};
