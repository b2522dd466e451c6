/**
 * Zone rules from Intl itself (the ICU data that ships with Node), not from a
 * library: the only question the calendar asks a zone is "what is the UTC offset
 * at this instant", Intl.DateTimeFormat answers it from data that is updated with
 * every Node release, and it costs no dependency, no bundled copy of tzdata to
 * keep current, and nothing impure (formatting is a computation). Temporal would
 * answer the reverse question (wall time -> instant) for us, but its polyfills add
 * 50-200 kB to the bundle for the twenty lines below (`firstReach`), and its
 * 'compatible' rule moves a time in a DST gap later by the gap's length, which is
 * not the rule business hours want (see `firstReach`). Luxon likewise. When Node
 * ships Temporal, this is the one file to change.
 *
 * Wall times are handled as "wall milliseconds": the local date and time written
 * as if it were UTC (`Date.UTC(y, m - 1, d, hh, mm)`), so that day arithmetic on
 * local dates is plain integer arithmetic.
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

// One formatter per zone: building one costs ~50 µs, using it ~2 µs.
const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (zone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
};

/** Whether Intl knows the zone (an IANA name such as `Asia/Shanghai`, or `UTC`). */
export const isKnownZone = (zone: string): boolean => {
  if (zone.length === 0 || zone.length > 64) return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
};

// `format` is five times faster than `formatToParts`; its en-US shape with h23 is
// "12/31/1969, 19:00:00". Should an ICU release change that shape, the parts are read.
const shape = /^(\d+)\/(\d+)\/(\d+), (\d+):(\d+):(\d+)$/;

const wallOf = (formatter: Intl.DateTimeFormat, at: number): number => {
  const m = shape.exec(formatter.format(at));
  if (m !== null) return Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]));
  const part = (parts: Intl.DateTimeFormatPart[], type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const parts = formatter.formatToParts(at);
  return Date.UTC(part(parts, 'year'), part(parts, 'month') - 1, part(parts, 'day'), part(parts, 'hour'), part(parts, 'minute'), part(parts, 'second'));
};

/** The zone's offset from UTC at `at`, in milliseconds (wall = at + offset). Zone offsets are whole seconds. */
export const offsetAt = (zone: string, at: number): number => {
  const whole = Math.floor(at / 1000) * 1000;
  return wallOf(formatterFor(zone), whole) - whole;
};

// The offset at each UTC midnight, memoised: `firstReach` asks for the same few days
// again and again. A pure function's memo, bounded, so the core stays pure in effect.
const midnightOffsets = new Map<string, Map<number, number>>();
const MEMO_LIMIT = 20_000;

const offsetAtUtcDay = (zone: string, day: number): number => {
  let byDay = midnightOffsets.get(zone);
  if (byDay === undefined) {
    byDay = new Map();
    midnightOffsets.set(zone, byDay);
  }
  let offset = byDay.get(day);
  if (offset === undefined) {
    if (byDay.size >= MEMO_LIMIT) byDay.clear();
    offset = offsetAt(zone, day * DAY_MS);
    byDay.set(day, offset);
  }
  return offset;
};

/** The local wall time at `at`, in wall milliseconds. */
export const wallAt = (zone: string, at: number): number => at + offsetAt(zone, at);

/**
 * The first instant at which the zone's clock reads `wall` or a later time: the
 * meaning of a range boundary (see the README, "business calendar and DST").
 * - Most days: the one instant with that wall time.
 * - DST overlap (the wall time happens twice): the earlier one.
 * - DST gap (the wall time never happens): the instant the clocks jump past it.
 * It never decreases as `wall` grows, so a range never ends before it starts.
 *
 * The offsets at the UTC midnights one day before and two days after the wall date
 * frame every instant that can show that wall time (offsets stay within ±18 h);
 * when they agree the answer is `wall - offset` (zones change offset at most once
 * in three days). When they differ, a transition lies between: the candidates are
 * checked, and in a gap the transition instant is found by bisection to the second.
 */
export const firstReach = (zone: string, wall: number): number => {
  const day = Math.floor(wall / DAY_MS);
  const before = offsetAtUtcDay(zone, day - 1);
  const after = offsetAtUtcDay(zone, day + 2);
  if (before === after) return wall - before;
  const early = wall - Math.max(before, after);
  const late = wall - Math.min(before, after);
  if (wallAt(zone, early) === wall) return early;
  if (wallAt(zone, late) === wall) return late;
  // A gap: the clocks jump from before `wall` to after it at some instant in (early, late].
  let lo = Math.floor(early / 1000);
  let hi = Math.ceil(late / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallAt(zone, mid * 1000) >= wall) hi = mid;
    else lo = mid;
  }
  return hi * 1000;
};
