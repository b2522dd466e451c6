/**
 * The conversation's decide: one small function per command (in decide/), chosen
 * here. Refusals are domain errors with a code from CONVERSATION_ERROR_CODES and,
 * where a field is to blame, `details.field` naming it; a refusal writes nothing.
 */
import type { ConversationState } from './conversation.js';
import type { MessageOrRouting } from './noResponse/noResponseDecide.js';
import type { Decided } from './decide/common.js';
import { addInternalNote, sendAgentMessage, sendAnonymousReply, sendCustomerMessage, sendSystemMessage } from './decide/messages.js';
import { markRead, setCustomerPresence } from './decide/reads.js';
import { recordRouting } from './decide/routing.js';

export { CONVERSATION_ERROR_CODES, nextSessionIdOf, type ConversationErrorCode } from './decide/common.js';

/** The deadline commands of the no-response clock are decided in noResponse/noResponseDecide.ts, around this. */
export const decideConversation = (command: MessageOrRouting, state: ConversationState): Decided => {
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
