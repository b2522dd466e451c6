/**
 * How auto-replies are linked to the conversation and the desk: only through
 * reactions (principle 11).
 *
 * - A customer-initiated ConversationOpened asks for the start replies (a
 *   session an agent or the desk started is not greeted: the customer did not
 *   arrive).
 * - The desk's SessionQueued asks for the queue notice. The desk's event, not the
 *   conversation's ConversationQueued mirror, because the stream is the
 *   customer's and only the desk's event names the customer.
 * - Each AutoReplyDecided becomes the conversation's SendSystemMessage with the
 *   decided message id and purpose: an auto message, never a reply, never on the
 *   reply clock, and a repeat of the same id is a no-op there.
 */
import { dispatch, reactionsTo, type ReactionMap } from '../reaction.js';
import type { ConversationEvent } from '../conversation/conversation.js';
import type { DeskEvent } from '../desk/deskEvents.js';
import type { AutoRepliesEvent } from './autoRepliesEvents.js';

const fromConversation = reactionsTo<ConversationEvent>({
  ConversationOpened: ({ data }) =>
    data.initiation === 'customer' ? [dispatch('DecideStartReplies', { customerId: data.customerId, sessionId: data.sessionId, at: data.at })] : [],
});

const fromDesk = reactionsTo<DeskEvent>({
  SessionQueued: ({ data }) => [dispatch('DecideQueueNotice', { customerId: data.customerId, sessionId: data.sessionId, at: data.at })],
});

const toConversation = reactionsTo<AutoRepliesEvent>({
  AutoReplyDecided: ({ data }) => [dispatch('SendSystemMessage', { sessionId: data.sessionId, messageId: data.messageId, text: data.text, auto: true, purpose: data.purpose })],
});

export const autoRepliesReactions: ReactionMap = { ...fromConversation, ...fromDesk, ...toConversation };
