/**
 * The comparison's rows, their targets, and the table they print as. A row puts one
 * kefu figure beside its reference (Emmett, a bare driver loop, or kefu itself at
 * another size) with the ratio the target is about.
 */
import { markdownTable } from 'markdown-table';
import { formatRate } from '../lib/measure.js';

export interface Target {
  /** How the target reads in the table, e.g. ">= 0.7". */
  readonly text: string;
  readonly met: (ratio: number) => boolean;
}

export const atLeast = (bound: number): Target => ({ text: `>= ${bound}`, met: (ratio) => ratio >= bound });
export const atMost = (bound: number): Target => ({ text: `<= ${bound}`, met: (ratio) => ratio <= bound });

export interface Row {
  readonly section: 'in-memory' | 'routing' | 'postgres' | 'sqlite';
  readonly figure: string;
  readonly kefu: number;
  readonly unit: string;
  /** Undefined when nothing comparable exists; `referenceNote` then says why. */
  readonly reference: number | undefined;
  /** What the reference is: "Emmett", "bare pg", "kefu, 100 agents", ... */
  readonly referenceName: string;
  readonly referenceNote?: string;
  /** What `ratio` divides, e.g. "kefu / Emmett" or "time at 10,000 / time at 100". */
  readonly ratioMeaning?: string;
  readonly ratio: number | undefined;
  readonly target: Target | undefined;
}

export interface ReportedRow {
  readonly section: string;
  readonly figure: string;
  readonly kefu: number;
  readonly unit: string;
  readonly referenceName: string;
  readonly reference: number | null;
  readonly referenceNote: string | null;
  readonly ratioMeaning: string | null;
  readonly ratio: number | null;
  readonly target: string | null;
  readonly met: boolean | null;
}

export const reported = (row: Row): ReportedRow => ({
  section: row.section,
  figure: row.figure,
  kefu: row.kefu,
  unit: row.unit,
  referenceName: row.referenceName,
  reference: row.reference ?? null,
  referenceNote: row.referenceNote ?? null,
  ratioMeaning: row.ratioMeaning ?? null,
  ratio: row.ratio ?? null,
  target: row.target?.text ?? null,
  met: row.target === undefined || row.ratio === undefined ? null : row.target.met(row.ratio),
});

const ratioText = (ratio: number): string => (ratio >= 100 ? formatRate(ratio) : ratio.toFixed(ratio >= 10 ? 1 : 2));

export const renderTable = (rows: readonly ReportedRow[]): string =>
  markdownTable(
    [
      ['figure', 'kefu', 'reference', 'ratio', 'target', 'met?'],
      ...rows.map((row) => [
        row.figure,
        `${formatRate(row.kefu)} ${row.unit}`,
        row.reference === null ? `${row.referenceName}: ${row.referenceNote ?? 'none'}` : `${row.referenceName}: ${formatRate(row.reference)}`,
        row.ratio === null ? '—' : `${ratioText(row.ratio)}${row.ratioMeaning === null ? '' : ` (${row.ratioMeaning})`}`,
        row.target ?? '—',
        row.met === null ? '—' : row.met ? 'yes' : '**no**',
      ]),
    ],
    { alignDelimiters: false },
  );
