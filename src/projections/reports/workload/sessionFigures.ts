/**
 * Per-session figures (M22, [002 §3.2]), from the workload fold: a row per
 * ended session that some agent received, of the newest `sessionLimit` kept
 * per shop, whose first reception falls in the range (agents filter: the
 * receiving agent; channels: the session's channel), by start then id.
 */
import { dayName, type CheckedQuery, type ReportDefinition } from '../reportKit.js';
import { knownOfWorkload, workloadProjection, type WorkloadFoldOptions, type WorkloadState } from './workloadFold.js';

export const SESSION_COLUMNS = [
  'sessionId',
  'agentId',
  'customerId',
  'channel',
  'startedAt',
  'day',
  'durationSec',
  'avgResponseSec',
  'firstResponseSec',
  'ratingScore',
  'entryGroupId',
  'originPage',
  'originRef',
] as const;

export type SessionRow = { readonly [K in (typeof SESSION_COLUMNS)[number]]: K extends 'startedAt' | 'durationSec' ? number : K extends 'avgResponseSec' | 'firstResponseSec' | 'ratingScore' ? number | null : K extends 'entryGroupId' | 'originRef' ? string | null : string };

export const sessionRows = (state: WorkloadState, query: CheckedQuery): readonly SessionRow[] => {
  const shop = state.shops[query.shopId];
  if (shop === undefined) return [];
  const rows: SessionRow[] = [];
  for (const id in shop.ended.rows) {
    const f = shop.ended.rows[id]!;
    if (f.day < query.fromDay || f.day > query.toDay) continue;
    if (query.agents !== undefined && !query.agents.has(f.agentId)) continue;
    if (query.channels !== undefined && !query.channels.has(f.channel)) continue;
    rows.push({ ...f, day: dayName(f.day) });
  }
  return rows.sort((a, b) => a.startedAt - b.startedAt || (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0));
};

export const sessionsReport = (foldOptions: WorkloadFoldOptions = {}): ReportDefinition<WorkloadState, SessionRow> => ({
  name: 'sessions',
  columns: [...SESSION_COLUMNS],
  projection: (options) => workloadProjection({ ...foldOptions, zone: options.zone }),
  known: knownOfWorkload,
  rows: (state, query) => sessionRows(state, query),
});
