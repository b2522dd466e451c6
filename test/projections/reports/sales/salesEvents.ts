/**
 * Hand-built ProjectedEvents for the sales report's specs (M18-M19): desk agents,
 * sessions and their messages, and orders, each with its `at` in data and
 * metadata and the next global position.
 */
import { projectedEvents } from '../projectedEvents.js';

export const SHOP = 'shop-sales';
export const ZONE = 'Asia/Shanghai';
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Epoch ms of a Shanghai wall time, e.g. `local('2026-03-10 08:00')`. */
export const local = (wall: string): number => Date.parse(`${wall.replace(' ', 'T')}:00+08:00`);

export const salesEvents = (shopId: string = SHOP) => {
  let messages = 0;
  const event = projectedEvents(shopId);
  const conversation = (sessionId: string) => `conversation-${shopId}-${sessionId}`;
  const message = (sessionId: string, sender: Record<string, unknown>, kind: string, at: number, purpose?: string) => {
    messages++;
    return event(
      'MessageSent',
      { sessionId, messageId: `m${messages}`, seq: messages, sender, kind, content: { kind: 'text', text: 'x' }, staffOnly: kind === 'internal-note', ...(purpose === undefined ? {} : { purpose }), at },
      conversation(sessionId),
    );
  };
  const order = (type: string, orderId: string, buyerId: string, amount: number, units: number, at: number, extra: Record<string, unknown> = {}) =>
    event(type, { orderId, buyerId, amount, units, ...extra, at }, `order-${shopId}-${orderId}`);
  return {
    event,
    registered: (agentId: string, at: number) => event('AgentRegistered', { agentId, name: agentId, role: 'agent', groups: [], maxSessions: 5, capability: 80, lifecycle: 'active', at }, `routing-${shopId}`),
    opened: (sessionId: string, customerId: string, at: number) =>
      event('ConversationOpened', { sessionId, customerId, channel: 'web', initiation: 'customer', entry: { kind: 'channel' }, vip: false, at }, conversation(sessionId)),
    ended: (sessionId: string, at: number) => event('ConversationEnded', { sessionId, routingVersion: 1, reason: 'agent', at }, conversation(sessionId)),
    says: (sessionId: string, customerId: string, at: number) => message(sessionId, { kind: 'customer', id: customerId }, 'text', at),
    replies: (sessionId: string, agentId: string, at: number, kind = 'text') => message(sessionId, { kind: 'agent', id: agentId }, kind, at),
    system: (sessionId: string, at: number, kind = 'auto', purpose = 'welcome') => message(sessionId, { kind: 'system' }, kind, at, purpose),
    placed: (orderId: string, buyerId: string, amount: number, units: number, at: number) => order('OrderPlaced', orderId, buyerId, amount, units, at),
    paid: (orderId: string, buyerId: string, amount: number, units: number, at: number) => order('OrderPaid', orderId, buyerId, amount, units, at),
    refunded: (orderId: string, refundId: string, buyerId: string, amount: number, units: number, at: number) => order('OrderRefunded', orderId, buyerId, amount, units, at, { refundId }),
  };
};
