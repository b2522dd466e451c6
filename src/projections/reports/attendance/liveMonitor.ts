/**
 * M21 live monitor (004 §9.2.3 "监控"): per agent right now its status, the
 * sessions it holds, and its figures of today (the shop's day, in its zone, of
 * the query's `asOf`, else of the latest event the monitor saw): sessions received (assigned,
 * proactive included, plus transferred in), average response time, its
 * satisfaction (average best score credited, since the fold began), and its
 * assignments per online hour; then a '(shop)' row with the queue length and
 * today's fairness (max/min, Gini). The query's day range is not used: the
 * monitor shows now.
 */
import type { CheckedQuery, KnownNames, ReportDefinition, ReportOptions } from '../reportKit.js';
import { ratio } from '../reportKit.js';
import { agentDays, queryClock, runningEnd } from './attendanceDays.js';
import { attendanceKnown } from './attendanceReport.js';
import { agentFairness, teamFairness } from './fairness.js';
import { liveMonitorProjection, type LiveMonitorState, type LiveShop } from './liveMonitorFold.js';

export interface LiveMonitorRow {
  readonly [column: string]: string | number | null;
  readonly agentId: string;
  readonly status: string | null;
  readonly receiving: number;
  readonly sessionsToday: number;
  readonly avgResponseSecToday: number | null;
  readonly satisfaction: number | null;
  readonly assignmentsPerOnlineHour: number | null;
  readonly queueLength: number | null;
  readonly maxMinRatio: number | null;
  readonly gini: number | null;
}

export const SHOP_ROW = '(shop)';

const emptyShop: LiveShop = { day: 0, dayEnd: 0, holders: {}, waiting: {}, conversations: {}, days: {}, satisfaction: {} };

/** Sessions waiting in the shop's queue now. */
export const queueLength = (state: LiveMonitorState, shopId: string): number => Object.keys(state.shops[shopId]?.waiting ?? {}).length;

/** R13: sessions waiting per group, by group id (a session waiting for several groups counts in each). */
export const queueByGroup = (state: LiveMonitorState, shopId: string): Readonly<Record<string, number>> => {
  const out: Record<string, number> = {};
  for (const w of Object.values(state.shops[shopId]?.waiting ?? {})) for (const g of w.groups) out[g] = (out[g] ?? 0) + 1;
  return out;
};

export const liveMonitorKnown = (state: LiveMonitorState): KnownNames => attendanceKnown(state.attendance);

export const liveMonitorRows = (state: LiveMonitorState, query: CheckedQuery, options: ReportOptions): LiveMonitorRow[] => {
  const attendance = state.attendance[query.shopId];
  if (attendance === undefined) return [];
  const shop = state.shops[query.shopId] ?? emptyShop;
  const clock = queryClock(options.zone);
  const end = runningEnd(state.attendance, query.shopId, query.asOf);
  const today = clock.dayOf(end);
  const holding: Record<string, number> = {};
  for (const agentId of Object.values(shop.holders)) holding[agentId] = (holding[agentId] ?? 0) + 1;
  const agentIds = Object.keys(attendance.agents)
    .filter((a) => query.agents === undefined || query.agents.has(a))
    .sort();
  const fairness = agentIds.map((agentId) => agentFairness(agentId, agentDays(clock, attendance.agents[agentId] as NonNullable<(typeof attendance.agents)[string]>, today, today, end)));
  const team = teamFairness(fairness);
  const totals = { receiving: 0, sessions: 0, responseMs: 0, responses: 0, rated: 0, scoreSum: 0, assignments: 0, hours: 0 };
  const rows: LiveMonitorRow[] = agentIds.map((agentId, i) => {
    const day = shop.days[agentId];
    const mine = day !== undefined && day.day === today ? day : { sessions: 0, responseMs: 0, responses: 0 };
    const rated = shop.satisfaction[agentId] ?? { sessions: 0, scoreSum: 0 };
    const fair = fairness[i] as (typeof fairness)[number];
    const receiving = holding[agentId] ?? 0;
    totals.receiving += receiving;
    totals.sessions += mine.sessions;
    totals.responseMs += mine.responseMs;
    totals.responses += mine.responses;
    totals.rated += rated.sessions;
    totals.scoreSum += rated.scoreSum;
    totals.assignments += fair.assignments;
    totals.hours += fair.onlineHours;
    return {
      agentId,
      status: (attendance.agents[agentId] as { status: string }).status,
      receiving,
      sessionsToday: mine.sessions,
      avgResponseSecToday: mine.responses === 0 ? null : mine.responseMs / mine.responses / 1000,
      satisfaction: ratio(rated.scoreSum, rated.sessions),
      assignmentsPerOnlineHour: fair.assignmentsPerOnlineHour,
      queueLength: null,
      maxMinRatio: null,
      gini: null,
    };
  });
  // The shop row: totals, and pooled averages (open point 7).
  rows.push({
    agentId: SHOP_ROW,
    status: null,
    receiving: totals.receiving,
    sessionsToday: totals.sessions,
    avgResponseSecToday: totals.responses === 0 ? null : totals.responseMs / totals.responses / 1000,
    satisfaction: ratio(totals.scoreSum, totals.rated),
    assignmentsPerOnlineHour: ratio(totals.assignments, totals.hours),
    queueLength: queueLength(state, query.shopId),
    maxMinRatio: team.maxMinRatio,
    gini: team.gini,
  });
  return rows;
};

export const liveMonitorReport: ReportDefinition<LiveMonitorState, LiveMonitorRow> = {
  name: 'live-monitor',
  columns: ['agentId', 'status', 'receiving', 'sessionsToday', 'avgResponseSecToday', 'satisfaction', 'assignmentsPerOnlineHour', 'queueLength', 'maxMinRatio', 'gini'],
  projection: liveMonitorProjection,
  known: liveMonitorKnown,
  rows: liveMonitorRows,
};
