/**
 * One feedback as its stream folds it: its status and the time of each step.
 * pending -> processing -> done, or pending -> done directly: the manual's list
 * shows an item done with no processing time (004 §9.3, the third row), so
 * completing a pending item is allowed and its processing time stays empty.
 */
import type { FeedbackEvent } from './feedbackEvents.js';

export const FEEDBACK_STATUSES = ['pending', 'processing', 'done'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export interface FeedbackState {
  readonly status: 'none' | FeedbackStatus;
  readonly feedbackId: string;
  readonly customerId: string;
  readonly content: string;
  readonly brandId?: string;
  /** The agent who started processing it (its handler). */
  readonly handler?: string;
  readonly submittedAt?: number;
  readonly processingAt?: number;
  readonly doneAt?: number;
  readonly repliedAt?: number;
}

export const initialFeedbackState = (): FeedbackState => ({ status: 'none', feedbackId: '', customerId: '', content: '' });

export const evolveFeedback = (state: FeedbackState, event: FeedbackEvent): FeedbackState => {
  switch (event.type) {
    case 'FeedbackSubmitted': {
      const d = event.data;
      return { status: 'pending', feedbackId: d.feedbackId, customerId: d.customerId, content: d.content, ...(d.brandId === undefined ? {} : { brandId: d.brandId }), submittedAt: d.at };
    }
    case 'FeedbackProcessingStarted':
      return { ...state, status: 'processing', processingAt: event.data.at, ...(event.data.agentId === undefined ? {} : { handler: event.data.agentId }) };
    case 'FeedbackReplied':
      return { ...state, repliedAt: event.data.at };
    case 'FeedbackCompleted':
      return { ...state, status: 'done', doneAt: event.data.at };
  }
};
