/**
 * C1, C2: the shop's customers (客户中心, 全部客户), folded from two sources: the
 * customers' own streams (profile, tags) and the conversations (each session's
 * start, channel, initiation, agents and end). A customer who wrote but was never
 * registered is listed too, with what its sessions tell (the channel, the first
 * time it came), as the manual's list shows customers with a source of 其他.
 *
 * - last agent (最近接待客服): the agent the latest assignment or transfer gave a
 *   session of the customer to (a co-agent who joined is not it);
 * - last session time (最近会话时间): when the customer's latest session started;
 * - since (成为客户时间): the earlier of its registration and its first session.
 *
 * Memory: per customer its profile and one small record per session (ids, times,
 * the agents who had it), never a message: O(customers + sessions). The messages
 * of a service record are read from the store when asked (runtime/serviceRecord.ts).
 * The sessions still open are indexed by id (the events of a session after its
 * start name only the session), and dropped from the index when they end.
 */
import { List, Map as IMap } from 'immutable';
import type { ConversationEvent, ConversationStatus, Initiation } from '../domain/conversation/conversation.js';
import type { ProfileFields } from '../domain/customers/customerProfile.js';
import type { CustomersEvent } from '../domain/customers/customersEvents.js';
import { patched } from '../domain/customers/customersState.js';
import type { ProjectedEvent, Projection } from './projection.js';

/** One session in a customer's service record (会话ID, 来源渠道, 发起方式, 接待客服, 会话状态). */
export interface ServiceSession {
  readonly sessionId: string;
  readonly channel: string;
  readonly initiation: Initiation;
  readonly status: Exclude<ConversationStatus, 'none'>;
  readonly startedAt: number;
  readonly endedAt?: number;
  /** 接待客服: the last agent the session was assigned or transferred to. */
  readonly agentId?: string;
  /** Every agent who had the session or joined it, once each, in order. */
  readonly agents: readonly string[];
}

export interface CustomerEntry {
  readonly customerId: string;
  readonly registered: boolean;
  readonly profile: ProfileFields;
  readonly tags: readonly string[];
  readonly since: number;
  /** The channel of its first session: the channel shown when the profile names none. */
  readonly firstChannel?: string;
  readonly lastAgentId?: string;
  readonly lastSessionAt?: number;
  /** Whether its latest session came in as VIP: the flag shown when the profile sets none. */
  readonly lastSessionVip?: boolean;
  /** Every agent who had or joined one of its sessions (C4's reach for the `served` scope). */
  readonly servedBy: readonly string[];
  /** Oldest first. */
  readonly sessions: List<ServiceSession>;
}

interface OpenSession {
  readonly customerId: string;
  readonly index: number;
}

export interface CustomerDirectory {
  /** Shop id -> customer id -> entry. */
  readonly customers: IMap<string, IMap<string, CustomerEntry>>;
  /** Shop id -> session id -> where the open session is in its customer's list. */
  readonly open: IMap<string, IMap<string, OpenSession>>;
}

export type DirectoryEvent = CustomersEvent | ConversationEvent;

const once = (list: readonly string[], id: string): readonly string[] => (list.includes(id) ? list : [...list, id]);

const blank = (customerId: string, at: number): CustomerEntry => ({ customerId, registered: false, profile: {}, tags: [], since: at, servedBy: [], sessions: List() });

const entryOf = (state: CustomerDirectory, shop: string, customerId: string): CustomerEntry | undefined => state.customers.get(shop)?.get(customerId);

const put = (state: CustomerDirectory, shop: string, entry: CustomerEntry): CustomerDirectory => ({
  ...state,
  customers: state.customers.set(shop, (state.customers.get(shop) ?? IMap<string, CustomerEntry>()).set(entry.customerId, entry)),
});

const withCustomer = (state: CustomerDirectory, shop: string, customerId: string, at: number, change: (e: CustomerEntry) => CustomerEntry): CustomerDirectory =>
  put(state, shop, change(entryOf(state, shop, customerId) ?? blank(customerId, at)));

/** Changes an open session and its customer's entry; a session not open here (ended, or never seen) is left alone. */
const withSession = (state: CustomerDirectory, shop: string, sessionId: string, change: (s: ServiceSession, e: CustomerEntry) => [ServiceSession, CustomerEntry]): CustomerDirectory => {
  const open = state.open.get(shop)?.get(sessionId);
  const entry = open === undefined ? undefined : entryOf(state, shop, open.customerId);
  const session = open === undefined ? undefined : entry?.sessions.get(open.index);
  if (open === undefined || entry === undefined || session === undefined) return state;
  const [nextSession, nextEntry] = change(session, entry);
  return put(state, shop, { ...nextEntry, sessions: nextEntry.sessions.set(open.index, nextSession) });
};

const opened = (state: CustomerDirectory, shop: string, e: Extract<ConversationEvent, { type: 'ConversationOpened' }>['data']): CustomerDirectory => {
  const entry = entryOf(state, shop, e.customerId) ?? blank(e.customerId, e.at);
  const session: ServiceSession = { sessionId: e.sessionId, channel: e.channel, initiation: e.initiation, status: 'routing', startedAt: e.at, agents: [] };
  const latest = entry.lastSessionAt === undefined || e.at >= entry.lastSessionAt;
  const next: CustomerEntry = {
    ...entry,
    since: Math.min(entry.since, e.at),
    firstChannel: entry.firstChannel ?? e.channel,
    ...(latest ? { lastSessionAt: e.at, lastSessionVip: e.vip } : {}),
    sessions: entry.sessions.push(session),
  };
  const open = (state.open.get(shop) ?? IMap<string, OpenSession>()).set(e.sessionId, { customerId: e.customerId, index: entry.sessions.size });
  return { ...put(state, shop, next), open: state.open.set(shop, open) };
};

const assigned = (agentId: string) => (s: ServiceSession, e: CustomerEntry): [ServiceSession, CustomerEntry] => [
  { ...s, status: s.status === 'routing' || s.status === 'queued' ? 'assigned' : s.status, agentId, agents: once(s.agents, agentId) },
  { ...e, lastAgentId: agentId, servedBy: once(e.servedBy, agentId) },
];

const apply = (state: CustomerDirectory, event: ProjectedEvent<DirectoryEvent>): CustomerDirectory => {
  const shop = event.metadata.shopId;
  switch (event.type) {
    case 'CustomerRegistered': {
      const { customerId, tags, at, ...profile } = event.data;
      return withCustomer(state, shop, customerId, at, (e) => ({ ...e, registered: true, profile, tags, since: Math.min(e.since, at) }));
    }
    case 'CustomerProfileUpdated': {
      const { customerId, tags, at, ...changes } = event.data;
      return withCustomer(state, shop, customerId, at, (e) => ({ ...e, profile: patched(e.profile, changes), ...(tags === undefined ? {} : { tags }) }));
    }
    case 'CustomerTagged':
      return withCustomer(state, shop, event.data.customerId, event.data.at, (e) => ({ ...e, tags: once(e.tags, event.data.tag) }));
    case 'CustomerUntagged':
      return withCustomer(state, shop, event.data.customerId, event.data.at, (e) => ({ ...e, tags: e.tags.filter((t) => t !== event.data.tag) }));
    case 'ConversationOpened':
      return opened(state, shop, event.data);
    case 'ConversationAssigned':
      return withSession(state, shop, event.data.sessionId, assigned(event.data.agentId));
    case 'ConversationTransferred':
      return withSession(state, shop, event.data.sessionId, assigned(event.data.to));
    case 'ConversationCoAgentAdded':
      return withSession(state, shop, event.data.sessionId, (s, e) => [{ ...s, agents: once(s.agents, event.data.agentId) }, { ...e, servedBy: once(e.servedBy, event.data.agentId) }]);
    case 'ConversationQueued':
    case 'ConversationRequeued':
      return withSession(state, shop, event.data.sessionId, (s, e) => [{ ...s, status: 'queued' }, e]);
    case 'ConversationDiverted':
      return withSession(state, shop, event.data.sessionId, (s, e) => [{ ...s, status: 'leave-a-message' }, e]);
    case 'ConversationEnded': {
      const ended = withSession(state, shop, event.data.sessionId, (s, e) => [{ ...s, status: 'ended', endedAt: event.data.at }, e]);
      return { ...ended, open: ended.open.deleteIn([shop, event.data.sessionId]) };
    }
    default:
      // Messages, read marks, presence, clocks: nothing a directory shows.
      return state;
  }
};

export const customerDirectory: Projection<CustomerDirectory, DirectoryEvent> = {
  name: 'customer-directory',
  initialState: () => ({ customers: IMap(), open: IMap() }),
  apply,
};

export const customerEntry = (state: CustomerDirectory, shopId: string, customerId: string): CustomerEntry | undefined => entryOf(state, shopId, customerId);
