/**
 * C2: a customer's service record (服务记录): its sessions, newest first, each with
 * its messages (查看详情), and a search inside that history (对话详情中的搜索,
 * 精确定位聊天记录内容). It does I/O, so it lives here and not in the projections:
 * the directory (projections/customerDirectory.ts) knows a customer's sessions,
 * and each session's messages are read from the store when asked, folded with the
 * conversation timeline (projections/conversationTimeline.ts). No read model holds
 * every message of every customer; a query holds one page of sessions (a search:
 * one session at a time, plus its matches).
 *
 * Staff see the staff view (internal notes marked staff-only); a customer reading
 * its own record sees the customer view (no internal notes, anonymous replies
 * without the agent). Who may read whose record is the directory's rule
 * (customerQueries.ts, canSeeCustomer).
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import type { EventStore } from '../adapters/eventStore.js';
import type { ConversationEvent } from '../domain/conversation/conversation.js';
import { conversationStream } from '../domain/conversation/conversationModule.js';
import { domainError, type KefuError } from '../domain/errors.js';
import { customerIdCodec, shopIdCodec } from '../domain/ids.js';
import type { Who } from '../domain/permissions/policy.js';
import type { Registry } from '../domain/registry.js';
import { decodeWith, intInRange, nonEmptyString, nonNegativeInt, struct } from '../domain/validation.js';
import { conversationTimeline, customerView, staffView, type CustomerMessage, type TimelineMessage, type Timelines } from '../projections/conversationTimeline.js';
import { customerEntry, type CustomerDirectory, type ServiceSession } from '../projections/customerDirectory.js';
import { canSeeCustomer, type VisibilityOptions } from '../projections/customerQueries.js';
import type { ProjectedEvent } from '../projections/projection.js';

/** What reading the log takes: an engine has both. */
export interface LogReader {
  readonly store: EventStore;
  readonly registry: Registry;
}

export const MAX_RECORD_SESSIONS = 100;
export const MAX_SEARCH_MATCHES = 200;
const PAGE = 500;

export type ShownMessage = TimelineMessage | CustomerMessage;

export interface RecordSession extends ServiceSession {
  readonly messages: readonly ShownMessage[];
}

export interface ServiceRecord {
  readonly customerId: string;
  /** Sessions of the customer in all. */
  readonly total: number;
  /** This page of them, newest first. */
  readonly sessions: readonly RecordSession[];
}

export interface SearchMatch {
  readonly sessionId: string;
  readonly sessionStartedAt: number;
  readonly message: ShownMessage;
}

const recordQueryCodec = struct('ServiceRecordQuery', { shopId: shopIdCodec, customerId: customerIdCodec }, { offset: nonNegativeInt, limit: intInRange(1, MAX_RECORD_SESSIONS) });
const searchQueryCodec = struct('ServiceRecordSearch', { shopId: shopIdCodec, customerId: customerIdCodec, text: nonEmptyString(100) }, { limit: intInRange(1, MAX_SEARCH_MATCHES) });

export type ServiceRecordQuery = t.TypeOf<typeof recordQueryCodec>;
export type ServiceRecordSearch = t.TypeOf<typeof searchQueryCodec>;

/** One session's messages as the viewer sees them, read from its conversation stream. */
export const sessionMessages = async (reader: LogReader, shopId: string, sessionId: string, viewer: Who): Promise<E.Either<KefuError, readonly ShownMessage[]>> => {
  const stream = conversationStream(shopId, sessionId);
  let state: Timelines = conversationTimeline.initialState();
  for (let from = 1; ; ) {
    const page = await reader.store.readStream(stream, { fromVersion: from, maxCount: PAGE });
    if (E.isLeft(page)) return page;
    for (const recorded of page.right) {
      const decoded = reader.registry.decodeRecorded(recorded);
      if (E.isLeft(decoded)) return decoded;
      state = conversationTimeline.apply(state, decoded.right as ProjectedEvent<ConversationEvent>);
    }
    if (page.right.length < PAGE) break;
    from += page.right.length;
  }
  return E.right(viewer.kind === 'customer' ? customerView(state, shopId, sessionId) : staffView(state, shopId, sessionId));
};

/** The customer's sessions, newest first, when the viewer may read them. */
const sessionsOf = (directory: CustomerDirectory, shopId: string, customerId: string, viewer: Who, visibility: VisibilityOptions): E.Either<KefuError, readonly ServiceSession[]> => {
  const entry = customerEntry(directory, shopId, customerId);
  if (entry === undefined) return E.left(domainError('customer.unknown', `no customer ${customerId} in shop ${shopId}`, { field: 'customerId' }));
  if (!canSeeCustomer(entry, viewer, visibility)) return E.left(domainError('actor.not-allowed', `not allowed to read customer ${customerId}'s service record`, { field: 'viewer' }));
  return E.right(entry.sessions.reverse().toArray());
};

export const serviceRecord = async (
  reader: LogReader,
  directory: CustomerDirectory,
  viewer: Who,
  query: ServiceRecordQuery,
  visibility: VisibilityOptions = {},
): Promise<E.Either<KefuError, ServiceRecord>> => {
  const decoded = decodeWith(recordQueryCodec, 'service record query')(query);
  if (E.isLeft(decoded)) return decoded;
  const { shopId, customerId, offset = 0, limit = 20 } = decoded.right;
  const all = sessionsOf(directory, shopId, customerId, viewer, visibility);
  if (E.isLeft(all)) return all;
  const sessions: RecordSession[] = [];
  for (const session of all.right.slice(offset, offset + limit)) {
    const messages = await sessionMessages(reader, shopId, session.sessionId, viewer);
    if (E.isLeft(messages)) return messages;
    sessions.push({ ...session, messages: messages.right });
  }
  return E.right({ customerId, total: all.right.length, sessions });
};

const fold = (s: string): string => s.normalize('NFKC').toLowerCase();

/** The words of a message a search looks in: texts, names and titles (a picture has none; an expired message neither). */
export const searchableText = (content: ShownMessage['content']): string => {
  switch (content.kind) {
    case 'text':
    case 'quick-reply':
      return content.text;
    case 'emoji':
      return content.emoji;
    case 'file':
      return content.name;
    case 'product-card':
      return `${content.title} ${content.productId}`;
    case 'order-card':
      return `${content.orderId} ${content.status ?? ''}`;
    case 'coupon':
      return content.title;
    default:
      return '';
  }
};

/** C2: the messages of a customer's history containing `text` (any case, full-width folded), newest session first, in order within each. */
export const searchServiceRecord = async (
  reader: LogReader,
  directory: CustomerDirectory,
  viewer: Who,
  query: ServiceRecordSearch,
  visibility: VisibilityOptions = {},
): Promise<E.Either<KefuError, { readonly matches: readonly SearchMatch[]; readonly complete: boolean }>> => {
  const decoded = decodeWith(searchQueryCodec, 'service record search')(query);
  if (E.isLeft(decoded)) return decoded;
  const { shopId, customerId, text, limit = 50 } = decoded.right;
  const all = sessionsOf(directory, shopId, customerId, viewer, visibility);
  if (E.isLeft(all)) return all;
  const needle = fold(text);
  const matches: SearchMatch[] = [];
  for (const session of all.right) {
    const messages = await sessionMessages(reader, shopId, session.sessionId, viewer);
    if (E.isLeft(messages)) return messages;
    for (const message of messages.right) {
      if (!fold(searchableText(message.content)).includes(needle)) continue;
      if (matches.length === limit) return E.right({ matches, complete: false });
      matches.push({ sessionId: session.sessionId, sessionStartedAt: session.startedAt, message });
    }
  }
  return E.right({ matches, complete: true });
};
