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
import type { DecideContext } from '../decider.js';
import { defineModule } from '../module.js';
import { evolveConversation, initialConversationState, type ConversationEvent, type ConversationState } from './conversation.js';
import { conversationEventDefinitions } from './conversationCodecs.js';
import { conversationCommandCodecs, type ConversationCommand } from './conversationCommands.js';
import { decideConversation } from './conversationDecide.js';
import { conversationReactions } from './conversationReactions.js';
import { decideWithClock } from './noResponse/noResponseDecide.js';
import { moderationReferences, withModeration } from './moderation/moderationDecide.js';
import { settingsStream } from '../shopSettings/shopSettingsDecide.js';
import { permissionReferencesFor } from '../permissions/who.js';
import { authorizeConversation } from './conversationAuthorize.js';

/** How stale the desk and the roles may be for an agent's message (module.ts, `maxAgeMs`). */
export const STAFF_REFERENCE_MAX_AGE_MS = 1000;
const HOT: ReadonlySet<string> = new Set(['SendAgentMessage', 'SendAnonymousReply', 'AddInternalNote', 'MarkRead']);

export const conversationStream = (shopId: string, sessionId: string): string => `conversation-${shopId}-${sessionId}`;

/**
 * Who may send it first (P1, conversationAuthorize.ts: a refusal writes nothing), then the conversation's
 * own decision, moderated (S15), then the no-response clock brought in line (S8).
 */
const decide = (command: ConversationCommand, state: ConversationState, context: DecideContext) => {
  const allowed = authorizeConversation(command, state, context);
  return E.isLeft(allowed) ? allowed : decideWithClock(command, state, context, settingsStream(command.meta.shopId), withModeration(context, command.meta.shopId, decideConversation));
};

export const conversationModule = defineModule<ConversationState, ConversationCommand, ConversationEvent>({
  name: 'conversation',
  commands: conversationCommandCodecs,
  events: conversationEventDefinitions,
  streamOf: (command) => conversationStream(command.meta.shopId, command.data.sessionId),
  decider: {
    initialState: initialConversationState,
    decide: (command, state, context) => E.map((d: { readonly events: readonly ConversationEvent[] }) => d.events)(decide(command, state, context)),
    evolve: evolveConversation,
    decideAndFold: decide,
  },
  reactions: conversationReactions,
  // S8: an assignment binds the timeouts in effect (read, never written; without the settings module, none);
  // S15: customers' and agents' messages read the shop's moderation (optional: without the module, none).
  // P1: an agent's command reads the desk (who it is) and the roles (what it may); the system's and customers' nothing.
  references: (command) => [
    // An agent's message is the hot path: who the agent is (desk) and what its roles grant
    // (access) may be up to a second stale from another engine; whether it takes part in
    // the session, the check that matters, is this stream's own state.
    ...permissionReferencesFor(command.meta.shopId, command.meta.actor).map((r) => (HOT.has(command.type) ? { ...r, maxAgeMs: STAFF_REFERENCE_MAX_AGE_MS } : r)),
    ...(command.type === 'RecordRouting' && (command.data.change.kind === 'assigned' || command.data.change.kind === 'transferred')
      ? [{ module: 'shop-settings', stream: settingsStream(command.meta.shopId), optional: true }]
      : []),
    ...moderationReferences(command),
  ],
});
