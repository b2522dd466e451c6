/**
 * The auto-replies module (S9): one stream per customer,
 * `auto-replies-<shopId>-<customerId>`, so the once-a-day memory of the welcome is
 * the customer's own and sessions of different customers never contend. Its
 * commands read the shop's settings, the desk and the session's conversation as
 * references and write only here; what it decides reaches the conversation as
 * system messages through a reaction. Shop and customer ids are identifiers of at
 * most 128 characters, so the name stays well inside the 500 a store accepts.
 *
 * The stream takes one to four events per session; a snapshot every 200 events
 * keeps a cold start of a long-standing customer short (the state is bounded).
 */
import { defineModule } from '../module.js';
import { conversationStream } from '../conversation/conversationModule.js';
import { routingStream } from '../desk/deskModule.js';
import { settingsStream } from '../shopSettings/shopSettingsDecide.js';
import { autoRepliesCommandCodecs, type AutoRepliesCommand } from './autoRepliesCommands.js';
import { decideAutoReplies, type ReferencedStreams } from './autoRepliesDecide.js';
import { autoRepliesEventDefinitions, type AutoRepliesEvent } from './autoRepliesEvents.js';
import { autoRepliesReactions } from './autoRepliesReactions.js';
import { decodeAutoReplies, encodeAutoReplies, evolveAutoReplies, initialAutoRepliesState, type AutoRepliesState } from './autoRepliesState.js';

export const autoRepliesStream = (shopId: string, customerId: string): string => `auto-replies-${shopId}-${customerId}`;

const streamsOf = (command: AutoRepliesCommand): ReferencedStreams => ({
  settings: settingsStream(command.meta.shopId),
  desk: routingStream(command.meta.shopId),
  conversation: conversationStream(command.meta.shopId, command.data.sessionId),
});

export const autoRepliesModule = defineModule<AutoRepliesState, AutoRepliesCommand, AutoRepliesEvent>({
  name: 'auto-replies',
  commands: autoRepliesCommandCodecs,
  events: autoRepliesEventDefinitions,
  streamOf: (command) => autoRepliesStream(command.meta.shopId, command.data.customerId),
  references: (command) => {
    const s = streamsOf(command);
    return [
      { module: 'shop-settings', stream: s.settings },
      { module: 'desk', stream: s.desk },
      { module: 'conversation', stream: s.conversation },
    ];
  },
  decider: {
    initialState: initialAutoRepliesState,
    decide: (command, state, context) => decideAutoReplies(command, state, context, streamsOf(command)),
    evolve: evolveAutoReplies,
  },
  snapshot: { schemaVersion: 1, every: 200, encode: encodeAutoReplies, decode: decodeAutoReplies },
  reactions: autoRepliesReactions,
});
