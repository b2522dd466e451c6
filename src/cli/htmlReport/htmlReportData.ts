/**
 * The HTML report's data: from the reports' rows to the charts' data, a pure
 * function. The page embeds this object once (as JSON) and builds every chart
 * and table from it, so what a chart draws is exactly what the rows say: a
 * test reads the charts back from the browser and compares them with the rows.
 */
import { TEAM_AVERAGE, TEAM_TOTAL, type Cell, type ReportRow } from '../../projections/reports/reportKit.js';
import { TEAM } from '../../projections/reports/attendance/fairness.js';
import { BUCKET_NAMES } from '../../projections/reports/workload/workCells.js';

/** The reports the page reads, by name. */
export const HTML_REPORT_REPORTS = ['overview', 'overview-channels', 'workload', 'fairness', 'queue-timeline', 'sla'] as const;
export type HtmlReportName = (typeof HTML_REPORT_REPORTS)[number];

/** Rows of each report the page reads; a report left out (not in the set) leaves its charts out. */
export type HtmlReportRows = Partial<Record<HtmlReportName, readonly ReportRow[]>>;

export interface ChartDataset {
  readonly label: string;
  readonly data: readonly (number | null)[];
  /** Drawn against the right-hand axis (a rate next to counts). */
  readonly rightAxis?: boolean;
}

export interface ChartSpec {
  /** The canvas is `chart-<id>`. */
  readonly id: string;
  readonly title: string;
  /** The report its numbers come from. */
  readonly report: HtmlReportName;
  readonly kind: 'bar' | 'line';
  readonly stacked: boolean;
  readonly labels: readonly string[];
  readonly datasets: readonly ChartDataset[];
  /** One line under the chart: what it shows, a team figure. */
  readonly note: string;
}

export interface HtmlReportHeader {
  readonly title: string;
  readonly shopId: string;
  readonly zone: string;
  readonly from: string;
  readonly to: string;
  /** Epoch ms. */
  readonly generatedAt: number;
}

export interface HtmlReportData extends HtmlReportHeader {
  readonly charts: readonly ChartSpec[];
  /** The rows the charts were drawn from, as the reports answered them. */
  readonly reports: HtmlReportRows;
}

const TEAM_ROWS = new Set([TEAM_AVERAGE, TEAM_TOTAL, TEAM]);

const num = (cell: Cell | undefined): number | null => (typeof cell === 'number' ? cell : null);
const count = (cell: Cell | undefined): number => (typeof cell === 'number' ? cell : 0);
const column = (rows: readonly ReportRow[], name: string): (number | null)[] => rows.map((r) => num(r[name]));
const sum = (rows: readonly ReportRow[], name: string): number => rows.reduce((a, r) => a + count(r[name]), 0);
const agentRows = (rows: readonly ReportRow[]): readonly ReportRow[] => rows.filter((r) => !TEAM_ROWS.has(String(r.agentId)));
const datasets = (rows: readonly ReportRow[], columns: readonly (readonly [string, string])[]): ChartDataset[] =>
  columns.map(([name, label]) => ({ label, data: column(rows, name) }));
const figure = (value: number | null | undefined): string => (value === null || value === undefined ? 'n/a' : String(Math.round(value * 1000) / 1000));

export const BUCKET_LABELS: readonly string[] = BUCKET_NAMES.map((b) => (b === 'over_120' ? '> 120 s' : `${b.replace('_', '-')} s`));

const dailyTrends = (rows: readonly ReportRow[]): ChartSpec => ({
  id: 'daily-trends',
  title: 'Daily trends',
  report: 'overview',
  // A few days read better as bars, a month as lines.
  kind: rows.length <= 14 ? 'bar' : 'line',
  stacked: false,
  labels: rows.map((r) => String(r.day)),
  datasets: datasets(rows, [
    ['customersReceived', 'Customers received'],
    ['sessions', 'Sessions'],
    ['repliedSessions', 'Replied sessions'],
    ['unrepliedSessions', 'Unreplied sessions'],
    ['customerMessages', 'Customer messages'],
    ['agentMessages', 'Agent messages'],
  ]),
  note: `Per natural day in the shop's zone (M20). ${sum(rows, 'sessions')} sessions in the range.`,
});

const responseTimes = (rows: readonly ReportRow[]): ChartSpec => ({
  id: 'response-times',
  title: 'Response-time distribution',
  report: 'overview',
  kind: 'bar',
  stacked: false,
  labels: BUCKET_LABELS,
  datasets: [
    { label: 'First response', data: BUCKET_NAMES.map((b) => sum(rows, `firstResponse_${b}`)) },
    { label: 'Average response', data: BUCKET_NAMES.map((b) => sum(rows, `avgResponse_${b}`)) },
  ],
  note: 'Receptions by their first and their average response time, over the range (M20; upper bounds included).',
});

const channels = (rows: readonly ReportRow[]): ChartSpec => {
  const names = [...new Set(rows.map((r) => String(r.channel)))].sort();
  return {
    id: 'channels',
    title: 'Sessions by source channel',
    report: 'overview-channels',
    kind: 'bar',
    stacked: false,
    labels: names,
    datasets: [{ label: 'Sessions', data: names.map((c) => sum(rows.filter((r) => r.channel === c), 'sessions')) }],
    note: 'Receptions per source channel over the range (M20).',
  };
};

const workload = (all: readonly ReportRow[]): ChartSpec[] => {
  const rows = agentRows(all);
  const labels = rows.map((r) => String(r.agentId));
  const total = all.find((r) => r.agentId === TEAM_TOTAL);
  return [
    {
      id: 'agent-workload',
      title: 'Workload per agent',
      report: 'workload',
      kind: 'bar',
      stacked: false,
      labels,
      datasets: datasets(rows, [
        ['customersReceived', 'Customers received'],
        ['totalSessions', 'Sessions'],
        ['repliedSessions', 'Replied'],
        ['transferredIn', 'Transferred in'],
        ['transferredOut', 'Transferred out'],
        ['proactiveSessions', 'Proactive'],
      ]),
      note: `M1-M9 per agent. Team: ${figure(num(total?.totalSessions))} sessions, reply rate ${figure(num(total?.replyRate))}.`,
    },
    {
      id: 'agent-response',
      title: 'Response times per agent (seconds)',
      report: 'workload',
      kind: 'bar',
      stacked: false,
      labels,
      datasets: datasets(rows, [
        ['avgFirstResponseSec', 'Average first response'],
        ['avgResponseSec', 'Average response'],
      ]),
      note: `M12-M13 per agent. Team: first response ${figure(num(total?.avgFirstResponseSec))} s, response ${figure(num(total?.avgResponseSec))} s.`,
    },
  ];
};

const fairness = (all: readonly ReportRow[]): ChartSpec => {
  const rows = agentRows(all);
  const team = all.find((r) => r.agentId === TEAM);
  return {
    id: 'fairness',
    title: 'Fairness of assignment',
    report: 'fairness',
    kind: 'bar',
    stacked: false,
    labels: rows.map((r) => String(r.agentId)),
    datasets: [
      { label: 'Sessions the desk assigned', data: column(rows, 'assignments') },
      { label: 'Assignments per online hour', data: column(rows, 'assignmentsPerOnlineHour'), rightAxis: true },
    ],
    note: `Max/min of assignments per online hour: ${figure(num(team?.maxMinRatio))}; Gini: ${figure(num(team?.gini))}; agents online with none: ${figure(num(team?.zeroAssignmentAgents))}.`,
  };
};

const queue = (rows: readonly ReportRow[], from: string, to: string): ChartSpec => ({
  id: 'queue-timeline',
  title: 'Queue length over the day',
  report: 'queue-timeline',
  kind: 'line',
  stacked: false,
  // One day: the time of day is enough; several: the day too.
  labels: rows.map((r) => (from === to ? String(r.bucketStart) : `${String(r.day)} ${String(r.bucketStart)}`)),
  datasets: datasets(rows, [
    ['maxQueueLength', 'Longest'],
    ['meanQueueLength', 'Mean (time-weighted)'],
    ['queuedSessions', 'Started waiting'],
  ]),
  note: `Per 15 minutes in the shop's zone. Longest queue: ${rows.reduce((a, r) => Math.max(a, count(r.maxQueueLength)), 0)}; sessions that waited: ${sum(rows, 'queuedSessions')}.`,
});

const sla = (rows: readonly ReportRow[]): ChartSpec => ({
  id: 'sla',
  title: 'SLA results',
  report: 'sla',
  kind: 'bar',
  stacked: true,
  labels: rows.map((r) => `${String(r.policyId)} v${String(r.version)}`),
  datasets: datasets(rows, [
    ['achieved', 'Achieved'],
    ['breached', 'Breached'],
    ['running', 'Running now'],
  ]),
  note: `Clocks per policy version, on the day they were decided (T4/T5). Breached: ${sum(rows, 'breached')}.`,
});

/** The charts of the rows given, in the page's order; a report not given has no chart. */
export const htmlReportData = (header: HtmlReportHeader, reports: HtmlReportRows): HtmlReportData => {
  const charts: ChartSpec[] = [];
  if (reports.overview !== undefined) charts.push(dailyTrends(reports.overview), responseTimes(reports.overview));
  if (reports.workload !== undefined) charts.push(...workload(reports.workload));
  if (reports.fairness !== undefined) charts.push(fairness(reports.fairness));
  if (reports['queue-timeline'] !== undefined) charts.push(queue(reports['queue-timeline'], header.from, header.to));
  if (reports.sla !== undefined) charts.push(sla(reports.sla));
  if (reports['overview-channels'] !== undefined) charts.push(channels(reports['overview-channels']));
  return { ...header, charts, reports };
};
