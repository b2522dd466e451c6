/**
 * The session review's decide: resolve who acts (who.ts), how they stand to the
 * session (sessionRelation.ts), authorize against the policy table first (a
 * refusal writes nothing), then one small function per command (ratings.ts,
 * marks.ts). Two streams are read, never written: the session's conversation
 * and the desk's routing stream (the agents and their groups), plus the access
 * stream when the access module is there.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { DecideContext } from '../decider.js';
import { initialConversationState, type ConversationState } from '../conversation/conversation.js';
import { initialDeskState, type DeskState } from '../desk/deskState.js';
import type { DomainError } from '../errors.js';
import { authorize, type Who } from '../permissions/policy.js';
import { whoFromContext } from '../permissions/who.js';
import type { ReviewCommand } from './reviewCommands.js';
import { refuse, type Decided } from './reviewErrors.js';
import { reviewPolicy } from './reviewPolicy.js';
import type { ReviewState } from './reviewState.js';
import { forceRating, inviteRating, rateSession } from './ratings.js';
import { starSession, tagSession } from './marks.js';
import { sessionRelation } from './sessionRelation.js';

export { REVIEW_ERROR_CODES, type ReviewErrorCode } from './reviewErrors.js';

export interface ReviewStreams {
  readonly conversation: string;
  readonly desk: string;
}

/** The agent a command acts for: the staff actor itself, or the one a system actor names (possibly none). */
const actingAgent = (who: Who, named: string | undefined): E.Either<DomainError, string | undefined> => {
  if (who.kind !== 'staff') return E.right(named);
  if (named !== undefined && named !== who.id) return refuse('review.agent-mismatch', `agent ${who.id} acts for itself, not for ${named}`, { field: 'data.agentId' });
  return E.right(who.id);
};

export const decideReview = (command: ReviewCommand, state: ReviewState, context: DecideContext, streams: ReviewStreams): Decided => {
  const conversation = (context.stateOf(streams.conversation) as ConversationState | undefined) ?? initialConversationState();
  const desk = (context.stateOf(streams.desk) as DeskState | undefined) ?? initialDeskState();
  const resolved = whoFromContext(context, command.meta.shopId, command.meta.actor);
  if (E.isLeft(resolved)) return resolved;
  const who = resolved.right;
  // Inviting asks the customer to rate the service now: only those serving now; every other mark outlives a transfer.
  const relation = sessionRelation(who, conversation, desk, command.type === 'InviteRating' ? 'present' : 'ever');
  const allowed = authorize(command.type, reviewPolicy[command.type], who, relation);
  if (E.isLeft(allowed)) return allowed;
  switch (command.type) {
    case 'ForceRating':
      return forceRating(command, state, conversation);
    case 'RateSession':
      return rateSession(command, state, conversation);
    case 'InviteRating':
    case 'TagSession':
    case 'UntagSession':
    case 'StarSession':
    case 'UnstarSession': {
      const agent = actingAgent(who, command.data.agentId);
      if (E.isLeft(agent)) return agent;
      if (command.type === 'InviteRating') return inviteRating(command, state, conversation, agent.right);
      if (command.type === 'TagSession' || command.type === 'UntagSession') return tagSession(command, state, conversation, agent.right);
      return starSession(command, state, conversation, agent.right);
    }
  }
};
