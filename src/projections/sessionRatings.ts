/**
 * S10 ratings as read models: per session its best rating (the one that counts),
 * the agents it is credited to and the invitations still unanswered (what a
 * customer's window shows as a prompt); per agent the satisfaction of the
 * sessions credited to it (M21's 好评度, M22's rating result): how many, the sum
 * of scores and how many of each score, from which the average follows.
 *
 * The per-agent figures are exact whatever the number of sessions: each rating
 * says whether it counts and which best it replaces (reviewEvents.ts), so the
 * fold adds and takes away without remembering sessions. The per-session view
 * keeps the newest `limit` sessions of each shop (default 10,000).
 */
import { Map as IMap, OrderedMap } from 'immutable';
import type { RatingSource, ReviewEvent } from '../domain/review/reviewEvents.js';
import type { Projection } from './projection.js';

export interface SessionBestRating {
  readonly ratingNo: number;
  readonly score: number;
  readonly source: RatingSource;
  readonly creditedTo: readonly string[];
  readonly at: number;
}

export interface SessionRatingView {
  readonly sessionId: string;
  readonly best?: SessionBestRating;
  readonly ratings: number;
  /** Invitations not answered yet, oldest first (`forced` for the system's one at the end). */
  readonly pendingInvitations: readonly string[];
}

export interface AgentSatisfaction {
  /** Sessions whose best rating is credited to the agent. */
  readonly sessions: number;
  readonly scoreSum: number;
  /** How many of those sessions have each score: index 0 for 1, ..., 4 for 5. */
  readonly byScore: readonly [number, number, number, number, number];
}

export interface SessionRatings {
  readonly sessions: IMap<string, OrderedMap<string, SessionRatingView>>;
  readonly agents: IMap<string, IMap<string, AgentSatisfaction>>;
}

export const DEFAULT_RATED_SESSIONS = 10_000;
export const MAX_RATED_SESSIONS = 1_000_000;

export interface SessionRatingsOptions {
  /** Sessions kept per shop for `sessionRatingOf` (the newest touched). */
  readonly limit?: number;
}

const noSatisfaction: AgentSatisfaction = { sessions: 0, scoreSum: 0, byScore: [0, 0, 0, 0, 0] };

const credit = (agents: IMap<string, AgentSatisfaction>, agentIds: readonly string[], score: number, sign: 1 | -1): IMap<string, AgentSatisfaction> =>
  agentIds.reduce((acc, agentId) => {
    const s = acc.get(agentId) ?? noSatisfaction;
    const byScore = [...s.byScore] as [number, number, number, number, number];
    byScore[score - 1] = (byScore[score - 1] ?? 0) + sign;
    return acc.set(agentId, { sessions: s.sessions + sign, scoreSum: s.scoreSum + sign * score, byScore });
  }, agents);

export const sessionRatingsProjection = (options: SessionRatingsOptions = {}): Projection<SessionRatings, ReviewEvent> => {
  const limit = options.limit ?? DEFAULT_RATED_SESSIONS;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RATED_SESSIONS) throw new RangeError(`session ratings: limit must be an integer from 1 to ${MAX_RATED_SESSIONS}, got ${String(limit)}`);
  const touch = (state: SessionRatings, shop: string, sessionId: string, change: (v: SessionRatingView) => SessionRatingView): SessionRatings => {
    const mine = state.sessions.get(shop) ?? OrderedMap<string, SessionRatingView>();
    const view = change(mine.get(sessionId) ?? { sessionId, ratings: 0, pendingInvitations: [] });
    // Deleted and set again: the newest touched last, so the oldest goes first.
    let next = mine.delete(sessionId).set(sessionId, view);
    if (next.size > limit) next = next.delete(next.keySeq().first() as string);
    return { ...state, sessions: state.sessions.set(shop, next) };
  };
  return {
    name: 'session-ratings',
    initialState: () => ({ sessions: IMap(), agents: IMap() }),
    apply: (state, event) => {
      const shop = event.metadata.shopId;
      switch (event.type) {
        case 'RatingInvited': {
          const { invitationId } = event.data;
          return touch(state, shop, event.data.sessionId, (v) => (v.pendingInvitations.includes(invitationId) ? v : { ...v, pendingInvitations: [...v.pendingInvitations, invitationId] }));
        }
        case 'SessionRated': {
          const e = event.data;
          const answered = (v: SessionRatingView) => (e.invitationId === undefined ? v.pendingInvitations : v.pendingInvitations.filter((i) => i !== e.invitationId));
          const best: SessionBestRating = { ratingNo: e.ratingNo, score: e.score, source: e.source, creditedTo: e.creditedTo, at: e.at };
          const viewed = touch(state, shop, e.sessionId, (v) => ({ ...v, ratings: v.ratings + 1, pendingInvitations: answered(v), ...(e.counts ? { best } : {}) }));
          if (!e.counts) return viewed;
          let agents = state.agents.get(shop) ?? IMap<string, AgentSatisfaction>();
          if (e.replaces !== undefined) agents = credit(agents, e.replaces.creditedTo, e.replaces.score, -1);
          agents = credit(agents, e.creditedTo, e.score, 1);
          return { ...viewed, agents: viewed.agents.set(shop, agents) };
        }
        default:
          return state;
      }
    },
  };
};

export const sessionRatingOf = (state: SessionRatings, shopId: string, sessionId: string): SessionRatingView | undefined => state.sessions.get(shopId)?.get(sessionId);

export const agentSatisfactionOf = (state: SessionRatings, shopId: string, agentId: string): AgentSatisfaction & { readonly average?: number } => {
  const s = state.agents.get(shopId)?.get(agentId) ?? noSatisfaction;
  return s.sessions === 0 ? s : { ...s, average: s.scoreSum / s.sessions };
};
