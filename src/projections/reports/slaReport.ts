/**
 * SLA results as a report of the kit: per policy and SLA version, how many
 * clocks were achieved and breached in the query's days, and how many run now.
 * It folds the same rule as the tickets' read model (`slaRowsAfter` of
 * slaResults.ts), on plain objects so it checkpoints like every report.
 *
 * A clock counts on the day it was decided: the day it stopped, or, for a clock
 * still running past its target, the day its breach fired. Running clocks are
 * counted whatever the range (they are "now"). The state keeps each ticket's two
 * clock rows: it grows with the tickets, not with their events.
 */
import { SLA_CLOCKS } from '../../tickets/settings/ticketSettingsTypes.js';
import type { TicketEvent } from '../../tickets/ticket/ticketTypes.js';
import type { Projection } from '../projection.js';
import { slaRowsAfter, type SlaResultRow, type TicketRows } from '../slaResults.js';
import { dayClock, ratio, type ReportDefinition, type ReportOptions } from './reportKit.js';

export interface SlaReportState {
  /** Shop id -> ticket id -> its clocks' rows. */
  readonly shops: Record<string, Record<string, TicketRows>>;
}

export interface SlaReportRow {
  readonly [column: string]: string | number | null;
  readonly policyId: string;
  readonly version: number;
  readonly achieved: number;
  readonly breached: number;
  readonly running: number;
  /** achieved / (achieved + breached); null when none was decided. */
  readonly achievedRate: number | null;
}

const slaFold = (): Projection<SlaReportState, TicketEvent> => ({
  name: 'sla-report',
  initialState: () => ({ shops: {} }),
  apply: (state, event) => {
    if (!event.type.startsWith('TicketSla')) return state;
    const shop = event.metadata.shopId;
    const tickets = (state.shops[shop] ??= {});
    const ticketId = (event.data as { ticketId: string }).ticketId;
    const next = slaRowsAfter(tickets[ticketId] ?? {}, event as TicketEvent);
    if (next !== undefined) tickets[ticketId] = next;
    return state;
  },
});

const decidedAt = (row: SlaResultRow): number | undefined => (row.result === 'running' ? row.breachedAt : row.stoppedAt);

export const slaReport: ReportDefinition<SlaReportState, SlaReportRow> = {
  name: 'sla',
  columns: ['policyId', 'version', 'achieved', 'breached', 'running', 'achievedRate'],
  projection: () => slaFold(),
  // Per policy version: no agent or channel dimension, so such filters are not checked against it.
  known: () => ({ agents: () => undefined, channels: () => undefined }),
  rows: (state, query, options: ReportOptions) => {
    const days = dayClock(options.zone);
    const counts = new Map<string, { policyId: string; version: number; achieved: number; breached: number; running: number }>();
    for (const rows of Object.values(state.shops[query.shopId] ?? {})) {
      for (const clock of SLA_CLOCKS) {
        const row = rows[clock];
        if (row === undefined) continue;
        const key = `${row.policyId}\u0000${row.version}`;
        const c = counts.get(key) ?? { policyId: row.policyId, version: row.version, achieved: 0, breached: 0, running: 0 };
        counts.set(key, c);
        if (row.result === 'running') c.running++;
        const at = decidedAt(row);
        if (at === undefined) continue;
        const day = days.dayOf(at);
        if (day < query.fromDay || day > query.toDay) continue;
        if (row.result === 'met') c.achieved++;
        else c.breached++;
      }
    }
    return [...counts.values()]
      .sort((a, b) => (a.policyId < b.policyId ? -1 : a.policyId > b.policyId ? 1 : a.version - b.version))
      .map((c) => ({ ...c, achievedRate: ratio(c.achieved, c.achieved + c.breached) }));
  },
};
