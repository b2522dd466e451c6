/**
 * "The last N months" of a list (S13: the starred and recent-contact lists cover
 * the last 6 months, [003] §2.2): the instant N calendar months before `now`, in
 * UTC, the day clamped to the target month's length (31 August - 6 months is 28
 * or 29 February). Pure: a function of its arguments (Date only does calendar
 * arithmetic here, it reads no clock). The hours between UTC and a shop's zone
 * are left out: at a six-month scale they move the edge by a few hours only.
 */
export const DEFAULT_LIST_WINDOW_MONTHS = 6;

export const MAX_LIST_WINDOW_MONTHS = 1200;

/** A window's length is configuration: a wrong one is a programming error, thrown where it is set. */
export const checkWindowMonths = (months: number): number => {
  if (!Number.isInteger(months) || months < 1 || months > MAX_LIST_WINDOW_MONTHS) throw new RangeError(`window: months must be an integer from 1 to ${MAX_LIST_WINDOW_MONTHS}, got ${String(months)}`);
  return months;
};

export const monthsBefore = (now: number, months: number): number => {
  checkWindowMonths(months);
  const d = new Date(now);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
};
