/**
 * S13: each agent's starred list: "the sessions of the last 6 months that the
 * agent starred" ([003] §2.2, §2.4). A session stays in the window while it is
 * active: its time is the later of the star and the session's last message.
 * Newest first. Fed by the review's star events and the conversation's messages
 * (of starred sessions only).
 *
 * Bounded: an agent's list keeps at most `limit` sessions (default 1,000), and a
 * star drops the agent's sessions already outside the window; the query applies
 * the window at its own `now`.
 */
import { Map as IMap, Set as ISet } from 'immutable';
import type { ConversationEvent } from '../domain/conversation/conversation.js';
import type { ReviewEvent } from '../domain/review/reviewEvents.js';
import type { Projection } from './projection.js';
import { checkWindowMonths, DEFAULT_LIST_WINDOW_MONTHS, monthsBefore } from './timeWindow.js';

export interface StarredSession {
  readonly sessionId: string;
  readonly customerId: string;
  readonly starredAt: number;
  /** The later of the star and the session's last message. */
  readonly lastAt: number;
}

export interface StarredSessions {
  /** Shop id -> agent id -> session id -> its line. */
  readonly lists: IMap<string, IMap<string, IMap<string, StarredSession>>>;
  /** Shop id -> session id -> the agents who starred it (to follow its messages). */
  readonly starredBy: IMap<string, IMap<string, ISet<string>>>;
}

export const DEFAULT_STARRED_PER_AGENT = 1_000;
export const MAX_STARRED_PER_AGENT = 100_000;

export interface StarredSessionsOptions {
  readonly limit?: number;
  /** The window a star prunes with (the query takes its own); default 6 months. */
  readonly windowMonths?: number;
}

type Fed = ReviewEvent | ConversationEvent;

export const starredSessionsProjection = (options: StarredSessionsOptions = {}): Projection<StarredSessions, Fed> => {
  const limit = options.limit ?? DEFAULT_STARRED_PER_AGENT;
  const windowMonths = checkWindowMonths(options.windowMonths ?? DEFAULT_LIST_WINDOW_MONTHS);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_STARRED_PER_AGENT) throw new RangeError(`starred sessions: limit must be an integer from 1 to ${MAX_STARRED_PER_AGENT}, got ${String(limit)}`);

  const unlink = (starredBy: IMap<string, IMap<string, ISet<string>>>, shop: string, sessionId: string, agentId: string) => {
    const rest = (starredBy.getIn([shop, sessionId]) as ISet<string> | undefined)?.delete(agentId);
    return rest === undefined || rest.size === 0 ? starredBy.deleteIn([shop, sessionId]) : starredBy.setIn([shop, sessionId], rest);
  };

  const star = (state: StarredSessions, shop: string, agentId: string, line: StarredSession): StarredSessions => {
    const since = monthsBefore(line.starredAt, windowMonths);
    let list = (state.lists.getIn([shop, agentId]) as IMap<string, StarredSession> | undefined) ?? IMap<string, StarredSession>();
    let starredBy = state.starredBy;
    const drop = (sessionId: string) => {
      list = list.delete(sessionId);
      starredBy = unlink(starredBy, shop, sessionId, agentId);
    };
    for (const old of list.values()) if (old.lastAt < since) drop(old.sessionId);
    list = list.set(line.sessionId, line);
    if (list.size > limit) drop(list.minBy((l) => l.lastAt)!.sessionId);
    starredBy = starredBy.setIn([shop, line.sessionId], ((starredBy.getIn([shop, line.sessionId]) as ISet<string> | undefined) ?? ISet<string>()).add(agentId));
    return { lists: state.lists.setIn([shop, agentId], list), starredBy };
  };

  return {
    name: 'starred-sessions',
    initialState: () => ({ lists: IMap(), starredBy: IMap() }),
    apply: (state, event) => {
      const shop = event.metadata.shopId;
      switch (event.type) {
        case 'SessionStarred': {
          const { sessionId, agentId, customerId, at } = event.data;
          return star(state, shop, agentId, { sessionId, customerId, starredAt: at, lastAt: at });
        }
        case 'SessionUnstarred': {
          const { sessionId, agentId } = event.data;
          if (!state.lists.hasIn([shop, agentId, sessionId])) return state;
          return { lists: state.lists.deleteIn([shop, agentId, sessionId]), starredBy: unlink(state.starredBy, shop, sessionId, agentId) };
        }
        case 'MessageSent': {
          const agents = state.starredBy.getIn([shop, event.data.sessionId]) as ISet<string> | undefined;
          if (agents === undefined) return state;
          const at = event.data.at;
          const lists = agents.reduce((acc, agentId) => {
            const line = acc.getIn([shop, agentId, event.data.sessionId]) as StarredSession | undefined;
            return line === undefined || line.lastAt >= at ? acc : acc.setIn([shop, agentId, event.data.sessionId], { ...line, lastAt: at });
          }, state.lists);
          return { ...state, lists };
        }
        default:
          return state;
      }
    },
  };
};

/** S13: an agent's starred sessions active within the last `months` months before `now`, newest first. */
export const starredSessionsOf = (state: StarredSessions, shopId: string, agentId: string, now: number, months = DEFAULT_LIST_WINDOW_MONTHS): readonly StarredSession[] => {
  const since = monthsBefore(now, months);
  const list = (state.lists.getIn([shopId, agentId]) as IMap<string, StarredSession> | undefined) ?? IMap<string, StarredSession>();
  return [...list.values()].filter((l) => l.lastAt >= since).sort((a, b) => b.lastAt - a.lastAt || (a.sessionId < b.sessionId ? -1 : 1));
};
