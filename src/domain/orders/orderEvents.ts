/**
 * M18-M19: what a shop's order system tells the engine. The engine does not run
 * orders; the shop's backend sends these as commands (system actor) when an order
 * is placed, paid and refunded, and the sales report folds the events. Amounts are
 * integers in the currency's minor unit (fen: 1 yuan = 100), so sums are exact;
 * units are whole items. One stream per order: `order-<shopId>-<orderId>`.
 */
import type { DomainEvent } from '../decider.js';
import { customerIdCodec, messageIdCodec } from '../ids.js';
import type { EventDefinitions } from '../module.js';
import { intInRange, struct, timestamp } from '../validation.js';

type At = { readonly at: number };
type OrderRef = { readonly orderId: string };

export type OrderEvent =
  /** The buyer placed the order (下单): its total and units. */
  | DomainEvent<'OrderPlaced', OrderRef & { readonly buyerId: string; readonly amount: number; readonly units: number } & At>
  /** The order was paid (付款): a sale, counted on this day. */
  | DomainEvent<'OrderPaid', OrderRef & { readonly buyerId: string; readonly amount: number; readonly units: number } & At>
  /**
   * A refund completed (退款完成): part or all of the paid amount. `refundId` tells
   * refunds of one order apart (M18 counts refunds and refunded orders separately).
   */
  | DomainEvent<'OrderRefunded', OrderRef & { readonly refundId: string; readonly buyerId: string; readonly amount: number; readonly units: number } & At>;

export type OrderEventType = OrderEvent['type'];

/** At most 10^12 fen (10 billion yuan) an order: beyond any shop, far inside a safe integer. */
export const MAX_ORDER_AMOUNT = 1_000_000_000_000;
export const MAX_ORDER_UNITS = 1_000_000;

export const orderIdCodec = messageIdCodec;
const amount = intInRange(0, MAX_ORDER_AMOUNT);
const units = intInRange(0, MAX_ORDER_UNITS);
const money = { orderId: orderIdCodec, buyerId: customerIdCodec, amount, units, at: timestamp };

export const orderEventDefinitions = {
  OrderPlaced: { schemaVersion: 1, codec: struct('OrderPlaced', money) },
  OrderPaid: { schemaVersion: 1, codec: struct('OrderPaid', money) },
  OrderRefunded: { schemaVersion: 1, codec: struct('OrderRefunded', { ...money, refundId: messageIdCodec }) },
} satisfies EventDefinitions<OrderEvent>;

export const orderStream = (shopId: string, orderId: string): string => `order-${shopId}-${orderId}`;


