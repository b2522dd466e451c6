/**
 * Random order and reply histories for the sales properties (M18-M19), valid as
 * the order module would let them be (a refund only of a paid order, within it),
 * and a brute-force reading of the rules over the same history: each order
 * credited at its placement (or its payment, if never placed or forgotten after
 * 180 days) to the buyer's last replier within 72 h; sales on the payment day,
 * refunds on the refund day to the order's agent unless 180 days after payment;
 * M19 per (agent, inquiry day) from the events that came after the inquiry.
 */
import { fc } from '@fast-check/vitest';
import type { ProjectedEvent } from '../../../../src/projections/projection.js';
import { dayClock } from '../../../../src/projections/reports/reportKit.js';
import { local, salesEvents, ZONE } from './salesEvents.js';

export const AGENTS = ['a0', 'a1', 'a2'];
const BUYERS = ['b0', 'b1', 'b2', 'b3'];
const MINUTE = 60_000;

const gap = fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 0, max: 36 * 60 }) }, { weight: 1, arbitrary: fc.integer({ min: 60 * 24 * 60, max: 200 * 24 * 60 }) });
export const stepArb = fc.oneof(
  fc.record({ kind: fc.constant('reply' as const), gap, agent: fc.nat({ max: 2 }), buyer: fc.nat({ max: 3 }) }),
  fc.record({ kind: fc.constant('place' as const), gap, buyer: fc.nat({ max: 3 }), amount: fc.integer({ min: 0, max: 10_000 }), units: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant('pay' as const), gap, pick: fc.nat(), direct: fc.boolean(), buyer: fc.nat({ max: 3 }), amount: fc.integer({ min: 0, max: 10_000 }), units: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant('refund' as const), gap, pick: fc.nat(), share: fc.double({ min: 0, max: 1, noNaN: true }) }),
);
export type Step = typeof stepArb extends fc.Arbitrary<infer S> ? S : never;

interface Order {
  id: string;
  buyer: string;
  placedDay?: number;
  /** The agent credited when the order was placed or paid (undefined: not yet). */
  agent?: string | null;
  paid?: { amount: number; units: number; day: number };
  refunded: number;
  refundedUnits: number;
}

/** Per (agent, day) what the rules say. */
export interface Expected {
  salesAmount: number;
  paidOrders: number;
  units: number;
  buyers: Set<string>;
  refundAmount: number;
  refundCount: number;
  refundOrders: Set<string>;
  refundBuyers: Set<string>;
  inquiries: Set<string>;
  ordered: Set<string>;
  paid: Set<string>;
}

export const START = local('2026-03-01 08:00');

export const buildHistory = (steps: readonly Step[]) => {
  const b = salesEvents();
  const clock = dayClock(ZONE);
  const events: ProjectedEvent[] = AGENTS.map((a) => b.registered(a, START));
  const expected = new Map<string, Expected>();
  const cell = (agent: string, day: number): Expected => {
    const key = `${agent} ${day}`;
    let e = expected.get(key);
    if (e === undefined) {
      e = { salesAmount: 0, paidOrders: 0, units: 0, buyers: new Set(), refundAmount: 0, refundCount: 0, refundOrders: new Set(), refundBuyers: new Set(), inquiries: new Set(), ordered: new Set(), paid: new Set() };
      expected.set(key, e);
    }
    return e;
  };
  const lastReply = new Map<string, { agent: string; at: number }>();
  const orders: Order[] = [];
  let totals = { paid: 0, refunded: 0 };
  let at = START;
  let sessions = 0;
  const creditAt = (buyer: string, t: number): string | null => {
    const r = lastReply.get(buyer);
    return r !== undefined && t - r.at <= 72 * 60 * MINUTE ? r.agent : null;
  };
  /** M19: the buyer converts for the agent's inquiry days [day - back, day] where it was inquired before now. */
  const converts = (agent: string, buyer: string, day: number, back: number, which: 'ordered' | 'paid') => {
    for (let d = day - back; d <= day; d++) {
      const e = expected.get(`${agent} ${d}`);
      if (e?.inquiries.has(buyer) === true) e[which].add(buyer);
    }
  };
  const order = (o: Order, t: number, day: number) => {
    o.agent = creditAt(o.buyer, t);
    o.placedDay = day;
    if (o.agent !== null) converts(o.agent, o.buyer, day, 1, 'ordered');
  };
  for (const s of steps) {
    at += s.gap * MINUTE;
    const day = clock.dayOf(at);
    if (s.kind === 'reply') {
      const [agent, buyer] = [AGENTS[s.agent] as string, BUYERS[s.buyer] as string];
      const sessionId = `s${++sessions}`;
      events.push(b.opened(sessionId, buyer, at), b.says(sessionId, buyer, at), b.replies(sessionId, agent, at));
      lastReply.set(buyer, { agent, at });
      cell(agent, day).inquiries.add(buyer);
    } else if (s.kind === 'place') {
      const o: Order = { id: `o${orders.length + 1}`, buyer: BUYERS[s.buyer] as string, refunded: 0, refundedUnits: 0 };
      orders.push(o);
      events.push(b.placed(o.id, o.buyer, s.amount, s.units, at));
      order(o, at, day);
    } else if (s.kind === 'pay') {
      const unpaid = orders.filter((o) => o.paid === undefined);
      let o = s.direct || unpaid.length === 0 ? undefined : unpaid[s.pick % unpaid.length];
      if (o === undefined) {
        o = { id: `o${orders.length + 1}`, buyer: BUYERS[s.buyer] as string, refunded: 0, refundedUnits: 0 };
        orders.push(o);
      }
      events.push(b.paid(o.id, o.buyer, s.amount, s.units, at));
      // Never placed, or placed over 180 days ago (its record forgotten): credited now.
      if (o.placedDay === undefined || day > o.placedDay + 180) order(o, at, day);
      o.paid = { amount: s.amount, units: s.units, day };
      totals = { ...totals, paid: totals.paid + s.amount };
      if (o.agent !== null && o.agent !== undefined) {
        const e = cell(o.agent, day);
        e.salesAmount += s.amount;
        e.paidOrders++;
        e.units += s.units;
        e.buyers.add(o.buyer);
        converts(o.agent, o.buyer, day, 3, 'paid');
      }
    } else {
      const refundable = orders.filter((o) => o.paid !== undefined && o.refunded < o.paid.amount);
      const o = refundable[s.pick % Math.max(refundable.length, 1)];
      if (o === undefined || o.paid === undefined) continue;
      const amount = Math.max(1, Math.floor((o.paid.amount - o.refunded) * s.share));
      const units = Math.floor((o.paid.units - o.refundedUnits) * s.share);
      o.refunded += amount;
      o.refundedUnits += units;
      events.push(b.refunded(o.id, `r${events.length}`, o.buyer, amount, units, at));
      totals = { ...totals, refunded: totals.refunded + amount };
      if (o.agent !== null && o.agent !== undefined && day <= o.paid.day + 180) {
        const e = cell(o.agent, day);
        e.refundAmount += amount;
        e.refundCount++;
        e.refundOrders.add(o.id);
        e.refundBuyers.add(o.buyer);
      }
    }
  }
  return { events, expected, totals, firstDay: clock.dayOf(START), lastDay: clock.dayOf(at), end: at };
};
