/**
 * The quick-replies module (Q1-Q4): one stream per scope,
 * `quick-replies-<shopId>-team` for the team's phrases and
 * `quick-replies-<shopId>-agent-<agentId>` for each agent's, so the limit of each
 * (1000 phrases) is checked inside one append, and agents editing their own
 * phrases never contend with each other or with the admins' team phrases.
 * Commands read the desk and the access streams (who acts, in which role, with
 * which permissions) as references, never write them.
 *
 * A stream's state is bounded (1000 phrases, 100 groups); a snapshot every 200
 * events keeps a cold start of a long-edited scope short.
 */
import { defineModule } from '../module.js';
import { permissionReferences } from '../permissions/who.js';
import type { PhraseScope } from './phrases.js';
import { quickRepliesCommandCodecs, type QuickRepliesCommand } from './quickRepliesCommands.js';
import { decideQuickReplies } from './quickRepliesDecide.js';
import { quickRepliesEventDefinitions, type QuickRepliesEvent } from './quickRepliesEvents.js';
import { decodeQuickReplies, encodeQuickReplies, evolveQuickReplies, initialQuickRepliesState, type QuickRepliesState } from './quickRepliesState.js';

export const quickRepliesStream = (shopId: string, scope: PhraseScope): string =>
  scope.kind === 'team' ? `quick-replies-${shopId}-team` : `quick-replies-${shopId}-agent-${scope.agentId}`;

export const quickRepliesModule = defineModule<QuickRepliesState, QuickRepliesCommand, QuickRepliesEvent>({
  name: 'quick-replies',
  commands: quickRepliesCommandCodecs,
  events: quickRepliesEventDefinitions,
  streamOf: (command) => quickRepliesStream(command.meta.shopId, command.data.scope),
  references: (command) => permissionReferences(command.meta.shopId),
  decider: {
    initialState: initialQuickRepliesState,
    decide: decideQuickReplies,
    evolve: evolveQuickReplies,
  },
  snapshot: { schemaVersion: 1, every: 200, encode: encodeQuickReplies, decode: decodeQuickReplies },
});
