/**
 * Each agent's open sessions (S3, S14, R14): unread counts, the waiting clock and
 * the unreplied count, folded from the conversation's events only. The waiting
 * clock starts on a customer message and stops on an agent reply; system/auto
 * messages and internal notes never touch it, nor any count here.
 *
 * It is what R14's smart switch reads: `switchCandidates` turns an agent's open
 * sessions into the smart switch's candidates, `nextToAnswer` asks it. Lists come
 * ordered as S14's orderings say, `smart` (R14) by default.
 */
import { Map as IMap, Set as ISet } from 'immutable';
import type { ConversationEvent } from '../domain/conversation/conversation.js';
import { isReply } from '../domain/conversation/messages.js';
import type { Draws } from '../domain/seededDraws.js';
import { smartSwitch, type SwitchCandidate } from '../routing/smartSwitch.js';
import type { Projection } from './projection.js';

export interface InboxSession {
  readonly sessionId: string;
  readonly customerId: string;
  readonly channel: string;
  readonly vip: boolean;
  readonly agentId?: string;
  /** When the session came to its current agent (assigned or transferred). */
  readonly joinedAt?: number;
  readonly lastCustomerMessageAt?: number;
  /** S14 "latest customer message": a customer message, or the agent opening the session (proactive), moves it up. */
  readonly movedUpAt?: number;
  /** The latest message of either side (not system/auto/notes): how replied sessions are ordered by "longest waiting". */
  readonly lastMessageAt?: number;
  /** S14: the customer has waited for a reply since then; absent when nothing is unanswered. */
  readonly waitingSince?: number;
  /** Customer messages the agent side has not read (S3). */
  readonly unread: number;
  /** Customer messages since the last agent reply (R14). */
  readonly unreplied: number;
}

export interface ShopInbox {
  /** Open sessions, assigned or not (queued, left messages). An ended session leaves. */
  readonly sessions: IMap<string, InboxSession>;
  readonly byAgent: IMap<string, ISet<string>>;
}

/** Shop id -> the shop's inbox. */
export type AgentInbox = IMap<string, ShopInbox>;

const emptyShop: ShopInbox = { sessions: IMap(), byAgent: IMap() };

const moveAgent = (shop: ShopInbox, sessionId: string, from: string | undefined, to: string | undefined): ShopInbox => {
  let byAgent = shop.byAgent;
  if (from !== undefined) {
    const rest = (byAgent.get(from) ?? ISet<string>()).delete(sessionId);
    byAgent = rest.size === 0 ? byAgent.delete(from) : byAgent.set(from, rest);
  }
  if (to !== undefined) byAgent = byAgent.set(to, (byAgent.get(to) ?? ISet<string>()).add(sessionId));
  return { ...shop, byAgent };
};

const withAgent = (shop: ShopInbox, session: InboxSession, agentId: string | undefined, at: number): ShopInbox => {
  const { agentId: before, joinedAt: _j, ...rest } = session;
  const next: InboxSession = agentId === undefined ? rest : { ...rest, agentId, joinedAt: at };
  return moveAgent({ ...shop, sessions: shop.sessions.set(session.sessionId, next) }, session.sessionId, before, agentId);
};

const apply = (shop: ShopInbox, event: ConversationEvent): ShopInbox => {
  const sessionId = event.data.sessionId;
  if (event.type === 'ConversationOpened') {
    const { customerId, channel, vip, initiation, at } = event.data;
    const opened: InboxSession = { sessionId, customerId, channel, vip, unread: 0, unreplied: 0, ...(initiation === 'agent' ? { movedUpAt: at } : {}) };
    return { ...shop, sessions: shop.sessions.set(sessionId, opened) };
  }
  const session = shop.sessions.get(sessionId);
  if (session === undefined) return shop;
  const put = (next: InboxSession) => ({ ...shop, sessions: shop.sessions.set(sessionId, next) });
  switch (event.type) {
    case 'MessageSent': {
      const m = event.data;
      if (m.sender.kind === 'customer') {
        return put({ ...session, lastCustomerMessageAt: m.at, movedUpAt: m.at, lastMessageAt: m.at, waitingSince: session.waitingSince ?? m.at, unread: session.unread + 1, unreplied: session.unreplied + 1 });
      }
      if (!isReply(m.kind, m.sender)) return shop;
      const { waitingSince: _stopped, ...rest } = session;
      return put({ ...rest, unreplied: 0, lastMessageAt: m.at });
    }
    case 'MessagesRead':
      return event.data.side === 'agent' ? put({ ...session, unread: Math.max(0, session.unread - event.data.count) }) : shop;
    case 'ConversationAssigned':
      return withAgent(shop, { ...session, vip: event.data.vip }, event.data.agentId, event.data.at);
    case 'ConversationTransferred':
      return withAgent(shop, session, event.data.to, event.data.at);
    case 'ConversationQueued':
    case 'ConversationRequeued':
    case 'ConversationDiverted':
      return withAgent(shop, session, undefined, event.data.at);
    case 'ConversationEnded': {
      const gone = moveAgent(shop, sessionId, session.agentId, undefined);
      return { ...gone, sessions: gone.sessions.delete(sessionId) };
    }
    default:
      // Presence, continuations, co-agents, and the events of other modules an engine hands every projection.
      return shop;
  }
};

export const agentInbox: Projection<AgentInbox, ConversationEvent> = {
  name: 'agent-inbox',
  initialState: () => IMap(),
  apply: (inbox, event) => {
    const shop = event.metadata.shopId;
    const before = inbox.get(shop) ?? emptyShop;
    const after = apply(before, event);
    return after === before ? inbox : inbox.set(shop, after);
  },
};

/** S14's orderings of a session list; `smart` is R14's (VIP, longest waiting, most unreplied). */
export type InboxOrder = 'smart' | 'latest-message' | 'longest-waiting' | 'newest-joined';

const waiting = (s: InboxSession) => s.waitingSince ?? Number.POSITIVE_INFINITY;
// Infinity - Infinity is NaN: two sessions that wait for nothing compare by their latest message instead.
const waitingFirst = (a: InboxSession, b: InboxSession) =>
  a.waitingSince !== undefined && b.waitingSince !== undefined
    ? a.waitingSince - b.waitingSince
    : a.waitingSince !== undefined
      ? -1
      : b.waitingSince !== undefined
        ? 1
        : (b.lastMessageAt ?? -1) - (a.lastMessageAt ?? -1);
const byId = (a: InboxSession, b: InboxSession) => (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0);

const orders: Readonly<Record<InboxOrder, (a: InboxSession, b: InboxSession) => number>> = {
  smart: (a, b) => Number(b.vip) - Number(a.vip) || waiting(a) - waiting(b) || b.unreplied - a.unreplied || byId(a, b),
  // [003] §2.2.2: a new customer message, or the agent opening the session, moves it to the top.
  'latest-message': (a, b) => (b.movedUpAt ?? -1) - (a.movedUpAt ?? -1) || byId(a, b),
  // [003] §2.2.2: waiting sessions longest first; sessions the agent has answered, by their latest message, newest first.
  'longest-waiting': (a, b) => waitingFirst(a, b) || byId(a, b),
  'newest-joined': (a, b) => (b.joinedAt ?? -1) - (a.joinedAt ?? -1) || byId(a, b),
};

/** An agent's open sessions, in the order asked for. */
export const openSessionsOf = (inbox: AgentInbox, shopId: string, agentId: string, order: InboxOrder = 'smart'): readonly InboxSession[] => {
  const shop = inbox.get(shopId);
  if (shop === undefined) return [];
  const rows: InboxSession[] = [];
  for (const id of shop.byAgent.get(agentId) ?? []) {
    const session = shop.sessions.get(id);
    if (session !== undefined) rows.push(session);
  }
  return rows.sort(orders[order]);
};

/** One open session's row. */
export const inboxSession = (inbox: AgentInbox, shopId: string, sessionId: string): InboxSession | undefined => inbox.get(shopId)?.sessions.get(sessionId);

/** R14: the smart switch's candidates, with the real unreplied counts and waiting times. */
export const switchCandidates = (inbox: AgentInbox, shopId: string, agentId: string): readonly SwitchCandidate[] =>
  openSessionsOf(inbox, shopId, agentId).map((s) => ({
    sessionId: s.sessionId,
    vip: s.vip,
    unreplied: s.unreplied,
    ...(s.waitingSince === undefined ? {} : { waitingSince: s.waitingSince }),
  }));

/** R14: which of the agent's sessions to answer next (a draw among exact ties). */
export const nextToAnswer = (inbox: AgentInbox, shopId: string, agentId: string, draws: Draws): string | undefined =>
  smartSwitch(switchCandidates(inbox, shopId, agentId), draws);
