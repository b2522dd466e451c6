/**
 * What `kefu demo` prints: the agent board and the queue at the end of the day,
 * the day's workload report, and a summary of what happened, as tables on stdout
 * (printTable: cli-table3).
 */
import * as E from 'fp-ts/lib/Either.js';
import { printTable, usageError, type Cell, type CliIo } from '../cli/cliKit.js';
import type { ReportRow } from '../projections/reports/reportKit.js';
import { sumOf } from './demoCounts.js';
import type { DemoReports } from './demoReports.js';
import type { DemoResult } from './runDemo.js';

/** Waiting sessions shown; the rest are counted in the title. */
export const QUEUE_ROWS_SHOWN = 15;

const clockTime = (zone: string) => {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return (at: number) => format.format(at);
};

/** The board at the evening rush (the end of the day has everyone offline). */
export const printBoard = (io: CliIo, result: DemoResult): void => {
  const since = clockTime(result.zone);
  printTable(
    io,
    ['agent', 'name', 'groups', 'status', 'since', 'load', 'max', 'over'],
    result.rush.board.map((r) => [r.agentId, r.name, r.groups.join(','), r.status, since(r.since), r.load, r.maxSessions, r.overCapacity ? 'yes' : '']),
    { title: `Agent board at ${since(result.rush.at)}, the evening rush (${result.zone})` },
  );
};

/** The queue at the rush, in arrival order (the queue view's order; VIPs and requeued sessions are served first). */
export const printQueue = (io: CliIo, result: DemoResult): void => {
  const at = clockTime(result.zone);
  const queue = result.rush.queue;
  const shown = queue.slice(0, QUEUE_ROWS_SHOWN);
  const more = queue.length - shown.length;
  printTable(
    io,
    ['#', 'session', 'customer', 'channel', 'group', 'vip', 'waiting since', 'requeued'],
    shown.map((w, i) => [i + 1, w.sessionId, w.customerId, w.channel, w.entryGroupId ?? '-', w.vip ? 'VIP' : '', at(w.since), w.requeued === true ? 'yes' : '']),
    { title: `Queue at ${at(result.rush.at)}: ${queue.length} waiting${more > 0 ? ` (first ${shown.length} shown)` : ''}; at ${at(result.endedAt)}, after closing: ${result.queue.length}` },
  );
};

const WORKLOAD_SHOWN: readonly (readonly [string, string])[] = [
  ['agentId', 'agent'],
  ['customersReceived', 'customers'],
  ['totalSessions', 'sessions'],
  ['replyRate', 'replied %'],
  ['transferredIn', 'in'],
  ['transferredOut', 'out'],
  ['customerMessages', 'cust msgs'],
  ['agentMessages', 'agent msgs'],
  ['avgFirstResponseSec', '1st resp s'],
  ['avgResponseSec', 'avg resp s'],
  ['answeredWithin30sRate', '<=30s %'],
  ['avgSessionDurationSec', 'avg len s'],
];

const RATES = new Set(['replyRate', 'answeredWithin30sRate']);

const cellOf = (row: ReportRow, column: string): Cell => {
  const value = row[column];
  if (typeof value === 'number' && RATES.has(column)) return Math.round(value * 1000) / 10;
  return typeof value === 'number' || typeof value === 'string' ? value : null;
};

export const printWorkload = (io: CliIo, reports: DemoReports): void => {
  const rows = reports.set.query(reports.state, 'workload', reports.query);
  if (E.isLeft(rows)) throw usageError(`the workload report refused the demo's query: ${rows.left.issues.map((i) => `${i.path}: ${i.reason}`).join('; ')}`);
  printTable(
    io,
    WORKLOAD_SHOWN.map(([, head]) => head),
    rows.right.map((row) => WORKLOAD_SHOWN.map(([column]) => cellOf(row, column))),
    { title: `Workload report, ${reports.query.from} (M1-M16; rates in %, times in seconds)`, digits: 1 },
  );
};

export const printSummary = (io: CliIo, result: DemoResult, wallMs: number): void => {
  const c = result.counts;
  const replies = Object.entries(c.autoReplies).map(([purpose, n]) => `${purpose} ${n}`).join(', ');
  const refusals = Object.entries(c.refusals).map(([what, n]) => `${what} x${n}`).join('; ');
  const rows: [string, Cell][] = [
    ['customers', result.customers],
    ['VIP customers / pinned customers', `${result.vipCustomers} / ${result.pins.length}`],
    ['agents / groups', `${result.agents} / ${result.groups}`],
    ['sessions (queued at some point)', `${c.sessions} (${c.queued})`],
    ['messages: customer / agent / system', `${c.customerMessages + c.agentMessages + c.systemMessages}: ${c.customerMessages} / ${c.agentMessages} / ${c.systemMessages}`],
    ['auto-replies', `${sumOf(c.autoReplies)}${replies === '' ? '' : ` (${replies})`}`],
    ['no-response timeouts: customer / agent', `${c.timeouts['customer'] ?? 0} / ${c.timeouts['agent'] ?? 0}`],
    ['transfers / requeued', `${c.transfers} / ${c.requeued}`],
    ['ratings / orders paid', `${c.ratings} / ${c.ordersPaid}`],
    ['tickets / SLA reminders / SLA breaches', `${c.tickets} / ${c.slaReminders} / ${c.slaBreaches}`],
    ['events in the log', c.events],
    ['commands refused', `${sumOf(c.refusals)}${refusals === '' ? '' : ` (${refusals})`}`],
    ['wall time (the day and its reports)', `${(wallMs / 1000).toFixed(1)} s`],
  ];
  printTable(io, ['the day', ''], rows, { title: `Summary: ${result.shopId}, ${result.day} (seed ${result.seed}, scale ${result.scale})` });
};
