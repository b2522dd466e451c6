/**
 * M18: the commands a shop's backend sends when its order system places, pays
 * or refunds an order. The engine does not run orders: it records them so the
 * sales report can credit them to the agent who served the buyer. The time of
 * each event is the command's `meta.now` (the engine's clock), never the
 * caller's, as for every other module.
 */
import type { Command } from '../command.js';
import { customerIdCodec, messageIdCodec } from '../ids.js';
import type { CommandCodecs } from '../module.js';
import { intInRange, struct } from '../validation.js';
import { MAX_ORDER_AMOUNT, MAX_ORDER_UNITS, orderIdCodec } from './orderEvents.js';

type OrderFigures = {
  readonly orderId: string;
  /** The customer who buys: the same id the conversations name (`customerId`). */
  readonly buyerId: string;
  /** Fen (the currency's minor unit), an integer. */
  readonly amount: number;
  readonly units: number;
};

export type OrderCommand =
  | Command<'RecordOrderPlaced', OrderFigures>
  | Command<'RecordOrderPaid', OrderFigures>
  /** `refundId` tells the refunds of one order apart; the same one again is a retry. */
  | Command<'RecordOrderRefunded', OrderFigures & { readonly refundId: string }>;

export type OrderCommandType = OrderCommand['type'];
export type OrderCommandOf<T extends OrderCommandType> = Extract<OrderCommand, { type: T }>;

const figures = { orderId: orderIdCodec, buyerId: customerIdCodec, amount: intInRange(0, MAX_ORDER_AMOUNT), units: intInRange(0, MAX_ORDER_UNITS) };

export const orderCommandCodecs = {
  RecordOrderPlaced: struct('RecordOrderPlaced', figures),
  RecordOrderPaid: struct('RecordOrderPaid', figures),
  RecordOrderRefunded: struct('RecordOrderRefunded', { ...figures, refundId: messageIdCodec }),
} satisfies CommandCodecs<OrderCommand>;
