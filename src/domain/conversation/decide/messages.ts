/** S1, S2, S7, S9: messages from the customer, the staff and the system. */
import * as E from 'fp-ts/lib/Either.js';
import type { Actor } from '../../envelope.js';
import type { DomainError } from '../../errors.js';
import type { ConversationEvent, ConversationState } from '../conversation.js';
import type { ConversationCommandOf } from '../conversationCommands.js';
import { CUSTOMER_CONTENT, type MessageContent, type MessageKind, type Sender } from '../messages.js';
import { exists, nextSessionIdOf, refuse, repeat, requireHandling, type Decided } from './common.js';

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
    // Q3: the phrase's id also outside the content, which is sealed and expires (S16): its use still counts.
    ...(content.kind === 'quick-reply' ? { quickReplyId: content.phraseId } : {}),
    at,
  },
});

export const sendCustomerMessage = (c: ConversationCommandOf<'SendCustomerMessage'>, s: ConversationState): Decided => {
  // Its own customer (or the system) writes it; agents write with SendAgentMessage (conversationPolicy.ts, checked before this).
  const { now } = c.meta;
  const d = c.data;
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

/** The agent a staff command writes as: the acting agent, or the one the system names (customers never: conversationPolicy.ts refuses them first). */
const staffAgent = (actor: Actor, agentId: string | undefined): E.Either<DomainError, string> => {
  if (actor.kind === 'agent') {
    return agentId === undefined || agentId === actor.id ? E.right(actor.id) : refuse('actor.not-allowed', `agent ${actor.id} writes as ${agentId}`, { field: 'data.agentId' });
  }
  return agentId === undefined ? refuse('conversation.agent-required', 'the system names the agent it writes for', { field: 'data.agentId' }) : E.right(agentId);
};


const staffMessage =
  (kindOf: (content: MessageContent) => MessageKind, staffOnly: boolean) =>
  (c: ConversationCommandOf<'SendAgentMessage' | 'SendAnonymousReply' | 'AddInternalNote'>, s: ConversationState): Decided => {
    const agentId = staffAgent(c.meta.actor, c.data.agentId);
    if (E.isLeft(agentId)) return agentId;
    const allowed = requireHandling(s, c.data.sessionId, agentId.right);
    if (E.isLeft(allowed)) return allowed;
    const sender: Sender = { kind: 'agent', id: agentId.right };
    return repeat(s, c.data.messageId, sender) ?? E.right([sent(s, c.data, sender, kindOf(c.data.content), c.data.content, c.meta.now, { staffOnly })]);
  };

export const sendAgentMessage = staffMessage((content) => content.kind, false);
export const sendAnonymousReply = staffMessage(() => 'anonymous-reply', false);
export const addInternalNote = staffMessage(() => 'internal-note', true);

export const sendSystemMessage = (c: ConversationCommandOf<'SendSystemMessage'>, s: ConversationState): Decided => {
  // Only the system sends them (conversationPolicy.ts, checked before this).
  const known = exists(s, c.data.sessionId);
  if (E.isLeft(known)) return known;
  const d = c.data;
  const sender: Sender = { kind: 'system' };
  const purpose = d.purpose === undefined ? {} : { purpose: d.purpose };
  return repeat(s, d.messageId, sender) ?? E.right([sent(s, d, sender, d.auto === false ? 'system' : 'auto', { kind: 'text', text: d.text }, c.meta.now, purpose)]);
};
