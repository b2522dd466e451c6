/** What the conversation's decide functions share: refusals, the error catalogue, lookups. */
import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../../errors.js';
import { stableId } from '../../stableId.js';
import type { ConversationEvent, ConversationState } from '../conversation.js';
import { senderKey } from '../conversation.js';
import type { Sender } from '../messages.js';

export const CONVERSATION_ERROR_CODES = [
  // P1/P4 (conversationAuthorize.ts): who sent it may not, lacks the permission, or is no agent of the shop.
  'actor.not-allowed',
  'actor.missing-permission',
  'actor.unknown',
  'conversation.unknown',
  'conversation.ended',
  'conversation.leave-a-message',
  // The system wrote for an agent that is not in the session (a staff actor is refused by the table instead).
  'conversation.not-handling',
  'conversation.channel-required',
  'conversation.agent-required',
  'conversation.side-required',
  'message.kind-not-allowed',
  'message.exists',
  'message.unknown',
  // S15 (moderation/moderationDecide.ts): a sensitive word under `block`; a customer over the anti-spam throttle.
  'message.sensitive',
  'customer.throttled',
] as const;
export type ConversationErrorCode = (typeof CONVERSATION_ERROR_CODES)[number];

export type Decided = E.Either<DomainError, readonly ConversationEvent[]>;

export const refuse = (code: ConversationErrorCode, message: string, details?: Record<string, unknown>): E.Either<DomainError, never> =>
  E.left(domainError(code, message, details));

export const nothing: Decided = E.right([]);

/** S7: the session a customer's message after the end starts, the same on every machine. */
export const nextSessionIdOf = (sessionId: string, messageId: string): string => stableId('s-', [sessionId, messageId]);

export const exists = (s: ConversationState, sessionId: string): E.Either<DomainError, void> =>
  s.status === 'none' ? refuse('conversation.unknown', `no conversation for session ${sessionId}`, { field: 'data.sessionId' }) : E.right(undefined);

/** A message id seen before: the same sender's repeat is a no-op, anyone else's a refusal. */
export const repeat = (s: ConversationState, messageId: string, sender: Sender): Decided | undefined => {
  const seen = s.seen.get(messageId);
  if (seen === undefined) return undefined;
  return seen.sender === senderKey(sender) ? nothing : refuse('message.exists', `message ${messageId} is someone else's`, { field: 'data.messageId' });
};

export const handling = (s: ConversationState, agentId: string) => s.agentId === agentId || s.coAgents.includes(agentId);

/** The agent may write here: the conversation is open, and the agent is its agent or a co-agent. */
export const requireHandling = (s: ConversationState, sessionId: string, agentId: string): E.Either<DomainError, void> => {
  const known = exists(s, sessionId);
  if (E.isLeft(known)) return known;
  if (s.status === 'ended') return refuse('conversation.ended', `session ${sessionId} has ended`, { field: 'data.sessionId' });
  if (s.status === 'leave-a-message') return refuse('conversation.leave-a-message', `session ${sessionId} is a left message, never assigned (reach the customer with a proactive session)`);
  return handling(s, agentId) ? E.right(undefined) : refuse('conversation.not-handling', `agent ${agentId} is not in session ${sessionId}`, { agentId });
};
