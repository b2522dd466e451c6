/**
 * S10 forced rating: when a conversation ends, the system invites its customer
 * to rate ([001] 服务评价: "a rating message is sent when the service ends").
 * ForceRating is a no-op when repeated (one forced invitation per session) and
 * for a session no agent served, so the at-least-once delivery of reactions
 * gives one invitation.
 */
import { dispatch, reactionsTo, type ReactionMap } from '../reaction.js';
import type { ConversationEvent } from '../conversation/conversation.js';

export const reviewReactions: ReactionMap = reactionsTo<ConversationEvent>({
  ConversationEnded: ({ data }) => [dispatch('ForceRating', { sessionId: data.sessionId })],
});
