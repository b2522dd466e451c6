/**
 * Fairness of assignment over a shift: how many sessions the desk gave each
 * agent (SessionAssigned, not proactive: what the agent opened itself is not the
 * desk's doing) per hour of service (online + busy, from attendance). Over the
 * team (agents with service time), the max/min ratio of that rate and its Gini
 * coefficient: 0 when everyone gets the same rate, towards 1 when one agent gets
 * everything.
 */
import type { CheckedQuery, ReportDefinition, ReportOptions } from '../reportKit.js';
import { ratio } from '../reportKit.js';
import type { DayFigures } from './attendanceDays.js';
import { attendanceProjection, type AttendanceState } from './attendanceFold.js';
import { attendanceKnown, figuresByAgent } from './attendanceReport.js';

export interface AgentFairness {
  readonly agentId: string;
  readonly assignments: number;
  readonly onlineHours: number;
  /** null without service time. */
  readonly assignmentsPerOnlineHour: number | null;
}

export interface TeamFairness {
  readonly agents: readonly AgentFairness[];
  /** max / min of the rates of agents with service time; null with fewer than 2 of them or a minimum of 0. */
  readonly maxMinRatio: number | null;
  /** Agents with service time and no assignment (why max/min may be null). */
  readonly zeroAssignmentAgents: number;
  readonly gini: number | null;
}

/**
 * The Gini coefficient, sum_i sum_j |x_i - x_j| / (2 n^2 mean), computed in
 * O(n log n) from the sorted values: (2 sum_i i x_(i)) / (n sum x) - (n + 1) / n.
 * null for no values or a mean of 0.
 */
export const gini = (values: readonly number[]): number | null => {
  const n = values.length;
  const total = values.reduce((a, b) => a + b, 0);
  if (n === 0 || total === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  // Equal values: exactly 0, not a rounding error away from it.
  if (sorted[0] === sorted[n - 1]) return 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) weighted += (i + 1) * (sorted[i] as number);
  const g = (2 * weighted) / (n * total) - (n + 1) / n;
  return g < 0 ? 0 : g;
};

/** max / min, null with fewer than 2 values or a minimum of 0. */
export const maxMinRatio = (values: readonly number[]): number | null => {
  if (values.length < 2) return null;
  const min = Math.min(...values);
  return min === 0 ? null : Math.max(...values) / min;
};

export const agentFairness = (agentId: string, days: readonly DayFigures[]): AgentFairness => {
  let assignments = 0;
  let serviceMs = 0;
  for (const d of days) {
    assignments += d.assignments;
    serviceMs += d.onlineMs + d.busyMs;
  }
  const onlineHours = serviceMs / 3_600_000;
  return { agentId, assignments, onlineHours, assignmentsPerOnlineHour: ratio(assignments, onlineHours) };
};

export const teamFairness = (agents: readonly AgentFairness[]): TeamFairness => {
  const rates = agents.filter((a) => a.onlineHours > 0).map((a) => a.assignmentsPerOnlineHour as number);
  return { agents, maxMinRatio: maxMinRatio(rates), zeroAssignmentAgents: rates.filter((r) => r === 0).length, gini: gini(rates) };
};

/** Fairness over a query's range (every covered agent, rows of zeros included). */
export const fairnessOf = (state: AttendanceState, query: CheckedQuery, options: ReportOptions): TeamFairness =>
  teamFairness(figuresByAgent(state, query, options).map(([agentId, days]) => agentFairness(agentId, days)));

export interface FairnessRow {
  readonly [column: string]: string | number | null;
  readonly agentId: string;
  readonly assignments: number;
  readonly onlineHours: number;
  readonly assignmentsPerOnlineHour: number | null;
  readonly maxMinRatio: number | null;
  readonly gini: number | null;
  readonly zeroAssignmentAgents: number | null;
}

export const TEAM = '(team)';

export const fairnessRows = (state: AttendanceState, query: CheckedQuery, options: ReportOptions): FairnessRow[] => {
  const team = fairnessOf(state, query, options);
  const assignments = team.agents.reduce((a, r) => a + r.assignments, 0);
  const onlineHours = team.agents.reduce((a, r) => a + r.onlineHours, 0);
  return [
    ...team.agents.map((a) => ({ ...a, maxMinRatio: null, gini: null, zeroAssignmentAgents: null })),
    // The team's own rate is pooled: all assignments over all service hours.
    { agentId: TEAM, assignments, onlineHours, assignmentsPerOnlineHour: ratio(assignments, onlineHours), maxMinRatio: team.maxMinRatio, gini: team.gini, zeroAssignmentAgents: team.zeroAssignmentAgents },
  ];
};

export const fairnessReport: ReportDefinition<AttendanceState, FairnessRow> = {
  name: 'fairness',
  columns: ['agentId', 'assignments', 'onlineHours', 'assignmentsPerOnlineHour', 'maxMinRatio', 'gini', 'zeroAssignmentAgents'],
  projection: attendanceProjection,
  known: attendanceKnown,
  rows: fairnessRows,
};
