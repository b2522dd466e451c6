/**
 * Reading the attendance state for a query: an agent's day figures in a range,
 * with the interval still running added (the status the agent is in now, up to
 * the query's `asOf`, else up to the latest event the report saw for the shop),
 * and the day's status timeline. Queries never touch the state: the running
 * interval is added to copies.
 */
import * as E from 'fp-ts/lib/Either.js';
import { DAY_MS, offsetAt } from '../../../domain/calendar/zone.js';
import { validationError, type ValidationError } from '../../../domain/errors.js';
import { dayClock, dayNumber, type DayClock } from '../reportKit.js';
import { addInterval, attendanceStatusOf, newCell, type AgentAttendance, type AttendanceState, type DayCell, type StatusChange } from './attendanceFold.js';

/** One agent's day, as a query sees it. Times are epoch ms; a day still running has no latest offline yet. */
export interface DayFigures {
  readonly day: number;
  readonly earliestOnline: number | null;
  readonly latestOffline: number | null;
  readonly onlineMs: number;
  readonly busyMs: number;
  readonly offlineMs: number;
  readonly assignments: number;
  /** Whether M17 shows the day: a status change, or online/busy some time of it. */
  readonly attended: boolean;
}

/** Where a shop's running intervals end for a query: `asOf` if given, else the latest event seen. */
export const runningEnd = (state: AttendanceState, shopId: string, asOf: number | undefined): number => asOf ?? state[shopId]?.lastAt ?? 0;

const copy = (cell: DayCell): DayCell => ({ ...cell, timeline: [] });

/** The agent's days in [fromDay, toDay] that have anything, oldest first. */
export const agentDays = (clock: DayClock, agent: AgentAttendance, fromDay: number, toDay: number, end: number): DayFigures[] => {
  const days: Record<string, DayCell> = {};
  const changes: Record<string, number> = {};
  for (const key of Object.keys(agent.days)) {
    const day = Number(key);
    const cell = agent.days[key] as DayCell;
    if (day < fromDay || day > toDay) continue;
    days[key] = copy(cell);
    changes[key] = cell.timeline.length + cell.timelineTruncated;
  }
  const status = attendanceStatusOf(agent.status);
  if (status !== 'offline') {
    const rangeStart = clock.startOf(fromDay);
    const rangeEnd = clock.startOf(toDay + 1);
    const start = agent.since > rangeStart ? agent.since : rangeStart;
    const until = end < rangeEnd ? end : rangeEnd;
    const cellFor = (day: number): DayCell => (days[day] ??= newCell());
    addInterval(clock, cellFor, status, start, until);
    // Still online now: the day is not over, so it has no latest offline yet.
    const today = clock.dayOf(end);
    if (end >= agent.since && end < rangeEnd && today >= fromDay) cellFor(today).latestOffline = null;
  }
  return Object.keys(days)
    .map(Number)
    .sort((a, b) => a - b)
    .map((day) => {
      const c = days[day] as DayCell;
      const attended = (changes[day] ?? 0) > 0 || c.onlineMs + c.busyMs > 0 || c.earliestOnline !== null;
      return { day, earliestOnline: c.earliestOnline, latestOffline: c.latestOffline, onlineMs: c.onlineMs, busyMs: c.busyMs, offlineMs: c.offlineMs, assignments: c.assignments, attended };
    });
};

/** Milliseconds of local wall time into `day` (the day's end is 24:00, 86,400,000). */
export const wallMsOfDay = (zone: string, clock: DayClock, day: number, at: number): number =>
  at >= clock.startOf(day + 1) ? DAY_MS : Math.max(0, at + offsetAt(zone, at) - day * DAY_MS);

const two = (n: number) => String(n).padStart(2, '0');

/** `HH:MM:SS` of milliseconds into a day (seconds floored; 24:00:00 for the day's end). */
export const clockTime = (ms: number): string => {
  const s = Math.floor(ms / 1000);
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
};

export interface DayTimeline {
  readonly changes: readonly StatusChange[];
  /** Changes past the kept TIMELINE_LIMIT of the day, only counted. */
  readonly truncated: number;
}

/**
 * M17 "查看时间轴": the agent's status changes on a natural day (`YYYY-MM-DD`),
 * in order. An unknown agent or a malformed day is a ValidationError naming it.
 */
export const timeline = (state: AttendanceState, shopId: string, agentId: string, day: string): E.Either<ValidationError, DayTimeline> => {
  const dayNo = dayNumber(day);
  const agent = state[shopId]?.agents[agentId];
  const issues = [
    ...(dayNo === undefined ? [{ path: 'day', reason: `expected a date YYYY-MM-DD, got ${JSON.stringify(day)}` }] : []),
    ...(agent === undefined ? [{ path: 'agentId', reason: `unknown agent ${JSON.stringify(agentId)} in shop ${shopId}` }] : []),
  ];
  if (issues.length > 0 || dayNo === undefined || agent === undefined) return E.left(validationError('AttendanceTimeline', issues));
  const cell = agent.days[dayNo];
  return E.right({ changes: cell === undefined ? [] : cell.timeline.map((c) => ({ ...c })), truncated: cell?.timelineTruncated ?? 0 });
};

/** A day clock per zone for queries (the fold has its own). */
const clocks = new Map<string, DayClock>();
export const queryClock = (zone: string): DayClock => {
  let clock = clocks.get(zone);
  if (clock === undefined) {
    if (clocks.size > 100) clocks.clear();
    clock = dayClock(zone);
    clocks.set(zone, clock);
  }
  return clock;
};
