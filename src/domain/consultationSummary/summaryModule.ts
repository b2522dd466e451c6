/**
 * The consultation summary module (S11): one stream per shop, `summary-<shopId>`,
 * holding the shop's category tree and every session's classification, so a
 * delete and a classification are decided on one stream and "a category in use
 * cannot be deleted" holds even with several engines (a race is a version
 * conflict, retried). Classifications of one shop contend on this stream, as
 * assignments do on the routing stream; the engine keeps its latest state, so a
 * classification reads no more than the events since its own last write.
 *
 * A snapshot every 1,000 events keeps a cold start short (the state is bounded:
 * categoryTree.ts).
 */
import { conversationStream } from '../conversation/conversationModule.js';
import { defineModule } from '../module.js';
import { permissionReferencesFor } from '../permissions/who.js';
import { evolveSummary, initialSummaryState, type SummaryState } from './categoryTree.js';
import { summaryCommandCodecs, type SummaryCommand } from './summaryCommands.js';
import { decideSummary } from './summaryDecide.js';
import { summaryEventDefinitions, type SummaryEvent } from './summaryEvents.js';
import { decodeSummary, encodeSummary } from './summarySnapshot.js';

export const summaryStream = (shopId: string): string => `summary-${shopId}`;

export const consultationSummaryModule = defineModule<SummaryState, SummaryCommand, SummaryEvent>({
  name: 'consultation-summary',
  commands: summaryCommandCodecs,
  events: summaryEventDefinitions,
  streamOf: (command) => summaryStream(command.meta.shopId),
  references: (command) => [
    ...(command.type === 'ClassifySession' ? [{ module: 'conversation', stream: conversationStream(command.meta.shopId, command.data.sessionId) }] : []),
    ...permissionReferencesFor(command.meta.shopId, command.meta.actor),
  ],
  decider: { initialState: initialSummaryState, decide: decideSummary, evolve: evolveSummary },
  snapshot: { schemaVersion: 1, every: 1000, encode: encodeSummary, decode: decodeSummary },
});
