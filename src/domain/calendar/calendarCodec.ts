/**
 * Reading a calendar definition at the boundary: every problem is reported with
 * the path of its field (`week.mon.1`, `exceptions.0.date`, `zone`), and what
 * passes is compiled once into minutes and day numbers (compile.ts).
 *
 * Crossing midnight is expressed by the times alone: `end` before `start`
 * (22:00-02:00) ends on the next day. `start` equal to `end` is refused.
 * Ranges of one day may touch (09:00-12:00, 12:00-14:00) but not overlap; the
 * comparison takes a crossing range as running to its end on the next day. The
 * spill of a crossing range into the next day may overlap that day's ranges:
 * the calendar is open while either is (they are united).
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { ValidationError } from '../errors.js';
import { decodeWith, describedAs, mustBeObject, nonEmptyString, oneOf, struct } from '../validation.js';
import type {
  AlwaysOpenDefinition,
  Calendar,
  CalendarDefinition,
  CalendarExceptionDefinition,
  OpeningRangeDefinition,
  WeeklyDefinition,
} from './calendarTypes.js';
import { WEEKDAYS } from './calendarTypes.js';
import { compileCalendar, spanOf } from './compile.js';
import { dayNumberOf, minutesOf } from './localTime.js';
import { isKnownZone } from './zone.js';

/** At most this many ranges in one day: more is a mistake, and it bounds each call's cost. */
export const MAX_RANGES_PER_DAY = 48;
/** At most this many dated exceptions (about ten years of holidays and make-up days). */
export const MAX_EXCEPTIONS = 1000;

const show = (u: unknown): string => {
  const text = JSON.stringify(u);
  return text === undefined ? typeof u : text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

const at = (c: t.Context, key: string | number, actual: unknown): t.Context => [...c, { key: String(key), type: t.unknown, actual }];

const stringOf = (name: string, ok: (s: string) => boolean, reason: (u: unknown) => string) =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && ok(u),
    (u, c) => (typeof u === 'string' && ok(u) ? t.success(u) : t.failure(u, c, reason(u))),
    t.identity,
  );

export const timeZoneCodec = stringOf('TimeZone', isKnownZone, (u) =>
  typeof u === 'string' ? `unknown time zone ${show(u)} (an IANA name such as Asia/Shanghai)` : `expected an IANA time zone name, got ${show(u)}`,
);

const startTime = stringOf('StartTime', (s) => (minutesOf(s) ?? 1440) < 1440, (u) => `must be a local time HH:MM from 00:00 to 23:59, got ${show(u)}`);
const endTime = stringOf('EndTime', (s) => minutesOf(s) !== undefined, (u) => `must be a local time HH:MM from 00:00 to 24:00, got ${show(u)}`);

export const localDateCodec = stringOf('LocalDate', (s) => dayNumberOf(s) !== undefined, (u) => `must be a local date YYYY-MM-DD (a real date, year 1900 or later), got ${show(u)}`);

const rangeShape = struct('OpeningRange', { start: startTime, end: endTime });

export const openingRangeCodec = new t.Type<OpeningRangeDefinition, OpeningRangeDefinition, unknown>(
  'OpeningRange',
  (u): u is OpeningRangeDefinition => rangeShape.is(u) && u.start !== u.end,
  (u, c) => {
    const shaped = rangeShape.validate(u, c);
    if (E.isLeft(shaped)) return shaped;
    const range = shaped.right;
    if (minutesOf(range.start) === minutesOf(range.end)) {
      return t.failure(range.end, at(c, 'end', range.end), `must differ from start ${range.start} (an end before the start crosses midnight; a whole day is 00:00-24:00)`);
    }
    return t.success(range);
  },
  t.identity,
);

const label = (r: OpeningRangeDefinition) => `${r.start}-${r.end}`;

/** One day's ranges: at most MAX_RANGES_PER_DAY, none overlapping another. */
export const dayRangesCodec: t.Type<readonly OpeningRangeDefinition[], readonly OpeningRangeDefinition[], unknown> = describedAs(new t.Type<readonly OpeningRangeDefinition[], readonly OpeningRangeDefinition[], unknown>(
  'DayRanges',
  (u): u is readonly OpeningRangeDefinition[] => E.isRight(dayRangesCodec.validate(u, [])),
  (u, c) => {
    const listed = t.readonlyArray(openingRangeCodec).validate(u, c);
    if (E.isLeft(listed)) return listed;
    const ranges = listed.right;
    if (ranges.length > MAX_RANGES_PER_DAY) return t.failure(u, c, `must have at most ${MAX_RANGES_PER_DAY} ranges, got ${ranges.length}`);
    const order = ranges.map((r, i) => ({ span: spanOf(r), i })).sort((a, b) => a.span.start - b.span.start);
    const errors: t.ValidationError[] = [];
    for (let k = 1; k < order.length; k++) {
      const prev = order[k - 1]!;
      const cur = order[k]!;
      if (cur.span.start < prev.span.end) {
        const later = Math.max(prev.i, cur.i);
        const other = Math.min(prev.i, cur.i);
        errors.push({
          value: ranges[later],
          context: at(c, later, ranges[later]),
          message: `${label(ranges[later]!)} overlaps range ${other} (${label(ranges[other]!)})`,
        });
      }
    }
    return errors.length > 0 ? t.failures(errors) : t.success(ranges);
  },
  t.identity,
), 'a list of opening ranges');

const exceptionShape = struct('CalendarException', { date: localDateCodec }, { closed: t.literal(true), ranges: dayRangesCodec, name: nonEmptyString(100) });

export const calendarExceptionCodec = new t.Type<CalendarExceptionDefinition, CalendarExceptionDefinition, unknown>(
  'CalendarException',
  (u): u is CalendarExceptionDefinition => exceptionShape.is(u) && (u.closed === true) !== (u.ranges !== undefined),
  (u, c) => {
    const shaped = exceptionShape.validate(u, c);
    if (E.isLeft(shaped)) return shaped;
    const e = shaped.right;
    if ((e.closed === true) === (e.ranges !== undefined)) {
      return t.failure(u, c, 'must say either closed: true (closed all day) or ranges (that day\'s own opening ranges), not both or neither');
    }
    return t.success(e);
  },
  t.identity,
);

const exceptionsCodec = new t.Type<readonly CalendarExceptionDefinition[], readonly CalendarExceptionDefinition[], unknown>(
  'CalendarExceptions',
  (u): u is readonly CalendarExceptionDefinition[] => E.isRight(exceptionsCodec.validate(u, [])),
  (u, c) => {
    if (!Array.isArray(u)) return t.failure(u, c, `expected a list of exceptions, got ${show(u)}`);
    if (u.length > MAX_EXCEPTIONS) return t.failure(u, c, `must have at most ${MAX_EXCEPTIONS} exceptions, got ${u.length}`);
    // Each exception on its own, so that a duplicate date is reported beside other problems.
    const seen = new Map<string, number>();
    const errors: t.ValidationError[] = [];
    const list: CalendarExceptionDefinition[] = [];
    u.forEach((item: unknown, i) => {
      const decoded = calendarExceptionCodec.validate(item, at(c, i, item));
      if (E.isLeft(decoded)) errors.push(...decoded.left);
      else list.push(decoded.right);
      const date = (item as { date?: unknown } | null)?.date;
      if (typeof date !== 'string' || dayNumberOf(date) === undefined) return;
      const first = seen.get(date);
      if (first === undefined) seen.set(date, i);
      else errors.push({ value: date, context: at(at(c, i, item), 'date', date), message: `duplicate date ${date} (also exceptions.${first})` });
    });
    return errors.length > 0 ? t.failures(errors) : t.success(list);
  },
  t.identity,
);

const weekCodec = struct(
  'Week',
  {},
  Object.fromEntries(WEEKDAYS.map((d) => [d, dayRangesCodec])) as Record<(typeof WEEKDAYS)[number], typeof dayRangesCodec>,
);

const alwaysOpenCodec = struct('AlwaysOpenCalendar', { kind: t.literal('24x7'), zone: timeZoneCodec });
const weeklyCodec = struct('WeeklyCalendar', { kind: t.literal('weekly'), zone: timeZoneCodec, week: weekCodec }, { exceptions: exceptionsCodec });
const kindCodec = oneOf('CalendarKind', ['24x7', 'weekly']);

/**
 * The definition, read by its `kind` (so that a bad zone is reported as a bad
 * zone, not as "matches neither kind of calendar").
 */
export const calendarDefinitionCodec = new t.Type<CalendarDefinition, CalendarDefinition, unknown>(
  'CalendarDefinition',
  (u): u is CalendarDefinition => alwaysOpenCodec.is(u) || weeklyCodec.is(u),
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, mustBeObject('CalendarDefinition', show(u)));
    const kind = kindCodec.validate((u as { kind?: unknown }).kind, at(c, 'kind', (u as { kind?: unknown }).kind));
    if (E.isLeft(kind)) return kind;
    return kind.right === '24x7'
      ? (alwaysOpenCodec.validate(u, c) as t.Validation<AlwaysOpenDefinition>)
      : (weeklyCodec.validate(u, c) as t.Validation<WeeklyDefinition>);
  },
  t.identity,
);

/** Decodes a definition into a compiled calendar; encodes back to the definition as given. */
export const calendarCodec = new t.Type<Calendar, CalendarDefinition, unknown>(
  'Calendar',
  (u): u is Calendar => typeof u === 'object' && u !== null && 'definition' in u && calendarDefinitionCodec.is((u as Calendar).definition),
  (u, c) => {
    const definition = calendarDefinitionCodec.validate(u, c);
    return E.isLeft(definition) ? definition : t.success(compileCalendar(definition.right));
  },
  (calendar) => calendar.definition,
);

/** Reads a calendar definition: `Left` names each bad field (source `calendar`). */
export const decodeCalendar: (input: unknown) => E.Either<ValidationError, Calendar> = decodeWith(calendarCodec, 'calendar');

/** The 24x7 calendar of a zone (the zone still gives the shop its natural days). */
export const alwaysOpen = (zone = 'UTC'): E.Either<ValidationError, Calendar> => decodeCalendar({ kind: '24x7', zone });
