/**
 * The HTML report in a real browser (issue 19 part 1: "test the page in real
 * headless Chromium"): Debian's chromium driven by playwright-core opens the
 * page from a file with every network request blocked, and
 *  - nothing is asked of the network (no request but the file itself),
 *  - no console error and no page error (a Content-Security-Policy violation
 *    would be one),
 *  - every chart's data, read back with Chart.getChart(canvas).data, equals the
 *    numbers of the reports' rows, computed here from the same state with
 *    set.query (M1-M21, T4/T5, the queue over the day).
 * Without /usr/bin/chromium the suite is skipped, saying so; .ci/run installs it.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHtmlReport } from '../../src/cli/htmlReport/buildHtmlReport.js';
import type { ReportRow } from '../../src/projections/reports/reportKit.js';
import { type ReportSet, type ReportSetState } from '../../src/projections/reports/reportSet.js';
import { foldHtmlHistory, newReportSet, QUERY, ZONE } from './htmlReportHistory.js';

const CHROMIUM = '/usr/bin/chromium';

interface ChartRead {
  readonly labels: readonly unknown[];
  readonly datasets: readonly { readonly label: string; readonly data: readonly unknown[] }[];
}

/** The little of the page's globals the test reads in the browser. */
interface BrowserCanvas {
  readonly id: string;
}
interface BrowserPage {
  readonly document: {
    readonly getElementById: (id: string) => { readonly textContent: string | null } | null;
    readonly querySelectorAll: (selector: string) => ArrayLike<BrowserCanvas>;
  };
  readonly Chart: { readonly getChart: (canvas: BrowserCanvas) => { readonly data: { readonly labels: unknown[]; readonly datasets: { readonly label: string; readonly data: unknown[] }[] } } | undefined };
}

/** What every chart must hold, straight from the rows (not from the page's own data code). */
const expectedCharts = (rows: (name: string) => readonly ReportRow[]): Record<string, ChartRead> => {
  const col = (list: readonly ReportRow[], c: string) => list.map((r) => r[c] ?? null);
  const sum = (list: readonly ReportRow[], c: string) => list.reduce((a, r) => a + (r[c] as number), 0);
  const set = (labels: readonly unknown[], datasets: [string, readonly unknown[]][]): ChartRead => ({ labels, datasets: datasets.map(([label, data]) => ({ label, data })) });
  const overview = rows('overview');
  const buckets = ['0_10', '10_20', '20_30', '30_45', '45_60', '60_120', 'over_120'];
  const agents = rows('workload').filter((r) => !['(team-average)', '(team-total)'].includes(String(r.agentId)));
  const fairness = rows('fairness').filter((r) => r.agentId !== '(team)');
  const queue = rows('queue-timeline');
  const sla = rows('sla');
  const channels = rows('overview-channels');
  const channelNames = [...new Set(channels.map((r) => String(r.channel)))].sort();
  return {
    'daily-trends': set(col(overview, 'day'), [
      ['Customers received', col(overview, 'customersReceived')],
      ['Sessions', col(overview, 'sessions')],
      ['Replied sessions', col(overview, 'repliedSessions')],
      ['Unreplied sessions', col(overview, 'unrepliedSessions')],
      ['Customer messages', col(overview, 'customerMessages')],
      ['Agent messages', col(overview, 'agentMessages')],
    ]),
    'response-times': set(['0-10 s', '10-20 s', '20-30 s', '30-45 s', '45-60 s', '60-120 s', '> 120 s'], [
      ['First response', buckets.map((b) => sum(overview, `firstResponse_${b}`))],
      ['Average response', buckets.map((b) => sum(overview, `avgResponse_${b}`))],
    ]),
    'agent-workload': set(col(agents, 'agentId'), [
      ['Customers received', col(agents, 'customersReceived')],
      ['Sessions', col(agents, 'totalSessions')],
      ['Replied', col(agents, 'repliedSessions')],
      ['Transferred in', col(agents, 'transferredIn')],
      ['Transferred out', col(agents, 'transferredOut')],
      ['Proactive', col(agents, 'proactiveSessions')],
    ]),
    'agent-response': set(col(agents, 'agentId'), [
      ['Average first response', col(agents, 'avgFirstResponseSec')],
      ['Average response', col(agents, 'avgResponseSec')],
    ]),
    fairness: set(col(fairness, 'agentId'), [
      ['Sessions the desk assigned', col(fairness, 'assignments')],
      ['Assignments per online hour', col(fairness, 'assignmentsPerOnlineHour')],
    ]),
    'queue-timeline': set(queue.map((r) => `${String(r.day)} ${String(r.bucketStart)}`), [
      ['Longest', col(queue, 'maxQueueLength')],
      ['Mean (time-weighted)', col(queue, 'meanQueueLength')],
      ['Started waiting', col(queue, 'queuedSessions')],
    ]),
    sla: set(sla.map((r) => `${String(r.policyId)} v${String(r.version)}`), [
      ['Achieved', col(sla, 'achieved')],
      ['Breached', col(sla, 'breached')],
      ['Running now', col(sla, 'running')],
    ]),
    channels: set(channelNames, [['Sessions', channelNames.map((c) => sum(channels.filter((r) => r.channel === c), 'sessions'))]]),
  };
};

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  process.stderr.write(`\n[htmlReport.e2e] SKIPPED: ${CHROMIUM} is missing. Install Debian's chromium (apt-get install chromium; .ci/run does) to run the HTML report in a real browser.\n`);
}
const suite = haveChromium ? describe : describe.skip;

suite(`the HTML report in headless Chromium (issue 19 part 1)${haveChromium ? '' : ` — SKIPPED: ${CHROMIUM} is missing (apt-get install chromium)`}`, () => {
  let dir: string | undefined;
  let file = '';
  let browser: Browser | undefined;
  let set: ReportSet;
  let state: ReportSetState;
  let page: string;
  const requests: string[] = [];
  const blocked: string[] = [];
  const messages: { type: string; text: string }[] = [];
  const errors: string[] = [];
  let charts: Record<string, ChartRead>;
  let embedded: unknown;
  let heading: string;

  beforeAll(async () => {
    set = newReportSet();
    state = await foldHtmlHistory(set);
    page = buildHtmlReport({ title: 'A day at shop-r', set, state, query: QUERY, generatedAt: Date.UTC(2026, 11, 4, 1, 2, 3) });
    dir = mkdtempSync(join(tmpdir(), 'kefu-html-report-'));
    file = join(dir, 'kefu-report.html');
    writeFileSync(file, page);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    const context = await browser.newContext();
    const tab = await context.newPage();
    tab.on('request', (request) => requests.push(request.url()));
    tab.on('console', (message) => messages.push({ type: message.type(), text: message.text() }));
    tab.on('pageerror', (error) => errors.push(String(error)));
    await tab.route('**', async (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      blocked.push(url);
      return route.abort('blockedbyclient');
    });
    await tab.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await tab.waitForSelector('body[data-charts="ready"]', { timeout: 30_000 });
    heading = await tab.locator('header').innerText();
    // The functions below run in the page; the project compiles without the DOM library, so what they touch is typed here.
    embedded = await tab.evaluate(() => {
      const page = globalThis as unknown as BrowserPage;
      return JSON.parse(page.document.getElementById('kefu-report-data')?.textContent ?? 'null') as unknown;
    });
    charts = await tab.evaluate(() => {
      const page = globalThis as unknown as BrowserPage;
      const out: Record<string, ChartRead> = {};
      for (const canvas of Array.from(page.document.querySelectorAll('canvas[id^="chart-"]'))) {
        const chart = page.Chart.getChart(canvas);
        if (chart === undefined) continue;
        out[canvas.id.slice('chart-'.length)] = {
          labels: [...chart.data.labels],
          datasets: chart.data.datasets.map((d) => ({ label: d.label, data: [...d.data] })),
        };
      }
      return out;
    });
    await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('loads from a file with no network: the only request is the file itself, nothing was blocked', () => {
    expect(blocked).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
  });

  it('logs no console error and throws no page error', () => {
    expect(errors).toEqual([]);
    expect(messages.filter((m) => m.type === 'error')).toEqual([]);
  });

  it('shows the shop, zone, range and generated time in its header', () => {
    for (const text of ['A day at shop-r', 'shop-r', ZONE, '2026-12-02 to 2026-12-03', '2026-12-04 09:02']) expect(heading).toContain(text);
  });

  it('every chart\'s data, as Chart.js holds it, equals the numbers of the reports\' rows (M1-M21, T4/T5, the queue)', () => {
    const rows = (name: string): readonly ReportRow[] => {
      const answered = set.query(state, name, QUERY);
      if (E.isLeft(answered)) throw new Error(JSON.stringify(answered.left));
      return answered.right;
    };
    const expected = expectedCharts(rows);
    expect(Object.keys(charts).sort()).toEqual(Object.keys(expected).sort());
    for (const id of Object.keys(expected)) expect(charts[id], id).toEqual(expected[id]);
    // Not a trivial page: the queue reached 3, SLA clocks were decided, sessions were served.
    expect(Math.max(...(charts['queue-timeline']?.datasets[0]?.data as number[]))).toBe(3);
    expect(charts.sla?.datasets.map((d) => d.data)).toEqual([[1], [1], [2]]);
    expect(charts['daily-trends']?.datasets[1]?.data[0]).toBeGreaterThan(0);
    // The rows the page embeds are the set's rows too.
    expect((embedded as { reports: Record<string, unknown> }).reports['queue-timeline']).toEqual(rows('queue-timeline'));
  });
});
