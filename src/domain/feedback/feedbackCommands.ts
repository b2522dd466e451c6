/**
 * C5: feedback (问题反馈, 004 §9.3): what a customer reports to the shop, outside
 * any conversation or about one, and how the shop answers it. The list shows the
 * content, the reply, the status and the time of each step (反馈时间, 处理时间,
 * 完成时间). Every time is the command's `meta.now`, never the caller's.
 *
 * The agent who acts is the actor when an agent sends; when the system (a trusted
 * backend) sends for one, it names it in `agentId` (as the conversation's staff
 * commands do).
 */
import * as t from 'io-ts';
import type { Command } from '../command.js';
import { agentIdCodec, brandIdCodec, customerIdCodec, sessionIdCodec } from '../ids.js';
import type { CommandCodecs } from '../module.js';
import { describedAs, identifier, nonEmptyString, struct } from '../validation.js';

export const FEEDBACK_MAX_CHARS = 500;
export const REPLY_MAX_CHARS = 500;
export const MAX_FEEDBACK_IMAGES = 9;

export const feedbackIdCodec = identifier('feedback id');
export const categoryCodec = identifier('feedback category');
export const feedbackContentCodec = nonEmptyString(FEEDBACK_MAX_CHARS);
export const replyCodec = nonEmptyString(REPLY_MAX_CHARS);

/** The pictures of a feedback (图片): references to the shop's storage, at most nine. */
export const imagesCodec = describedAs(new t.Type<readonly string[], readonly string[], unknown>(
  'FeedbackImages',
  (u): u is readonly string[] => Array.isArray(u) && u.length <= MAX_FEEDBACK_IMAGES && u.every((x) => nonEmptyString(2000).is(x)),
  (u, c) =>
    Array.isArray(u) && u.length > MAX_FEEDBACK_IMAGES
      ? t.failure(u, c, `must hold at most ${MAX_FEEDBACK_IMAGES} images, got ${u.length}`)
      : t.readonlyArray(nonEmptyString(2000)).validate(u, c),
  t.identity,
), `a list of at most ${MAX_FEEDBACK_IMAGES} image references`);

type Ref = { readonly feedbackId: string };
type AsAgent = { readonly agentId?: string };

export interface FeedbackSubmission {
  readonly feedbackId: string;
  readonly customerId: string;
  readonly content: string;
  /** The session it is about, if any: it must be this customer's. */
  readonly sessionId?: string;
  readonly category?: string;
  /** P3: the brand it concerns; only staff whose roles handle the brand touch it. */
  readonly brandId?: string;
  readonly images?: readonly string[];
}

export type FeedbackCommand =
  /** By the customer (its own) or by staff on its behalf. */
  | Command<'SubmitFeedback', FeedbackSubmission>
  /** pending -> processing; the feedback becomes the agent's. */
  | Command<'StartProcessingFeedback', Ref & AsAgent>
  /** Pending or processing; a later reply replaces the shown one (each stays in the log). */
  | Command<'ReplyToFeedback', Ref & AsAgent & { readonly reply: string }>
  /** pending or processing -> done; done is final. */
  | Command<'CompleteFeedback', Ref & AsAgent>;

export type FeedbackCommandType = FeedbackCommand['type'];
export type FeedbackCommandOf<T extends FeedbackCommandType> = Extract<FeedbackCommand, { type: T }>;

const ref = { feedbackId: feedbackIdCodec };
const asAgent = { agentId: agentIdCodec };

export const feedbackCommandCodecs = {
  SubmitFeedback: struct(
    'SubmitFeedback',
    { feedbackId: feedbackIdCodec, customerId: customerIdCodec, content: feedbackContentCodec },
    { sessionId: sessionIdCodec, category: categoryCodec, brandId: brandIdCodec, images: imagesCodec },
  ),
  StartProcessingFeedback: struct('StartProcessingFeedback', ref, asAgent),
  ReplyToFeedback: struct('ReplyToFeedback', { ...ref, reply: replyCodec }, asAgent),
  CompleteFeedback: struct('CompleteFeedback', ref, asAgent),
} satisfies CommandCodecs<FeedbackCommand>;
