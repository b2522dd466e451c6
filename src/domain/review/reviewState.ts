/**
 * What one session's review stream remembers, bounded: its invitations (at most
 * MAX_INVITATIONS from agents, plus the forced one), its ratings (at most one per
 * invitation and one of the customer's own), its tags (at most MAX_TAGS) and
 * which agents starred it (the few staff who ever saw it).
 */
import type { RatingSource, ReviewEvent, SessionRatedData } from './reviewEvents.js';

/** S10 says an agent may invite again; this bounds how often, per session (a customer asked 20 times is plenty). */
export const MAX_INVITATIONS = 20;
/** S15: tags per session. */
export const MAX_TAGS = 20;

export interface Invitation {
  readonly invitationId: string;
  readonly forced: boolean;
  readonly by?: string;
  readonly at: number;
  readonly answered: boolean;
}

export interface Rating {
  readonly ratingNo: number;
  readonly source: RatingSource;
  readonly invitationId?: string;
  readonly score: number;
  readonly comment?: string;
  readonly creditedTo: readonly string[];
  readonly at: number;
}

export interface ReviewState {
  readonly invitations: readonly Invitation[];
  readonly ratings: readonly Rating[];
  /** The number of the session's best rating (S10), absent before the first. */
  readonly bestNo?: number;
  readonly tags: readonly string[];
  /** Agent id -> when the agent starred the session. */
  readonly stars: ReadonlyMap<string, number>;
}

export const initialReviewState = (): ReviewState => ({ invitations: [], ratings: [], tags: [], stars: new Map() });

/** S10: the best rating counts: the highest score; of equal scores, the earliest. */
export const bestRating = (state: ReviewState): Rating | undefined => (state.bestNo === undefined ? undefined : state.ratings[state.bestNo - 1]);

/** Whether a new score becomes the best (strictly higher, so a tie keeps the earliest). */
export const beatsBest = (state: ReviewState, score: number): boolean => {
  const best = bestRating(state);
  return best === undefined || score > best.score;
};

export const customerRatedOnTheirOwn = (state: ReviewState): boolean => state.ratings.some((r) => r.source === 'customer');

export const invitationOf = (state: ReviewState, invitationId: string): Invitation | undefined => state.invitations.find((i) => i.invitationId === invitationId);

export const agentInvitations = (state: ReviewState): number => state.invitations.filter((i) => !i.forced).length;

const rated = (state: ReviewState, e: SessionRatedData): ReviewState => {
  const rating: Rating = {
    ratingNo: e.ratingNo,
    source: e.source,
    score: e.score,
    creditedTo: e.creditedTo,
    at: e.at,
    ...(e.invitationId === undefined ? {} : { invitationId: e.invitationId }),
    ...(e.comment === undefined ? {} : { comment: e.comment }),
  };
  return {
    ...state,
    ratings: [...state.ratings, rating],
    invitations: e.invitationId === undefined ? state.invitations : state.invitations.map((i) => (i.invitationId === e.invitationId ? { ...i, answered: true } : i)),
    ...(e.counts ? { bestNo: e.ratingNo } : {}),
  };
};

export const evolveReview = (state: ReviewState, event: ReviewEvent): ReviewState => {
  switch (event.type) {
    case 'RatingInvited': {
      const { invitationId, forced, by, at } = event.data;
      return { ...state, invitations: [...state.invitations, { invitationId, forced, at, answered: false, ...(by === undefined ? {} : { by }) }] };
    }
    case 'SessionRated':
      return rated(state, event.data);
    case 'SessionTagged':
      return { ...state, tags: [...state.tags, event.data.tag] };
    case 'SessionUntagged':
      return { ...state, tags: state.tags.filter((t) => t !== event.data.tag) };
    case 'SessionStarred':
      return { ...state, stars: new Map(state.stars).set(event.data.agentId, event.data.at) };
    case 'SessionUnstarred': {
      const stars = new Map(state.stars);
      stars.delete(event.data.agentId);
      return { ...state, stars };
    }
  }
};
