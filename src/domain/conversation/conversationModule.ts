/**
 * The conversation module: one stream per session, `conversation-<shopId>-<sessionId>`
 * (shop and session ids are identifiers of at most 128 characters, so the name
 * stays well inside the 500 a store accepts). A session's messages are decided and
 * appended against its own stream only: two sessions never contend, and routing's
 * stream (`routing-<shopId>`) is reached through reactions, never written here.
 *
 * No snapshots: a session's stream is short (its messages), and the engine keeps
 * the latest state of the streams it writes.
 */
import * as E from 'fp-ts/lib/Either.js';
import { defineModule } from '../module.js';
import { evolveConversation, initialConversationState, type ConversationEvent, type ConversationState } from './conversation.js';
import { conversationEventDefinitions } from './conversationCodecs.js';
import { conversationCommandCodecs, type ConversationCommand } from './conversationCommands.js';
import { decideConversation } from './conversationDecide.js';
import { conversationReactions } from './conversationReactions.js';
import { decideWithClock } from './noResponse/noResponseDecide.js';
import { settingsStream } from '../shopSettings/shopSettingsDecide.js';

export const conversationStream = (shopId: string, sessionId: string): string => `conversation-${shopId}-${sessionId}`;

export const conversationModule = defineModule<ConversationState, ConversationCommand, ConversationEvent>({
  name: 'conversation',
  commands: conversationCommandCodecs,
  events: conversationEventDefinitions,
  streamOf: (command) => conversationStream(command.meta.shopId, command.data.sessionId),
  decider: {
    initialState: initialConversationState,
    decide: (command, state, context) => E.map((d: { readonly events: readonly ConversationEvent[] }) => d.events)(decideWithClock(command, state, context, settingsStream(command.meta.shopId), decideConversation)),
    evolve: evolveConversation,
    decideAndFold: (command, state, context) => decideWithClock(command, state, context, settingsStream(command.meta.shopId), decideConversation),
  },
  reactions: conversationReactions,
  // S8: an assignment binds the timeouts in effect (read, never written; without the settings module, none);
  // messages read nothing else.
  references: (command) =>
    command.type === 'RecordRouting' && (command.data.change.kind === 'assigned' || command.data.change.kind === 'transferred')
      ? [{ module: 'shop-settings', stream: settingsStream(command.meta.shopId), optional: true }]
      : [],
});
