/**
 * C3: each agent's recent contacts, newest first, at most `limit` of them (99 in
 * one source, 30 in another: the shop chooses), the list an agent starts a
 * proactive session from (S1). Fed by the conversation's events: a session
 * coming to an agent (assigned, transferred, joined) and each reply the agent
 * writes. A customer is listed once, at the latest contact; the bound makes an
 * update O(limit). `recentContactsOf` can also drop contacts older than a window
 * (six months in [003]).
 */
import { Map as IMap } from 'immutable';
import type { ConversationEvent } from '../domain/conversation/conversation.js';
import { isReply } from '../domain/conversation/messages.js';
import type { Projection } from './projection.js';

export interface RecentContact {
  readonly customerId: string;
  readonly sessionId: string;
  readonly at: number;
}

export interface RecentContacts {
  /** The customer of each open session, to name the contact an agent's message makes. */
  readonly customers: IMap<string, IMap<string, string>>;
  /** Shop id -> agent id -> contacts, newest first. */
  readonly contacts: IMap<string, IMap<string, readonly RecentContact[]>>;
}

export const DEFAULT_RECENT_CONTACTS = 99;
export const MAX_RECENT_CONTACTS = 10_000;

export interface RecentContactsOptions {
  readonly limit?: number;
}

const touch = (state: RecentContacts, shop: string, agentId: string, contact: RecentContact, limit: number): RecentContacts => {
  const mine = state.contacts.get(shop)?.get(agentId) ?? [];
  if (mine[0]?.customerId === contact.customerId && mine[0].sessionId === contact.sessionId && mine[0].at >= contact.at) return state;
  const next = [contact, ...mine.filter((c) => c.customerId !== contact.customerId)].slice(0, limit);
  return { ...state, contacts: state.contacts.setIn([shop, agentId], next) };
};

/** The projection, with the bound of each agent's list (default 99). */
export const recentContactsProjection = (options: RecentContactsOptions = {}): Projection<RecentContacts, ConversationEvent> => {
  const limit = options.limit ?? DEFAULT_RECENT_CONTACTS;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RECENT_CONTACTS) {
    throw new RangeError(`recent contacts: limit must be an integer from 1 to ${MAX_RECENT_CONTACTS}, got ${String(limit)}`);
  }
  return {
    name: 'recent-contacts',
    initialState: () => ({ customers: IMap(), contacts: IMap() }),
    apply: (state, event) => {
      const shop = event.metadata.shopId;
      const sessionId = event.data.sessionId;
      const customerOf = () => state.customers.get(shop)?.get(sessionId);
      const contact = (agentId: string, at: number) => {
        const customerId = customerOf();
        return customerId === undefined ? state : touch(state, shop, agentId, { customerId, sessionId, at }, limit);
      };
      switch (event.type) {
        case 'ConversationOpened':
          return { ...state, customers: state.customers.setIn([shop, sessionId], event.data.customerId) };
        case 'ConversationAssigned':
        case 'ConversationCoAgentAdded':
          return contact(event.data.agentId, event.data.at);
        case 'ConversationTransferred':
          return contact(event.data.to, event.data.at);
        case 'MessageSent':
          return event.data.sender.kind === 'agent' && isReply(event.data.kind, event.data.sender) ? contact(event.data.sender.id, event.data.at) : state;
        case 'ConversationEnded':
          return { ...state, customers: state.customers.deleteIn([shop, sessionId]) };
        default:
          return state;
      }
    },
  };
};

/** An agent's recent contacts, newest first; with `since`, only those at or after it. */
export const recentContactsOf = (state: RecentContacts, shopId: string, agentId: string, since?: number): readonly RecentContact[] => {
  const mine = state.contacts.get(shopId)?.get(agentId) ?? [];
  return since === undefined ? mine : mine.filter((c) => c.at >= since);
};
