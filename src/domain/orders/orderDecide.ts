/**
 * Deciding an order command (M18). Only the system records orders (orderPolicy).
 * The backend may deliver a step twice: the same step with the same figures is a
 * no-op, with other figures a refusal naming the field that differs. A payment
 * needs no placement (an order paid directly), but once placed it must be the
 * placed buyer's; a refund needs the payment and stays within it, in money and
 * in units. Every event's `at` is the command's time.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { DecideContext } from '../decider.js';
import { domainError, type DomainError } from '../errors.js';
import { authorizeBy } from '../permissions/policy.js';
import { whoFromContext } from '../permissions/who.js';
import type { OrderCommand, OrderCommandOf } from './orderCommands.js';
import type { OrderEvent } from './orderEvents.js';
import { orderPolicy } from './orderPolicy.js';
import type { OrderFiguresRecorded, OrderState } from './orderState.js';

export const ORDER_ERROR_CODES = [
  'actor.not-allowed',
  'actor.unknown',
  'order.already-placed',
  'order.already-paid',
  'order.buyer-mismatch',
  'order.not-paid',
  'order.refund-exceeds-payment',
  'order.refund-exists',
] as const;
export type OrderErrorCode = (typeof ORDER_ERROR_CODES)[number];

type Decided = E.Either<DomainError, readonly OrderEvent[]>;
type Figures = { readonly buyerId: string; readonly amount: number; readonly units: number };

const refuse = (code: OrderErrorCode, message: string, field: string): E.Either<DomainError, never> => E.left(domainError(code, message, { field }));

/** The first field in which a repeated step differs from the recorded one, if any. */
const differs = (recorded: Figures, sent: Figures): 'buyerId' | 'amount' | 'units' | undefined =>
  recorded.buyerId !== sent.buyerId ? 'buyerId' : recorded.amount !== sent.amount ? 'amount' : recorded.units !== sent.units ? 'units' : undefined;

const figures = (d: Figures) => ({ buyerId: d.buyerId, amount: d.amount, units: d.units });

const place = (c: OrderCommandOf<'RecordOrderPlaced'>, s: OrderState): Decided => {
  const d = c.data;
  if (s.placed !== undefined) {
    const field = differs(s.placed, d);
    return field === undefined ? E.right([]) : refuse('order.already-placed', `order ${d.orderId} was placed already with another ${field}`, `data.${field}`);
  }
  // Paid directly, then a placement: the payment stands for it (its credit was given at payment time).
  if (s.paid !== undefined) return refuse('order.already-paid', `order ${d.orderId} was paid already; a placement comes before its payment`, 'data.orderId');
  return E.right([{ type: 'OrderPlaced', data: { orderId: d.orderId, ...figures(d), at: c.meta.now } }]);
};

const buyerOf = (s: OrderState): OrderFiguresRecorded | undefined => s.paid ?? s.placed;

const pay = (c: OrderCommandOf<'RecordOrderPaid'>, s: OrderState): Decided => {
  const d = c.data;
  const known = buyerOf(s);
  if (known !== undefined && known.buyerId !== d.buyerId) return refuse('order.buyer-mismatch', `order ${d.orderId} is buyer ${known.buyerId}'s, not ${d.buyerId}'s`, 'data.buyerId');
  if (s.paid !== undefined) {
    const field = differs(s.paid, d);
    return field === undefined ? E.right([]) : refuse('order.already-paid', `order ${d.orderId} was paid already with another ${field}`, `data.${field}`);
  }
  // The paid amount may differ from the placed one (a discount at checkout): the payment is what sells.
  return E.right([{ type: 'OrderPaid', data: { orderId: d.orderId, ...figures(d), at: c.meta.now } }]);
};

const refund = (c: OrderCommandOf<'RecordOrderRefunded'>, s: OrderState): Decided => {
  const d = c.data;
  const earlier = s.refunds[d.refundId];
  if (earlier !== undefined) {
    const field = differs(earlier, d);
    return field === undefined ? E.right([]) : refuse('order.refund-exists', `refund ${d.refundId} of order ${d.orderId} was recorded with another ${field}`, 'data.refundId');
  }
  if (s.paid === undefined) return refuse('order.not-paid', `order ${d.orderId} has no payment to refund`, 'data.orderId');
  if (s.paid.buyerId !== d.buyerId) return refuse('order.buyer-mismatch', `order ${d.orderId} is buyer ${s.paid.buyerId}'s, not ${d.buyerId}'s`, 'data.buyerId');
  if (s.refundedAmount + d.amount > s.paid.amount) {
    return refuse('order.refund-exceeds-payment', `refunds of order ${d.orderId} would reach ${s.refundedAmount + d.amount} fen, over the ${s.paid.amount} paid`, 'data.amount');
  }
  if (s.refundedUnits + d.units > s.paid.units) {
    return refuse('order.refund-exceeds-payment', `refunds of order ${d.orderId} would reach ${s.refundedUnits + d.units} units, over the ${s.paid.units} paid`, 'data.units');
  }
  return E.right([{ type: 'OrderRefunded', data: { orderId: d.orderId, refundId: d.refundId, ...figures(d), at: c.meta.now } }]);
};

export const decideOrder = (command: OrderCommand, state: OrderState, context: DecideContext): Decided => {
  const who = whoFromContext(context, command.meta.shopId, command.meta.actor);
  if (E.isLeft(who)) return who;
  const allowed = authorizeBy(orderPolicy, command.type, who.right, 'other');
  if (E.isLeft(allowed)) return allowed;
  switch (command.type) {
    case 'RecordOrderPlaced':
      return place(command, state);
    case 'RecordOrderPaid':
      return pay(command, state);
    case 'RecordOrderRefunded':
      return refund(command, state);
  }
};
