/**
 * A business calendar, as configured (the definition: what a shop's settings
 * store and what the codec reads) and as compiled (minutes and day numbers, what
 * the four functions in businessTime.ts walk).
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * An opening range in local time, "HH:MM" to "HH:MM". `end` may be "24:00". An
 * `end` before `start` means the range crosses midnight and ends on the next day
 * (22:00-02:00); it belongs to the day it starts on. `end` equal to `start` is
 * refused (it could mean nothing or a whole day: say 00:00-24:00).
 */
export interface OpeningRangeDefinition {
  readonly start: string;
  readonly end: string;
}

/**
 * A local date (YYYY-MM-DD) that does not follow the week: closed all day (a
 * holiday), or open on its own ranges, which replace that weekday's (a make-up
 * working day, shorter hours). A range of the day before that crosses midnight
 * still ends as it says: it belongs to the day before.
 */
export interface CalendarExceptionDefinition {
  readonly date: string;
  readonly closed?: true;
  readonly ranges?: readonly OpeningRangeDefinition[];
  /** What the day is, for people (国庆节, make-up day): not used by the calendar. */
  readonly name?: string;
}

export interface AlwaysOpenDefinition {
  readonly kind: '24x7';
  /** The shop's zone still matters to others (a natural day for the welcome message). */
  readonly zone: string;
}

export interface WeeklyDefinition {
  readonly kind: 'weekly';
  readonly zone: string;
  /** A weekday left out is closed. */
  readonly week: Partial<Record<Weekday, readonly OpeningRangeDefinition[]>>;
  readonly exceptions?: readonly CalendarExceptionDefinition[];
}

export type CalendarDefinition = AlwaysOpenDefinition | WeeklyDefinition;

/** A compiled range: minutes from its day's local midnight, 0 <= start < end <= 2880. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface AlwaysOpenCalendar {
  readonly kind: '24x7';
  readonly zone: string;
  readonly definition: AlwaysOpenDefinition;
}

export interface WeeklyCalendar {
  readonly kind: 'weekly';
  readonly zone: string;
  /** Index 0 is Monday; each day's spans sorted by start, not overlapping. */
  readonly week: readonly (readonly Span[])[];
  /** Local day number (days since 1970-01-01) -> that day's spans ([] = closed). */
  readonly exceptions: ReadonlyMap<number, readonly Span[]>;
  /** The exception days in ascending order, to jump to the next one. */
  readonly exceptionDays: readonly number[];
  /** Whether some weekday has a range (if not, only exception days can open). */
  readonly weeklyOpens: boolean;
  readonly definition: WeeklyDefinition;
}

export type Calendar = AlwaysOpenCalendar | WeeklyCalendar;
