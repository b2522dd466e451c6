/**
 * C4 (历史会话, [003] §5): every session of a shop, open or ended, with what the
 * history list shows of it: the customer, the receiving agent and everyone who
 * held or co-handled it, when it started and ended (and why), its first and
 * average response times (responseClock.ts), channel, initiation and entry group.
 * Folded from the conversation's events only (each session's own stream has its
 * messages and the mirrors of routing in order). Queries: historyQueries.ts.
 *
 * Bounded: each shop keeps its newest `limit` sessions (default 100,000, by
 * opening order); the oldest is forgotten when one more opens, and later events
 * of a forgotten session are ignored. The manual keeps history "permanently":
 * a shop that needs more raises the limit, or reads the log (runtime/serviceRecord).
 *
 * The state is plain and JSON-shaped, and the fold updates it in place (as the
 * reports do, reportKit.ts): the fold owns it; queries copy what they return.
 */
import type { ConversationEvent, Initiation } from '../../domain/conversation/conversation.js';
import type { EndReason } from '../../domain/desk/deskEvents.js';
import type { Projection } from '../projection.js';
import { newResponseClock, onMessage, receive, release, type ResponseClock } from './responseClock.js';

export interface HistorySession {
  readonly sessionId: string;
  readonly customerId: string;
  readonly channel: string;
  readonly initiation: Initiation;
  readonly entryGroupId: string | undefined;
  readonly startedAt: number;
  // Every field is there from the start (undefined until known): one object shape for all sessions.
  endedAt: number | undefined;
  endReason: EndReason | undefined;
  /** The receiving agent: the one holding it now, or last (接待客服); undefined if no agent ever had it. */
  agentId: string | undefined;
  /** Everyone it was assigned or transferred to, each once, in order. */
  readonly holders: string[];
  /** Co-agents it ever had (invited, barged in), each once. */
  readonly coAgents: string[];
  readonly clock: ResponseClock;
}

export interface ShopHistory {
  readonly sessions: Record<string, HistorySession>;
  /** Session ids in opening order; those before `head` are forgotten. */
  order: string[];
  head: number;
}

/** Shop id -> its history. */
export type SessionHistory = Record<string, ShopHistory>;

export const DEFAULT_HISTORY_SESSIONS = 100_000;
export const MAX_HISTORY_SESSIONS = 10_000_000;

export interface SessionHistoryOptions {
  /** Sessions kept per shop, the newest (default 100,000). */
  readonly limit?: number;
}

/** Everyone who took part in a session as staff: the holders, then the co-agents. */
export const participants = (s: HistorySession): readonly string[] => (s.coAgents.length === 0 ? s.holders : [...s.holders, ...s.coAgents.filter((a) => !s.holders.includes(a))]);

/** A record's own entry: an id such as `constructor` must not find Object.prototype's. */
export const ownEntry = <V>(record: Readonly<Record<string, V>>, key: string): V | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

const addOnce = (list: string[], id: string): void => {
  if (!list.includes(id)) list.push(id);
};

const forgetOldest = (shop: ShopHistory, limit: number): void => {
  while (shop.order.length - shop.head > limit) {
    const id = shop.order[shop.head];
    shop.head += 1;
    if (id !== undefined) delete shop.sessions[id];
  }
  // Drop the forgotten prefix now and then: amortised O(1) per session.
  if (shop.head > 1024 && shop.head * 2 > shop.order.length) {
    shop.order = shop.order.slice(shop.head);
    shop.head = 0;
  }
};

export const sessionHistoryProjection = (options: SessionHistoryOptions = {}): Projection<SessionHistory, ConversationEvent> => {
  const limit = options.limit ?? DEFAULT_HISTORY_SESSIONS;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HISTORY_SESSIONS) throw new RangeError(`session history: limit must be an integer from 1 to ${MAX_HISTORY_SESSIONS}, got ${String(limit)}`);

  return {
    name: 'session-history',
    initialState: () => ({}),
    apply: (state, event) => {
      const shopId = event.metadata.shopId;
      if (event.type === 'ConversationOpened') {
        const e = event.data;
        let shop = ownEntry(state, shopId);
        if (shop === undefined) {
          shop = { sessions: {}, order: [], head: 0 };
          state[shopId] = shop;
        }
        if (Object.hasOwn(shop.sessions, e.sessionId)) return state;
        shop.sessions[e.sessionId] = {
          sessionId: e.sessionId,
          customerId: e.customerId,
          channel: e.channel,
          initiation: e.initiation,
          entryGroupId: e.entryGroupId,
          startedAt: e.at,
          endedAt: undefined,
          endReason: undefined,
          agentId: undefined,
          holders: [],
          coAgents: [],
          clock: newResponseClock(),
        };
        shop.order.push(e.sessionId);
        forgetOldest(shop, limit);
        return state;
      }
      const shop = ownEntry(state, shopId);
      const s = shop === undefined ? undefined : ownEntry(shop.sessions, event.data.sessionId);
      if (s === undefined) return state;
      switch (event.type) {
        case 'MessageSent':
          onMessage(s.clock, event.data);
          break;
        case 'ConversationAssigned':
          s.agentId = event.data.agentId;
          addOnce(s.holders, event.data.agentId);
          receive(s.clock, event.data.agentId, event.data.at);
          break;
        case 'ConversationTransferred':
          s.agentId = event.data.to;
          addOnce(s.holders, event.data.to);
          receive(s.clock, event.data.to, event.data.at);
          break;
        case 'ConversationQueued':
        case 'ConversationRequeued':
        case 'ConversationDiverted':
          release(s.clock);
          break;
        case 'ConversationCoAgentAdded':
          addOnce(s.coAgents, event.data.agentId);
          break;
        case 'ConversationEnded':
          s.endedAt = event.data.at;
          s.endReason = event.data.reason;
          release(s.clock);
          break;
        default:
          // Read marks, presence, continuations, and the events of other modules an engine hands every projection.
          break;
      }
      return state;
    },
  };
};
