/**
 * The feedback module (C5): one stream per item, `feedback-<shopId>-<feedbackId>`
 * (shop and feedback ids are identifiers of at most 128 characters), so items
 * never contend and each holds its few steps. For an agent's command it reads the
 * desk and the access streams to resolve who acts and the handler's groups; a
 * submission about a session reads that session's conversation (when the
 * conversation module is registered) to check it is the customer's. It writes
 * nothing else. No snapshots: an item has a handful of events.
 */
import { defineModule } from '../module.js';
import { conversationStream } from '../conversation/conversationModule.js';
import { permissionReferencesFor } from '../permissions/who.js';
import { feedbackCommandCodecs, type FeedbackCommand } from './feedbackCommands.js';
import { decideFeedback, type FeedbackStreams } from './feedbackDecide.js';
import { feedbackEventDefinitions, type FeedbackEvent } from './feedbackEvents.js';
import { evolveFeedback, initialFeedbackState, type FeedbackState } from './feedbackState.js';

export const feedbackStream = (shopId: string, feedbackId: string): string => `feedback-${shopId}-${feedbackId}`;

const streamsOf = (command: FeedbackCommand): FeedbackStreams =>
  command.type === 'SubmitFeedback' && command.data.sessionId !== undefined ? { conversation: conversationStream(command.meta.shopId, command.data.sessionId) } : {};

export const feedbackModule = defineModule<FeedbackState, FeedbackCommand, FeedbackEvent>({
  name: 'feedback',
  commands: feedbackCommandCodecs,
  events: feedbackEventDefinitions,
  streamOf: (command) => feedbackStream(command.meta.shopId, command.data.feedbackId),
  references: (command) => {
    const conversation = streamsOf(command).conversation;
    return [...permissionReferencesFor(command.meta.shopId, command.meta.actor), ...(conversation === undefined ? [] : [{ module: 'conversation', stream: conversation, optional: true }])];
  },
  decider: {
    initialState: initialFeedbackState,
    decide: (command, state, context) => decideFeedback(command, state, context, streamsOf(command)),
    evolve: evolveFeedback,
  },
});
