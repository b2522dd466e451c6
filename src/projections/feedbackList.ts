/**
 * C5: the feedback list (问题反馈, 004 §9.3): each item's content, pictures, reply,
 * status and the time of each step (反馈时间, 处理时间, 完成时间), newest first,
 * filtered by status, customer, brand or handler. Name and phone (姓名, 手机) are
 * the customer's profile's (customerQueries.ts, customerRow), joined by the
 * caller: the list keeps no personal data but what the customer wrote.
 *
 * Memory: items still pending or processing are all kept; done ones only the
 * newest `retainDone` per shop (default 10,000), so the list stays bounded however
 * long the shop runs. Older done items stay in the log (and in their streams).
 */
import { List, Map as IMap } from 'immutable';
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import type { ValidationError } from '../domain/errors.js';
import { agentIdCodec, brandIdCodec, customerIdCodec } from '../domain/ids.js';
import type { FeedbackEvent } from '../domain/feedback/feedbackEvents.js';
import { FEEDBACK_STATUSES, type FeedbackStatus } from '../domain/feedback/feedbackState.js';
import { handlesBrand, type Who } from '../domain/permissions/policy.js';
import { decodeWith, intInRange, nonNegativeInt, oneOf, struct } from '../domain/validation.js';
import type { Projection } from './projection.js';

export interface FeedbackItem {
  readonly feedbackId: string;
  readonly customerId: string;
  readonly content: string;
  readonly images: readonly string[];
  readonly sessionId?: string;
  readonly category?: string;
  readonly brandId?: string;
  readonly status: FeedbackStatus;
  /** 反馈时间 / 处理时间 / 完成时间. */
  readonly submittedAt: number;
  readonly processingAt?: number;
  readonly doneAt?: number;
  /** The agent who started processing it. */
  readonly handler?: string;
  /** 回复内容: the latest reply, by whom and when. */
  readonly reply?: string;
  readonly repliedBy?: string;
  readonly repliedAt?: number;
  readonly completedBy?: string;
}

export interface FeedbackList {
  readonly items: IMap<string, IMap<string, FeedbackItem>>;
  /** Per shop, the done items in the order they were done (the oldest dropped first). */
  readonly done: IMap<string, List<string>>;
}

export const DEFAULT_RETAIN_DONE = 10_000;
export const MAX_RETAIN_DONE = 1_000_000;

const update = (state: FeedbackList, shop: string, feedbackId: string, change: (item: FeedbackItem) => FeedbackItem): FeedbackList => {
  const item = state.items.get(shop)?.get(feedbackId);
  return item === undefined ? state : { ...state, items: state.items.setIn([shop, feedbackId], change(item)) };
};

export const feedbackListProjection = (options: { readonly retainDone?: number } = {}): Projection<FeedbackList, FeedbackEvent> => {
  const retain = options.retainDone ?? DEFAULT_RETAIN_DONE;
  if (!Number.isInteger(retain) || retain < 0 || retain > MAX_RETAIN_DONE) {
    throw new RangeError(`feedback list: retainDone must be an integer from 0 to ${MAX_RETAIN_DONE}, got ${String(retain)}`);
  }
  const completed = (state: FeedbackList, shop: string, feedbackId: string): FeedbackList => {
    let done = (state.done.get(shop) ?? List<string>()).push(feedbackId);
    let items = state.items.get(shop) ?? IMap<string, FeedbackItem>();
    while (done.size > retain) {
      items = items.delete(done.first() as string);
      done = done.shift();
    }
    return { items: state.items.set(shop, items), done: state.done.set(shop, done) };
  };
  return {
    name: 'feedback-list',
    initialState: () => ({ items: IMap(), done: IMap() }),
    apply: (state, event) => {
      const shop = event.metadata.shopId;
      switch (event.type) {
        case 'FeedbackSubmitted': {
          const { at, agentId: _by, images, ...d } = event.data;
          const item: FeedbackItem = { ...d, images: images ?? [], status: 'pending', submittedAt: at };
          return { ...state, items: state.items.set(shop, (state.items.get(shop) ?? IMap<string, FeedbackItem>()).set(d.feedbackId, item)) };
        }
        case 'FeedbackProcessingStarted': {
          const { agentId, at } = event.data;
          return update(state, shop, event.data.feedbackId, (i) => ({ ...i, status: 'processing', processingAt: at, ...(agentId === undefined ? {} : { handler: agentId }) }));
        }
        case 'FeedbackReplied': {
          const { agentId, at, reply } = event.data;
          return update(state, shop, event.data.feedbackId, (i) => ({ ...i, reply, repliedAt: at, ...(agentId === undefined ? {} : { repliedBy: agentId }) }));
        }
        case 'FeedbackCompleted': {
          const { agentId, at } = event.data;
          const next = update(state, shop, event.data.feedbackId, (i) => ({ ...i, status: 'done', doneAt: at, ...(agentId === undefined ? {} : { completedBy: agentId }) }));
          return next === state ? state : completed(next, shop, event.data.feedbackId);
        }
        default:
          return state;
      }
    },
  };
};

export const feedbackQueryCodec = struct(
  'FeedbackQuery',
  {},
  {
    status: oneOf('FeedbackStatus', FEEDBACK_STATUSES),
    customerId: customerIdCodec,
    brandId: brandIdCodec,
    handler: agentIdCodec,
    offset: nonNegativeInt,
    limit: intInRange(1, 200),
  },
);
export type FeedbackQuery = t.TypeOf<typeof feedbackQueryCodec>;

/**
 * Who sees an item: the system all; a customer its own; staff with the
 * customer-service permission all but the brands their roles do not handle (P3).
 */
export const canSeeFeedback = (item: FeedbackItem, viewer: Who): boolean => {
  if (viewer.kind === 'system') return true;
  if (viewer.kind === 'customer') return viewer.id === item.customerId;
  return viewer.permissions.has('customer-service') && (item.brandId === undefined || handlesBrand(viewer, item.brandId));
};

const decodeQuery = decodeWith(feedbackQueryCodec, 'feedback query');

/** Newest first (by submission time, then id), filtered; `total` counts every match. */
export const feedbackItems = (
  state: FeedbackList,
  shopId: string,
  viewer: Who,
  query: FeedbackQuery = {},
): E.Either<ValidationError, { readonly total: number; readonly items: readonly FeedbackItem[] }> => {
  const decoded = decodeQuery(query);
  if (E.isLeft(decoded)) return decoded;
  const q = decoded.right;
  const found: FeedbackItem[] = [];
  for (const item of state.items.get(shopId)?.values() ?? []) {
    if (!canSeeFeedback(item, viewer)) continue;
    if (q.status !== undefined && item.status !== q.status) continue;
    if (q.customerId !== undefined && item.customerId !== q.customerId) continue;
    if (q.brandId !== undefined && item.brandId !== q.brandId) continue;
    if (q.handler !== undefined && item.handler !== q.handler) continue;
    found.push(item);
  }
  found.sort((a, b) => b.submittedAt - a.submittedAt || (a.feedbackId < b.feedbackId ? -1 : a.feedbackId > b.feedbackId ? 1 : 0));
  const offset = q.offset ?? 0;
  return E.right({ total: found.length, items: found.slice(offset, offset + (q.limit ?? 20)) });
};

export const feedbackItem = (state: FeedbackList, shopId: string, feedbackId: string): FeedbackItem | undefined => state.items.get(shopId)?.get(feedbackId);
