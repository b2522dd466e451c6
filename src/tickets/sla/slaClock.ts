/**
 * T4/T5: the elapsed time of one SLA clock, and its inverse. A clock counts the
 * business seconds of its calendar from `startedAt` (the ticket's creation),
 * minus the business seconds of its pauses (the waiting-on-customer intervals of
 * the resolution clock). Pauses are [from, to) intervals, sorted, not
 * overlapping, each from >= startedAt; the last one may be open (no `to`: it
 * lasts until the instant asked about).
 */
import { addBusinessSeconds, businessSeconds, nextOpening } from '../../domain/calendar/businessTime.js';
import type { Calendar } from '../../domain/calendar/calendarTypes.js';
import type { Interval } from './slaTypes.js';

/** Business seconds counted by the clock in [startedAt, at): open time outside the pauses. */
export const elapsedSeconds = (calendar: Calendar, startedAt: number, pauses: readonly Interval[], at: number): number => {
  if (at <= startedAt) return 0;
  let total = businessSeconds(calendar, startedAt, at);
  for (const pause of pauses) {
    const from = Math.max(pause.from, startedAt);
    if (from >= at) break;
    const to = Math.min(pause.to ?? at, at);
    total -= businessSeconds(calendar, from, to);
  }
  return total;
};

/**
 * The first instant at which the clock has counted `seconds`: its due time for a
 * target. As addBusinessSeconds: 0 seconds give the first instant the clock runs
 * (open and not paused); time that runs out exactly at a closing (or where a
 * pause begins) gives that instant. Null when it falls in or after an open pause
 * (unknown until the pause ends) or the calendar never opens long enough again.
 */
export const instantAtElapsed = (calendar: Calendar, startedAt: number, pauses: readonly Interval[], seconds: number): number | null => {
  let remaining = Math.max(0, seconds);
  let cursor = startedAt;
  for (const pause of pauses) {
    const end = Math.max(pause.from, cursor);
    if (remaining === 0) {
      const opening = nextOpening(calendar, cursor);
      if (opening === null) return null;
      if (opening < end) return opening;
    } else {
      const available = businessSeconds(calendar, cursor, end);
      if (remaining <= available) return addBusinessSeconds(calendar, cursor, remaining);
      remaining -= available;
    }
    if (pause.to === undefined) return null;
    cursor = Math.max(cursor, pause.to);
  }
  return addBusinessSeconds(calendar, cursor, remaining);
};
