/**
 * The conversation's decide: one small function per command. Refusals are
 * domain errors with a code from CONVERSATION_ERROR_CODES and, where a field is
 * to blame, `details.field` naming it; a refusal writes nothing.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Actor } from '../envelope.js';
import { domainError, type DomainError } from '../errors.js';
import { stableId } from '../stableId.js';
import type { ConversationEvent, ConversationState, ReadSide } from './conversation.js';
import { senderKey } from './conversation.js';
import type { ConversationCommand, ConversationCommandOf, RoutingChange } from './conversationCommands.js';
import { CUSTOMER_CONTENT, type MessageContent, type MessageKind, type Sender } from './messages.js';

export const CONVERSATION_ERROR_CODES = [
  'actor.not-allowed',
  'conversation.unknown',
  'conversation.ended',
  'conversation.leave-a-message',
  'conversation.not-handling',
  'conversation.channel-required',
  'conversation.agent-required',
  'conversation.side-required',
  'message.kind-not-allowed',
  'message.exists',
  'message.unknown',
] as const;
export type ConversationErrorCode = (typeof CONVERSATION_ERROR_CODES)[number];

type Decided = E.Either<DomainError, readonly ConversationEvent[]>;

const refuse = (code: ConversationErrorCode, message: string, details?: Record<string, unknown>): E.Either<DomainError, never> =>
  E.left(domainError(code, message, details));

const nothing: Decided = E.right([]);

/** S7: the session a customer's message after the end starts, the same on every machine. */
export const nextSessionIdOf = (sessionId: string, messageId: string): string => stableId('s-', [sessionId, messageId]);

const exists = (s: ConversationState, sessionId: string): E.Either<DomainError, void> =>
  s.status === 'none' ? refuse('conversation.unknown', `no conversation for session ${sessionId}`, { field: 'data.sessionId' }) : E.right(undefined);

/** A message id seen before: the same sender's repeat is a no-op, anyone else's a refusal. */
const repeat = (s: ConversationState, messageId: string, sender: Sender): Decided | undefined => {
  const seen = s.seen.get(messageId);
  if (seen === undefined) return undefined;
  return seen.sender === senderKey(sender) ? nothing : refuse('message.exists', `message ${messageId} is someone else's`, { field: 'data.messageId' });
};

const sent = (
  s: ConversationState,
  d: { readonly sessionId: string; readonly messageId: string },
  sender: Sender,
  kind: MessageKind,
  content: MessageContent,
  at: number,
  extra: { readonly staffOnly?: boolean; readonly purpose?: string } = {},
): ConversationEvent => ({
  type: 'MessageSent',
  data: {
    sessionId: d.sessionId,
    messageId: d.messageId,
    seq: s.seq + 1,
    sender,
    kind,
    content,
    staffOnly: extra.staffOnly ?? false,
    ...(extra.purpose === undefined ? {} : { purpose: extra.purpose }),
    at,
  },
});

const sendCustomerMessage = (c: ConversationCommandOf<'SendCustomerMessage'>, s: ConversationState): Decided => {
  const { actor, now } = c.meta;
  const d = c.data;
  if (actor.kind === 'agent') return refuse('actor.not-allowed', 'agents write with SendAgentMessage');
  if (actor.kind === 'customer' && actor.id !== d.customerId) return refuse('actor.not-allowed', `customer ${actor.id} writes as ${d.customerId}`, { field: 'data.customerId' });
  if (!CUSTOMER_CONTENT.has(d.content.kind)) {
    return refuse('message.kind-not-allowed', `a customer may not send a ${d.content.kind}`, { field: 'data.content.kind' });
  }
  const sender: Sender = { kind: 'customer', id: d.customerId };
  if (s.status === 'none') {
    if (d.channel === undefined) return refuse('conversation.channel-required', 'the first message of a conversation names its channel', { field: 'data.channel' });
    const opened: ConversationEvent = {
      type: 'ConversationOpened',
      data: {
        sessionId: d.sessionId,
        customerId: d.customerId,
        channel: d.channel,
        initiation: 'customer',
        entry: d.entry ?? { kind: 'channel' },
        vip: d.vip ?? false,
        ...(d.entryGroupId === undefined ? {} : { entryGroupId: d.entryGroupId }),
        ...(d.previousSessionId === undefined ? {} : { previousSessionId: d.previousSessionId }),
        at: now,
      },
    };
    return E.right([opened, sent(s, d, sender, d.content.kind, d.content, now)]);
  }
  if (s.customerId !== d.customerId) return refuse('actor.not-allowed', `session ${d.sessionId} is another customer's`, { field: 'data.customerId' });
  const again = repeat(s, d.messageId, sender);
  if (again !== undefined) return again;
  if (s.status === 'ended') {
    return E.right([
      {
        type: 'ConversationContinued',
        data: {
          sessionId: d.sessionId,
          nextSessionId: s.continuedAs ?? nextSessionIdOf(d.sessionId, d.messageId),
          customerId: s.customerId,
          channel: s.channel,
          vip: d.vip ?? s.vip,
          ...(s.entryGroupId === undefined ? {} : { entryGroupId: s.entryGroupId }),
          messageId: d.messageId,
          content: d.content,
          at: now,
        },
      },
    ]);
  }
  return E.right([sent(s, d, sender, d.content.kind, d.content, now)]);
};

/** The agent a staff command writes as: the acting agent, or the one the system names. */
const staffAgent = (actor: Actor, agentId: string | undefined, what: string): E.Either<DomainError, string> => {
  if (actor.kind === 'customer') return refuse('message.kind-not-allowed', `a customer may not send ${what}`, { field: 'type' });
  if (actor.kind === 'agent') {
    return agentId === undefined || agentId === actor.id ? E.right(actor.id) : refuse('actor.not-allowed', `agent ${actor.id} writes as ${agentId}`, { field: 'data.agentId' });
  }
  return agentId === undefined ? refuse('conversation.agent-required', 'the system names the agent it writes for', { field: 'data.agentId' }) : E.right(agentId);
};

const handling = (s: ConversationState, agentId: string) => s.agentId === agentId || s.coAgents.includes(agentId);

/** The agent may write here: the conversation is open, and the agent is its agent or a co-agent. */
const requireHandling = (s: ConversationState, sessionId: string, agentId: string): E.Either<DomainError, void> => {
  const known = exists(s, sessionId);
  if (E.isLeft(known)) return known;
  if (s.status === 'ended') return refuse('conversation.ended', `session ${sessionId} has ended`, { field: 'data.sessionId' });
  if (s.status === 'leave-a-message') return refuse('conversation.leave-a-message', `session ${sessionId} is a left message, never assigned (reach the customer with a proactive session)`);
  return handling(s, agentId) ? E.right(undefined) : refuse('conversation.not-handling', `agent ${agentId} is not in session ${sessionId}`, { agentId });
};

const staffMessage =
  (kindOf: (content: MessageContent) => MessageKind, what: string, staffOnly: boolean) =>
  (c: ConversationCommandOf<'SendAgentMessage' | 'SendAnonymousReply' | 'AddInternalNote'>, s: ConversationState): Decided => {
    const agentId = staffAgent(c.meta.actor, c.data.agentId, what);
    if (E.isLeft(agentId)) return agentId;
    const allowed = requireHandling(s, c.data.sessionId, agentId.right);
    if (E.isLeft(allowed)) return allowed;
    const sender: Sender = { kind: 'agent', id: agentId.right };
    return repeat(s, c.data.messageId, sender) ?? E.right([sent(s, c.data, sender, kindOf(c.data.content), c.data.content, c.meta.now, { staffOnly })]);
  };

const sendAgentMessage = staffMessage((content) => content.kind, 'an agent message', false);
const sendAnonymousReply = staffMessage(() => 'anonymous-reply', 'an anonymous reply', false);
const addInternalNote = staffMessage(() => 'internal-note', 'an internal note', true);

const sendSystemMessage = (c: ConversationCommandOf<'SendSystemMessage'>, s: ConversationState): Decided => {
  if (c.meta.actor.kind !== 'system') {
    return refuse(c.meta.actor.kind === 'customer' ? 'message.kind-not-allowed' : 'actor.not-allowed', 'only the system sends system messages', { field: 'type' });
  }
  const known = exists(s, c.data.sessionId);
  if (E.isLeft(known)) return known;
  const d = c.data;
  const sender: Sender = { kind: 'system' };
  const purpose = d.purpose === undefined ? {} : { purpose: d.purpose };
  return repeat(s, d.messageId, sender) ?? E.right([sent(s, d, sender, d.auto === false ? 'system' : 'auto', { kind: 'text', text: d.text }, c.meta.now, purpose)]);
};

/** How many of `seqs` (ascending) lie in (after, upTo]. */
const countBetween = (seqs: ConversationState['customerSeqs'], after: number, upTo: number): number => {
  const firstAbove = (bound: number) => {
    let lo = 0;
    let hi = seqs.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((seqs.get(mid) ?? 0) <= bound) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return upTo <= after ? 0 : firstAbove(upTo) - firstAbove(after);
};

/** S3: the customer reads the staff's messages; an agent in the session reads the customer's. */
const markRead = (c: ConversationCommandOf<'MarkRead'>, s: ConversationState): Decided => {
  const { actor } = c.meta;
  const d = c.data;
  const known = exists(s, d.sessionId);
  if (E.isLeft(known)) return known;
  let side: ReadSide;
  let by: string | undefined;
  if (actor.kind === 'customer') {
    if (actor.id !== s.customerId) return refuse('actor.not-allowed', `session ${d.sessionId} is another customer's`);
    if (d.side === 'agent' || d.agentId !== undefined) return refuse('actor.not-allowed', 'a customer reads as the customer', { field: d.side === 'agent' ? 'data.side' : 'data.agentId' });
    side = 'customer';
  } else if (actor.kind === 'agent') {
    if (d.side === 'customer') return refuse('actor.not-allowed', 'an agent reads as an agent', { field: 'data.side' });
    if (!handling(s, actor.id)) return refuse('conversation.not-handling', `agent ${actor.id} is not in session ${d.sessionId}`, { agentId: actor.id });
    side = 'agent';
    by = actor.id;
  } else {
    if (d.side === undefined) return refuse('conversation.side-required', 'the system says which side read', { field: 'data.side' });
    side = d.side;
    by = d.agentId;
  }
  let upToSeq = s.seq;
  if (d.upTo !== undefined) {
    const seen = s.seen.get(d.upTo);
    if (seen === undefined || seen.seq === 0) return refuse('message.unknown', `no message ${d.upTo} in session ${d.sessionId}`, { field: 'data.upTo' });
    upToSeq = seen.seq;
  }
  const count = countBetween(side === 'agent' ? s.customerSeqs : s.staffSeqs, s.read[side], upToSeq);
  if (count === 0) return nothing;
  return E.right([{ type: 'MessagesRead', data: { sessionId: d.sessionId, side, upToSeq, count, ...(by === undefined ? {} : { by }), at: c.meta.now } }]);
};

/** S4: active, temporarily away, offline; told by the customer's client or the system. */
const setCustomerPresence = (c: ConversationCommandOf<'SetCustomerPresence'>, s: ConversationState): Decided => {
  const { actor } = c.meta;
  if (actor.kind === 'agent') return refuse('actor.not-allowed', "only the customer's client or the system tells the customer's presence");
  const known = exists(s, c.data.sessionId);
  if (E.isLeft(known)) return known;
  if (actor.kind === 'customer' && actor.id !== s.customerId) return refuse('actor.not-allowed', `session ${c.data.sessionId} is another customer's`);
  if (s.presence === c.data.presence) return nothing;
  return E.right([{ type: 'CustomerPresenceChanged', data: { sessionId: c.data.sessionId, from: s.presence, to: c.data.presence, at: c.meta.now } }]);
};

const change = (s: ConversationState, sessionId: string, routingVersion: number, at: number, ch: RoutingChange): readonly ConversationEvent[] => {
  const m = { sessionId, routingVersion, at };
  if (s.status === 'ended') {
    // An ended session's id is never routed again (a new session has a new id): this is a repeat delivery.
    if (ch.kind === 'queued') return [{ type: 'ConversationRoutedAfterEnd', data: m }];
    if (ch.kind === 'assigned') return [{ type: 'ConversationRoutedAfterEnd', data: { ...m, agentId: ch.agentId } }];
    return [];
  }
  switch (ch.kind) {
    case 'queued':
      return [{ type: 'ConversationQueued', data: m }];
    case 'assigned':
      return s.status === 'assigned' && s.agentId === ch.agentId ? [] : [{ type: 'ConversationAssigned', data: { ...m, agentId: ch.agentId, vip: s.vip } }];
    case 'transferred':
      return s.agentId === ch.to ? [] : [{ type: 'ConversationTransferred', data: { ...m, from: ch.from, to: ch.to } }];
    case 'requeued':
      return [{ type: 'ConversationRequeued', data: { ...m, from: ch.from } }];
    case 'diverted':
      return s.status === 'leave-a-message' ? [] : [{ type: 'ConversationDiverted', data: { ...m, reason: ch.reason } }];
    case 'co-agent-added':
      return s.coAgents.includes(ch.agentId) ? [] : [{ type: 'ConversationCoAgentAdded', data: { ...m, agentId: ch.agentId } }];
    case 'co-agent-left':
      return s.coAgents.includes(ch.agentId) ? [{ type: 'ConversationCoAgentLeft', data: { ...m, agentId: ch.agentId } }] : [];
    case 'ended':
      return [{ type: 'ConversationEnded', data: { ...m, reason: ch.reason } }];
  }
};

/**
 * The desk's decisions, mirrored. Ordered and exactly once by the routing stream's
 * version: a repeat or an older event (a redelivery) is a no-op. A session the desk
 * started (proactive, or opened at the desk directly) opens its conversation here.
 */
const recordRouting = (c: ConversationCommandOf<'RecordRouting'>, s: ConversationState): Decided => {
  if (c.meta.actor.kind !== 'system') return refuse('actor.not-allowed', 'only the system records what routing decided');
  const d = c.data;
  if (d.routingVersion <= s.routingVersion) return nothing;
  if (s.status !== 'none') return E.right(change(s, d.sessionId, d.routingVersion, d.at, d.change));
  const opens = d.change.kind === 'assigned' || d.change.kind === 'queued' || d.change.kind === 'diverted';
  if (!opens || d.customerId === undefined || d.channel === undefined) return nothing;
  const opened: ConversationEvent = {
    type: 'ConversationOpened',
    data: {
      sessionId: d.sessionId,
      customerId: d.customerId,
      channel: d.channel,
      initiation: d.change.kind === 'assigned' && d.change.via === 'proactive' ? 'agent' : 'desk',
      entry: { kind: 'channel' },
      vip: d.vip ?? false,
      at: d.at,
    },
  };
  const state: ConversationState = { ...s, status: 'routing', customerId: d.customerId, channel: d.channel, vip: d.vip ?? false };
  return E.right([opened, ...change(state, d.sessionId, d.routingVersion, d.at, d.change)]);
};

export const decideConversation = (command: ConversationCommand, state: ConversationState): Decided => {
  switch (command.type) {
    case 'SendCustomerMessage':
      return sendCustomerMessage(command, state);
    case 'SendAgentMessage':
      return sendAgentMessage(command, state);
    case 'SendAnonymousReply':
      return sendAnonymousReply(command, state);
    case 'AddInternalNote':
      return addInternalNote(command, state);
    case 'SendSystemMessage':
      return sendSystemMessage(command, state);
    case 'MarkRead':
      return markRead(command, state);
    case 'SetCustomerPresence':
      return setCustomerPresence(command, state);
    case 'RecordRouting':
      return recordRouting(command, state);
  }
};
