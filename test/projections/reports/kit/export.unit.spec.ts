/**
 * Report exports (M1-M22: every report as JSON and CSV): columns in order, numbers
 * unformatted, null an empty cell, text (commas, quotes, newlines, Chinese) read
 * back exactly.
 */
import { test } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportReport, rowsAsCsv, rowsAsJson } from '../../../../src/projections/reports/export.js';
import type { Cell, ReportRow } from '../../../../src/projections/reports/reportKit.js';
import { reportSet } from '../../../../src/projections/reports/reportSet.js';
import { parseCsvExport } from './csvBack.js';
import { agentDayReport } from './testReports.js';

const text = fc.oneof(
  fc.string(),
  fc.constantFrom('', '张三', '客服,一组', 'say "hi"', 'line1\nline2', 'a\r\nb', ' 李四 ', '0', '1e3', '-', 'null'),
);
const cell: fc.Arbitrary<Cell> = fc.oneof(fc.constant(null), text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 100 }).map((n) => n / 100));
// Column names are camelCase identifiers (the contract): an integer-like key would come first in any JS object.
const columnName = fc.stringMatching(/^[a-z][A-Za-z0-9]{0,7}$/).filter((name) => name !== 'constructor');
const columns = fc.uniqueArray(fc.oneof(fc.constantFrom('day', 'agentId', 'agentName', 'replyRate'), columnName), { minLength: 1, maxLength: 6 });
const table = columns.chain((cols) => fc.tuple(fc.constant(cols), fc.array(fc.tuple(...cols.map(() => cell)), { maxLength: 12 })));

const asRows = (cols: readonly string[], cells: readonly Cell[][]): ReportRow[] => cells.map((r) => Object.fromEntries(cols.map((c, i) => [c, r[i] as Cell])));

describe('CSV and JSON exports round-trip', () => {
  test.prop([table], { numRuns: 200 })('property: CSV read back gives the header = columns, each number equal, each null null, each text exact', ([cols, cells]) => {
    const parsed = parseCsvExport(rowsAsCsv(cols, asRows(cols, cells)));
    expect(parsed.header).toEqual(cols);
    // -0 is written "0": equal as a number.
    expect(parsed.rows).toEqual(cells.map((r) => r.map((c) => (Object.is(c, -0) ? 0 : c))));
  });

  test.prop([table], { numRuns: 200 })('property: JSON read back gives the rows, keys in column order', ([cols, cells]) => {
    const rows = asRows(cols, cells);
    const back = JSON.parse(rowsAsJson(cols, rows)) as Record<string, Cell>[];
    expect(back.map((r) => Object.keys(r))).toEqual(rows.map(() => cols));
    expect(back).toEqual(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Object.is(v, -0) ? 0 : v]))));
  });

  it('numbers are unformatted: a rate 0.25, not 25%; null an empty unquoted cell; text quoted', () => {
    const csv = rowsAsCsv(['agentName', 'replyRate', 'avgSeconds', 'amount'], [{ agentName: '王五', replyRate: 0.25, avgSeconds: null, amount: 199900 }]);
    expect(csv).toBe('"agentName","replyRate","avgSeconds","amount"\n"王五",0.25,,199900\n');
  });

  it('columns keep the report order whatever the row objects hold; a missing cell is null', () => {
    expect(rowsAsJson(['b', 'a'], [{ a: 1, b: 'x', extra: 3 }, { a: 2 }])).toBe('[{"b":"x","a":1},{"b":null,"a":2}]');
  });

  it('with bom, the CSV starts with a UTF-8 byte order mark (spreadsheets) and still reads back', () => {
    const csv = rowsAsCsv(['agentName'], [{ agentName: '张三' }], { bom: true });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(parseCsvExport(csv).rows).toEqual([['张三']]);
  });
});

describe('exportReport: a query over a report of a set', () => {
  const built = reportSet([agentDayReport], { zone: 'Asia/Shanghai' });
  if (E.isLeft(built)) throw new Error('set');
  const set = built.right;
  const state = set.projection.initialState();

  it('an empty range of rows still has its header row; JSON an empty array', () => {
    expect(exportReport(set, state, 'kit-test-agent-day', { shopId: 's', from: '2026-12-01', to: '2026-12-02' }, 'csv')).toEqual(
      E.right(`${agentDayReport.columns.map((c) => `"${c}"`).join(',')}\n`),
    );
    expect(exportReport(set, state, 'kit-test-agent-day', { shopId: 's', from: '2026-12-01', to: '2026-12-02' }, 'json')).toEqual(E.right('[]'));
  });

  it('a bad query names its field, an unknown report `report`, an unknown format `format`', () => {
    const paths = (r: E.Either<{ issues: readonly { path: string }[] }, string>) => (E.isLeft(r) ? r.left.issues.map((i) => i.path) : []);
    expect(paths(exportReport(set, state, 'kit-test-agent-day', { shopId: 's', from: '2026-12-03', to: '2026-12-02' }, 'csv'))).toEqual(['to']);
    expect(paths(exportReport(set, state, 'nope', { shopId: 's', from: '2026-12-01', to: '2026-12-02' }, 'json'))).toEqual(['report']);
    expect(paths(exportReport(set, state, 'kit-test-agent-day', { shopId: 's', from: '2026-12-01', to: '2026-12-02' }, 'xlsx' as 'csv'))).toEqual(['format']);
  });
});
