/**
 * A definition that passed the codec, compiled once: times to minutes, dates to
 * day numbers, each day's ranges sorted by start. The four functions then do only
 * integer arithmetic and zone look-ups.
 */
import type { Calendar, CalendarDefinition, OpeningRangeDefinition, Span } from './calendarTypes.js';
import { WEEKDAYS } from './calendarTypes.js';
import { dayNumberOf, minutesOf } from './localTime.js';

/** A range in minutes from its day's midnight; a crossing range ends past 1440. */
export const spanOf = (range: OpeningRangeDefinition): Span => {
  const start = minutesOf(range.start) ?? 0;
  const end = minutesOf(range.end) ?? 0;
  return { start, end: end > start ? end : end + 1440 };
};

const spansOf = (ranges: readonly OpeningRangeDefinition[]): readonly Span[] => ranges.map(spanOf).sort((a, b) => a.start - b.start);

/** Expects a definition the codec accepted (times, dates and overlaps already checked). */
export const compileCalendar = (definition: CalendarDefinition): Calendar => {
  if (definition.kind === '24x7') return { kind: '24x7', zone: definition.zone, definition };
  const week = WEEKDAYS.map((d) => spansOf(definition.week[d] ?? []));
  const exceptions = new Map<number, readonly Span[]>();
  for (const e of definition.exceptions ?? []) {
    const day = dayNumberOf(e.date);
    if (day !== undefined) exceptions.set(day, e.closed === true ? [] : spansOf(e.ranges ?? []));
  }
  return {
    kind: 'weekly',
    zone: definition.zone,
    week,
    exceptions,
    exceptionDays: [...exceptions.keys()].sort((a, b) => a - b),
    weeklyOpens: week.some((spans) => spans.length > 0),
    definition,
  };
};
