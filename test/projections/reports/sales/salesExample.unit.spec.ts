/**
 * M18-M19 by hand: two agents (amy, bob), four buyers, five days in Shanghai
 * (2026-03-10 .. 03-14). Every figure below is worked out in the comments from
 * the story, not read off the code.
 *
 * The story (local times):
 *   03-10 09:00 yang opens s1, writes; 09:01 amy replies     -> amy inquiry 03-10 {yang}
 *   03-10 10:00 li opens s2, writes; 10:05 bob replies       -> bob inquiry 03-10 {li}
 *   03-10 11:00 wang opens s3; a welcome auto message, amy's internal note: no reply
 *   03-10 12:00 wang places o4 (50.00, 1)                     -> no reply within 72 h: nobody's
 *   03-10 20:00 yang places o1 (100.00, 2)                    -> amy (replied 11 h before)
 *   03-11 09:00 yang pays o1 (100.00, 2)                      -> amy's sale on 03-11
 *   03-11 09:30 bob replies to wang in s3                     -> bob inquiry 03-11 {wang}
 *   03-11 10:00 wang pays o4 (50.00, 1)                       -> nobody's (credited at placement)
 *   03-11 15:00 yang pays o2 (30.00, 1), never placed         -> amy (credited at payment), same buyer, same day
 *   03-11 22:00 li places o3 (200.00, 4)                      -> bob (replied 35 h 55 min before), on D+1 of his inquiry
 *   03-13 09:00 li opens s4; amy replies                      -> amy inquiry 03-13 {li}; li's last replier is amy now
 *   03-13 20:00 li pays o3 (200.00, 4)                        -> bob's sale on 03-13 (the order is bob's)
 *   03-14 11:00 li's refund r1 of o3 (50.00, 1)               -> bob's refund on 03-14
 *   03-14 16:00 li's refund r2 of o3 (50.00, 1)               -> bob's refund on 03-14 (same order, same buyer)
 *   03-14 17:00 wang's refund r3 of o4 (10.00, 0)             -> nobody's
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { project } from '../../../../src/projections/projection.js';
import { checkQuery, dayNumber, queryReport } from '../../../../src/projections/reports/reportKit.js';
import { salesDays, salesKnown, salesReport, salesUnattributed } from '../../../../src/projections/reports/sales/salesReport.js';
import type { SalesState } from '../../../../src/projections/reports/sales/salesState.js';
import { local, salesEvents, SHOP, ZONE } from './salesEvents.js';

const options = { zone: ZONE };

const story = () => {
  const b = salesEvents();
  return [
    b.registered('amy', local('2026-03-01 08:00')),
    b.registered('bob', local('2026-03-01 08:00')),
    b.opened('s1', 'yang', local('2026-03-10 09:00')),
    b.says('s1', 'yang', local('2026-03-10 09:00')),
    b.replies('s1', 'amy', local('2026-03-10 09:01')),
    b.opened('s2', 'li', local('2026-03-10 10:00')),
    b.says('s2', 'li', local('2026-03-10 10:00')),
    b.replies('s2', 'bob', local('2026-03-10 10:05')),
    b.opened('s3', 'wang', local('2026-03-10 11:00')),
    b.system('s3', local('2026-03-10 11:00')),
    b.replies('s3', 'amy', local('2026-03-10 11:01'), 'internal-note'),
    b.placed('o4', 'wang', 5_000, 1, local('2026-03-10 12:00')),
    b.placed('o1', 'yang', 10_000, 2, local('2026-03-10 20:00')),
    b.paid('o1', 'yang', 10_000, 2, local('2026-03-11 09:00')),
    b.replies('s3', 'bob', local('2026-03-11 09:30')),
    b.paid('o4', 'wang', 5_000, 1, local('2026-03-11 10:00')),
    b.paid('o2', 'yang', 3_000, 1, local('2026-03-11 15:00')),
    b.placed('o3', 'li', 20_000, 4, local('2026-03-11 22:00')),
    b.opened('s4', 'li', local('2026-03-13 09:00')),
    b.says('s4', 'li', local('2026-03-13 09:00')),
    b.replies('s4', 'amy', local('2026-03-13 09:00')),
    b.paid('o3', 'li', 20_000, 4, local('2026-03-13 20:00')),
    b.refunded('o3', 'r1', 'li', 5_000, 1, local('2026-03-14 11:00')),
    b.refunded('o3', 'r2', 'li', 5_000, 1, local('2026-03-14 16:00')),
    b.refunded('o4', 'r3', 'wang', 1_000, 0, local('2026-03-14 17:00')),
  ];
};

const fold = (events = story()): SalesState => project(salesReport.projection(options), events);
const rows = (state: SalesState, query: Record<string, unknown>) => {
  const result = queryReport(salesReport, state, { shopId: SHOP, ...query }, options);
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
  return result.right;
};
const checked = (state: SalesState, query: Record<string, unknown>) => {
  const q = checkQuery({ shopId: SHOP, ...query }, salesKnown(state));
  if (E.isLeft(q)) throw new Error(JSON.stringify(q.left));
  return q.right;
};

describe('M18-M19: the sales report, worked by hand', () => {
  it('M18/M19: per agent and the team rows over the five days', () => {
    const [amy, bob, average, total] = rows(fold(), { from: '2026-03-10', to: '2026-03-14' });
    // amy: o1 (100.00, 2 units) and o2 (30.00, 1) on 03-11, both yang's: 1 buyer that day, 2 orders.
    //   Inquiries: 03-10 {yang}, 03-13 {li} = 2. yang ordered (o1, 03-10) and paid (03-11): 1 of 2 both ways;
    //   li ordered nothing credited to amy (o3 is bob's). order->payment: 1 of the 1 who ordered.
    expect(amy).toEqual({
      agentId: 'amy',
      salesAmount: 13_000,
      personalShare: 13_000 / 33_000,
      buyers: 1,
      units: 3,
      avgOrderValue: 13_000 / 2,
      unitsPerOrder: 3 / 2,
      avgUnitPrice: 13_000 / 3,
      paidOrders: 2,
      refundAmount: 0,
      refundBuyers: 0,
      refundOrders: 0,
      refundCount: 0,
      inquiryToPaymentRate: 1 / 2,
      inquiryToOrderRate: 1 / 2,
      orderToPaymentRate: 1,
    });
    // bob: o3 (200.00, 4) on 03-13; refunds r1 + r2 on 03-14: 100.00, 2 refunds of 1 order of 1 buyer.
    //   Inquiries: 03-10 {li}, 03-11 {wang} = 2. li ordered o3 on 03-11 (D+1) and paid 03-13 (D+3): 1 of 2;
    //   wang's o4 is nobody's. order->payment 1 of 1.
    expect(bob).toEqual({
      agentId: 'bob',
      salesAmount: 20_000,
      personalShare: 20_000 / 33_000,
      buyers: 1,
      units: 4,
      avgOrderValue: 20_000,
      unitsPerOrder: 4,
      avgUnitPrice: 5_000,
      paidOrders: 1,
      refundAmount: 10_000,
      refundBuyers: 1,
      refundOrders: 1,
      refundCount: 2,
      inquiryToPaymentRate: 1 / 2,
      inquiryToOrderRate: 1 / 2,
      orderToPaymentRate: 1,
    });
    // Team total: sums (33,000 fen, 2 buyers, 7 units, 3 orders); ratios pooled: 33,000 / 3, 7 / 3, 33,000 / 7;
    //   conversions 2/4, 2/4, 2/2.
    expect(total).toEqual({
      agentId: '(team-total)',
      salesAmount: 33_000,
      personalShare: 1,
      buyers: 2,
      units: 7,
      avgOrderValue: 11_000,
      unitsPerOrder: 7 / 3,
      avgUnitPrice: 33_000 / 7,
      paidOrders: 3,
      refundAmount: 10_000,
      refundBuyers: 1,
      refundOrders: 1,
      refundCount: 2,
      inquiryToPaymentRate: 0.5,
      inquiryToOrderRate: 0.5,
      orderToPaymentRate: 1,
    });
    // Team average (open point 7): counts / 2 agent rows, ratios as the total's; its share 16,500 / 33,000.
    expect(average).toEqual({ ...total, agentId: '(team-average)', salesAmount: 16_500, personalShare: 0.5, buyers: 1, units: 3.5, paidOrders: 1.5, refundAmount: 5_000, refundBuyers: 0.5, refundOrders: 0.5, refundCount: 1 });
  });

  it('M18: what no agent is credited with is counted apart: o4 paid (50.00, 1 unit) and its refund r3 (10.00)', () => {
    const state = fold();
    expect(salesUnattributed(state, checked(state, { from: '2026-03-10', to: '2026-03-14' }))).toEqual({
      unattributedSales: 5_000,
      unattributedPaidOrders: 1,
      unattributedUnits: 1,
      refundsUnattributed: 1_000,
      unattributedRefundCount: 1,
    });
    // o4 was paid on 03-11, refunded on 03-14: a range of 03-12 .. 03-13 holds neither.
    expect(salesUnattributed(state, checked(state, { from: '2026-03-12', to: '2026-03-13' }))).toMatchObject({ unattributedSales: 0, refundsUnattributed: 0 });
  });

  it('M18: sales count on the payment day, refunds on the refund day (one day at a time)', () => {
    const state = fold();
    const day = (from: string, agent: string) => rows(state, { from, to: from, agents: [agent] })[0];
    // 03-10: orders placed, nothing paid yet.
    expect(day('2026-03-10', 'amy')).toMatchObject({ salesAmount: 0, paidOrders: 0, avgOrderValue: null, avgUnitPrice: null });
    // 03-11: yang paid twice (o1, o2): 2 orders, 1 buyer.
    expect(day('2026-03-11', 'amy')).toMatchObject({ salesAmount: 13_000, paidOrders: 2, buyers: 1, units: 3 });
    expect(day('2026-03-13', 'bob')).toMatchObject({ salesAmount: 20_000, paidOrders: 1, refundAmount: 0 });
    expect(day('2026-03-14', 'bob')).toMatchObject({ salesAmount: 0, refundAmount: 10_000, refundCount: 2, refundOrders: 1, refundBuyers: 1, personalShare: null });
  });

  it('M19: the conversions count on the inquiry day', () => {
    const state = fold();
    const q = checked(state, { from: '2026-03-10', to: '2026-03-13' });
    const byDay = new Map(salesDays(state, q, options).map((r) => [`${r.day} ${r.agentId}`, r]));
    // amy 03-10 {yang}: ordered 03-10, paid 03-11: 1/1 each.
    expect(byDay.get('2026-03-10 amy')).toMatchObject({ inquiryToOrderRate: 1, inquiryToPaymentRate: 1, orderToPaymentRate: 1 });
    // bob 03-11 {wang}: o4 is nobody's: 0/1, 0/1, and nobody ordered: null.
    expect(byDay.get('2026-03-11 bob')).toMatchObject({ inquiryToOrderRate: 0, inquiryToPaymentRate: 0, orderToPaymentRate: null });
    // amy 03-11: no inquiry that day (her sales are), so no conversion; her share of the day is all of it.
    expect(byDay.get('2026-03-11 amy')).toMatchObject({ salesAmount: 13_000, personalShare: 1, inquiryToOrderRate: null });
    expect(byDay.get('2026-03-11 bob')).toMatchObject({ personalShare: 0 });
    // amy 03-13 {li}: li's o3 is bob's.
    expect(byDay.get('2026-03-13 amy')).toMatchObject({ inquiryToOrderRate: 0, inquiryToPaymentRate: 0, orderToPaymentRate: null });
    // Every day x agent of the range, day first: 4 days x 2 agents.
    expect([...byDay.keys()]).toHaveLength(8);
    expect(Object.keys(salesDays(state, q, options)[0] ?? {})[0]).toBe('day');
  });

  it('M19: delayed display: as of 03-13 12:00 the order figure shows for 03-10 and 03-11, the payment ones for 03-10 only', () => {
    const asOf = local('2026-03-13 12:00');
    const state = fold(story().filter((e) => e.metadata.occurredAt <= asOf));
    const [amy, bob, , total] = rows(state, { from: '2026-03-10', to: '2026-03-14', asOf });
    // amy: order days shown 03-10 {yang: ordered}: 1/1 (03-13's {li} is not shown yet); payment days 03-10: yang paid 1/1.
    expect(amy).toMatchObject({ inquiryToOrderRate: 1, inquiryToPaymentRate: 1, orderToPaymentRate: 1 });
    // bob: order days 03-10 {li: ordered 03-11} + 03-11 {wang: no}: 1/2; payment day 03-10: li has not paid by then: 0/1, 0 of 1 who ordered.
    expect(bob).toMatchObject({ inquiryToOrderRate: 0.5, inquiryToPaymentRate: 0, orderToPaymentRate: 0 });
    // Pooled: order 2/3, payment 1/2, order->payment 1/2.
    expect(total).toMatchObject({ inquiryToOrderRate: 2 / 3, inquiryToPaymentRate: 1 / 2, orderToPaymentRate: 1 / 2 });
    // As of 03-11 23:59 nothing is shown: 03-10 + 2 days has not begun.
    const early = rows(state, { from: '2026-03-10', to: '2026-03-14', asOf: local('2026-03-11 23:59') });
    for (const row of early) expect([row.inquiryToOrderRate, row.inquiryToPaymentRate, row.orderToPaymentRate]).toEqual([null, null, null]);
    // At 03-12 00:00 exactly, 03-10's order figure shows.
    expect(rows(state, { from: '2026-03-10', to: '2026-03-10', asOf: local('2026-03-12 00:00'), agents: ['bob'] })[0]).toMatchObject({ inquiryToOrderRate: 1, inquiryToPaymentRate: null });
  });

  it('M18: rows of zeros for an agent with nothing, and an empty shop has its team rows of zeros', () => {
    const b = salesEvents();
    const state = fold([...story(), b.registered('carl', local('2026-03-14 18:00'))]);
    const carl = rows(state, { from: '2026-03-10', to: '2026-03-14' }).find((r) => r.agentId === 'carl');
    expect(carl).toMatchObject({ salesAmount: 0, personalShare: 0, buyers: 0, avgOrderValue: null, inquiryToOrderRate: null });
    // Three agent rows now: the average divides by 3.
    expect(rows(state, { from: '2026-03-10', to: '2026-03-14' }).find((r) => r.agentId === '(team-average)')).toMatchObject({ salesAmount: 11_000, paidOrders: 1 });
    const empty = queryReport(salesReport, state, { shopId: 'shop-none', from: '2026-03-10', to: '2026-03-10' }, options);
    expect(empty).toEqual(E.right([expect.objectContaining({ agentId: '(team-average)', salesAmount: 0, personalShare: null }), expect.objectContaining({ agentId: '(team-total)', salesAmount: 0 })]));
  });

  it('M18: bad queries name the field: from > to names `to`, an unknown agent `agents.0`, a channel `channels.0`', () => {
    const state = fold();
    const bad = (query: Record<string, unknown>) => {
      const result = queryReport(salesReport, state, { shopId: SHOP, ...query }, options);
      return E.isLeft(result) ? result.left.issues.map((i) => i.path) : [];
    };
    expect(bad({ from: '2026-03-14', to: '2026-03-10' })).toEqual(['to']);
    expect(bad({ from: '2026-03-10', to: '2026-03-14', agents: ['zed'] })).toEqual(['agents.0']);
    expect(bad({ from: '2026-03-10', to: '2026-03-14', channels: ['web'] })).toEqual(['channels.0']);
    expect(dayNumber('2026-03-10')).toBeDefined();
  });
});
