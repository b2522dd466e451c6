/** docs/reports/columns.md documents every column of every report (M1-M22), generated from the reports themselves. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allReports } from '../../../src/projections/reports/allReports.js';
import { columnNote, COLUMNS_DOC, renderColumns } from '../../../tools/reportColumns.js';

describe('the report columns reference', () => {
  it('every column of every report has a note', () => {
    const missing = allReports().flatMap((r) => r.columns.filter((c) => columnNote(c) === undefined).map((c) => `${r.name}.${c}`));
    expect(missing).toEqual([]);
  });

  it('docs/reports/columns.md is what `npm run docs:reports` renders', () => {
    expect(readFileSync(COLUMNS_DOC, 'utf8')).toBe(renderColumns());
  });
});
