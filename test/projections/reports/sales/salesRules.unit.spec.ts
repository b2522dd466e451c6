/**
 * M18-M19: the attribution rules one at a time (open point 12), and what the
 * fold forgets to stay bounded: replies after 72 hours, sessions idle for three
 * days, the inquiry sets of final days (D+3 passed: the counts stay), the order
 * records 180 days after their payment (a later refund is counted unattributed).
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { ProjectedEvent } from '../../../../src/projections/projection.js';
import { project } from '../../../../src/projections/projection.js';
import { checkQuery, dayClock } from '../../../../src/projections/reports/reportKit.js';
import { salesKnown, salesReport, salesRows, salesUnattributed } from '../../../../src/projections/reports/sales/salesReport.js';
import type { SalesState, ShopSales } from '../../../../src/projections/reports/sales/salesState.js';
import { DAY, HOUR, local, salesEvents, SHOP, ZONE } from './salesEvents.js';

const options = { zone: ZONE };
const fold = (events: readonly ProjectedEvent[]): SalesState => project(salesReport.projection(options), events);
const shop = (state: SalesState): ShopSales => state.shops[SHOP] as ShopSales;
const query = (state: SalesState, from = '2026-01-01', to = '2027-12-31') => {
  const q = checkQuery({ shopId: SHOP, from, to }, salesKnown(state));
  if (E.isLeft(q)) throw new Error(JSON.stringify(q.left));
  return q.right;
};
const salesOf = (state: SalesState) => Object.fromEntries(salesRows(state, query(state), options).map((r) => [r.agentId, r.salesAmount]));
const T = local('2026-03-10 09:00');

describe('M18 (open point 12): who an order is credited to', () => {
  it('M18: the last replier within 72 h, inclusive: at 72 h exactly credited, 1 ms later nobody', () => {
    const b = salesEvents();
    const state = fold([
      b.opened('s1', 'yang', T),
      b.opened('s2', 'li', T),
      b.replies('s1', 'amy', T),
      b.replies('s2', 'amy', T),
      b.paid('o1', 'yang', 100, 1, T + 72 * HOUR),
      b.paid('o2', 'li', 700, 1, T + 72 * HOUR + 1),
    ]);
    expect(salesOf(state)).toMatchObject({ amy: 100 });
    expect(salesUnattributed(state, query(state))).toMatchObject({ unattributedSales: 700, unattributedPaidOrders: 1 });
  });

  it('M18: the LAST replier gets it, when the order is placed; a reply after the placement changes nothing', () => {
    const b = salesEvents();
    const state = fold([
      b.opened('s1', 'yang', T),
      b.replies('s1', 'amy', T),
      b.replies('s1', 'bob', T + HOUR),
      b.placed('o1', 'yang', 100, 1, T + 2 * HOUR),
      b.replies('s1', 'amy', T + 3 * HOUR),
      b.paid('o1', 'yang', 100, 1, T + 4 * HOUR),
    ]);
    expect(salesOf(state)).toMatchObject({ amy: 0, bob: 100 });
  });

  it('M18: internal notes, auto and system messages are no replies, whoever sends them; a customer message is none either', () => {
    const b = salesEvents();
    const state = fold([
      b.opened('s1', 'yang', T),
      b.says('s1', 'yang', T),
      b.replies('s1', 'amy', T, 'internal-note'),
      b.replies('s1', 'amy', T, 'auto'),
      b.replies('s1', 'amy', T, 'system'),
      b.system('s1', T, 'auto', 'keyword-answer'),
      b.paid('o1', 'yang', 100, 1, T + HOUR),
    ]);
    expect(salesUnattributed(state, query(state)).unattributedSales).toBe(100);
    expect(shop(state).lastReply).toEqual({});
  });

  it('M18: a reply in a session the report never saw opened, or after it ended, answers nobody it knows', () => {
    const b = salesEvents();
    const state = fold([b.replies('ghost', 'amy', T), b.opened('s1', 'yang', T), b.ended('s1', T + 1), b.replies('s1', 'amy', T + 2), b.paid('o1', 'yang', 100, 1, T + HOUR)]);
    expect(salesUnattributed(state, query(state)).unattributedSales).toBe(100);
  });

  it('M18: a buyer is per shop: another shop\'s reply credits nothing here', () => {
    const other = salesEvents('shop-other');
    const b = salesEvents();
    const state = fold([other.opened('s1', 'yang', T), other.replies('s1', 'amy', T), b.paid('o1', 'yang', 100, 1, T + HOUR)]);
    expect(salesUnattributed(state, query(state)).unattributedSales).toBe(100);
    expect(Object.keys(shop(state).agents)).toEqual([]);
  });
});

describe('M18-M19: the state stays bounded', () => {
  it('M19: an inquiry day\'s sets go once D+3 has passed; its counts stay', () => {
    const b = salesEvents();
    const d = dayClock(ZONE).dayOf(T);
    const events = [b.opened('s1', 'yang', T), b.replies('s1', 'amy', T), b.placed('o1', 'yang', 100, 1, T + HOUR), b.paid('o1', 'yang', 100, 1, T + 3 * DAY)];
    const before = fold(events);
    expect(shop(before).days['amy']?.[d]?.open?.inquiries).toEqual({ yang: 7 });
    // The first event of D+4 (any shop event: a registration) makes D final.
    const after = fold([...events, b.registered('bob', local('2026-03-14 00:00'))]);
    const figures = shop(after).days['amy']?.[d];
    expect(figures?.open).toBeUndefined();
    expect(figures).toMatchObject({ inquiries: 1, ordered: 1, paid: 1, orderedPaid: 1 });
    expect(shop(after).liveDays[d]).toBeUndefined();
  });

  it('M18: replies older than 72 h and sessions idle for 3 days are forgotten; an ended session at once', () => {
    const b = salesEvents();
    const state = fold([b.opened('s1', 'yang', T), b.replies('s1', 'amy', T), b.opened('s2', 'li', T), b.ended('s2', T + HOUR), b.registered('bob', T + 4 * DAY)]);
    expect(shop(state).lastReply).toEqual({});
    expect(shop(state).sessions).toEqual({});
  });

  it('M18: an order\'s record is kept 180 days after its payment: a refund on day 180 is the agent\'s, on day 181 unattributed', () => {
    const b = salesEvents();
    const paidAt = T + HOUR;
    const base = [b.opened('s1', 'yang', T), b.replies('s1', 'amy', T), b.paid('o1', 'yang', 1_000, 2, paidAt)];
    const at180 = fold([...base, b.refunded('o1', 'r1', 'yang', 300, 1, paidAt + 180 * DAY)]);
    expect(salesRows(at180, query(at180), options)[0]).toMatchObject({ agentId: 'amy', refundAmount: 300 });
    const at181 = fold([...base, b.refunded('o1', 'r1', 'yang', 300, 1, paidAt + 181 * DAY)]);
    expect(salesRows(at181, query(at181), options)[0]).toMatchObject({ agentId: 'amy', refundAmount: 0, salesAmount: 1_000 });
    expect(salesUnattributed(at181, query(at181))).toMatchObject({ refundsUnattributed: 300, unattributedRefundCount: 1 });
    expect(shop(at181).orders).toEqual({});
    expect(shop(at181).expiry).toEqual({});
  });

  it('M18: an order placed and never paid is forgotten 180 days after its placement; a payment then is credited at its own time', () => {
    const b = salesEvents();
    const state = fold([
      b.opened('s1', 'yang', T),
      b.replies('s1', 'amy', T),
      b.placed('o1', 'yang', 100, 1, T + HOUR),
      b.opened('s2', 'yang', T + 181 * DAY),
      b.replies('s2', 'bob', T + 181 * DAY),
      b.paid('o1', 'yang', 100, 1, T + 181 * DAY + HOUR),
    ]);
    expect(salesOf(state)).toMatchObject({ amy: 0, bob: 100 });
  });

  it('checkpoint: the state is plain JSON; folding on from a JSON copy gives the same rows', () => {
    const b = salesEvents();
    const first = [b.registered('amy', T), b.opened('s1', 'yang', T), b.replies('s1', 'amy', T), b.placed('o1', 'yang', 100, 1, T + HOUR)];
    const rest = [b.paid('o1', 'yang', 100, 1, T + DAY), b.refunded('o1', 'r1', 'yang', 40, 0, T + 2 * DAY), b.registered('bob', T + 5 * DAY)];
    const projection = salesReport.projection(options);
    const straight = project(projection, [...first, ...rest]);
    const copied = project(projection, rest, JSON.parse(JSON.stringify(project(projection, first))) as SalesState);
    expect(copied).toEqual(straight);
    expect(salesRows(copied, query(copied), options)).toEqual(salesRows(straight, query(straight), options));
  });
});
