/**
 * The session review module (S10 ratings, S13 stars, S15 tags): one stream per
 * session, `review-<shopId>-<sessionId>`, beside the session's conversation
 * stream, which it reads as a reference (that the session exists, its customer,
 * who serves and served it, whether it ended) and never writes. Kept apart from
 * the conversation so marks and ratings never contend with messages, and the
 * conversation's events stay what happened in the conversation. Shop and session
 * ids are identifiers of at most 128 characters: the name fits the 500 a store
 * accepts.
 *
 * No snapshots: the stream is short and bounded (reviewState.ts).
 */
import { conversationStream } from '../conversation/conversationModule.js';
import { routingStream } from '../desk/routingStream.js';
import { defineModule } from '../module.js';
import { permissionReferencesFor } from '../permissions/who.js';
import { reviewCommandCodecs, type ReviewCommand } from './reviewCommands.js';
import { decideReview, type ReviewStreams } from './reviewDecide.js';
import { reviewEventDefinitions, type ReviewEvent } from './reviewEvents.js';
import { reviewReactions } from './reviewReactions.js';
import { evolveReview, initialReviewState, type ReviewState } from './reviewState.js';

export const reviewStream = (shopId: string, sessionId: string): string => `review-${shopId}-${sessionId}`;

const streamsOf = (command: ReviewCommand): ReviewStreams => ({
  conversation: conversationStream(command.meta.shopId, command.data.sessionId),
  desk: routingStream(command.meta.shopId),
});

export const reviewModule = defineModule<ReviewState, ReviewCommand, ReviewEvent>({
  name: 'review',
  commands: reviewCommandCodecs,
  events: reviewEventDefinitions,
  streamOf: (command) => reviewStream(command.meta.shopId, command.data.sessionId),
  references: (command) => [{ module: 'conversation', stream: streamsOf(command).conversation }, ...permissionReferencesFor(command.meta.shopId, command.meta.actor)],
  decider: {
    initialState: initialReviewState,
    decide: (command, state, context) => decideReview(command, state, context, streamsOf(command)),
    evolve: evolveReview,
  },
  reactions: reviewReactions,
});
