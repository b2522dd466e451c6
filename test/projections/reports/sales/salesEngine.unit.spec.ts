/**
 * M18 through a real engine: the desk routes a customer's session to amy, she
 * replies, the shop's backend records the order placed and paid (the order
 * module), and the sales report folded inline credits the sale to amy on the
 * payment day; a refund, a day later, is hers too. The events are the engine's
 * own, so the report reads the shapes the modules really write. And the two
 * sales reports (per agent, per agent per day) in one report set share one fold.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { accessModule } from '../../../../src/domain/access/accessModule.js';
import { conversationModule } from '../../../../src/domain/conversation/conversationModule.js';
import { deskModule } from '../../../../src/domain/desk/deskModule.js';
import { orderModule } from '../../../../src/domain/orders/orderModule.js';
import { createEngine } from '../../../../src/engine.js';
import { queryReport } from '../../../../src/projections/reports/reportKit.js';
import { project } from '../../../../src/projections/projection.js';
import { reportSet } from '../../../../src/projections/reports/reportSet.js';
import { salesDaysReport, salesReport } from '../../../../src/projections/reports/sales/salesReport.js';
import type { SalesState } from '../../../../src/projections/reports/sales/salesState.js';
import { seededRandom } from '../../../../src/runtime/seededRandom.js';
import { virtualClock } from '../../../../src/runtime/virtualClock.js';
import { desk } from '../../../../src/testing/deskInputs.js';
import { engineDriver } from '../../../support/engineDriver.js';
import { cmd, replies, SHOP, says, system, T0 } from '../../../domain/customers/harness.js';
import { local, salesEvents, SHOP as SHOP_SALES } from './salesEvents.js';

const options = { zone: 'Asia/Shanghai' };
const HOUR = 3_600_000;

describe('M18: the sales report over a real engine', () => {
  it('M18: a reply, then the order placed and paid: amy\'s sale on the payment day; the refund hers on its day', async () => {
    const clock = virtualClock(T0);
    const engine = createEngine({
      modules: [deskModule, conversationModule, accessModule, orderModule],
      clock,
      random: seededRandom(11),
      inlineProjections: [salesReport.projection(options)],
      reactor: { mode: 'manual' },
    });
    const h = engineDriver(engine, clock);
    const d = desk(SHOP);
    for (const agentId of ['amy', 'bob']) await h.ok(d.registerAgent({ agentId, name: agentId, maxSessions: 5, role: 'agent', groups: [] }));
    await h.ok(d.online('amy'));
    await h.ok(says('yang', 's1', 'm1'));
    await h.settle();
    await h.ok(replies('amy', 's1', 'm2'));
    await h.later(HOUR);
    await h.ok(cmd('RecordOrderPlaced', system, { orderId: 'o1', buyerId: 'yang', amount: 9_900, units: 3 }));
    await h.later(24 * HOUR);
    await h.ok(cmd('RecordOrderPaid', system, { orderId: 'o1', buyerId: 'yang', amount: 9_900, units: 3 }));
    await h.later(24 * HOUR);
    await h.ok(cmd('RecordOrderRefunded', system, { orderId: 'o1', refundId: 'r1', buyerId: 'yang', amount: 3_300, units: 1 }));
    const state = engine.projection<SalesState>('sales-report');
    // T0 is 2026-12-02 17:00 in Shanghai: the payment falls on 12-03, the refund on 12-04.
    const day = (date: string) => queryReport(salesReport, state, { shopId: SHOP, from: date, to: date, agents: ['amy'] }, options);
    expect(day('2026-12-03')).toEqual(E.right([expect.objectContaining({ agentId: 'amy', salesAmount: 9_900, paidOrders: 1, units: 3, buyers: 1, avgUnitPrice: 3_300 }), expect.anything(), expect.anything()]));
    expect(day('2026-12-04')).toEqual(E.right([expect.objectContaining({ agentId: 'amy', salesAmount: 0, refundAmount: 3_300, refundCount: 1 }), expect.anything(), expect.anything()]));
    // The inquiry of 12-02 converted both ways.
    expect(day('2026-12-02')).toEqual(E.right([expect.objectContaining({ inquiryToOrderRate: 1, inquiryToPaymentRate: 1, orderToPaymentRate: 1 }), expect.anything(), expect.anything()]));
  });
});

describe('M18: the sales reports in a report set', () => {
  it('M18: sales and sales-days share one fold; the days report answers the same figures per day, day first', () => {
    const built = reportSet([salesReport, salesDaysReport], options);
    if (E.isLeft(built)) throw new Error(JSON.stringify(built.left));
    expect(built.right.folds).toEqual(['sales-report']);
    const b = salesEvents();
    const at = local('2026-03-10 09:00');
    const state = project(built.right.projection, [b.registered('amy', at), b.opened('s1', 'yang', at), b.replies('s1', 'amy', at), b.paid('o1', 'yang', 500, 1, at + 1)]);
    const days = built.right.query(state, 'sales-days', { shopId: SHOP_SALES, from: '2026-03-10', to: '2026-03-11' });
    expect(E.map((rows: readonly Record<string, unknown>[]) => rows.map((r) => [r['day'], r['agentId'], r['salesAmount']]))(days)).toEqual(E.right([['2026-03-10', 'amy', 500], ['2026-03-11', 'amy', 0]]));
    expect(built.right.columns('sales-days')).toEqual(E.right(['day', ...salesReport.columns]));
  });
});
