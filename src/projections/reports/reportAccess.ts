/**
 * Reports asked for by a member of staff: the same rule as every session query
 * (sessions/viewer.ts). An admin sees every report of its shop ([003] §6.1: the
 * work reports are the administrators'); a team lead the reports with an agent
 * dimension, over the agents of its groups (its team rows are its team's); an
 * agent those reports over itself alone. A report without an agent dimension
 * (the SLA results per policy version) is the admins'. Naming an agent the
 * viewer may not see is refused, never silently dropped: `actor.not-allowed`
 * naming `agents.<i>` (or `report`, `shopId`).
 */
import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError, type ValidationError } from '../../domain/errors.js';
import type { Viewer } from '../sessions/viewer.js';
import type { ReportRow } from './reportKit.js';
import type { ReportSet, ReportSetState } from './reportSet.js';

const refuse = (viewer: Viewer, field: string, why: string): DomainError =>
  domainError('actor.not-allowed', `${viewer.agentId} (${viewer.role}) ${why}`, { field, viewer: viewer.agentId });

/** The agents a viewer's reports may cover, or undefined for all (an admin). */
export const reportReach = (viewer: Viewer): ReadonlySet<string> | undefined =>
  viewer.role === 'admin' ? undefined : viewer.role === 'team-lead' ? viewer.team : new Set([viewer.agentId]);

export const queryReportAs = (
  set: ReportSet,
  state: ReportSetState,
  viewer: Viewer,
  reportName: string,
  query: unknown,
): E.Either<ValidationError | DomainError, readonly ReportRow[]> => {
  const q = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  if (q.shopId !== viewer.shopId) return E.left(refuse(viewer, 'shopId', `may not see the reports of shop ${JSON.stringify(q.shopId)}`));
  const reach = reportReach(viewer);
  if (reach === undefined) return set.query(state, reportName, query);
  const known = set.known(state, reportName);
  if (E.isLeft(known)) return known;
  const agentsKnown = known.right.agents(viewer.shopId);
  if (agentsKnown === undefined) return E.left(refuse(viewer, 'report', `may not see the ${reportName} report: it covers the whole shop, an admin's`));
  if (q.agents !== undefined) {
    if (!Array.isArray(q.agents)) return set.query(state, reportName, query); // the query's own check names it
    const outside = q.agents.findIndex((a) => typeof a !== 'string' || !reach.has(a));
    if (outside >= 0) return E.left(refuse(viewer, `agents.${outside}`, `may not see the figures of ${JSON.stringify(q.agents[outside])}`));
    return set.query(state, reportName, query);
  }
  // No agents named: the viewer's reach, as far as the report knows them.
  const agents = [...reach].filter((a) => agentsKnown.has(a)).sort();
  return set.query(state, reportName, { ...q, agents });
};
