// Properties: the four calendar functions agree with a brute-force reference that
// walks minute by minute and reads each minute's local wall time from Intl, over
// random calendars (split shifts, 24:00 ends, crossing ranges, closed and open
// exception days), random instants around DST changes and random zones. The
// reference knows nothing of the implementation, only the rule (S9 business
// hours; the README's DST rule): the calendar is open at an instant when the
// latest wall time the zone's clock has shown so far lies inside a range of its
// day (or in the spill of a range of the day before that crosses midnight).
import { fc, test } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect } from 'vitest';
import { addBusinessSeconds, businessSeconds, isOpen, nextOpening } from '../../../src/domain/calendar/businessTime.js';
import { calendarCodec, decodeCalendar } from '../../../src/domain/calendar/calendarCodec.js';
import type { Calendar, OpeningRangeDefinition, WeeklyDefinition } from '../../../src/domain/calendar/calendarTypes.js';
import { insideRanges, rangesOf } from '../../support/calendarReference.js';

const MIN = 60_000;
const DAY = 86_400_000;
// Beyond the usual: Santiago changes at midnight (Saturday 24:00 -> 23:00, 00:00 -> 01:00)
// and Lord Howe by half an hour.
const ZONES = ['America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Shanghai', 'UTC', 'Asia/Kolkata', 'America/Santiago', 'Australia/Lord_Howe'] as const;
// Each zone with its DST change days of 2026 (most cases) and an ordinary day.
const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY;
const CHANGE_DAYS: Record<(typeof ZONES)[number], number[]> = {
  'America/New_York': [day('2026-03-08'), day('2026-11-01')],
  'Europe/London': [day('2026-03-29'), day('2026-10-25')],
  'Australia/Sydney': [day('2026-04-05'), day('2026-10-04')],
  'Asia/Shanghai': [day('2026-09-30')],
  UTC: [day('2026-02-28')],
  'Asia/Kolkata': [day('2026-12-31')],
  'America/Santiago': [day('2026-04-04'), day('2026-09-06')],
  'Australia/Lord_Howe': [day('2026-04-05'), day('2026-10-04')],
};
const ORDINARY_DAYS = [day('2026-06-15'), day('2026-01-05')];
/** How far the reference looks for an opening before it concludes "not within the horizon". */
const HORIZON = 8 * DAY;

// ---- the reference -------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();
const walls = new Map<string, Map<number, number>>();
/** Local wall time of a whole-minute instant, as "wall ms" (local date and time read as UTC). */
const wallOf = (zone: string, at: number): number => {
  let memo = walls.get(zone);
  if (memo === undefined) walls.set(zone, (memo = new Map()));
  const known = memo.get(at);
  if (known !== undefined) return known;
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('sv-SE', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    formatters.set(zone, f);
  }
  const wall = Date.parse(`${f.format(at).replace(' ', 'T')}:00Z`);
  memo.set(at, wall);
  return wall;
};

/** Open flags of the minutes from `start` on, computed as far as asked. */
const reference = (definition: WeeklyDefinition, start: number) => {
  const flags: boolean[] = [];
  const days = new Map<number, [number, number][]>();
  const rangesOfDay = (day: number) => {
    let ranges = days.get(day);
    if (ranges === undefined) days.set(day, (ranges = rangesOf(definition, day)));
    return ranges;
  };
  let high = -Infinity;
  const openAtMinute = (i: number): boolean => {
    while (flags.length <= i) {
      const wall = wallOf(definition.zone, start + flags.length * MIN);
      if (wall > high) high = wall; // in a repeated hour the clock shows nothing new
      const day = Math.floor(high / DAY);
      const m = (high - day * DAY) / MIN;
      const inside = insideRanges(rangesOfDay, day, m);
      flags.push(inside);
    }
    return flags[i]!;
  };
  const index = (at: number) => (at - start) / MIN;
  return {
    isOpen: (at: number) => openAtMinute(index(at)),
    /** The first open minute in [at, at + HORIZON), or undefined. */
    nextOpening: (at: number): number | undefined => {
      for (let i = index(at); i < index(at + HORIZON); i++) if (openAtMinute(i)) return start + i * MIN;
      return undefined;
    },
    businessSeconds: (from: number, to: number) => {
      let n = 0;
      for (let i = index(from); i < index(to); i++) if (openAtMinute(i)) n++;
      return n * 60;
    },
    /** The end of the n-th open minute from `from` (n = 0: the next opening), within the horizon. */
    addMinutes: (from: number, n: number): number | undefined => {
      if (n === 0) return undefined;
      let count = 0;
      for (let i = index(from); i < index(from + HORIZON); i++) {
        if (openAtMinute(i) && ++count === n) return start + (i + 1) * MIN;
      }
      return undefined;
    },
  };
};

// ---- random calendars ----------------------------------------------------------

const hhmm = (m: number) => (m === 1440 ? '24:00' : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);

/**
 * 0-3 ranges on a 15-minute grid, with boundaries often between 00:45 and 03:15
 * or near midnight, where the DST changes of these zones fall; the last range may
 * cross midnight.
 */
const gridPoint = fc.oneof(
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 96 }) },
  { weight: 3, arbitrary: fc.integer({ min: 3, max: 13 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, 2, 3, 4, 92, 93, 94, 95, 96) },
);
const dayRanges: fc.Arbitrary<OpeningRangeDefinition[]> = fc
  .tuple(fc.uniqueArray(gridPoint, { maxLength: 6 }), fc.boolean(), fc.integer({ min: 0, max: 95 }))
  .map(([points, cross, wrap]) => {
    const sorted = [...points].sort((a, b) => a - b);
    const ranges: OpeningRangeDefinition[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) ranges.push({ start: hhmm(sorted[i]! * 15), end: hhmm(sorted[i + 1]! * 15) });
    const last = ranges.length > 0 ? sorted[ranges.length * 2 - 2]! : undefined;
    if (cross && last !== undefined && last > 0) ranges[ranges.length - 1] = { start: hhmm(last * 15), end: hhmm((wrap % last) * 15) };
    return ranges;
  });

const calendarCase = fc
  .record({
    zoneAndBase: fc.constantFrom(...ZONES).chain((zone) =>
      fc.tuple(fc.constant(zone), fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...CHANGE_DAYS[zone]) }, { weight: 1, arbitrary: fc.constantFrom(...ORDINARY_DAYS) })),
    ),
    week: fc.oneof(
      { weight: 4, arbitrary: fc.record({ mon: dayRanges, tue: dayRanges, wed: dayRanges, thu: dayRanges, fri: dayRanges, sat: dayRanges, sun: dayRanges }) },
      { weight: 1, arbitrary: fc.record({ mon: dayRanges, wed: dayRanges, sat: dayRanges, sun: dayRanges }, { requiredKeys: [] }) },
      { weight: 1, arbitrary: fc.constant({}) },
    ),
    exceptions: fc.uniqueArray(fc.record({ offset: fc.integer({ min: -2, max: 9 }), closed: fc.boolean(), ranges: dayRanges }), { maxLength: 4, selector: (e) => e.offset }),
    at: fc.integer({ min: -1440, max: 2 * 1440 }),
    span: fc.integer({ min: 0, max: 3 * 1440 }),
    add: fc.integer({ min: 0, max: 2 * 1440 }),
  })
  .map(({ zoneAndBase: [zone, base], ...c }) => {
    const definition: WeeklyDefinition = {
      kind: 'weekly',
      zone,
      week: c.week,
      exceptions: c.exceptions.map((e) => {
        const date = new Date((base + e.offset) * DAY).toISOString().slice(0, 10);
        return e.closed ? { date, closed: true as const } : { date, ranges: e.ranges };
      }),
    };
    const at = base * DAY + c.at * MIN;
    return { definition, at, span: c.span, add: c.add };
  });

const compiled = (definition: WeeklyDefinition): Calendar => {
  const decoded = decodeCalendar(definition);
  if (E.isLeft(decoded)) throw new Error(`generated an invalid calendar: ${JSON.stringify(decoded.left)}`);
  return decoded.right;
};

const RUNS = { numRuns: 100 };

describe('the calendar against a minute-by-minute reference (S9)', () => {
  test.prop([calendarCase], RUNS)('isOpen', ({ definition, at }) => {
    const ref = reference(definition, at - DAY);
    const cal = compiled(definition);
    // Every 7th minute of a day and a half: catches a boundary wherever it falls.
    for (let probe = at; probe < at + 1.5 * DAY; probe += 7 * MIN) expect(isOpen(cal, probe)).toBe(ref.isOpen(probe));
  });

  test.prop([calendarCase], RUNS)('nextOpening', ({ definition, at }) => {
    const ref = reference(definition, at - DAY);
    const expected = ref.nextOpening(at);
    const actual = nextOpening(compiled(definition), at);
    if (expected !== undefined) expect(actual).toBe(expected);
    else expect(actual === null || actual >= at + HORIZON).toBe(true);
  });

  test.prop([calendarCase], RUNS)('businessSeconds', ({ definition, at, span }) => {
    const ref = reference(definition, at - DAY);
    expect(businessSeconds(compiled(definition), at, at + span * MIN)).toBe(ref.businessSeconds(at, at + span * MIN));
  });

  test.prop([calendarCase], RUNS)('addBusinessSeconds', ({ definition, at, add }) => {
    const ref = reference(definition, at - DAY);
    const expected = add === 0 ? ref.nextOpening(at) : ref.addMinutes(at, add);
    const actual = addBusinessSeconds(compiled(definition), at, add * 60);
    if (expected !== undefined) expect(actual).toBe(expected);
    else expect(actual === null || actual > at + HORIZON).toBe(true);
  });

  test.prop([calendarCase], { numRuns: 100 })('businessSeconds and addBusinessSeconds are inverse where time is added', ({ definition, at, add }) => {
    const cal = compiled(definition);
    const due = addBusinessSeconds(cal, at, add * 60);
    if (due !== null) expect(businessSeconds(cal, at, due)).toBe(add * 60);
  });
});

describe('the calendar agrees with itself', () => {
  test.prop([calendarCase, fc.integer({ min: 0, max: 3 * 1440 })], { numRuns: 100 })('open at an instant exactly when its next opening is that instant; spans add up', ({ definition, at, span }, cut) => {
    const cal = compiled(definition);
    expect(nextOpening(cal, at) === at).toBe(isOpen(cal, at));
    const mid = at + Math.min(cut, span) * MIN;
    const end = at + span * MIN;
    expect(businessSeconds(cal, at, mid) + businessSeconds(cal, mid, end)).toBe(businessSeconds(cal, at, end));
  });

  test.prop([calendarCase], { numRuns: 100 })('encoding gives back the definition, which decodes to the same answers', ({ definition, at }) => {
    const cal = compiled(definition);
    expect(calendarCodec.encode(cal)).toEqual(definition);
    const again = compiled(calendarCodec.encode(cal) as WeeklyDefinition);
    expect(nextOpening(again, at)).toBe(nextOpening(cal, at));
  });
});
