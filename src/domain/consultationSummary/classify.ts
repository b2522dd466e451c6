/**
 * S11: a session classified into one leaf of the tree, decided on the shop's
 * summary stream, so that "in use" is known where a delete is decided (no
 * classification can slip in beside a delete). The session's conversation is
 * read as a reference: it must exist. The same leaf again is a no-op while the
 * stream remembers the session; another leaf replaces the first (the event
 * names it), the latest counts.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ConversationState } from '../conversation/conversation.js';
import { isLeaf, pathOf, type SummaryState } from './categoryTree.js';
import type { SummaryCommandOf } from './summaryCommands.js';
import { nothing, refuse, type Decided } from './summaryErrors.js';

export const classifySession = (command: SummaryCommandOf<'ClassifySession'>, state: SummaryState, conversation: ConversationState, by: string | undefined): Decided => {
  const { sessionId, categoryId } = command.data;
  if (conversation.status === 'none') return refuse('conversation.unknown', `no conversation for session ${sessionId}`, { field: 'data.sessionId' });
  const category = state.categories.get(categoryId);
  if (category === undefined) return refuse('summary.category-unknown', `no category ${categoryId}`, { field: 'data.categoryId', categoryId });
  if (!isLeaf(category)) return refuse('summary.not-a-leaf', `category ${categoryId} has categories under it: classify into one of them`, { field: 'data.categoryId' });
  const previous = state.recent.get(sessionId);
  if (previous === categoryId) return nothing;
  return E.right([
    {
      type: 'SessionClassified',
      data: {
        sessionId,
        categoryId,
        path: pathOf(state, categoryId),
        ...(previous === undefined ? {} : { previousCategoryId: previous }),
        ...(by === undefined ? {} : { by }),
        at: command.meta.now,
      },
    },
  ]);
};
