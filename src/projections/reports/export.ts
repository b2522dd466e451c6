/**
 * A report's rows for a query, exported as JSON or CSV. Both keep the report's
 * columns in order and its numbers unformatted (a rate 0.25, seconds 12.5, fen
 * 1999), so a spreadsheet or a script computes on them as they are.
 *
 * JSON: an array of row objects, keys in column order, null where a figure has no
 * denominator. CSV (RFC 4180, UTF-8): a header row of the column names, then one
 * line per row; a number as String(n); a text cell always quoted and a null cell
 * left empty and unquoted, so an empty text and a missing figure stay apart when
 * the file is read back (csv-parse: `cast` sees `quoting`).
 */
import * as E from 'fp-ts/lib/Either.js';
import { stringify } from 'csv-stringify/sync';
import { validationError, type ValidationError } from '../../domain/errors.js';
import type { Cell, ReportRow } from './reportKit.js';
import type { ReportSet, ReportSetState } from './reportSet.js';

export type ExportFormat = 'json' | 'csv';

export interface ExportOptions {
  /** CSV: start with a UTF-8 byte order mark, for spreadsheets that guess the encoding otherwise. Default false. */
  readonly bom?: boolean;
}

/** Rows as objects with exactly the columns, in order (a missing cell is null). */
const ordered = (columns: readonly string[], rows: readonly ReportRow[]): Record<string, Cell>[] =>
  rows.map((row) => {
    const out: Record<string, Cell> = {};
    for (const column of columns) out[column] = row[column] ?? null;
    return out;
  });

export const rowsAsJson = (columns: readonly string[], rows: readonly ReportRow[]): string => JSON.stringify(ordered(columns, rows));

export const rowsAsCsv = (columns: readonly string[], rows: readonly ReportRow[], options: ExportOptions = {}): string =>
  stringify([columns, ...rows.map((row) => columns.map((column) => row[column] ?? null))], {
    quoted_string: true,
    bom: options.bom ?? false,
    // A figure that is not finite is a report's bug; it is left empty rather than written as NaN.
    cast: { number: (n: number) => (Number.isFinite(n) ? String(n) : '') },
  });

/** The rows of one report for a query (dates, agents, channels), as JSON or CSV; a bad query or report names its field. */
export const exportReport = (
  set: ReportSet,
  state: ReportSetState,
  reportName: string,
  query: unknown,
  format: ExportFormat,
  options: ExportOptions = {},
): E.Either<ValidationError, string> => {
  if (format !== 'json' && format !== 'csv') {
    return E.left(validationError('ReportExport', [{ path: 'format', reason: `expected json or csv, got ${JSON.stringify(format)}` }]));
  }
  const columns = set.columns(reportName);
  if (E.isLeft(columns)) return columns;
  const rows = set.query(state, reportName, query);
  if (E.isLeft(rows)) return rows;
  return E.right(format === 'json' ? rowsAsJson(columns.right, rows.right) : rowsAsCsv(columns.right, rows.right, options));
};
