/**
 * The self-contained HTML report of a report set's state for a query: daily
 * trends, the response-time distribution, workload and fairness per agent, the
 * queue over the day, SLA results and the source channels, as charts (Chart.js,
 * inlined) and tables. Reports the set does not have are left out of the page.
 *
 * `htmlReport` answers a bad query as its typed error; `buildHtmlReport` is for
 * a query already checked (the demo, `kefu replay` after its table run) and
 * throws on a bad one.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ValidationError } from '../../domain/errors.js';
import type { ReportQuery } from '../../projections/reports/reportKit.js';
import type { ReportSet, ReportSetState } from '../../projections/reports/reportSet.js';
import { chartLibrarySource } from './chartLibrary.js';
import { renderHtmlPage } from './htmlPage.js';
import { HTML_REPORT_REPORTS, htmlReportData, type HtmlReportData, type HtmlReportRows } from './htmlReportData.js';

export interface HtmlReportInput {
  readonly title: string;
  readonly set: ReportSet;
  readonly state: ReportSetState;
  readonly query: ReportQuery;
  /** Epoch ms, shown in the header. */
  readonly generatedAt: number;
}

/** The page's data: the rows of every report the page reads that the set has, and the charts drawn from them. */
export const htmlReportDataOf = (input: HtmlReportInput): E.Either<ValidationError, HtmlReportData> => {
  const rows: { -readonly [K in keyof HtmlReportRows]: HtmlReportRows[K] } = {};
  for (const name of HTML_REPORT_REPORTS) {
    if (!input.set.names.includes(name)) continue;
    const answered = input.set.query(input.state, name, input.query);
    if (E.isLeft(answered)) return answered;
    rows[name] = answered.right;
  }
  const { title, query, generatedAt } = input;
  return E.right(htmlReportData({ title, shopId: query.shopId, zone: input.set.options.zone, from: query.from, to: query.to, generatedAt }, rows));
};

export const htmlReport = (input: HtmlReportInput): E.Either<ValidationError, string> =>
  E.map((data: HtmlReportData) => renderHtmlPage(data, chartLibrarySource()))(htmlReportDataOf(input));

export const buildHtmlReport = (input: HtmlReportInput): string => {
  const page = htmlReport(input);
  if (E.isLeft(page)) throw new RangeError(`the HTML report's query is refused: ${page.left.issues.map((i) => `${i.path}: ${i.reason}`).join('; ')}`);
  return page.right;
};
