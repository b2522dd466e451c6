/**
 * The four questions every clock of kefu asks a business calendar, over UTC
 * instants in epoch milliseconds (as `meta.now` and deadlines are). Pure: the
 * same calendar and instants always give the same answer. Each call walks the
 * calendar's open intervals (openings.ts): O(ranges x days spanned).
 */
import type { Calendar } from './calendarTypes.js';
import { walkOpenings } from './openings.js';

/** Whether the calendar is open at `at` (a range includes its start, not its end). */
export const isOpen = (calendar: Calendar, at: number): boolean => {
  if (calendar.kind === '24x7') return true;
  let open = false;
  walkOpenings(calendar, at, (start) => {
    open = start <= at;
    return false;
  });
  return open;
};

/**
 * The first instant at or after `at` when the calendar is open: `at` itself when
 * it is open at `at`; null when it never opens again (see openings.ts for how far
 * "never" is looked for).
 */
export const nextOpening = (calendar: Calendar, at: number): number | null => {
  if (calendar.kind === '24x7') return at;
  let found: number | null = null;
  walkOpenings(calendar, at, (start) => {
    found = Math.max(start, at);
    return false;
  });
  return found;
};

/** Open time between `from` and `to` (from included, to excluded), in seconds; 0 when `to <= from`. */
export const businessSeconds = (calendar: Calendar, from: number, to: number): number => {
  if (to <= from) return 0;
  if (calendar.kind === '24x7') return (to - from) / 1000;
  let ms = 0;
  walkOpenings(calendar, from, (start, end) => {
    if (start >= to) return false;
    ms += Math.min(end, to) - Math.max(start, from);
    return end < to;
  });
  return ms / 1000;
};

/**
 * The instant when `seconds` of open time have passed since `from`: an SLA's due
 * time. When closed at `from`, counting starts at the next opening; 0 seconds give
 * that opening (or `from` when open). Time that runs out exactly at a closing gives
 * the closing instant, not the next opening. Negative seconds count as 0. Null
 * when the calendar does not open long enough ever again.
 */
export const addBusinessSeconds = (calendar: Calendar, from: number, seconds: number): number | null => {
  let remaining = Math.max(0, seconds) * 1000;
  if (calendar.kind === '24x7') return from + remaining;
  let due: number | null = null;
  walkOpenings(calendar, from, (start, end) => {
    const begin = Math.max(start, from);
    if (remaining <= end - begin) {
      due = begin + remaining;
      return false;
    }
    remaining -= end - begin;
    return true;
  });
  return due;
};
