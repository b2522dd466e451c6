/**
 * The history both HTML report tests fold (unit and Chromium): a day at shop-r
 * driven through a real engine where every agent goes offline, so the queue
 * grows to 3 and drains, plus tickets' SLA clocks of the same shop (one met, one
 * breached, others running): every chart of the page has numbers to show.
 */
import * as E from 'fp-ts/lib/Either.js';
import { allReports } from '../../src/projections/reports/allReports.js';
import type { ReportQuery } from '../../src/projections/reports/reportKit.js';
import { reportSet, type ReportSet, type ReportSetState } from '../../src/projections/reports/reportSet.js';
import { inlineReports } from '../../src/runtime/reportRunner.js';
import type { TicketEvent } from '../../src/tickets/ticket/ticketTypes.js';
import { driveHistory, HISTORY_SHOP, historyRegistry, type Step } from '../projections/reports/kit/randomHistory.js';
import { envelopes, MINUTE, slaRecord, T0 } from '../projections/tickets/ticketEnvelopes.js';

export const ZONE = 'Asia/Shanghai';
/** Every agent goes offline: customers wait, the queue grows to 3 and drains as agents come back. */
export const HISTORY: readonly Step[] = [
  { kind: 'customer', who: 0, channel: 0 },
  { kind: 'reply', who: 0, to: 0 },
  { kind: 'customer', who: 1, channel: 1 },
  { kind: 'later', ms: 20 * 60_000 },
  { kind: 'reply', who: 1, to: 0 },
  { kind: 'transfer', who: 0, to: 2 },
  { kind: 'end', who: 1, to: 0 },
  { kind: 'status', agent: 0, status: 'offline' },
  { kind: 'status', agent: 1, status: 'offline' },
  { kind: 'status', agent: 2, status: 'offline' },
  { kind: 'customer', who: 1, channel: 0 },
  { kind: 'customer', who: 2, channel: 1 },
  { kind: 'later', ms: 10 * 60_000 },
  { kind: 'customer', who: 3, channel: 0 },
  { kind: 'later', ms: 25 * 60_000 },
  { kind: 'status', agent: 1, status: 'online' },
  { kind: 'later', ms: 10 * 60_000 },
  { kind: 'reply', who: 1, to: 0 },
  { kind: 'status', agent: 0, status: 'online' },
  { kind: 'order', who: 1, amount: 19_900, refund: false },
  { kind: 'later', ms: 2 * 3_600_000 },
  { kind: 'reply', who: 2, to: 0 },
  { kind: 'end', who: 2, to: 0 },
  { kind: 'customer', who: 0, channel: 1 },
  { kind: 'later', ms: 4 * 3_600_000 },
  { kind: 'end', who: 3, to: 0 },
];
export const QUERY: ReportQuery = { shopId: HISTORY_SHOP, from: '2026-12-02', to: '2026-12-03' };

const SLA_EVENTS = [
  { type: 'TicketSlaSet', data: { ticketId: 't1', sla: slaRecord(1, 'p1', T0 + 30 * MINUTE, T0 + 90 * MINUTE), reason: 'created', at: T0 } },
  { type: 'TicketSlaSet', data: { ticketId: 't2', sla: slaRecord(1, 'p1', T0 + 30 * MINUTE, T0 + 90 * MINUTE), reason: 'created', at: T0 } },
  { type: 'TicketSlaClockStopped', data: { ticketId: 't1', clock: 'response', result: 'met', elapsedSeconds: 600, dueAt: T0 + 30 * MINUTE, version: 1, policyId: 'p1', policyRevision: 1, at: T0 + 10 * MINUTE } },
  { type: 'TicketSlaBreached', data: { ticketId: 't2', clock: 'response', dueAt: T0 + 30 * MINUTE, version: 1, nextAt: null, at: T0 + 30 * MINUTE } },
  { type: 'TicketSlaClockStopped', data: { ticketId: 't2', clock: 'response', result: 'breached', elapsedSeconds: 2400, dueAt: T0 + 30 * MINUTE, version: 1, policyId: 'p1', policyRevision: 1, at: T0 + 40 * MINUTE } },
] as TicketEvent[];

export const newReportSet = (): ReportSet => {
  const built = reportSet(allReports(), { zone: ZONE });
  if (E.isLeft(built)) throw new Error(JSON.stringify(built.left));
  return built.right;
};

/** The set's state after the driven day and the SLA clocks. */
export const foldHtmlHistory = async (set: ReportSet): Promise<ReportSetState> => {
  const engine = await driveHistory(HISTORY, [inlineReports(set, historyRegistry)]);
  let state = engine.projection<ReportSetState>(set.projection.name);
  await engine.close();
  const { wrap } = envelopes();
  for (const event of SLA_EVENTS) state = set.projection.apply(state, wrap(event, { kind: 'system' }, HISTORY_SHOP) as never);
  return state;
};
