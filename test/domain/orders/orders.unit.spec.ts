/**
 * M18: the order module through the engine, as a shop's backend records its
 * orders: placed once, paid once (or directly), refunded within the payment; a
 * retry with the same figures is a no-op, a conflicting one a refusal naming the
 * field; the event's time is the command's; a refusal writes nothing (the
 * driver's `refused` compares the whole log before and after).
 */
import { describe, expect, it } from 'vitest';
import { ORDER_ERROR_CODES } from '../../../src/domain/orders/orderDecide.js';
import { orderStream } from '../../../src/domain/orders/orderModule.js';
import { MINUTE, ordersHarness, paid, placed, refunded, SHOP, T0 } from './harness.js';

const refusal = async (h: ReturnType<typeof ordersHarness>, input: unknown) => {
  const error = await h.refused(input);
  expect(error._tag).toBe('DomainError');
  if (error._tag !== 'DomainError') throw new Error('not a domain error');
  expect(ORDER_ERROR_CODES).toContain(error.code);
  return { code: error.code, field: error.details?.['field'] };
};

describe('M18: placing an order', () => {
  it('M18: OrderPlaced carries the figures and the command time, in the order\'s own stream', async () => {
    const h = ordersHarness();
    await h.later(5 * MINUTE);
    expect(await h.ok(placed('o1'))).toEqual([{ type: 'OrderPlaced', data: { orderId: 'o1', buyerId: 'yang', amount: 12_800, units: 2, at: T0 + 5 * MINUTE } }]);
    const [event] = await h.events();
    expect(event?.stream).toBe(orderStream(SHOP, 'o1'));
    expect(orderStream(SHOP, 'o1')).toBe('order-shop-o-o1');
  });

  it('M18: placed again with the same figures is a no-op; with other figures order.already-placed naming the field', async () => {
    const h = ordersHarness();
    await h.ok(placed('o1'));
    expect(await h.ok(placed('o1'))).toEqual([]);
    expect(await refusal(h, placed('o1', { amount: 100 }))).toEqual({ code: 'order.already-placed', field: 'data.amount' });
    expect(await refusal(h, placed('o1', { units: 3 }))).toEqual({ code: 'order.already-placed', field: 'data.units' });
    expect(await refusal(h, placed('o1', { buyerId: 'li' }))).toEqual({ code: 'order.already-placed', field: 'data.buyerId' });
  });

  it('M18: a placement after a direct payment is order.already-paid', async () => {
    const h = ordersHarness();
    await h.ok(paid('o1'));
    expect(await refusal(h, placed('o1'))).toEqual({ code: 'order.already-paid', field: 'data.orderId' });
  });
});

describe('M18: paying an order', () => {
  it('M18: a placed order is paid once, at the command time; the paid amount may differ from the placed one', async () => {
    const h = ordersHarness();
    await h.ok(placed('o1'));
    await h.later(MINUTE);
    expect(await h.ok(paid('o1', { amount: 12_000 }))).toEqual([{ type: 'OrderPaid', data: { orderId: 'o1', buyerId: 'yang', amount: 12_000, units: 2, at: T0 + MINUTE } }]);
    expect(await h.ok(paid('o1', { amount: 12_000 }))).toEqual([]);
    expect(await refusal(h, paid('o1', { amount: 12_800 }))).toEqual({ code: 'order.already-paid', field: 'data.amount' });
    expect(await refusal(h, paid('o1', { amount: 12_000, units: 1 }))).toEqual({ code: 'order.already-paid', field: 'data.units' });
  });

  it('M18: an order never placed may be paid directly', async () => {
    const h = ordersHarness();
    expect(await h.ok(paid('o9'))).toHaveLength(1);
  });

  it('M18: the payer must be the buyer who placed it (order.buyer-mismatch naming data.buyerId), and stays so', async () => {
    const h = ordersHarness();
    await h.ok(placed('o1'));
    expect(await refusal(h, paid('o1', { buyerId: 'li' }))).toEqual({ code: 'order.buyer-mismatch', field: 'data.buyerId' });
    await h.ok(paid('o1'));
    expect(await refusal(h, paid('o1', { buyerId: 'li' }))).toEqual({ code: 'order.buyer-mismatch', field: 'data.buyerId' });
  });
});

describe('M18: refunding an order', () => {
  it('M18: a refund needs a payment: order.not-paid, placed or not', async () => {
    const h = ordersHarness();
    expect(await refusal(h, refunded('o1', 'r1'))).toEqual({ code: 'order.not-paid', field: 'data.orderId' });
    await h.ok(placed('o1'));
    expect(await refusal(h, refunded('o1', 'r1'))).toEqual({ code: 'order.not-paid', field: 'data.orderId' });
  });

  it('M18: refunds add up to at most the payment, in money (data.amount) and in units (data.units)', async () => {
    const h = ordersHarness();
    await h.ok(paid('o1'));
    await h.later(MINUTE);
    expect(await h.ok(refunded('o1', 'r1'))).toEqual([{ type: 'OrderRefunded', data: { orderId: 'o1', refundId: 'r1', buyerId: 'yang', amount: 6_400, units: 1, at: T0 + MINUTE } }]);
    // 6,400 + 6,401 > 12,800.
    expect(await refusal(h, refunded('o1', 'r2', { amount: 6_401, units: 0 }))).toEqual({ code: 'order.refund-exceeds-payment', field: 'data.amount' });
    // 1 + 2 units > 2.
    expect(await refusal(h, refunded('o1', 'r2', { amount: 0, units: 2 }))).toEqual({ code: 'order.refund-exceeds-payment', field: 'data.units' });
    // Exactly the rest is allowed; after it nothing more, not even 1 fen.
    expect(await h.ok(refunded('o1', 'r2', { amount: 6_400, units: 1 }))).toHaveLength(1);
    expect(await refusal(h, refunded('o1', 'r3', { amount: 1, units: 0 }))).toEqual({ code: 'order.refund-exceeds-payment', field: 'data.amount' });
  });

  it('M18: a repeated refundId is a no-op; the same id with other figures is order.refund-exists', async () => {
    const h = ordersHarness();
    await h.ok(paid('o1'));
    await h.ok(refunded('o1', 'r1'));
    expect(await h.ok(refunded('o1', 'r1'))).toEqual([]);
    expect(await refusal(h, refunded('o1', 'r1', { amount: 100 }))).toEqual({ code: 'order.refund-exists', field: 'data.refundId' });
    expect((await h.events()).filter((e) => e.type === 'OrderRefunded')).toHaveLength(1);
  });

  it('M18: the refund is the paying buyer\'s (order.buyer-mismatch naming data.buyerId)', async () => {
    const h = ordersHarness();
    await h.ok(paid('o1'));
    expect(await refusal(h, refunded('o1', 'r1', { buyerId: 'li' }))).toEqual({ code: 'order.buyer-mismatch', field: 'data.buyerId' });
  });
});

describe('M18: a refusal writes nothing', () => {
  it('M18: after every kind of refusal the log holds exactly the accepted events', async () => {
    const h = ordersHarness();
    await h.ok(placed('o1'));
    await h.ok(paid('o1'));
    await h.ok(refunded('o1', 'r1'));
    const before = (await h.events()).map((e) => e.type);
    const inputs = [placed('o1', { amount: 1 }), paid('o1', { amount: 1 }), paid('o1', { buyerId: 'li' }), refunded('o2', 'r1'), refunded('o1', 'r2', { amount: 99_999 }), refunded('o1', 'r1', { amount: 1 })];
    for (const input of inputs) {
      const { engine } = h;
      expect((await engine.dispatchUnknown(input))._tag).toBe('Left');
    }
    expect((await h.events()).map((e) => e.type)).toEqual(before);
    expect(before).toEqual(['OrderPlaced', 'OrderPaid', 'OrderRefunded']);
  });
});

describe('M18: orders are the system\'s', () => {
  it('M18/P1: an agent, even an admin, is refused actor.not-allowed; an unknown agent actor.unknown; nothing written', async () => {
    const h = ordersHarness();
    await h.staff();
    for (const actor of ['boss', 'amy']) {
      for (const input of [placed('o1', {}, { kind: 'agent', id: actor }), paid('o1', {}, { kind: 'agent', id: actor })]) expect(await h.code(input)).toBe('actor.not-allowed');
    }
    expect(await h.code(placed('o1', {}, { kind: 'agent', id: 'ghost' }))).toBe('actor.unknown');
    expect(await h.code(placed('o1', {}, { kind: 'customer', id: 'yang' }))).toBe('actor.not-allowed');
  });
});
