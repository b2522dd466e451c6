/**
 * From cells to the workload's figures (M1-M16): an agent's cells over a range
 * of days and a set of channels are added up, then every rate and average is a
 * ratio of those sums. M1 is the one figure that is not a sum: customers are
 * de-duplicated per agent and day across the channels asked for, and the
 * per-day counts summed over the range (the manual's 按日去重).
 */
import { ratio, type CheckedQuery } from '../reportKit.js';
import { addSums, emptySums, type CellSums, type WorkCell } from './workCells.js';
import type { ShopWork } from './workloadFold.js';

export const WORKLOAD_COLUMNS = [
  'agentId',
  'customersReceived',
  'totalSessions',
  'repliedSessions',
  'unrepliedSessions',
  'replyRate',
  'transferredOut',
  'transferredIn',
  'proactiveSessions',
  'proactiveShare',
  'autoAssignedSessions',
  'totalMessages',
  'agentMessages',
  'customerMessages',
  'answerQuestionRatio',
  'avgFirstResponseSec',
  'avgResponseSec',
  'answeredWithin30sRate',
  'over50sUnansweredRate',
  'avgSessionDurationSec',
] as const;

type FigureColumn = Exclude<(typeof WORKLOAD_COLUMNS)[number], 'agentId'>;
export type WorkloadFigures = Record<FigureColumn, number | null>;
export type WorkloadRow = { readonly agentId: string } & Readonly<WorkloadFigures>;


/** What a row is computed from: M1's per-day de-duplicated count summed, and the cells' sums. */
export interface Totals {
  customers: number;
  sums: CellSums;
}

export const emptyTotals = (): Totals => ({ customers: 0, sums: emptySums() });

export const addTotals = (into: Totals, from: Totals): void => {
  into.customers += from.customers;
  addSums(into.sums, from.sums);
};

/** Adds one agent's cells of one day (the channels asked for) into `into`. */
const addDay = (into: Totals, channels: Record<string, WorkCell>, only: ReadonlySet<string> | undefined): void => {
  const seen = new Set<string>();
  for (const channel in channels) {
    if (only !== undefined && !only.has(channel)) continue;
    const cell = channels[channel]!;
    addSums(into.sums, cell);
    for (const customer in cell.customers) seen.add(customer);
  }
  into.customers += seen.size;
};

/** One agent's totals over the query's days and channels. */
export const agentTotals = (shop: ShopWork | undefined, agentId: string, query: CheckedQuery): Totals => {
  const totals = emptyTotals();
  const days = shop?.cells[agentId];
  if (days === undefined) return totals;
  for (const key in days) {
    const day = Number(key);
    if (day >= query.fromDay && day <= query.toDay) addDay(totals, days[key]!, query.channels);
  }
  return totals;
};

/** One agent's totals of one day. */
export const agentDayTotals = (shop: ShopWork | undefined, agentId: string, day: number, channels: ReadonlySet<string> | undefined): Totals => {
  const totals = emptyTotals();
  const cells = shop?.cells[agentId]?.[String(day)];
  if (cells !== undefined) addDay(totals, cells, channels);
  return totals;
};

/**
 * The figures of some totals. Counts are divided by `rows` (1 for an agent; the
 * number of agent rows for the team average, open point 7); rates and average
 * durations are pooled ratios of the sums, the same in both team rows.
 */
export const figuresOf = (t: Totals, rows = 1): WorkloadFigures => {
  const s = t.sums;
  const count = (n: number): number | null => (rows === 1 ? n : ratio(n, rows));
  const unreplied = s.sessions - s.replied;
  return {
    customersReceived: count(t.customers),
    totalSessions: count(s.sessions),
    repliedSessions: count(s.replied),
    unrepliedSessions: count(unreplied),
    replyRate: ratio(s.replied, s.sessions),
    transferredOut: count(s.transferredOut),
    transferredIn: count(s.transferredIn),
    proactiveSessions: count(s.proactive),
    proactiveShare: ratio(s.proactive, s.sessions),
    autoAssignedSessions: count(s.autoAssigned),
    totalMessages: count(s.agentMessages + s.customerMessages),
    agentMessages: count(s.agentMessages),
    customerMessages: count(s.customerMessages),
    answerQuestionRatio: ratio(s.agentMessages, s.customerMessages),
    avgFirstResponseSec: ratio(s.firstResponseSum, s.firstResponseCount),
    avgResponseSec: ratio(s.pairSum, s.pairCount),
    answeredWithin30sRate: ratio(s.within30, s.sessions),
    over50sUnansweredRate: ratio(s.over50OrUnreplied, s.sessions),
    avgSessionDurationSec: ratio(s.durationSum, s.ended),
  };
};

/** The agents a query lists: those it names, or every agent the shop has, sorted by id. */
export const listedAgents = (shop: ShopWork | undefined, query: CheckedQuery): string[] =>
  [...(query.agents ?? (shop === undefined ? [] : Object.keys(shop.agents)))].sort();

/** The day numbers of the query's range, in order. */
export const daysOf = (query: CheckedQuery): number[] => {
  const days: number[] = [];
  for (let d = query.fromDay; d <= query.toDay; d++) days.push(d);
  return days;
};

