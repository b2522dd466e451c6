/**
 * The overview (M20, [003 §6.3]): the team's daily trends, read from the same
 * fold as the workload (`workload-fold`). A row per day of the range: customers
 * received and sessions (the workload's team total of that day: a session
 * transferred between two agents is in both, as in the workload's team total),
 * replied and unreplied, customer and agent messages, and how the segments'
 * first response and average response fall into time buckets (0-10 s, 10-20,
 * 20-30, 30-45, 45-60, 60-120, over 120 s; upper bounds inclusive). The source
 * channel distribution has a row per (day, channel): channelDistribution and
 * the `overview-channels` report.
 */
import { dayName, type CheckedQuery, type ReportDefinition } from '../reportKit.js';
import { record } from './plainRecords.js';
import { BUCKET_NAMES } from './workCells.js';
import { knownOfWorkload, workloadProjection, type WorkloadFoldOptions, type WorkloadState } from './workloadFold.js';
import { addTotals, agentDayTotals, daysOf, emptyTotals, listedAgents } from './workloadRows.js';

const FIRST_COLUMNS = BUCKET_NAMES.map((b) => `firstResponse_${b}`);
const AVG_COLUMNS = BUCKET_NAMES.map((b) => `avgResponse_${b}`);

export const OVERVIEW_COLUMNS: readonly string[] = [
  'day',
  'customersReceived',
  'sessions',
  'repliedSessions',
  'unrepliedSessions',
  'customerMessages',
  'agentMessages',
  ...FIRST_COLUMNS,
  ...AVG_COLUMNS,
];

export type OverviewRow = Readonly<Record<string, string | number>>;

export const overviewRows = (state: WorkloadState, query: CheckedQuery): readonly OverviewRow[] => {
  const shop = state.shops[query.shopId];
  const agents = listedAgents(shop, query);
  return daysOf(query).map((day) => {
    const t = emptyTotals();
    for (const agentId of agents) addTotals(t, agentDayTotals(shop, agentId, day, query.channels));
    const s = t.sums;
    const row: Record<string, string | number> = {
      day: dayName(day),
      customersReceived: t.customers,
      sessions: s.sessions,
      repliedSessions: s.replied,
      unrepliedSessions: s.sessions - s.replied,
      customerMessages: s.customerMessages,
      agentMessages: s.agentMessages,
    };
    BUCKET_NAMES.forEach((_b, i) => {
      row[FIRST_COLUMNS[i] as string] = s.firstBuckets[i] ?? 0;
      row[AVG_COLUMNS[i] as string] = s.avgBuckets[i] ?? 0;
    });
    return row;
  });
};

export interface ChannelRow {
  readonly day: string;
  readonly channel: string;
  readonly sessions: number;
  readonly [column: string]: string | number;
}

/** Sessions received per source channel per day (the channels with any), by day then channel. */
export const channelDistribution = (state: WorkloadState, query: CheckedQuery): readonly ChannelRow[] => {
  const shop = state.shops[query.shopId];
  if (shop === undefined) return [];
  const agents = listedAgents(shop, query);
  const rows: ChannelRow[] = [];
  for (const day of daysOf(query)) {
    const byChannel = record<number>();
    for (const agentId of agents) {
      const cells = shop.cells[agentId]?.[String(day)];
      if (cells === undefined) continue;
      for (const channel in cells) {
        if (query.channels !== undefined && !query.channels.has(channel)) continue;
        byChannel[channel] = (byChannel[channel] ?? 0) + cells[channel]!.sessions;
      }
    }
    for (const channel of Object.keys(byChannel).sort()) if (byChannel[channel]! > 0) rows.push({ day: dayName(day), channel, sessions: byChannel[channel]! });
  }
  return rows;
};

export const overviewReport = (foldOptions: WorkloadFoldOptions = {}): ReportDefinition<WorkloadState, OverviewRow> => ({
  name: 'overview',
  columns: [...OVERVIEW_COLUMNS],
  projection: (options) => workloadProjection({ ...foldOptions, zone: options.zone }),
  known: knownOfWorkload,
  rows: (state, query) => overviewRows(state, query),
});

export const overviewChannelsReport = (foldOptions: WorkloadFoldOptions = {}): ReportDefinition<WorkloadState, ChannelRow> => ({
  name: 'overview-channels',
  columns: ['day', 'channel', 'sessions'],
  projection: (options) => workloadProjection({ ...foldOptions, zone: options.zone }),
  known: knownOfWorkload,
  rows: (state, query) => channelDistribution(state, query),
});
