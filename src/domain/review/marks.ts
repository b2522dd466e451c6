/**
 * S13 stars and S15 tags on a session: marks staff put on it, ended or not. A
 * star is the acting agent's own (another agent's star is theirs to clear); a
 * tag belongs to the session (any agent who may touch the session sees and
 * clears it). Marking what is marked already, or clearing what is not, is a
 * no-op.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ConversationState } from '../conversation/conversation.js';
import type { ReviewCommandOf } from './reviewCommands.js';
import { nothing, refuse, type Decided } from './reviewErrors.js';
import { MAX_TAGS, type ReviewState } from './reviewState.js';
import { requireConversation } from './ratings.js';

type Tagging = ReviewCommandOf<'TagSession'> | ReviewCommandOf<'UntagSession'>;
type Starring = ReviewCommandOf<'StarSession'> | ReviewCommandOf<'UnstarSession'>;

export const tagSession = (command: Tagging, state: ReviewState, conversation: ConversationState, by: string | undefined): Decided => {
  const { sessionId, tag } = command.data;
  const known = requireConversation(conversation, sessionId);
  if (E.isLeft(known)) return known;
  const has = state.tags.includes(tag);
  const at = command.meta.now;
  const author = by === undefined ? {} : { by };
  if (command.type === 'UntagSession') return has ? E.right([{ type: 'SessionUntagged', data: { sessionId, tag, ...author, at } }]) : nothing;
  if (has) return nothing;
  if (state.tags.length >= MAX_TAGS) return refuse('review.too-many-tags', `session ${sessionId} has ${MAX_TAGS} tags already`, { field: 'data.tag', max: MAX_TAGS });
  return E.right([{ type: 'SessionTagged', data: { sessionId, tag, ...author, at } }]);
};

export const starSession = (command: Starring, state: ReviewState, conversation: ConversationState, agentId: string | undefined): Decided => {
  const { sessionId } = command.data;
  if (agentId === undefined) return refuse('review.agent-required', 'the system stars a session for an agent: name it in data.agentId', { field: 'data.agentId' });
  const known = requireConversation(conversation, sessionId);
  if (E.isLeft(known)) return known;
  const has = state.stars.has(agentId);
  const at = command.meta.now;
  if (command.type === 'UnstarSession') return has ? E.right([{ type: 'SessionUnstarred', data: { sessionId, agentId, at } }]) : nothing;
  return has ? nothing : E.right([{ type: 'SessionStarred', data: { sessionId, agentId, customerId: conversation.customerId, at } }]);
};
