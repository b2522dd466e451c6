/**
 * The moderation module (S15): one stream per shop, `moderation-<shopId>`, written
 * by admins only (P2) and read by the conversation as an optional reference (a
 * conversation without this module registered moderates nothing). For a command
 * an agent sends it reads the desk and the access streams to resolve who acts
 * (permissions/who.ts), never writes them.
 *
 * No snapshot: the stream takes an event per change of settings, a handful a
 * week; a list of 10,000 words is at most one SensitiveWordsSet of ~500 KB.
 */
import { defineModule } from '../module.js';
import { permissionReferencesFor } from '../permissions/who.js';
import { moderationCommandCodecs, type ModerationCommand } from './moderationCommands.js';
import { decideModeration } from './moderationDecide.js';
import { moderationEventDefinitions, type ModerationEvent } from './moderationEvents.js';
import { evolveModeration, initialModerationState, type ModerationState } from './moderationState.js';
import { moderationStream } from './moderationStream.js';

export const moderationModule = defineModule<ModerationState, ModerationCommand, ModerationEvent>({
  name: 'moderation',
  commands: moderationCommandCodecs,
  events: moderationEventDefinitions,
  streamOf: (command) => moderationStream(command.meta.shopId),
  references: (command) => permissionReferencesFor(command.meta.shopId, command.meta.actor),
  decider: {
    initialState: initialModerationState,
    decide: decideModeration,
    evolve: evolveModeration,
  },
});
