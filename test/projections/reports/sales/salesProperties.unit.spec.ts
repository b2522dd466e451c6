/**
 * M18-M19 over random histories of replies, orders, payments and refunds
 * (salesHistory.ts): every agent's row equals a brute-force reading of the rules;
 * the team total is the sum of the rows; money is conserved (credited sales plus
 * unattributed ones are every fen paid, likewise refunds); rates are fractions
 * in [0, 1]; per day refund buyers <= refund orders <= refunds, buyers <= paid
 * orders; the per-day rows add up to the range's; and after 200 quiet days the
 * state holds no order, reply or live set (bounded).
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { project } from '../../../../src/projections/projection.js';
import { dayName, ratio, type CheckedQuery } from '../../../../src/projections/reports/reportKit.js';
import { salesDays, salesReport, salesRows, salesUnattributed, TEAM_AVERAGE, TEAM_TOTAL } from '../../../../src/projections/reports/sales/salesReport.js';
import type { SalesState, ShopSales } from '../../../../src/projections/reports/sales/salesState.js';
import { AGENTS, buildHistory, stepArb, type Expected } from './salesHistory.js';
import { DAY, salesEvents, SHOP, ZONE } from './salesEvents.js';

const options = { zone: ZONE };
const histories = fc.array(stepArb, { minLength: 1, maxLength: 60 });
const COUNTS = ['salesAmount', 'buyers', 'units', 'paidOrders', 'refundAmount', 'refundBuyers', 'refundOrders', 'refundCount'] as const;
const RATES = ['personalShare', 'inquiryToPaymentRate', 'inquiryToOrderRate', 'orderToPaymentRate'] as const;

const run = (steps: Parameters<typeof buildHistory>[0]) => {
  const h = buildHistory(steps);
  const state: SalesState = project(salesReport.projection(options), h.events);
  const query: CheckedQuery = { shopId: SHOP, fromDay: h.firstDay, toDay: h.lastDay };
  return { h, state, query, rows: salesRows(state, query, options) };
};

const sumExpected = (expected: Map<string, Expected>, agent: string) => {
  const t = { salesAmount: 0, paidOrders: 0, units: 0, buyers: 0, refundAmount: 0, refundCount: 0, refundOrders: 0, refundBuyers: 0, inquiries: 0, ordered: 0, paid: 0, orderedPaid: 0 };
  for (const [key, e] of expected) {
    if (!key.startsWith(`${agent} `)) continue;
    t.salesAmount += e.salesAmount;
    t.paidOrders += e.paidOrders;
    t.units += e.units;
    t.buyers += e.buyers.size;
    t.refundAmount += e.refundAmount;
    t.refundCount += e.refundCount;
    t.refundOrders += e.refundOrders.size;
    t.refundBuyers += e.refundBuyers.size;
    t.inquiries += e.inquiries.size;
    t.ordered += e.ordered.size;
    t.paid += e.paid.size;
    t.orderedPaid += [...e.ordered].filter((b) => e.paid.has(b)).length;
  }
  return t;
};

describe('M18-M19: properties over random histories', () => {
  test.prop([histories])('M18/M19: every agent row equals the brute-force reading of the rules', (steps) => {
    const { h, rows } = run(steps);
    for (const agent of AGENTS) {
      const e = sumExpected(h.expected, agent);
      const row = rows.find((r) => r.agentId === agent);
      expect(row).toMatchObject({
        salesAmount: e.salesAmount,
        paidOrders: e.paidOrders,
        units: e.units,
        buyers: e.buyers,
        refundAmount: e.refundAmount,
        refundCount: e.refundCount,
        refundOrders: e.refundOrders,
        refundBuyers: e.refundBuyers,
        inquiryToOrderRate: ratio(e.ordered, e.inquiries),
        inquiryToPaymentRate: ratio(e.paid, e.inquiries),
        orderToPaymentRate: ratio(e.orderedPaid, e.ordered),
      });
    }
  });

  test.prop([histories])('M18: the team total is the sum of the agent rows; the average is it over their number', (steps) => {
    const { rows } = run(steps);
    const agents = rows.filter((r) => !r.agentId.startsWith('('));
    const total = rows.find((r) => r.agentId === TEAM_TOTAL);
    const average = rows.find((r) => r.agentId === TEAM_AVERAGE);
    for (const k of COUNTS) {
      expect(total?.[k]).toBe(agents.reduce((a, r) => a + r[k], 0));
      expect(average?.[k]).toBeCloseTo((total?.[k] ?? 0) / agents.length, 9);
    }
    expect(average?.avgOrderValue).toBe(total?.avgOrderValue);
  });

  test.prop([histories])('M18: money is conserved: credited + unattributed = every fen paid, and every fen refunded', (steps) => {
    const { h, state, query, rows } = run(steps);
    const agents = rows.filter((r) => !r.agentId.startsWith('('));
    const u = salesUnattributed(state, query);
    expect(agents.reduce((a, r) => a + r.salesAmount, 0) + u.unattributedSales).toBe(h.totals.paid);
    expect(agents.reduce((a, r) => a + r.refundAmount, 0) + u.refundsUnattributed).toBe(h.totals.refunded);
    // Refunds are credited with their sale: no agent refunds more than it sold over the whole history.
    for (const r of agents) expect(r.refundAmount).toBeLessThanOrEqual(r.salesAmount);
  });

  test.prop([histories, fc.integer({ min: -2, max: 6 })])('M18/M19: rates are fractions or null; per day refund buyers <= refund orders <= refunds, buyers <= paid orders; the days add up', (steps, asOfDays) => {
    const { h, state, query, rows } = run(steps);
    const asOf = h.end + asOfDays * DAY;
    const days = salesDays(state, { ...query, asOf }, options);
    for (const r of [...rows, ...salesRows(state, { ...query, asOf }, options), ...days]) {
      for (const k of RATES) {
        const rate = r[k];
        if (rate !== null) expect(rate >= 0 && rate <= 1, `${k} ${rate}`).toBe(true);
      }
    }
    for (const r of days) {
      expect(r.refundBuyers).toBeLessThanOrEqual(r.refundOrders);
      expect(r.refundOrders).toBeLessThanOrEqual(r.refundCount);
      expect(r.buyers).toBeLessThanOrEqual(r.paidOrders);
    }
    for (const agent of AGENTS) {
      const mine = days.filter((r) => r.agentId === agent);
      const row = rows.find((r) => r.agentId === agent);
      for (const k of COUNTS) expect(mine.reduce((a, r) => a + r[k], 0)).toBe(row?.[k]);
    }
    expect(days.map((r) => r.day)).toContain(dayName(h.lastDay));
  });

  test.prop([histories])('M19: with asOf 4 days after the last event every conversion shows, as without asOf', (steps) => {
    const { h, state, query, rows } = run(steps);
    expect(salesRows(state, { ...query, asOf: h.end + 4 * DAY }, options)).toEqual(rows);
  });

  test.prop([histories])('bounded: 200 quiet days later no order, reply, session or live set is left; the figures stay', (steps) => {
    const { h, state, query, rows } = run(steps);
    project(salesReport.projection(options), [salesEvents().registered('late', h.end + 200 * DAY)], state);
    const shop = state.shops[SHOP] as ShopSales;
    expect([shop.orders, shop.expiry, shop.lastReply, shop.sessions, shop.liveDays]).toEqual([{}, {}, {}, {}, {}]);
    for (const days of Object.values(shop.days)) for (const f of Object.values(days)) expect(f.open).toBeUndefined();
    expect(salesRows(state, query, options).filter((r) => r.agentId !== 'late' && !r.agentId.startsWith('('))).toEqual(rows.filter((r) => !r.agentId.startsWith('(')));
  });
});
