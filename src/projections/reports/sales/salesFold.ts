/**
 * The sales report's fold (M18-M19). Replies: an agent's message (not an internal
 * note, not auto/system) in a session answers the session's customer: it becomes
 * the buyer's last reply and an inquiry of the agent's day. Orders: credited when
 * placed (or when paid, if never placed) to the last agent who replied to the
 * buyer within 72 hours before (open point 12), else to nobody; the payment
 * counts on its day to the credited agent, a refund on its day likewise. M19
 * marks the buyer in the credited agent's inquiry sets of the days it converts.
 */
import type { DeskEvent } from '../../../domain/desk/deskEvents.js';
import type { ConversationEvent } from '../../../domain/conversation/conversation.js';
import type { OrderEvent } from '../../../domain/orders/orderEvents.js';
import type { Projection, ProjectedEvent } from '../../projection.js';
import { dayClock, type DayClock, type ReportOptions } from '../reportKit.js';
import { pruneShop } from './salesPrune.js';
import {
  CREDIT_WINDOW_MS,
  dayOf,
  initialSalesState,
  newShop,
  ORDER_DAYS_AFTER,
  ORDER_KEEP_DAYS,
  ORDERED,
  PAID,
  PAYMENT_DAYS_AFTER,
  setsOf,
  unattributedOf,
  INQUIRED,
  type SalesState,
  type ShopSales,
} from './salesState.js';

export type SalesEvent = DeskEvent | ConversationEvent | OrderEvent;

const NOT_REPLIES: ReadonlySet<string> = new Set(['internal-note', 'auto', 'system']);
const HANDLED: ReadonlySet<string> = new Set(['AgentRegistered', 'ConversationOpened', 'MessageSent', 'ConversationEnded', 'OrderPlaced', 'OrderPaid', 'OrderRefunded']);

const reply = (shop: ShopSales, agentId: string, buyerId: string, at: number, day: number): void => {
  const last = shop.lastReply[buyerId];
  if (last === undefined) shop.lastReply[buyerId] = { agentId, at };
  else {
    last.agentId = agentId;
    last.at = at;
  }
  const figures = dayOf(shop, agentId, day);
  const inquiries = setsOf(shop, agentId, day, figures).inquiries;
  if (inquiries[buyerId] === undefined) {
    inquiries[buyerId] = INQUIRED;
    figures.inquiries++;
  }
};

/** The agent an order is credited to at `at`: the buyer's last replier within 72 hours, or none. */
const creditAt = (shop: ShopSales, buyerId: string, at: number): string | null => {
  const last = shop.lastReply[buyerId];
  return last !== undefined && last.at >= at - CREDIT_WINDOW_MS && last.at <= at ? last.agentId : null;
};

/** M19: marks the buyer in the agent's inquiry sets of the days `fromDay..toDay` that it converts (ORDERED or PAID). */
const convert = (shop: ShopSales, agentId: string, buyerId: string, fromDay: number, toDay: number, flag: number): void => {
  const agentDays = shop.days[agentId];
  if (agentDays === undefined) return;
  for (let d = fromDay; d <= toDay; d++) {
    const figures = agentDays[d];
    const inquiries = figures?.open?.inquiries;
    const flags = inquiries?.[buyerId];
    if (figures === undefined || inquiries === undefined || flags === undefined || (flags & flag) !== 0) continue;
    inquiries[buyerId] = flags | flag;
    if (flag === ORDERED) figures.ordered++;
    else figures.paid++;
    // Ordered and paid, whichever came first.
    if ((flags | flag) === (INQUIRED | ORDERED | PAID)) figures.orderedPaid++;
  }
};

const keep = (shop: ShopSales, orderId: string, until: number): void => {
  (shop.expiry[until] ??= []).push(orderId);
};

const credited = (shop: ShopSales, orderId: string, buyerId: string, at: number, day: number) => {
  const agentId = creditAt(shop, buyerId, at);
  const record = { agentId, paid: false, keepUntil: day + ORDER_KEEP_DAYS };
  shop.orders[orderId] = record;
  keep(shop, orderId, record.keepUntil);
  // A payment without a placement is the order placed and paid at once (M19 counts it as ordered too).
  if (agentId !== null) convert(shop, agentId, buyerId, day - ORDER_DAYS_AFTER, day, ORDERED);
  return record;
};

const applyOrder = (shop: ShopSales, event: ProjectedEvent<OrderEvent>, day: number): void => {
  const d = event.data;
  switch (event.type) {
    case 'OrderPlaced':
      if (shop.orders[d.orderId] === undefined) credited(shop, d.orderId, d.buyerId, d.at, day);
      return;
    case 'OrderPaid': {
      const record = shop.orders[d.orderId] ?? credited(shop, d.orderId, d.buyerId, d.at, day);
      if (record.paid) return;
      record.paid = true;
      record.keepUntil = day + ORDER_KEEP_DAYS;
      keep(shop, d.orderId, record.keepUntil);
      if (record.agentId === null) {
        const u = unattributedOf(shop, day);
        u.salesAmount += d.amount;
        u.paidOrders++;
        u.units += d.units;
        return;
      }
      const figures = dayOf(shop, record.agentId, day);
      figures.salesAmount += d.amount;
      figures.paidOrders++;
      figures.units += d.units;
      const buyers = setsOf(shop, record.agentId, day, figures).buyers;
      if (buyers[d.buyerId] === undefined) {
        buyers[d.buyerId] = 1;
        figures.buyers++;
      }
      convert(shop, record.agentId, d.buyerId, day - PAYMENT_DAYS_AFTER, day, PAID);
      return;
    }
    case 'OrderRefunded': {
      // Unknown: an order credited to nobody, paid before the report's log began, or paid over 180 days ago.
      const agentId = shop.orders[d.orderId]?.agentId ?? null;
      if (agentId === null) {
        const u = unattributedOf(shop, day);
        u.refundAmount += d.amount;
        u.refundCount++;
        return;
      }
      const figures = dayOf(shop, agentId, day);
      figures.refundAmount += d.amount;
      figures.refundCount++;
      const sets = setsOf(shop, agentId, day, figures);
      if (sets.refundOrders[d.orderId] === undefined) {
        sets.refundOrders[d.orderId] = 1;
        figures.refundOrders++;
      }
      if (sets.refundBuyers[d.buyerId] === undefined) {
        sets.refundBuyers[d.buyerId] = 1;
        figures.refundBuyers++;
      }
    }
  }
};

const applyEvent = (clock: DayClock, state: SalesState, event: ProjectedEvent<SalesEvent>): SalesState => {
  if (!HANDLED.has(event.type)) return state;
  const shop = (state.shops[event.metadata.shopId] ??= newShop());
  const at = (event.data as { at?: number }).at ?? event.metadata.occurredAt;
  const day = clock.dayOf(at);
  if (day > shop.sweptDay) pruneShop(shop, day, at);
  switch (event.type) {
    case 'AgentRegistered':
      shop.agents[event.data.agentId] = 1;
      break;
    case 'ConversationOpened':
      shop.sessions[event.data.sessionId] = { customerId: event.data.customerId, lastAt: at };
      break;
    case 'ConversationEnded':
      delete shop.sessions[event.data.sessionId];
      break;
    case 'MessageSent': {
      const session = shop.sessions[event.data.sessionId];
      if (session === undefined) break;
      session.lastAt = at;
      const { sender, kind } = event.data;
      if (sender.kind === 'agent' && !NOT_REPLIES.has(kind)) reply(shop, sender.id, session.customerId, at, day);
      break;
    }
    case 'OrderPlaced':
    case 'OrderPaid':
    case 'OrderRefunded':
      applyOrder(shop, event, day);
      break;
    default:
      break;
  }
  return state;
};

export const salesProjection = (options: ReportOptions): Projection<SalesState, SalesEvent> => {
  const clock = dayClock(options.zone);
  return { name: 'sales-report', initialState: initialSalesState, apply: (state, event) => applyEvent(clock, state, event) };
};
