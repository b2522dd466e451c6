/**
 * Conversation events by hand, for the session read models' unit tests: one
 * shop's session opened, assigned, transferred, written in, ended.
 */
import type { ConversationEvent, ConversationEventOf, Initiation } from '../../../src/domain/conversation/conversation.js';
import type { MessageKind, Sender, StoredMessageContent } from '../../../src/domain/conversation/messages.js';
import type { EndReason } from '../../../src/domain/desk/deskEvents.js';
import type { ProjectedEvent } from '../../../src/projections/projection.js';

export const SHOP = 'shop-u';
export const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);
export const S = 1_000;

let position = 0;
export const event = <T extends ConversationEvent['type']>(type: T, data: ConversationEventOf<T>['data'], shopId = SHOP): ProjectedEvent<ConversationEvent> =>
  ({
    type,
    data,
    schemaVersion: 1,
    stream: `conversation-${shopId}-${(data as { sessionId: string }).sessionId}`,
    streamVersion: 1,
    globalPosition: ++position,
    metadata: { eventId: `e${position}`, shopId, actor: { kind: 'system' }, occurredAt: (data as { at: number }).at, correlationId: 'c', causationId: 'c' },
  }) as unknown as ProjectedEvent<ConversationEvent>;

export const opened = (sessionId: string, customerId: string, at: number, fields: { channel?: string; initiation?: Initiation; entryGroupId?: string; shopId?: string } = {}) =>
  event(
    'ConversationOpened',
    { sessionId, customerId, channel: fields.channel ?? 'web-mall', initiation: fields.initiation ?? 'customer', entry: { kind: 'channel' }, vip: false, at, ...(fields.entryGroupId === undefined ? {} : { entryGroupId: fields.entryGroupId }) },
    fields.shopId,
  );

let seq = 0;
export const message = (sessionId: string, sender: Sender, at: number, options: { text?: string; kind?: MessageKind; purpose?: string; content?: StoredMessageContent; shopId?: string } = {}) =>
  event(
    'MessageSent',
    {
      sessionId,
      messageId: `m${++seq}`,
      seq,
      sender,
      kind: options.kind ?? 'text',
      content: options.content ?? { kind: 'text', text: options.text ?? 'hello' },
      staffOnly: options.kind === 'internal-note',
      ...(options.purpose === undefined ? {} : { purpose: options.purpose }),
      at,
    },
    options.shopId,
  );

export const fromCustomer = (sessionId: string, customerId: string, at: number, text = 'hello', shopId?: string) => message(sessionId, { kind: 'customer', id: customerId }, at, { text, ...(shopId === undefined ? {} : { shopId }) });
export const fromAgent = (sessionId: string, agentId: string, at: number, text = 'how can I help?', shopId?: string) => message(sessionId, { kind: 'agent', id: agentId }, at, { text, ...(shopId === undefined ? {} : { shopId }) });
export const autoMessage = (sessionId: string, at: number, purpose?: string) => message(sessionId, { kind: 'system' }, at, { kind: 'auto', text: 'auto', ...(purpose === undefined ? {} : { purpose }) });

export const assigned = (sessionId: string, agentId: string, at: number, shopId?: string) => event('ConversationAssigned', { sessionId, agentId, vip: false, routingVersion: 1, at }, shopId);
export const queued = (sessionId: string, at: number) => event('ConversationQueued', { sessionId, routingVersion: 1, at });
export const requeued = (sessionId: string, from: string, at: number) => event('ConversationRequeued', { sessionId, from, routingVersion: 1, at });
export const transferred = (sessionId: string, from: string, to: string, at: number) => event('ConversationTransferred', { sessionId, from, to, routingVersion: 1, at });
export const coAgent = (sessionId: string, agentId: string, at: number) => event('ConversationCoAgentAdded', { sessionId, agentId, routingVersion: 1, at });
export const ended = (sessionId: string, at: number, reason: EndReason = 'agent', shopId?: string) => event('ConversationEnded', { sessionId, reason, routingVersion: 1, at }, shopId);
