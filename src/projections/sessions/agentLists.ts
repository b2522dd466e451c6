/**
 * S13: an agent's starred sessions and recent contacts (the last 6 months), asked
 * for by a viewer. The lists are each agent's own (starredSessions.ts,
 * recentContacts.ts); who may read which one is viewer.ts's rule for a list of one
 * owner: the agent itself, a team lead for the agents of its groups, an admin for
 * anyone of its shop. Anyone else gets `actor.not-allowed` naming `agentId`.
 */
import * as E from 'fp-ts/lib/Either.js';
import { validationError, type DomainError, type ValidationError } from '../../domain/errors.js';
import { recentContactsOf, type RecentContact, type RecentContacts } from '../recentContacts.js';
import { starredSessionsOf, type StarredSession, type StarredSessions } from '../starredSessions.js';
import { DEFAULT_LIST_WINDOW_MONTHS, MAX_LIST_WINDOW_MONTHS, monthsBefore } from '../timeWindow.js';
import { asAllowed, type Viewer } from './viewer.js';

export interface AgentListQuery {
  /** Whose list; default the viewer's own. */
  readonly agentId?: string;
  /** The query's time: the window ends there. */
  readonly now: number;
  /** The window in months (default 6, S13). */
  readonly months?: number;
}

type Answer<A> = E.Either<ValidationError | DomainError, A>;

/** A window asked for at query time is input: a bad one is a ValidationError, not timeWindow's RangeError. */
const checked = <A>(query: AgentListQuery, run: (months: number) => Answer<A>): Answer<A> => {
  const months = query.months ?? DEFAULT_LIST_WINDOW_MONTHS;
  if (!Number.isInteger(months) || months < 1 || months > MAX_LIST_WINDOW_MONTHS) {
    return E.left(validationError('agent list query', [{ path: 'months', reason: `must be an integer from 1 to ${MAX_LIST_WINDOW_MONTHS}, got ${String(months)}` }]));
  }
  if (!Number.isSafeInteger(query.now) || query.now < 0) return E.left(validationError('agent list query', [{ path: 'now', reason: `must be epoch milliseconds, got ${String(query.now)}` }]));
  return run(months);
};

/** S13: the starred sessions of `agentId` active in the window, newest first. */
export const starredListFor = (state: StarredSessions, shopId: string, viewer: Viewer, query: AgentListQuery): Answer<readonly StarredSession[]> => {
  const agentId = query.agentId ?? viewer.agentId;
  return checked(query, (months) => asAllowed(viewer, shopId, agentId, () => starredSessionsOf(state, shopId, agentId, query.now, months)));
};

/** S13 (and C3): the recent contacts of `agentId` within the window, newest first. */
export const recentContactsFor = (state: RecentContacts, shopId: string, viewer: Viewer, query: AgentListQuery): Answer<readonly RecentContact[]> => {
  const agentId = query.agentId ?? viewer.agentId;
  return checked(query, (months) => asAllowed(viewer, shopId, agentId, () => recentContactsOf(state, shopId, agentId, monthsBefore(query.now, months))));
};
