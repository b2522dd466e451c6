// Shared generators and a brute-force reference for the SLA clock properties
// (T4, T5, T11): random business calendars at minute granularity (weekly ranges,
// closed days, ranges crossing midnight, dated exceptions) in UTC and
// Asia/Shanghai (fixed offsets, so the reference needs no zone rules), random
// waiting pauses, and a minute-by-minute counter that knows only the rule.
import { fc } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import { decodeCalendar } from '../../../src/domain/calendar/calendarCodec.js';
import type { Calendar, OpeningRangeDefinition, WeeklyDefinition } from '../../../src/domain/calendar/calendarTypes.js';
import type { Interval } from '../../../src/tickets/sla/slaTypes.js';
import { insideRanges, rangesOf } from '../../support/calendarReference.js';
import type { ReminderRule, SlaClock, SlaPolicy, SlaVersion } from '../../../src/tickets/settings/ticketSettingsTypes.js';

export const MIN = 60_000;
export const DAY = 86_400_000;
/** How many minutes after creation the properties look at. */
export const WINDOW_MINUTES = 4 * 1440;

const OFFSET_MINUTES: Record<string, number> = { UTC: 0, 'Asia/Shanghai': 480 };
/** 2026-11-30, a Monday. */
const BASE_DAY = Date.parse('2026-11-30T00:00:00Z') / DAY;

const hhmm = (m: number) => (m === 1440 ? '24:00' : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);

/** 0-3 ranges of one day at minute granularity; the last may cross midnight. */
const dayRanges: fc.Arbitrary<OpeningRangeDefinition[]> = fc
  .tuple(fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 6 }), fc.boolean(), fc.nat())
  .map(([points, cross, wrap]) => {
    const sorted = [...points].sort((a, b) => a - b);
    const ranges: OpeningRangeDefinition[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) ranges.push({ start: hhmm(sorted[i]!), end: hhmm(sorted[i + 1]!) });
    const last = ranges.length > 0 ? sorted[ranges.length * 2 - 2]! : undefined;
    if (cross && last !== undefined && last > 0) ranges[ranges.length - 1] = { start: hhmm(last), end: hhmm(wrap % last) };
    return ranges;
  });

/** A day closed one time in three. */
const weekDay = fc.oneof({ weight: 1, arbitrary: fc.constant([] as OpeningRangeDefinition[]) }, { weight: 2, arbitrary: dayRanges });

export const calendarDefinition: fc.Arbitrary<WeeklyDefinition> = fc
  .record({
    zone: fc.constantFrom('UTC', 'Asia/Shanghai'),
    week: fc.record({ mon: weekDay, tue: weekDay, wed: weekDay, thu: weekDay, fri: weekDay, sat: weekDay, sun: weekDay }),
    exceptions: fc.uniqueArray(fc.record({ offset: fc.integer({ min: -1, max: 12 }), closed: fc.boolean(), ranges: dayRanges }), { maxLength: 3, selector: (e) => e.offset }),
  })
  .map(({ zone, week, exceptions }) => ({
    kind: 'weekly' as const,
    zone,
    week,
    exceptions: exceptions.map((e) => {
      const date = new Date((BASE_DAY + e.offset) * DAY).toISOString().slice(0, 10);
      return e.closed ? { date, closed: true as const } : { date, ranges: e.ranges };
    }),
  }));

export const compiled = (definition: WeeklyDefinition): Calendar => {
  const decoded = decodeCalendar(definition);
  if (E.isLeft(decoded)) throw new Error(`generated an invalid calendar: ${JSON.stringify(decoded.left)}`);
  return decoded.right;
};

/** Creation at a whole minute in the first week from BASE_DAY. */
export const createdAtArb = fc.integer({ min: 0, max: 7 * 1440 }).map((m) => BASE_DAY * DAY + m * MIN);

/** Up to 3 pauses at whole minutes inside the window, the last one possibly open. */
export const pausesArb = (createdAt: number): fc.Arbitrary<Interval[]> =>
  fc.uniqueArray(fc.integer({ min: 0, max: WINDOW_MINUTES }), { maxLength: 6 }).map((cuts) => {
    const sorted = [...cuts].sort((a, b) => a - b).map((m) => createdAt + m * MIN);
    const pauses: Interval[] = [];
    for (let i = 0; i < sorted.length; i += 2) pauses.push(i + 1 < sorted.length ? { from: sorted[i]!, to: sorted[i + 1]! } : { from: sorted[i]! });
    return pauses;
  });

/** The pauses as the ticket knows them at `now`: those begun, the one running at `now` open. */
export const pausesKnownAt = (pauses: readonly Interval[], now: number): Interval[] =>
  pauses.filter((p) => p.from <= now).map((p) => (p.to === undefined || p.to > now ? { from: p.from } : p));

// ---- the reference ---------------------------------------------------------------

/** Whether the minute starting at the whole-minute instant `at` is open, from the definition alone. */
export const openMinute = (definition: WeeklyDefinition, at: number): boolean => {
  const wall = at + (OFFSET_MINUTES[definition.zone] ?? 0) * MIN;
  const day = Math.floor(wall / DAY);
  const m = (wall - day * DAY) / MIN;
  return insideRanges((d) => rangesOf(definition, d), day, m);
};

/**
 * The clock counted minute by minute over the window: minute i counts when the
 * calendar is open and no pause covers it (an open pause covers everything after
 * its start).
 */
export const bruteClock = (definition: WeeklyDefinition, startedAt: number, pauses: readonly Interval[]) => {
  const counts: boolean[] = [];
  for (let i = 0; i < WINDOW_MINUTES; i++) {
    const at = startedAt + i * MIN;
    const paused = pauses.some((p) => p.from <= at && (p.to === undefined || at < p.to));
    counts.push(!paused && openMinute(definition, at));
  }
  const openPause = pauses.find((p) => p.to === undefined);
  return {
    /** Counted minutes in [startedAt, at), `at` a whole minute inside the window. */
    elapsedMinutes: (at: number): number => {
      let n = 0;
      for (let i = 0; i < (at - startedAt) / MIN; i++) if (counts[i]) n++;
      return n;
    },
    /**
     * The first instant the count reaches n (n = 0: the start of the first counted
     * minute); 'unknown' when an open pause begins first; 'beyond' when not within the window.
     */
    instantAt: (n: number): number | 'unknown' | 'beyond' => {
      let count = 0;
      for (let i = 0; i < WINDOW_MINUTES; i++) {
        if (counts[i]) {
          if (n === 0) return startedAt + i * MIN;
          if (++count === n) return startedAt + (i + 1) * MIN;
        }
      }
      return openPause !== undefined ? 'unknown' : 'beyond';
    },
  };
};

// ---- policies ----------------------------------------------------------------------

const clockArb: fc.Arbitrary<SlaClock> = fc.constantFrom('response', 'resolution');

export const ruleArb: fc.Arbitrary<ReminderRule> = fc.record({
  clock: clockArb,
  when: fc.oneof(
    fc.record({ kind: fc.constant('before' as const), minutes: fc.integer({ min: 0, max: 600 }) }),
    fc.constant({ kind: 'at' as const }),
    fc.record({ kind: fc.constant('after' as const), everyMinutes: fc.integer({ min: 1, max: 240 }), count: fc.integer({ min: 1, max: 4 }) }),
  ),
});

export const policyArb: fc.Arbitrary<SlaPolicy> = fc
  .record({
    response: fc.integer({ min: 1, max: 1500 }),
    resolution: fc.integer({ min: 1, max: 3000 }),
    reminders: fc.array(ruleArb, { maxLength: 5 }),
    revision: fc.integer({ min: 1, max: 9 }),
  })
  .map(({ response, resolution, reminders, revision }) => policyOf({ response, resolution, reminders, revision }));

export const policyOf = (p: { response: number; resolution: number; reminders: readonly ReminderRule[]; revision?: number; policyId?: string }): SlaPolicy => {
  const targets = { responseMinutes: p.response, resolutionMinutes: p.resolution };
  return {
    policyId: p.policyId ?? 'p1',
    name: 'policy',
    typeIds: ['t1'],
    targets: { urgent: targets, normal: targets, low: targets },
    reminders: p.reminders,
    recipients: { assignee: true, creator: false, people: [] },
    enabled: true,
    calendar: { kind: 'calendar', calendarId: 'c1' },
    revision: p.revision ?? 1,
  };
};

export const versionOf = (version: number, policy: SlaPolicy): SlaVersion => ({ version, effectiveAt: 0, policies: [policy], calendars: new Map() });
