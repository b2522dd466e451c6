/**
 * What a feedback's stream records (C5): one event per step, each with its time,
 * so the list's 反馈时间 / 处理时间 / 完成时间 are the events' own `at`. The content
 * (the customer's words, and its pictures) and the reply are free text written by
 * people (README, "Personal data"); they stay top-level fields of their events.
 */
import type * as t from 'io-ts';
import type { DomainEvent } from '../decider.js';
import { agentIdCodec, brandIdCodec, customerIdCodec, sessionIdCodec } from '../ids.js';
import type { EventDefinitions } from '../module.js';
import { struct, timestamp } from '../validation.js';
import { categoryCodec, feedbackContentCodec, feedbackIdCodec, imagesCodec, replyCodec, type FeedbackSubmission } from './feedbackCommands.js';

type Ref = { readonly feedbackId: string };
type At = { readonly at: number };
/** The staff member who took the step; absent when the system took it for nobody in particular. */
type By = { readonly agentId?: string };

export type FeedbackEvent =
  | DomainEvent<'FeedbackSubmitted', FeedbackSubmission & By & At>
  | DomainEvent<'FeedbackProcessingStarted', Ref & By & At>
  | DomainEvent<'FeedbackReplied', Ref & By & { readonly reply: string } & At>
  | DomainEvent<'FeedbackCompleted', Ref & By & At>;

export type FeedbackEventType = FeedbackEvent['type'];

const v1 = <C extends t.Mixed>(codec: C) => ({ schemaVersion: 1, codec });
const ref = { feedbackId: feedbackIdCodec, at: timestamp };
const by = { agentId: agentIdCodec };

export const feedbackEventDefinitions = {
  FeedbackSubmitted: v1(
    struct(
      'FeedbackSubmitted',
      { feedbackId: feedbackIdCodec, customerId: customerIdCodec, content: feedbackContentCodec, at: timestamp },
      { sessionId: sessionIdCodec, category: categoryCodec, brandId: brandIdCodec, images: imagesCodec, ...by },
    ),
  ),
  FeedbackProcessingStarted: v1(struct('FeedbackProcessingStarted', ref, by)),
  FeedbackReplied: v1(struct('FeedbackReplied', { ...ref, reply: replyCodec }, by)),
  FeedbackCompleted: v1(struct('FeedbackCompleted', ref, by)),
} satisfies EventDefinitions<FeedbackEvent>;
