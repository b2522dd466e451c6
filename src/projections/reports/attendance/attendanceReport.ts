/**
 * M17 attendance (003 §6.5): a row per agent per natural day it attended (a
 * status change that day, or online/busy some time of it), then the day's team
 * average row. Earliest online and latest offline are local wall times
 * `HH:MM:SS` (`24:00:00`: still online at the day's end; null: none that day,
 * or the day is still running with the agent online); durations are seconds.
 * service = online + busy; offline counts only between the earliest online and
 * the latest offline.
 */
import { dayName, TEAM_AVERAGE, type CheckedQuery, type KnownNames, type ReportDefinition, type ReportOptions } from '../reportKit.js';
import { agentDays, clockTime, queryClock, runningEnd, wallMsOfDay, type DayFigures } from './attendanceDays.js';
import { attendanceProjection, type AttendanceState } from './attendanceFold.js';

export interface AttendanceRow {
  readonly [column: string]: string | number | null;
  readonly agentId: string;
  readonly day: string;
  readonly earliestOnline: string | null;
  readonly latestOffline: string | null;
  readonly serviceSec: number;
  readonly onlineSec: number;
  readonly busySec: number;
  readonly offlineSec: number;
}


const noChannels: ReadonlySet<string> = new Set();

/** Agents the report saw per shop (registered, or named by a status change or an assignment); it has no channels. */
export const attendanceKnown = (state: AttendanceState): KnownNames => ({
  agents: (shopId) => new Set(Object.keys(state[shopId]?.agents ?? {})),
  channels: () => noChannels,
});

/** The agents a query covers, sorted. */
export const queryAgents = (state: AttendanceState, query: CheckedQuery): string[] =>
  Object.keys(state[query.shopId]?.agents ?? {})
    .filter((a) => query.agents === undefined || query.agents.has(a))
    .sort();

/** Every covered agent's day figures in the query's range (with the running interval), by agent. */
export const figuresByAgent = (state: AttendanceState, query: CheckedQuery, options: ReportOptions): [string, DayFigures[]][] => {
  const clock = queryClock(options.zone);
  const end = runningEnd(state, query.shopId, query.asOf);
  const shop = state[query.shopId];
  if (shop === undefined) return [];
  return queryAgents(state, query).map((agentId) => [agentId, agentDays(clock, shop.agents[agentId] as NonNullable<(typeof shop.agents)[string]>, query.fromDay, query.toDay, end)]);
};

interface Timed {
  readonly agentId: string;
  readonly day: number;
  readonly earliestMs: number | null;
  readonly latestMs: number | null;
  readonly f: DayFigures;
}

const row = (agentId: string, day: number, earliestMs: number | null, latestMs: number | null, onlineMs: number, busyMs: number, offlineMs: number): AttendanceRow => ({
  agentId,
  day: dayName(day),
  earliestOnline: earliestMs === null ? null : clockTime(earliestMs),
  latestOffline: latestMs === null ? null : clockTime(latestMs),
  serviceSec: (onlineMs + busyMs) / 1000,
  onlineSec: onlineMs / 1000,
  busySec: busyMs / 1000,
  offlineSec: offlineMs / 1000,
});

const mean = (values: readonly (number | null)[]): number | null => {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
};

/** The manual's "客服团队均值": durations averaged over the day's agent rows, times of day as mean wall times. */
const teamAverage = (day: number, rows: readonly Timed[]): AttendanceRow => {
  const n = rows.length;
  const sum = (pick: (f: DayFigures) => number) => rows.reduce((a, r) => a + pick(r.f), 0) / n;
  return row(TEAM_AVERAGE, day, mean(rows.map((r) => r.earliestMs)), mean(rows.map((r) => r.latestMs)), sum((f) => f.onlineMs), sum((f) => f.busyMs), sum((f) => f.offlineMs));
};

export const attendanceRows = (state: AttendanceState, query: CheckedQuery, options: ReportOptions): AttendanceRow[] => {
  const clock = queryClock(options.zone);
  const byDay = new Map<number, Timed[]>();
  for (const [agentId, days] of figuresByAgent(state, query, options)) {
    for (const f of days) {
      if (!f.attended) continue;
      const wall = (at: number | null) => (at === null ? null : wallMsOfDay(options.zone, clock, f.day, at));
      const list = byDay.get(f.day) ?? [];
      list.push({ agentId, day: f.day, earliestMs: wall(f.earliestOnline), latestMs: wall(f.latestOffline), f });
      byDay.set(f.day, list);
    }
  }
  const out: AttendanceRow[] = [];
  for (const day of [...byDay.keys()].sort((a, b) => a - b)) {
    const list = byDay.get(day) as Timed[];
    for (const t of list) out.push(row(t.agentId, day, t.earliestMs, t.latestMs, t.f.onlineMs, t.f.busyMs, t.f.offlineMs));
    out.push(teamAverage(day, list));
  }
  return out;
};

export const attendanceReport: ReportDefinition<AttendanceState, AttendanceRow> = {
  name: 'attendance',
  columns: ['agentId', 'day', 'earliestOnline', 'latestOffline', 'serviceSec', 'onlineSec', 'busySec', 'offlineSec'],
  projection: attendanceProjection,
  known: attendanceKnown,
  rows: attendanceRows,
};

export { TEAM_AVERAGE };
