/**
 * SQLite: kefu's store against the bare better-sqlite3 loop on the same rows (one
 * prepared INSERT per row inside `db.transaction`, WAL, synchronous=NORMAL), each
 * on a file of its own in the OS's temporary directory, in alternating rounds.
 * Emmett's SQLite store is not among the project's dependencies, so the reference
 * here is the bare loop only. Row counts are checked in both files after each section.
 */
import { check } from '../lib/measure.js';
import { atLeast, type Row } from './report.js';
import { interleave } from './rounds.js';
import { bareInserts, batchesFor, kefuAppends, rowCount, sqliteFiles } from './sqliteWork.js';

export const sqliteRows = async (options: { quick: boolean }, progress: (line: string) => void): Promise<Row[]> => {
  const rounds = options.quick ? 3 : 7;
  const sections = [
    { size: 1, perRound: options.quick ? 2_000 : 10_000, label: 'append, 1 event vs one-row transactions', target: 0.5 },
    { size: 100, perRound: options.quick ? 60 : 300, label: 'append, 100-event batches vs 100-row transactions', target: 0.5 },
  ];
  const files = sqliteFiles('kefu-compare-sqlite-');
  const rows: Row[] = [];
  try {
    for (const { size, perRound, label, target } of sections) {
      const batches = batchesFor(rounds, perRound, size);
      const kefu = files.kefuStore(`kefu-${size}`);
      const bare = await files.bareDb(`bare-${size}`);
      const result = await interleave(rounds, { kefu: kefuAppends(kefu, batches), bare: bareInserts(bare, batches) });
      const expected = perRound * size * (rounds + 1);
      check(rowCount(kefu.database) === expected, `SQLite ${size}: kefu stored ${rowCount(kefu.database)} of ${expected} events`);
      check(rowCount(bare) === expected, `SQLite ${size}: bare stored ${rowCount(bare)} of ${expected} rows`);
      progress(`sqlite ${size}: kefu ${Math.round(result.rate.kefu * size)}, bare ${Math.round(result.rate.bare * size)} events/s, ratio ${result.ratio('kefu', 'bare').toFixed(3)}`);
      rows.push({
        section: 'sqlite',
        figure: `SQLite ${label}`,
        kefu: result.rate.kefu * size,
        unit: size === 1 ? 'appends/s' : 'events/s',
        reference: result.rate.bare * size,
        referenceName: 'bare better-sqlite3',
        ratioMeaning: 'kefu / bare',
        ratio: result.ratio('kefu', 'bare'),
        target: atLeast(target),
      });
    }
    return rows;
  } finally {
    await files.close();
  }
};
