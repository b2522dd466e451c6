/**
 * The sales report's rows (M18-M19) from the per-(agent, day) figures: sums over
 * the query's days, then the ratios. M19's conversions count on the inquiry day
 * and show only once final enough: a day's inquiry->order figure once `asOf`
 * reaches the start of D+2, its payment figures once it reaches D+3 (no `asOf`:
 * all shown); a range pools the numerators and denominators of the days shown.
 */
import { ratio, type CheckedQuery, type DayClock } from '../reportKit.js';
import { ORDER_DAYS_AFTER, PAYMENT_DAYS_AFTER, type SalesCounts, type SalesDay, type ShopSales } from './salesState.js';

/** Sums of one agent (or of the team) over some days. */
export interface SalesTotals extends SalesCounts {
  /** Inquiries of the days whose order conversion is shown, and of them those who ordered. */
  orderInquiries: number;
  ordered: number;
  /** Inquiries of the days whose payment conversions are shown, of them who paid, who ordered, who ordered and paid. */
  paymentInquiries: number;
  paid: number;
  paymentOrdered: number;
  orderedPaid: number;
}

export const zeroTotals = (): SalesTotals => ({
  salesAmount: 0,
  paidOrders: 0,
  units: 0,
  buyers: 0,
  refundAmount: 0,
  refundOrders: 0,
  refundCount: 0,
  refundBuyers: 0,
  orderInquiries: 0,
  ordered: 0,
  paymentInquiries: 0,
  paid: 0,
  paymentOrdered: 0,
  orderedPaid: 0,
});

const COUNTS = ['salesAmount', 'paidOrders', 'units', 'buyers', 'refundAmount', 'refundOrders', 'refundCount', 'refundBuyers'] as const;

/** Whether a day's conversions are shown at `asOf`: its order one, its payment ones. */
export const shownAt = (clock: DayClock, day: number, asOf: number | undefined) => ({
  order: asOf === undefined || asOf >= clock.startOf(day + ORDER_DAYS_AFTER + 1),
  payment: asOf === undefined || asOf >= clock.startOf(day + PAYMENT_DAYS_AFTER),
});

/** Adds one day's figures into totals. */
export const addDay = (totals: SalesTotals, f: SalesDay, shown: { readonly order: boolean; readonly payment: boolean }): void => {
  for (const k of COUNTS) totals[k] += f[k];
  if (shown.order) {
    totals.orderInquiries += f.inquiries;
    totals.ordered += f.ordered;
  }
  if (shown.payment) {
    totals.paymentInquiries += f.inquiries;
    totals.paid += f.paid;
    totals.paymentOrdered += f.ordered;
    totals.orderedPaid += f.orderedPaid;
  }
};

export const addTotals = (into: SalesTotals, more: SalesTotals): void => {
  for (const k of Object.keys(into) as (keyof SalesTotals)[]) into[k] += more[k];
};

/** The agent's totals over the query's days. */
export const agentTotals = (shop: ShopSales | undefined, agentId: string, query: CheckedQuery, clock: DayClock): SalesTotals => {
  const totals = zeroTotals();
  const days = shop?.days[agentId];
  if (days === undefined) return totals;
  for (const key in days) {
    const day = Number(key);
    if (day >= query.fromDay && day <= query.toDay) addDay(totals, days[key] as SalesDay, shownAt(clock, day, query.asOf));
  }
  return totals;
};

/** The agents a query covers: the query's, or every agent the shop's report knows; sorted. */
export const coveredAgents = (shop: ShopSales | undefined, query: CheckedQuery): string[] =>
  (query.agents === undefined ? Object.keys(shop?.agents ?? {}) : [...query.agents]).sort();

export interface SalesRow {
  readonly [column: string]: string | number | null;
  readonly agentId: string;
  readonly salesAmount: number;
  readonly personalShare: number | null;
  readonly buyers: number;
  readonly units: number;
  readonly avgOrderValue: number | null;
  readonly unitsPerOrder: number | null;
  readonly avgUnitPrice: number | null;
  readonly paidOrders: number;
  readonly refundAmount: number;
  readonly refundBuyers: number;
  readonly refundOrders: number;
  readonly refundCount: number;
  readonly inquiryToPaymentRate: number | null;
  readonly inquiryToOrderRate: number | null;
  readonly orderToPaymentRate: number | null;
}

export const SALES_COLUMNS = [
  'agentId',
  'salesAmount',
  'personalShare',
  'buyers',
  'units',
  'avgOrderValue',
  'unitsPerOrder',
  'avgUnitPrice',
  'paidOrders',
  'refundAmount',
  'refundBuyers',
  'refundOrders',
  'refundCount',
  'inquiryToPaymentRate',
  'inquiryToOrderRate',
  'orderToPaymentRate',
] as const satisfies readonly (keyof SalesRow)[];

/**
 * A row from totals. `per` divides the counts (the team average: by the number of
 * agent rows); the ratios stay pooled, so the average row's equal the total's
 * (open point 7). The personal share is the row's own sales over the team's.
 */
export const salesRow = (agentId: string, t: SalesTotals, teamSales: number, per = 1): SalesRow => ({
  agentId,
  salesAmount: t.salesAmount / per,
  personalShare: ratio(t.salesAmount / per, teamSales),
  buyers: t.buyers / per,
  units: t.units / per,
  avgOrderValue: ratio(t.salesAmount, t.paidOrders),
  unitsPerOrder: ratio(t.units, t.paidOrders),
  avgUnitPrice: ratio(t.salesAmount, t.units),
  paidOrders: t.paidOrders / per,
  refundAmount: t.refundAmount / per,
  refundBuyers: t.refundBuyers / per,
  refundOrders: t.refundOrders / per,
  refundCount: t.refundCount / per,
  inquiryToPaymentRate: ratio(t.paid, t.paymentInquiries),
  inquiryToOrderRate: ratio(t.ordered, t.orderInquiries),
  orderToPaymentRate: ratio(t.orderedPaid, t.paymentOrdered),
});
