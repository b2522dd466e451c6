/**
 * The workload report (M1-M16, [003 §6.4]): a row per agent over the query's
 * days (every agent of the shop, or those asked for; rows of zeros included;
 * sorted by id), then the team average and the team total (open point 7). A
 * per-day variant gives the same figures per agent per day.
 */
import { dayName, TEAM_AVERAGE, TEAM_TOTAL, type CheckedQuery, type ReportDefinition, type ReportOptions } from '../reportKit.js';
import { knownOfWorkload, workloadProjection, type WorkloadFoldOptions, type WorkloadState } from './workloadFold.js';
import {
  WORKLOAD_COLUMNS,
  addTotals,
  agentDayTotals,
  agentTotals,
  daysOf,
  emptyTotals,
  figuresOf,
  listedAgents,
  type WorkloadRow,
} from './workloadRows.js';

export const workloadRows = (state: WorkloadState, query: CheckedQuery): readonly WorkloadRow[] => {
  const shop = state.shops[query.shopId];
  const agents = listedAgents(shop, query);
  const team = emptyTotals();
  const rows: WorkloadRow[] = agents.map((agentId) => {
    const totals = agentTotals(shop, agentId, query);
    addTotals(team, totals);
    return { agentId, ...figuresOf(totals) };
  });
  rows.push({ agentId: TEAM_AVERAGE, ...figuresOf(team, agents.length) });
  rows.push({ agentId: TEAM_TOTAL, ...figuresOf(team) });
  return rows;
};

export const WORKLOAD_DAY_COLUMNS = ['day', ...WORKLOAD_COLUMNS] as const;
export type WorkloadDayRow = { readonly day: string } & WorkloadRow;

/** The same figures per agent per day: every day of the range, every listed agent, by day then agent. */
export const workloadDays = (state: WorkloadState, query: CheckedQuery, _options?: ReportOptions): readonly WorkloadDayRow[] => {
  const shop = state.shops[query.shopId];
  const agents = listedAgents(shop, query);
  const rows: WorkloadDayRow[] = [];
  for (const day of daysOf(query)) {
    const name = dayName(day);
    for (const agentId of agents) rows.push({ day: name, agentId, ...figuresOf(agentDayTotals(shop, agentId, day, query.channels)) });
  }
  return rows;
};

export const workloadReport = (foldOptions: WorkloadFoldOptions = {}): ReportDefinition<WorkloadState, WorkloadRow> => ({
  name: 'workload',
  columns: [...WORKLOAD_COLUMNS],
  projection: (options) => workloadProjection({ ...foldOptions, zone: options.zone }),
  known: knownOfWorkload,
  rows: (state, query) => workloadRows(state, query),
});

/** The per-day variant as a report of its own (CSV export of the daily rows). */
export const workloadDaysReport = (foldOptions: WorkloadFoldOptions = {}): ReportDefinition<WorkloadState, WorkloadDayRow> => ({
  name: 'workload-days',
  columns: [...WORKLOAD_DAY_COLUMNS],
  projection: (options) => workloadProjection({ ...foldOptions, zone: options.zone }),
  known: knownOfWorkload,
  rows: (state, query) => workloadDays(state, query),
});
