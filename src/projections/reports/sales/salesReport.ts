/**
 * M18-M19 sales (销售业绩, 003 §6.6) as a report of the kit: a row per agent the
 * query covers (rows of zeros included), then '(team-average)' and
 * '(team-total)' (open point 7); `salesDays` gives the same figures per agent per
 * day; `salesUnattributed` what was paid or refunded with no agent credited (no
 * reply within 72 hours, or a refund after the order's record went), so the rows
 * plus it account for every fen. Money in fen, rates as fractions, null without
 * a denominator or while a conversion is still delayed.
 */
import { dayClock, dayName, TEAM_AVERAGE, TEAM_TOTAL, type CheckedQuery, type KnownNames, type ReportDefinition, type ReportOptions } from '../reportKit.js';
import { salesProjection } from './salesFold.js';
import { addTotals, agentTotals, coveredAgents, SALES_COLUMNS, salesRow, type SalesRow, type SalesTotals, zeroTotals, addDay, shownAt } from './salesRows.js';
import type { SalesDay, SalesState } from './salesState.js';


const noChannels: ReadonlySet<string> = new Set();

/** Agents registered or credited with a figure, per shop; sales have no channel dimension (orders carry none). */
export const salesKnown = (state: SalesState): KnownNames => ({
  agents: (shopId) => new Set(Object.keys(state.shops[shopId]?.agents ?? {})),
  channels: () => noChannels,
});

const withTeam = (perAgent: readonly [string, SalesTotals][]): SalesRow[] => {
  const team = zeroTotals();
  for (const [, t] of perAgent) addTotals(team, t);
  const rows = perAgent.map(([agentId, t]) => salesRow(agentId, t, team.salesAmount));
  return [...rows, salesRow(TEAM_AVERAGE, team, team.salesAmount, Math.max(perAgent.length, 1)), salesRow(TEAM_TOTAL, team, team.salesAmount)];
};

export const salesRows = (state: SalesState, query: CheckedQuery, options: ReportOptions): SalesRow[] => {
  const clock = dayClock(options.zone);
  const shop = state.shops[query.shopId];
  return withTeam(coveredAgents(shop, query).map((agentId) => [agentId, agentTotals(shop, agentId, query, clock)]));
};

export const salesReport: ReportDefinition<SalesState, SalesRow> = {
  name: 'sales',
  columns: [...SALES_COLUMNS],
  projection: salesProjection,
  known: salesKnown,
  rows: salesRows,
};

export type SalesDayRow = { readonly day: string } & SalesRow;
export const SALES_DAY_COLUMNS = ['day', ...SALES_COLUMNS] as const;

/** Per agent per day of the range (zeros included), by day then agent; the personal share is of that day's team sales. */
export const salesDays = (state: SalesState, query: CheckedQuery, options: ReportOptions): SalesDayRow[] => {
  const clock = dayClock(options.zone);
  const shop = state.shops[query.shopId];
  const agents = coveredAgents(shop, query);
  const out: SalesDayRow[] = [];
  for (let day = query.fromDay; day <= query.toDay; day++) {
    const shown = shownAt(clock, day, query.asOf);
    const perAgent = agents.map((agentId): [string, SalesTotals] => {
      const t = zeroTotals();
      const f: SalesDay | undefined = shop?.days[agentId]?.[day];
      if (f !== undefined) addDay(t, f, shown);
      return [agentId, t];
    });
    const teamSales = perAgent.reduce((a, [, t]) => a + t.salesAmount, 0);
    for (const [agentId, t] of perAgent) out.push({ day: dayName(day), ...salesRow(agentId, t, teamSales) });
  }
  return out;
};

/** The per-day variant as a report of its own (CSV export of the daily rows); it shares the fold with `salesReport`. */
export const salesDaysReport: ReportDefinition<SalesState, SalesDayRow> = {
  name: 'sales-days',
  columns: [...SALES_DAY_COLUMNS],
  projection: salesProjection,
  known: salesKnown,
  rows: salesDays,
};

export interface UnattributedSales {
  /** Paid with no agent credited (not a consultation sale). */
  readonly unattributedSales: number;
  readonly unattributedPaidOrders: number;
  readonly unattributedUnits: number;
  /** Refunded with no agent credited: of such sales, or after the order's record went (180 days after payment). */
  readonly refundsUnattributed: number;
  readonly unattributedRefundCount: number;
}

export const salesUnattributed = (state: SalesState, query: CheckedQuery): UnattributedSales => {
  let [sales, orders, units, refunds, refundCount] = [0, 0, 0, 0, 0];
  const days = state.shops[query.shopId]?.unattributed ?? {};
  for (const key in days) {
    const day = Number(key);
    if (day < query.fromDay || day > query.toDay) continue;
    const u = days[key] as NonNullable<(typeof days)[string]>;
    sales += u.salesAmount;
    orders += u.paidOrders;
    units += u.units;
    refunds += u.refundAmount;
    refundCount += u.refundCount;
  }
  return { unattributedSales: sales, unattributedPaidOrders: orders, unattributedUnits: units, refundsUnattributed: refunds, unattributedRefundCount: refundCount };
};

export { TEAM_AVERAGE, TEAM_TOTAL };
