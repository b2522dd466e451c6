/** Reads an exported report CSV back, for the round-trip tests. */
import { parse } from 'csv-parse/sync';
import type { Cell } from '../../../../src/projections/reports/reportKit.js';

/** Reads an exported CSV back: a quoted cell is text, an empty unquoted cell null, any other a number. */
export const parseCsvExport = (csv: string): { header: string[]; rows: Cell[][] } => {
  const records = parse(csv, {
    bom: true,
    cast: (value, context) => (context.header || context.lines === 1 || context.quoting ? value : value === '' ? null : Number(value)),
  }) as Cell[][];
  const [header, ...rows] = records;
  return { header: (header ?? []) as string[], rows };
};

