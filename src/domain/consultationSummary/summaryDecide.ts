/**
 * The consultation summary's decide: resolve who acts, authorize against the
 * policy table first (a refusal writes nothing), then one small function per
 * command (treeDecide.ts, classify.ts). Tree commands touch no one's session
 * (relation `other`: an admin's `all` reach); a classification stands to the
 * session as its conversation says.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { DecideContext } from '../decider.js';
import { initialConversationState, type ConversationState } from '../conversation/conversation.js';
import { conversationStream } from '../conversation/conversationModule.js';
import { routingStream } from '../desk/routingStream.js';
import { initialDeskState, type DeskState } from '../desk/deskState.js';
import { authorize, type Relation } from '../permissions/policy.js';
import { whoFromContext } from '../permissions/who.js';
import { sessionRelation } from '../review/sessionRelation.js';
import type { SummaryState } from './categoryTree.js';
import { classifySession } from './classify.js';
import { consultationSummaryPolicy } from './consultationSummaryPolicy.js';
import type { SummaryCommand } from './summaryCommands.js';
import type { Decided } from './summaryErrors.js';
import { addCategory, deleteCategory, moveCategory, renameCategory, reorderCategories, seedDefaultCategories } from './treeDecide.js';

export { CONSULTATION_SUMMARY_ERROR_CODES, type ConsultationSummaryErrorCode } from './summaryErrors.js';

const conversationOf = (command: SummaryCommand, context: DecideContext): ConversationState =>
  command.type === 'ClassifySession' ? ((context.stateOf(conversationStream(command.meta.shopId, command.data.sessionId)) as ConversationState | undefined) ?? initialConversationState()) : initialConversationState();

export const decideSummary = (command: SummaryCommand, state: SummaryState, context: DecideContext): Decided => {
  const { shopId } = command.meta;
  const resolved = whoFromContext(context, shopId, command.meta.actor);
  if (E.isLeft(resolved)) return resolved;
  const who = resolved.right;
  const conversation = conversationOf(command, context);
  const desk = (context.stateOf(routingStream(shopId)) as DeskState | undefined) ?? initialDeskState();
  const relation: Relation = command.type === 'ClassifySession' ? sessionRelation(who, conversation, desk, 'ever') : 'other';
  const allowed = authorize(command.type, consultationSummaryPolicy[command.type], who, relation);
  if (E.isLeft(allowed)) return allowed;
  switch (command.type) {
    case 'AddCategory':
      return addCategory(command, state);
    case 'RenameCategory':
      return renameCategory(command, state);
    case 'MoveCategory':
      return moveCategory(command, state);
    case 'ReorderCategories':
      return reorderCategories(command, state);
    case 'DeleteCategory':
      return deleteCategory(command, state);
    case 'SeedDefaultCategories':
      return seedDefaultCategories(command, state);
    case 'ClassifySession':
      return classifySession(command, state, conversation, who.kind === 'staff' ? who.id : undefined);
  }
};
