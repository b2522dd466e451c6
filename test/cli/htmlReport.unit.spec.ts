/**
 * The HTML report (issue 19, part 1 and `kefu replay --format html`): its data
 * is exactly the reports' rows (M1-M21 as the report set answers them, T4/T5
 * SLA results, the queue over the day), every chart is drawn from those rows,
 * the page loads nothing from anywhere, and names that look like markup stay
 * text (a `</script>` in a name or a channel never ends the data's element).
 */
import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { htmlReport, htmlReportDataOf } from '../../src/cli/htmlReport/buildHtmlReport.js';
import { chartLibrarySource } from '../../src/cli/htmlReport/chartLibrary.js';
import { jsonForScript, scriptForInline } from '../../src/cli/htmlReport/htmlEscape.js';
import { renderHtmlPage } from '../../src/cli/htmlReport/htmlPage.js';
import { BUCKET_LABELS, HTML_REPORT_REPORTS, htmlReportData, type HtmlReportData } from '../../src/cli/htmlReport/htmlReportData.js';
import type { ReportRow } from '../../src/projections/reports/reportKit.js';
import { type ReportSet, type ReportSetState } from '../../src/projections/reports/reportSet.js';
import { foldHtmlHistory, newReportSet, QUERY, ZONE } from './htmlReportHistory.js';



const rowsOf = (set: ReportSet, state: ReportSetState, name: string): readonly ReportRow[] => {
  const rows = set.query(state, name, QUERY);
  if (E.isLeft(rows)) throw new Error(JSON.stringify(rows.left));
  return rows.right;
};

/** The JSON the page embeds, read back as a browser would (the element's text, up to its end tag). */
const embedded = (page: string): unknown => {
  const m = /<script type="application\/json" id="kefu-report-data">([\s\S]*?)<\/script>/.exec(page);
  if (m === null) throw new Error('no data element');
  return JSON.parse(m[1] as string);
};

let set: ReportSet;
let state: ReportSetState;
let data: HtmlReportData;
let page: string;
beforeAll(async () => {
  set = newReportSet();
  state = await foldHtmlHistory(set);
  const input = { title: 'A day at shop-r', set, state, query: QUERY, generatedAt: Date.UTC(2026, 11, 4, 1, 2, 3) };
  const answered = htmlReportDataOf(input);
  const built = htmlReport(input);
  if (E.isLeft(answered) || E.isLeft(built)) throw new Error('html report');
  data = answered.right;
  page = built.right;
});

describe('the HTML report\'s data is the reports\' rows (issue 19 part 1; M1-M21, T4/T5)', () => {
  it('holds exactly the rows the set answers for the query, for every report it reads', () => {
    expect(Object.keys(data.reports).sort()).toEqual([...HTML_REPORT_REPORTS].sort());
    for (const name of HTML_REPORT_REPORTS) expect(data.reports[name], name).toEqual(rowsOf(set, state, name));
    // The history is not trivial: sessions, a queue, SLA results.
    expect(rowsOf(set, state, 'queue-timeline').some((r) => (r.maxQueueLength as number) >= 3)).toBe(true);
    expect(rowsOf(set, state, 'sla')).toEqual([{ policyId: 'p1', version: 1, achieved: 1, breached: 1, running: 2, achievedRate: 0.5 }]);
  });

  it('draws every chart from those rows', () => {
    const chart = (id: string) => {
      const spec = data.charts.find((c) => c.id === id);
      if (spec === undefined) throw new Error(`no chart ${id}`);
      return { labels: spec.labels, datasets: spec.datasets.map((d) => [d.label, d.data]) };
    };
    const overview = rowsOf(set, state, 'overview');
    const col = (rows: readonly ReportRow[], c: string) => rows.map((r) => r[c]);
    const sum = (rows: readonly ReportRow[], c: string) => rows.reduce((a, r) => a + (r[c] as number), 0);
    expect(chart('daily-trends')).toEqual({
      labels: ['2026-12-02', '2026-12-03'],
      datasets: [
        ['Customers received', col(overview, 'customersReceived')],
        ['Sessions', col(overview, 'sessions')],
        ['Replied sessions', col(overview, 'repliedSessions')],
        ['Unreplied sessions', col(overview, 'unrepliedSessions')],
        ['Customer messages', col(overview, 'customerMessages')],
        ['Agent messages', col(overview, 'agentMessages')],
      ],
    });
    const buckets = ['0_10', '10_20', '20_30', '30_45', '45_60', '60_120', 'over_120'];
    expect(chart('response-times')).toEqual({
      labels: BUCKET_LABELS,
      datasets: [
        ['First response', buckets.map((b) => sum(overview, `firstResponse_${b}`))],
        ['Average response', buckets.map((b) => sum(overview, `avgResponse_${b}`))],
      ],
    });
    const agents = rowsOf(set, state, 'workload').filter((r) => !String(r.agentId).startsWith('('));
    expect(chart('agent-workload').labels).toEqual(['a1', 'a2', 'a3']);
    expect(chart('agent-workload').datasets[1]).toEqual(['Sessions', col(agents, 'totalSessions')]);
    expect(chart('agent-response').datasets).toEqual([
      ['Average first response', col(agents, 'avgFirstResponseSec')],
      ['Average response', col(agents, 'avgResponseSec')],
    ]);
    const fairness = rowsOf(set, state, 'fairness');
    const team = fairness.find((r) => r.agentId === '(team)');
    expect(chart('fairness').datasets).toEqual([
      ['Sessions the desk assigned', col(fairness.slice(0, -1), 'assignments')],
      ['Assignments per online hour', col(fairness.slice(0, -1), 'assignmentsPerOnlineHour')],
    ]);
    expect(data.charts.find((c) => c.id === 'fairness')?.note).toContain(`Gini: ${Math.round((team?.gini as number) * 1000) / 1000}`);
    const queue = rowsOf(set, state, 'queue-timeline');
    expect(chart('queue-timeline').labels).toHaveLength(192);
    expect(chart('queue-timeline').labels[68]).toBe('2026-12-02 17:00');
    expect(chart('queue-timeline').datasets).toEqual([
      ['Longest', col(queue, 'maxQueueLength')],
      ['Mean (time-weighted)', col(queue, 'meanQueueLength')],
      ['Started waiting', col(queue, 'queuedSessions')],
    ]);
    expect(chart('sla')).toEqual({ labels: ['p1 v1'], datasets: [['Achieved', [1]], ['Breached', [1]], ['Running now', [2]]] });
    const channels = rowsOf(set, state, 'overview-channels');
    expect(chart('channels')).toEqual({ labels: ['app', 'web-mall'], datasets: [['Sessions', ['app', 'web-mall'].map((c) => sum(channels.filter((r) => r.channel === c), 'sessions'))]] });
  });

  it('embeds that data once, as JSON the page parses back to the same object', () => {
    expect(page.match(/id="kefu-report-data"/g)).toHaveLength(1);
    expect(embedded(page)).toEqual(JSON.parse(JSON.stringify(data)));
    // A canvas per chart, and a table of its numbers.
    for (const spec of data.charts) expect(page.includes(`<canvas id="chart-${spec.id}"`), spec.id).toBe(true);
    expect(page.includes('<td>p1 v1</td><td>1</td><td>1</td><td>2</td>')).toBe(true);
  });

  it('a refused query is the query\'s typed error, naming its field', () => {
    const refused = htmlReport({ title: 't', set, state, query: { ...QUERY, to: '2026-12-01' }, generatedAt: 0 });
    expect(E.isLeft(refused) && refused.left.issues.map((i) => i.path)).toEqual(['to']);
  });
});

describe('the page is self-contained (issue 19: opens with no network)', () => {
  it('inlines Chart.js and loads nothing: no src, no link, no url(), no http(s) address outside the library\'s licence comment', () => {
    expect(page.includes(chartLibrarySource())).toBe(true);
    expect(chartLibrarySource().length).toBeGreaterThan(100_000);
    const ownParts = page.replace(chartLibrarySource(), '');
    // Booleans, not toMatch: a failure should not print a 270 kB page.
    expect(/https?:/i.test(ownParts)).toBe(false);
    expect(/<(link|img|iframe|object|embed|base|video|audio|source)\b/i.test(page)).toBe(false);
    expect(/\s(src|srcset|poster|action)\s*=/i.test(page)).toBe(false);
    expect(/\burl\(|@import|\bfetch\(|XMLHttpRequest|WebSocket|EventSource/i.test(page)).toBe(false);
    expect(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/.test(page)).toBe(true);
    // The library's own addresses are in its comments and messages, not in anything that loads.
    expect(chartLibrarySource().match(/https?:\/\/[^\s"')]+/g)?.sort()).toEqual(['https://github.com/kurkle/color#readme', 'https://www.chartjs.org']);
  });

  it('has one element per script: data, library, page (a library\'s `</script` is broken up)', () => {
    expect(page.match(/<script\b/gi)).toHaveLength(3);
    expect(page.match(/<\/script>/gi)).toHaveLength(3);
    expect(scriptForInline('var a = "</script><!-- x"; var b = /<\\/SCRIPT>/;')).toBe('var a = "<\\/script><\\x21-- x"; var b = /<\\/SCRIPT>/;');
  });
});

describe('markup in names stays text (a customer-supplied name must not break out)', () => {
  const evil = '</script><script>alert(1)</script>';
  const header = { title: `Report ${evil}`, shopId: `shop ${evil}`, zone: ZONE, from: '2026-12-02', to: '2026-12-02', generatedAt: 0 };
  const rows = {
    workload: [{ agentId: evil, totalSessions: 3, customersReceived: 2 }, { agentId: '(team-total)', totalSessions: 3 }],
    fairness: [{ agentId: evil, assignments: 3, assignmentsPerOnlineHour: 1.5 }, { agentId: '(team)', assignments: 3, gini: 0 }],
    'overview-channels': [{ day: '2026-12-02', channel: `<!-- ${evil}`, sessions: 4 }],
    sla: [{ policyId: `p&"'<>${evil}`, version: 1, achieved: 1, breached: 0, running: 0, achievedRate: 1 }],
  };
  const evilPage = renderHtmlPage(htmlReportData(header, rows), '/* the library */');

  it('the data element holds it as a JSON string: the page still has its three scripts, and the names come back whole', () => {
    expect(evilPage).not.toContain('<script>alert(1)');
    expect(evilPage.match(/<script\b/gi)).toHaveLength(3);
    expect(evilPage.match(/<\/script>/gi)).toHaveLength(3);
    const back = embedded(evilPage) as HtmlReportData;
    expect(back.title).toBe(header.title);
    expect(back.charts.find((c) => c.id === 'agent-workload')?.labels).toEqual([evil]);
    expect(back.charts.find((c) => c.id === 'channels')?.labels).toEqual([`<!-- ${evil}`]);
    expect(back.reports.sla?.[0]?.policyId).toBe(`p&"'<>${evil}`);
  });

  it('tables, header and title escape it as HTML text', () => {
    expect(evilPage).toContain('<title>Report &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(evilPage).toContain('<td>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</td><td>2</td><td>3</td>');
    expect(evilPage).toContain('<dd>shop &lt;/script&gt;');
    expect(evilPage).not.toContain('<!-- </script>');
    expect(jsonForScript({ s: '<\u2028&>' })).toBe('{"s":"\\u003c\\u2028\\u0026\\u003e"}');
  });
});
