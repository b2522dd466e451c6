/**
 * The page: one HTML file with its style, its data, Chart.js and its own script
 * inline, and a Content-Security-Policy that lets it load nothing at all (no
 * fonts, images, scripts or requests from anywhere), so it opens the same
 * offline. Each chart has a table of its numbers under it, and the workload
 * its full rows, team rows included.
 */
import { wallAt } from '../../domain/calendar/zone.js';
import type { Cell, ReportRow } from '../../projections/reports/reportKit.js';
import { escapeHtml, jsonForScript } from './htmlEscape.js';
import type { ChartSpec, HtmlReportData } from './htmlReportData.js';
import { PAGE_SCRIPT } from './pageScript.js';

const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
  :root { color-scheme: light; --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --band: #f9fafb; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: #fff; }
  header { padding: 20px 32px; border-bottom: 1px solid var(--line); background: var(--band); }
  header h1 { margin: 0 0 6px; font-size: 22px; }
  header dl { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 0; color: var(--muted); }
  header dt { font-weight: 600; } header dd { margin: 0 0 0 4px; } header div { display: flex; }
  nav { padding: 8px 32px; border-bottom: 1px solid var(--line); font-size: 13px; }
  nav a { margin-right: 16px; color: #2563eb; text-decoration: none; }
  main { padding: 8px 32px 40px; max-width: 1280px; }
  section { margin: 28px 0; }
  h2 { font-size: 17px; margin: 0 0 4px; }
  .note { color: var(--muted); margin: 0 0 10px; }
  .chart { position: relative; height: 320px; }
  details { margin-top: 10px; }
  summary { cursor: pointer; color: var(--muted); }
  .table { overflow-x: auto; max-height: 480px; overflow-y: auto; }
  table { border-collapse: collapse; font-size: 12.5px; font-variant-numeric: tabular-nums; }
  th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: right; white-space: nowrap; }
  th:first-child, td:first-child { text-align: left; }
  thead th { background: var(--band); position: sticky; top: 0; }
  .empty { color: var(--muted); font-style: italic; }
  footer { padding: 16px 32px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); }
`;

/** A figure for a table: counts as they are, fractions to 3 decimals, a missing figure as a dash. */
export const formatCell = (cell: Cell | undefined): string => {
  if (cell === null || cell === undefined) return '–';
  if (typeof cell === 'string') return cell;
  return Number.isInteger(cell) ? String(cell) : String(Math.round(cell * 1000) / 1000);
};

const table = (head: readonly string[], body: readonly (readonly Cell[])[]): string =>
  `<div class="table"><table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${body
    .map((row) => `<tr>${row.map((c) => `<td>${escapeHtml(formatCell(c))}</td>`).join('')}</tr>`)
    .join('')}</tbody></table></div>`;

const chartTable = (spec: ChartSpec): string =>
  table(
    ['', ...spec.datasets.map((d) => d.label)],
    spec.labels.map((label, i) => [label, ...spec.datasets.map((d) => d.data[i] ?? null)]),
  );

const rowsTable = (rows: readonly ReportRow[]): string => {
  const columns = rows[0] === undefined ? [] : Object.keys(rows[0]);
  return table(columns, rows.map((r) => columns.map((c) => r[c] ?? null)));
};

const section = (spec: ChartSpec, extra: string): string => `
<section id="${escapeHtml(spec.id)}">
  <h2>${escapeHtml(spec.title)}</h2>
  <p class="note">${escapeHtml(spec.note)}</p>
  ${spec.labels.length === 0 ? '<p class="empty">No data in this range.</p>' : ''}
  <div class="chart"><canvas id="chart-${escapeHtml(spec.id)}" data-report="${escapeHtml(spec.report)}" aria-label="${escapeHtml(spec.title)}" role="img"></canvas></div>
  <details${spec.labels.length <= 31 ? ' open' : ''}><summary>The numbers (${spec.labels.length} rows, from the ${escapeHtml(spec.report)} report)</summary>${chartTable(spec)}</details>
  ${extra}
</section>`;

/** `YYYY-MM-DD HH:MM` on the wall clock of the zone. */
const localStamp = (zone: string, at: number): string => new Date(wallAt(zone, at)).toISOString().slice(0, 16).replace('T', ' ');

export const renderHtmlPage = (data: HtmlReportData, chartLibrary: string): string => {
  const workloadRows = data.reports.workload;
  const sections = data.charts
    .map((spec) => section(spec, spec.id === 'agent-workload' && workloadRows !== undefined ? `<details><summary>Every workload column, team rows included</summary>${rowsTable(workloadRows)}</details>` : ''))
    .join('\n');
  const range = data.from === data.to ? data.from : `${data.from} to ${data.to}`;
  const fact = (term: string, value: string) => `<div><dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd></div>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(data.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>${escapeHtml(data.title)}</h1>
  <dl>${fact('Shop', data.shopId)}${fact('Zone', data.zone)}${fact('Range', range)}${fact('Generated', `${localStamp(data.zone, data.generatedAt)} (${data.zone}), ${new Date(data.generatedAt).toISOString()}`)}</dl>
</header>
<nav>${data.charts.map((c) => `<a href="#${escapeHtml(c.id)}">${escapeHtml(c.title)}</a>`).join('')}</nav>
<main>
${sections}
</main>
<footer>Generated by kefu. Self-contained: the data, the styles and Chart.js are in this file; it loads nothing from the network.</footer>
<script type="application/json" id="kefu-report-data">${jsonForScript(data)}</script>
<script>${chartLibrary}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
};
