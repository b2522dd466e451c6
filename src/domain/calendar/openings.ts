/**
 * The one walk the four functions share: the calendar's open intervals of UTC
 * instants, in order, day by day from the local day before `from` (a range that
 * crosses midnight may still be open), each range turned into
 * [firstReach(start), firstReach(end)) and touching or overlapping intervals
 * united. Cost: a few zone look-ups per day with ranges, O(ranges) arithmetic per
 * day, never a step per minute.
 *
 * When does it stop if nothing opens? Days without ranges cost nothing, and:
 * - when no weekday has a range, only exception days can open: the walk jumps from
 *   one exception day to the next (binary search) and ends after the last one;
 * - otherwise the week opens every seven days, except where a DST gap swallows a
 *   range (02:15-02:45 on a spring-forward day) or an exception closes the day:
 *   past the last exception date, 14 consecutive days without an opening end the
 *   walk. So a walk that finds nothing spans at most (days to the last exception)
 *   + 14 days, and jumps over the empty ones.
 */
import type { Span, WeeklyCalendar } from './calendarTypes.js';
import { weekdayIndex } from './localTime.js';
import { DAY_MS, MINUTE_MS, firstReach, wallAt } from './zone.js';

/** Past the last exception, this many days in a row without an opening mean "never again". */
export const QUIET_DAYS_LIMIT = 14;

const NO_SPANS: readonly Span[] = [];

export const spansOfDay = (calendar: WeeklyCalendar, day: number): readonly Span[] =>
  calendar.exceptions.get(day) ?? calendar.week[weekdayIndex(day)] ?? NO_SPANS;

/** The first exception day >= day, or undefined. */
const nextExceptionDay = (days: readonly number[], day: number): number | undefined => {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  return days[lo];
};

/** The local day (day number) of an instant in the calendar's zone. */
export const localDayOf = (zone: string, at: number): number => Math.floor(wallAt(zone, at) / DAY_MS);

/**
 * Calls `visit(start, end)` for each maximal open interval that ends after `from`,
 * in order, until `visit` returns false or no opening is left (see the bound above).
 */
export const walkOpenings = (calendar: WeeklyCalendar, from: number, visit: (start: number, end: number) => boolean): void => {
  const { zone, exceptionDays, weeklyOpens } = calendar;
  const lastException = exceptionDays.length > 0 ? exceptionDays[exceptionDays.length - 1]! : -Infinity;
  let day = localDayOf(zone, from) - 1;
  let pendingStart = 0;
  let pendingEnd = -Infinity;
  let quiet = 0;
  for (;;) {
    if (!weeklyOpens) {
      // Only exception days open: jump to the next one, or stop after the last.
      const next = nextExceptionDay(exceptionDays, day);
      if (next === undefined) break;
      day = next;
    } else if (day > lastException && quiet > QUIET_DAYS_LIMIT) {
      break;
    }
    const spans = spansOfDay(calendar, day);
    const midnight = day * DAY_MS;
    let opened = false;
    for (const span of spans) {
      const start = firstReach(zone, midnight + span.start * MINUTE_MS);
      const end = firstReach(zone, midnight + span.end * MINUTE_MS);
      if (end <= start || end <= from) continue; // swallowed by a DST gap, or over before `from`
      opened = true;
      if (start <= pendingEnd) {
        if (end > pendingEnd) pendingEnd = end;
        continue;
      }
      if (pendingEnd > from && !visit(pendingStart, pendingEnd)) return;
      pendingStart = start;
      pendingEnd = end;
    }
    quiet = opened || day <= lastException ? 0 : quiet + 1;
    day += 1;
  }
  if (pendingEnd > from) visit(pendingStart, pendingEnd);
};
