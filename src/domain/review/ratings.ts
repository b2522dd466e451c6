/**
 * S10, deciding ratings against the session's review stream, with its
 * conversation read as a reference (who takes part, whether it ended):
 *
 * - InviteRating: an agent of a session being served asks again (repeatable,
 *   at most MAX_INVITATIONS times); the same invitation id again is a no-op.
 * - ForceRating: the system's invitation when the session ends ([001] 服务评价:
 *   a rating message is sent when the service ends); once per session, and none
 *   for a session no agent ever served (a left message has nobody to rate).
 * - RateSession: the customer, on their own at most once per session, or
 *   answering an invitation once per invitation; also after the end (the forced
 *   invitation is answered then).
 *
 * A rating is credited to the receiving agent (the session's agent when rated,
 * after transfers; the last one when it is back in the queue) and every co-agent
 * it ever had (S5, S6), and counts when it beats the best so far (S10).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ConversationState } from '../conversation/conversation.js';
import type { DomainError } from '../errors.js';
import type { ReviewCommandOf } from './reviewCommands.js';
import { FORCED_INVITATION_ID } from './reviewCommands.js';
import { nothing, refuse, type Decided } from './reviewErrors.js';
import type { RatingSource, SessionRatedData } from './reviewEvents.js';
import { agentInvitations, bestRating, beatsBest, customerRatedOnTheirOwn, invitationOf, MAX_INVITATIONS, type ReviewState } from './reviewState.js';

const sessionField = { field: 'data.sessionId' };

export const requireConversation = (conversation: ConversationState, sessionId: string): E.Either<DomainError, void> =>
  conversation.status === 'none' ? refuse('conversation.unknown', `no conversation for session ${sessionId}`, sessionField) : E.right(undefined);

const served = (conversation: ConversationState) => conversation.servedBy.length > 0;

/** S5, S6: the receiving agent first, then every co-agent the session had, each once. */
export const creditOf = (conversation: ConversationState): readonly string[] => {
  const receiving = conversation.agentId ?? conversation.servedBy[conversation.servedBy.length - 1];
  return [...new Set([...(receiving === undefined ? [] : [receiving]), ...conversation.coAgentsEver])];
};

export const inviteRating = (command: ReviewCommandOf<'InviteRating'>, state: ReviewState, conversation: ConversationState, by: string | undefined): Decided => {
  const { sessionId, invitationId } = command.data;
  const known = requireConversation(conversation, sessionId);
  if (E.isLeft(known)) return known;
  if (conversation.status === 'ended') return refuse('review.session-ended', `session ${sessionId} has ended (the system invites at the end)`, sessionField);
  if (conversation.status !== 'assigned') return refuse('review.not-served', `session ${sessionId} has no agent now`, sessionField);
  const earlier = invitationOf(state, invitationId);
  if (earlier !== undefined) {
    return earlier.by === by ? nothing : refuse('review.invitation-exists', `invitation ${invitationId} was sent by someone else`, { field: 'data.invitationId' });
  }
  if (agentInvitations(state) >= MAX_INVITATIONS) return refuse('review.too-many-invitations', `session ${sessionId} has had ${MAX_INVITATIONS} invitations`, { field: 'data.invitationId', max: MAX_INVITATIONS });
  return E.right([{ type: 'RatingInvited', data: { sessionId, invitationId, forced: false, ...(by === undefined ? {} : { by }), at: command.meta.now } }]);
};

export const forceRating = (command: ReviewCommandOf<'ForceRating'>, state: ReviewState, conversation: ConversationState): Decided => {
  const { sessionId } = command.data;
  const known = requireConversation(conversation, sessionId);
  if (E.isLeft(known)) return known;
  if (!served(conversation) || invitationOf(state, FORCED_INVITATION_ID) !== undefined) return nothing;
  return E.right([{ type: 'RatingInvited', data: { sessionId, invitationId: FORCED_INVITATION_ID, forced: true, at: command.meta.now } }]);
};

export const rateSession = (command: ReviewCommandOf<'RateSession'>, state: ReviewState, conversation: ConversationState): Decided => {
  const { sessionId, score, comment, invitationId } = command.data;
  const known = requireConversation(conversation, sessionId);
  if (E.isLeft(known)) return known;
  if (!served(conversation)) return refuse('review.not-served', `session ${sessionId} was never served by an agent: there is nobody to rate`, sessionField);
  let source: RatingSource = 'customer';
  if (invitationId !== undefined) {
    const invitation = invitationOf(state, invitationId);
    if (invitation === undefined) return refuse('review.invitation-unknown', `session ${sessionId} has no invitation ${invitationId}`, { field: 'data.invitationId' });
    if (invitation.answered) return refuse('review.invitation-answered', `invitation ${invitationId} was answered already`, { field: 'data.invitationId' });
    source = invitation.forced ? 'forced' : 'invited';
  } else if (customerRatedOnTheirOwn(state)) {
    return refuse('review.already-rated', `the customer rated session ${sessionId} on their own already (once per session; answer an invitation to rate again)`, { field: 'data.invitationId' });
  }
  const best = bestRating(state);
  const counts = beatsBest(state, score);
  const data: SessionRatedData = {
    sessionId,
    ratingNo: state.ratings.length + 1,
    source,
    customerId: conversation.customerId,
    score,
    creditedTo: creditOf(conversation),
    counts,
    at: command.meta.now,
    ...(invitationId === undefined ? {} : { invitationId }),
    ...(comment === undefined ? {} : { comment }),
    ...(counts && best !== undefined ? { replaces: { ratingNo: best.ratingNo, score: best.score, creditedTo: best.creditedTo } } : {}),
  };
  return E.right([{ type: 'SessionRated', data }]);
};
