/**
 * Whether the actor may send a conversation command (P1, conversationPolicy.ts),
 * checked once before anything is decided. How the actor stands to the session:
 * its customer, or a staff member taking part in it (its agent, a co-agent), is
 * `own`; anyone else `other` (a team lead's group does not reach into a session's
 * messages: it joins first). A session that has no conversation, or that is a left
 * message (never assigned, nobody takes part), is refused here with the error its
 * command would give. Staff actors are resolved against the desk and the roles,
 * read only for an agent's command (permissionReferencesFor), so a customer's
 * message reads nothing more than before.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { DecideContext } from '../decider.js';
import type { DomainError } from '../errors.js';
import { authorizeBy, type Relation, type Who } from '../permissions/policy.js';
import { whoFromContext } from '../permissions/who.js';
import type { ConversationState } from './conversation.js';
import type { ConversationCommand } from './conversationCommands.js';
import { conversationPolicy } from './conversationPolicy.js';
import { exists, handling, refuse } from './decide/common.js';

type Related = E.Either<DomainError, Relation>;

const OTHER: Related = E.right('other');

const toParticipant = (s: ConversationState, who: Who, sessionId: string): Related => {
  const known = exists(s, sessionId);
  if (E.isLeft(known)) return known;
  if (who.kind === 'customer') return E.right(who.id === s.customerId ? 'own' : 'other');
  if (who.kind !== 'staff') return OTHER;
  if (s.status === 'leave-a-message') {
    return refuse('conversation.leave-a-message', `session ${sessionId} is a left message, never assigned (reach the customer with a proactive session)`, { field: 'data.sessionId' });
  }
  return E.right(handling(s, who.id) ? 'own' : 'other');
};

const toCustomer = (s: ConversationState, who: Who, sessionId: string): Related => {
  const known = exists(s, sessionId);
  if (E.isLeft(known)) return known;
  return E.right(who.kind === 'customer' && who.id === s.customerId ? 'own' : 'other');
};

export const conversationRelation = (c: ConversationCommand, s: ConversationState, who: Who): Related => {
  switch (c.type) {
    case 'SendCustomerMessage':
      // The first message opens the conversation: its customer is the one it names.
      return E.right(who.kind === 'customer' && who.id === c.data.customerId && (s.status === 'none' || s.customerId === c.data.customerId) ? 'own' : 'other');
    case 'SendAgentMessage':
    case 'SendAnonymousReply':
    case 'AddInternalNote':
    case 'MarkRead':
      return toParticipant(s, who, c.data.sessionId);
    case 'SetCustomerPresence':
      return toCustomer(s, who, c.data.sessionId);
    case 'SendSystemMessage':
    case 'RecordRouting':
    case 'PromptNoResponse':
    case 'TimeOutNoResponse':
      return OTHER;
  }
};

export const authorizeConversation = (c: ConversationCommand, s: ConversationState, context: DecideContext): E.Either<DomainError, void> => {
  const { actor, shopId } = c.meta;
  if (actor.kind === 'system') return E.right(undefined);
  const who = whoFromContext(context, shopId, actor);
  if (E.isLeft(who)) return who;
  const relation = conversationRelation(c, s, who.right);
  return E.isLeft(relation) ? relation : authorizeBy(conversationPolicy, c.type, who.right, relation.right);
};
