/**
 * C4 (with C2's 服务记录): search inside one customer's messages. Indexed: the text
 * of the customer's messages and of the staff's replies (text and quick-reply
 * contents; not internal notes, not system/auto messages, not pictures or cards),
 * per customer the newest `perCustomer` of them (default 500). A query matches a
 * case-insensitive substring (full-width folded, NFKC), newest first, among the
 * sessions the viewer may see (viewer.ts: the agents who held or co-handled each
 * session, and its entry group, are kept beside the texts).
 *
 * S16: a message whose content has expired (`{ kind: 'expired' }`) has no text and
 * is not indexed. The engine folds its inline projections again after a retention
 * sweep (engine.ts `rebuildInline`), so texts whose key was destroyed leave this
 * state then; a projection run elsewhere must be rebuilt after a sweep likewise.
 *
 * Bounded: texts per customer; the parties of a session are kept while it is open
 * or one of its texts is. The state is plain, folded in place.
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import type { ConversationEvent } from '../../domain/conversation/conversation.js';
import { isReply, type StoredMessageContent } from '../../domain/conversation/messages.js';
import type { ValidationError } from '../../domain/errors.js';
import { customerIdCodec } from '../../domain/ids.js';
import { decodeWith, intInRange, nonEmptyString, struct } from '../../domain/validation.js';
import type { Projection } from '../projection.js';
import { ownEntry } from './sessionHistory.js';
import { canSee, type Viewer } from './viewer.js';

export interface TextLine {
  readonly sessionId: string;
  readonly seq: number;
  readonly at: number;
  readonly sender: { readonly kind: 'customer' | 'agent'; readonly id: string };
  readonly text: string;
}

interface Parties {
  readonly agents: string[];
  readonly entryGroupId?: string;
}

interface CustomerTexts {
  lines: TextLine[];
  sessions: Record<string, Parties>;
}

interface ShopTexts {
  /** The projection's bound: what a query reads of a customer's lines (they are trimmed at twice as many). */
  readonly keep: number;
  /** The customer of each open session (MessageSent does not name it). */
  readonly open: Record<string, string>;
  readonly customers: Record<string, CustomerTexts>;
}

export type MessageSearch = Record<string, ShopTexts>;

export const DEFAULT_TEXTS_PER_CUSTOMER = 500;
export const MAX_TEXTS_PER_CUSTOMER = 100_000;
export const MAX_SEARCH_RESULTS = 200;

export interface MessageSearchOptions {
  readonly perCustomer?: number;
}

const searchable = (content: StoredMessageContent): string | undefined => (content.kind === 'text' || content.kind === 'quick-reply' ? content.text : undefined);

const fold = (s: string): string => s.normalize('NFKC').toLowerCase();

/** Keeps the newest `keep` lines (trimmed when twice as many: amortised O(1)), and the parties still needed. */
const trim = (shop: ShopTexts, texts: CustomerTexts, keep: number): void => {
  if (texts.lines.length <= keep * 2) return;
  texts.lines = texts.lines.slice(-keep);
  const needed = new Set(texts.lines.map((l) => l.sessionId));
  const sessions: Record<string, Parties> = {};
  for (const [id, parties] of Object.entries(texts.sessions)) if (needed.has(id) || Object.hasOwn(shop.open, id)) sessions[id] = parties;
  texts.sessions = sessions;
};

export const messageSearchProjection = (options: MessageSearchOptions = {}): Projection<MessageSearch, ConversationEvent> => {
  const keep = options.perCustomer ?? DEFAULT_TEXTS_PER_CUSTOMER;
  if (!Number.isInteger(keep) || keep < 1 || keep > MAX_TEXTS_PER_CUSTOMER) throw new RangeError(`message search: perCustomer must be an integer from 1 to ${MAX_TEXTS_PER_CUSTOMER}, got ${String(keep)}`);

  return {
    name: 'customer-message-search',
    initialState: () => ({}),
    apply: (state, event) => {
      const shopId = event.metadata.shopId;
      const sessionId = event.data.sessionId;
      if (event.type === 'ConversationOpened') {
        const e = event.data;
        let shop = ownEntry(state, shopId);
        if (shop === undefined) {
          shop = { keep, open: {}, customers: {} };
          state[shopId] = shop;
        }
        let texts = ownEntry(shop.customers, e.customerId);
        if (texts === undefined) {
          texts = { lines: [], sessions: {} };
          shop.customers[e.customerId] = texts;
        }
        shop.open[sessionId] = e.customerId;
        if (!Object.hasOwn(texts.sessions, sessionId)) texts.sessions[sessionId] = { agents: [], ...(e.entryGroupId === undefined ? {} : { entryGroupId: e.entryGroupId }) };
        return state;
      }
      const shop = ownEntry(state, shopId);
      const customerId = shop === undefined ? undefined : ownEntry(shop.open, sessionId);
      if (shop === undefined || customerId === undefined) return state;
      const texts = ownEntry(shop.customers, customerId);
      const parties = texts === undefined ? undefined : ownEntry(texts.sessions, sessionId);
      if (texts === undefined || parties === undefined) return state;
      const join = (agentId: string) => {
        if (!parties.agents.includes(agentId)) parties.agents.push(agentId);
      };
      switch (event.type) {
        case 'MessageSent': {
          const m = event.data;
          const text = searchable(m.content);
          if (text === undefined) break;
          if (m.sender.kind === 'customer' || (m.sender.kind === 'agent' && isReply(m.kind, m.sender))) {
            texts.lines.push({ sessionId, seq: m.seq, at: m.at, sender: { kind: m.sender.kind, id: m.sender.id }, text });
            trim(shop, texts, keep);
          }
          break;
        }
        case 'ConversationAssigned':
        case 'ConversationCoAgentAdded':
          join(event.data.agentId);
          break;
        case 'ConversationTransferred':
          join(event.data.to);
          break;
        case 'ConversationEnded':
          delete shop.open[sessionId];
          break;
        default:
          break;
      }
      return state;
    },
  };
};

export const messageSearchQueryCodec = struct('MessageSearchQuery', { customerId: customerIdCodec, text: nonEmptyString(100) }, { limit: intInRange(1, MAX_SEARCH_RESULTS) });
export type MessageSearchQuery = t.TypeOf<typeof messageSearchQueryCodec>;

const decodeQuery = decodeWith(messageSearchQueryCodec, 'message search query');

/** The customer's texts containing `text`, newest first, in the sessions the viewer may see (at most `limit`, default 20). */
export const searchCustomerMessages = (state: MessageSearch, shopId: string, viewer: Viewer, query: MessageSearchQuery): E.Either<ValidationError, readonly TextLine[]> => {
  const decoded = decodeQuery(query);
  if (E.isLeft(decoded)) return decoded;
  const { customerId, text, limit = 20 } = decoded.right;
  const shop = ownEntry(state, shopId);
  const texts = shop === undefined ? undefined : ownEntry(shop.customers, customerId);
  if (texts === undefined) return E.right([]);
  const wanted = fold(text);
  const found: TextLine[] = [];
  const oldest = Math.max(0, texts.lines.length - (shop?.keep ?? 0));
  for (let i = texts.lines.length - 1; i >= oldest && found.length < limit; i--) {
    const line = texts.lines[i];
    if (line === undefined) continue;
    const parties = ownEntry(texts.sessions, line.sessionId);
    if (parties === undefined || !canSee(viewer, shopId, parties.agents, parties.entryGroupId === undefined ? [] : [parties.entryGroupId])) continue;
    if (fold(line.text).includes(wanted)) found.push({ ...line, sender: { ...line.sender } });
  }
  return E.right(found);
};
