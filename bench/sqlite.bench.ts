/**
 * The SQLite store against bare better-sqlite3 on the same machine, in the same run:
 * kefu appends (1-event and 100-event batches, each with an exact expected version)
 * and a read of the whole log, beside a hand-written loop inserting the same rows
 * into the same table (WAL, synchronous=NORMAL; it serialises data and metadata
 * as any caller would, but checks no version and validates nothing). The ratios
 * kefu/bare are figures too. Every section checks its row count in the file.
 *
 * The two sides run round by round, taking turns (after one untimed warm-up round
 * each): alternating puts both through the same phases of the disk (and of
 * SQLite's WAL checkpoints) rather than one after the other, which on a shared
 * virtual disk moves a ratio more than anything else.
 */
import * as E from 'fp-ts/lib/Either.js';
import { interleave } from './compare/rounds.js';
import { bareInserts, batchesFor, kefuAppends, rowCount, sqliteFiles } from './compare/sqliteWork.js';
import { check, rate, type Figure } from './lib/measure.js';

export const sqliteBench = async (options: { quick: boolean }): Promise<Figure[]> => {
  const rounds = options.quick ? 3 : 5;
  const singles = options.quick ? 3_000 : 20_000;
  const hundreds = options.quick ? 100 : 500;
  const files = sqliteFiles('kefu-sqlite-bench-');
  const figures: Figure[] = [];
  const figure = (name: string, value: number, unit: string) => figures.push({ suite: 'sqlite', name, value, unit });

  try {
    // One-event appends.
    const oneBatches = batchesFor(rounds, singles, 1);
    const kefuOne = files.kefuStore('kefu-1');
    const bareOne = await files.bareDb('bare-1');
    const one = await interleave(rounds, { kefu: kefuAppends(kefuOne, oneBatches), bare: bareInserts(bareOne, oneBatches) });
    check(rowCount(kefuOne.database) === singles * (rounds + 1), 'kefu 1-event: every append stored once');
    check(rowCount(bareOne) === singles * (rounds + 1), 'bare 1-row: every row stored once');
    figure('kefu append, 1-event batches', one.rate.kefu, 'appends/s');
    figure('kefu append, 1-event batches', one.rate.kefu, 'events/s');
    figure('bare better-sqlite3, one-row transactions', one.rate.bare, 'transactions/s');
    figure('kefu / bare, 1-event append vs one-row transaction (target >= 0.5)', one.ratio('kefu', 'bare'), 'ratio');

    // 100-event appends.
    const hundredBatches = batchesFor(rounds, hundreds, 100);
    const kefuHundred = files.kefuStore('kefu-100');
    const bareHundred = await files.bareDb('bare-100');
    const hundred = await interleave(rounds, { kefu: kefuAppends(kefuHundred, hundredBatches), bare: bareInserts(bareHundred, hundredBatches) });
    check(rowCount(kefuHundred.database) === hundreds * 100 * (rounds + 1), 'kefu 100-event: every event stored once');
    check(rowCount(bareHundred) === hundreds * 100 * (rounds + 1), 'bare 100-row: every row stored once');
    figure('kefu append, 100-event batches', hundred.rate.kefu, 'appends/s');
    figure('kefu append, 100-event batches', hundred.rate.kefu * 100, 'events/s');
    figure('bare better-sqlite3, 100-row transactions', hundred.rate.bare * 100, 'rows/s');
    figure('kefu / bare, 100-event append vs 100-row transaction (target >= 0.5)', hundred.ratio('kefu', 'bare'), 'ratio');

    // Reading the whole log back (decoded and validated), in pages of 1,000.
    const total = rowCount(kefuHundred.database);
    const readRate = await rate(rounds, async () => {
      let after = 0;
      let read = 0;
      for (;;) {
        const page = await kefuHundred.readAll({ after, maxCount: 1000 });
        if (E.isLeft(page)) throw new Error(`readAll failed: ${JSON.stringify(page.left)}`);
        read += page.right.length;
        if (page.right.length < 1000) break;
        after = page.right[page.right.length - 1]!.globalPosition;
      }
      check(read === total, `read-all returned ${read} of ${total} events`);
      return read;
    });
    figure(`kefu read-all, ${total.toLocaleString('en-US')} events in pages of 1,000`, readRate, 'events/s');
    return figures;
  } finally {
    await files.close();
  }
};
