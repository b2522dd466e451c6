/**
 * T4/T5 SLA results report: per ticket and clock, the policy (and its revision)
 * and the SLA version the result is measured under, the due time, when the clock
 * stopped and its result (met / breached), or `running`. A report says which
 * version each result was measured under: a running clock follows the version of
 * the ticket's latest TicketSlaSet, a stopped one keeps the version it stopped
 * under (TicketSlaClockStopped), whatever recomputes come after.
 *
 * `slaCountsByVersion`: per policy and version, how many clocks were achieved
 * (stopped, met) and breached (stopped breached, or running past a breach that
 * fired), and how many are running. Kept incrementally: each row change takes the
 * row's old share out and puts the new one in.
 */
import { Map as IMap } from 'immutable';
import type { SlaClock } from '../tickets/settings/ticketSettingsTypes.js';
import { SLA_CLOCKS } from '../tickets/settings/ticketSettingsTypes.js';
import type { TicketEvent } from '../tickets/ticket/ticketTypes.js';
import type { Projection } from './projection.js';

export interface SlaResultRow {
  readonly ticketId: string;
  readonly clock: SlaClock;
  readonly policyId: string;
  readonly policyRevision: number;
  readonly version: number;
  readonly dueAt: number | null;
  readonly result: 'running' | 'met' | 'breached';
  /** When the breach fired while the clock ran. */
  readonly breachedAt?: number;
  readonly stoppedAt?: number;
  readonly elapsedSeconds?: number;
}

export interface SlaCounts {
  readonly policyId: string;
  readonly version: number;
  readonly achieved: number;
  readonly breached: number;
  readonly running: number;
}

export type TicketRows = Readonly<Partial<Record<SlaClock, SlaResultRow>>>;

export interface SlaResults {
  readonly rows: IMap<string, IMap<string, TicketRows>>;
  /** Shop id -> `policyId\0version` -> counts. */
  readonly counts: IMap<string, IMap<string, SlaCounts>>;
}

const share = (row: SlaResultRow): { achieved: number; breached: number; running: number } => ({
  achieved: row.result === 'met' ? 1 : 0,
  breached: row.result === 'breached' || (row.result === 'running' && row.breachedAt !== undefined) ? 1 : 0,
  running: row.result === 'running' ? 1 : 0,
});

const count = (counts: IMap<string, SlaCounts>, row: SlaResultRow, sign: 1 | -1): IMap<string, SlaCounts> => {
  const key = `${row.policyId}\u0000${row.version}`;
  const c = counts.get(key) ?? { policyId: row.policyId, version: row.version, achieved: 0, breached: 0, running: 0 };
  const s = share(row);
  const next = { ...c, achieved: c.achieved + sign * s.achieved, breached: c.breached + sign * s.breached, running: c.running + sign * s.running };
  return next.achieved === 0 && next.breached === 0 && next.running === 0 ? counts.delete(key) : counts.set(key, next);
};

const isStopped = (row: SlaResultRow | undefined): boolean => row !== undefined && row.result !== 'running';

/** The rows of a ticket after an SLA event, or undefined when the event changes none (the SLA report of the report kit folds the same rule). */
export const slaRowsAfter = (rows: TicketRows, event: TicketEvent): TicketRows | undefined => {
  switch (event.type) {
    case 'TicketSlaSet': {
      const { sla, ticketId } = event.data;
      const out: Partial<Record<SlaClock, SlaResultRow>> = { ...rows };
      for (const clock of SLA_CLOCKS) {
        if (isStopped(rows[clock])) continue;
        const record = sla.clocks[clock];
        const base = { ticketId, clock, policyId: sla.policyId, policyRevision: sla.policyRevision, version: sla.version, dueAt: record.dueAt };
        out[clock] =
          record.result !== undefined
            ? { ...base, result: record.result, ...(record.stoppedAt === undefined ? {} : { stoppedAt: record.stoppedAt }), ...(record.elapsedSeconds === undefined ? {} : { elapsedSeconds: record.elapsedSeconds }), ...(record.breachedAt === undefined ? {} : { breachedAt: record.breachedAt }) }
            : { ...base, result: 'running', ...(record.breachedAt === undefined ? {} : { breachedAt: record.breachedAt }) };
      }
      return out;
    }
    case 'TicketSlaCleared': {
      const out: Partial<Record<SlaClock, SlaResultRow>> = {};
      for (const clock of SLA_CLOCKS) {
        const row = rows[clock];
        if (row !== undefined && isStopped(row)) out[clock] = row;
      }
      return out;
    }
    case 'TicketSlaClockStopped': {
      const { ticketId, clock, result, elapsedSeconds, dueAt, version, policyId, policyRevision, at } = event.data;
      const before = rows[clock];
      if (isStopped(before)) return undefined;
      const breachedAt = before?.breachedAt;
      return { ...rows, [clock]: { ticketId, clock, policyId, policyRevision, version, dueAt, result, stoppedAt: at, elapsedSeconds, ...(breachedAt === undefined ? {} : { breachedAt }) } };
    }
    case 'TicketSlaBreached': {
      const before = rows[event.data.clock];
      if (before === undefined || before.result !== 'running' || before.breachedAt !== undefined) return undefined;
      return { ...rows, [event.data.clock]: { ...before, breachedAt: event.data.at } };
    }
    default:
      return undefined;
  }
};

export const slaResultsProjection: Projection<SlaResults, TicketEvent> = {
  name: 'sla-results',
  initialState: () => ({ rows: IMap(), counts: IMap() }),
  apply: (state, event) => {
    if (!event.type.startsWith('TicketSla')) return state;
    const e = event as TicketEvent;
    const shop = event.metadata.shopId;
    const ticketId = e.data.ticketId;
    const rows = (state.rows.getIn([shop, ticketId]) as TicketRows | undefined) ?? {};
    const next = slaRowsAfter(rows, e);
    if (next === undefined) return state;
    let counts = state.counts.get(shop) ?? IMap<string, SlaCounts>();
    for (const clock of SLA_CLOCKS) {
      if (rows[clock] === next[clock]) continue;
      if (rows[clock] !== undefined) counts = count(counts, rows[clock], -1);
      if (next[clock] !== undefined) counts = count(counts, next[clock], 1);
    }
    return { rows: state.rows.setIn([shop, ticketId], next), counts: state.counts.set(shop, counts) };
  },
};

/** The ticket's result rows, response first; empty when no policy ever covered it. */
export const slaResultsOf = (state: SlaResults, shopId: string, ticketId: string): readonly SlaResultRow[] => {
  const rows = (state.rows.getIn([shopId, ticketId]) as TicketRows | undefined) ?? {};
  return SLA_CLOCKS.flatMap((clock) => (rows[clock] === undefined ? [] : [rows[clock]]));
};

/** Counts per policy and SLA version (by policy id, then version); one policy's when `policyId` is given. */
export const slaCountsByVersion = (state: SlaResults, shopId: string, policyId?: string): readonly SlaCounts[] =>
  [...(state.counts.get(shopId)?.values() ?? [])]
    .filter((c) => policyId === undefined || c.policyId === policyId)
    .sort((a, b) => (a.policyId < b.policyId ? -1 : a.policyId > b.policyId ? 1 : a.version - b.version));
