/**
 * The SQLite store against bare better-sqlite3 on the same machine, in the same run:
 * kefu appends (1-event and 100-event batches, each with an exact expected version)
 * and a read of the whole log, beside a hand-written loop inserting the same rows
 * into the same table (WAL, synchronous=NORMAL; it serialises data and metadata
 * as any caller would, but checks no version and validates nothing). The ratios
 * kefu/bare are figures too. Every section checks its row count in the file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { createSqliteEventStore, type SqliteEventStore } from '../src/adapters/sqlite/index.js';
import type { EventToAppend } from '../src/domain/envelope.js';
import { check, median, rate, type Figure } from './lib/measure.js';

const STREAMS = 100;

const makeEvent = (n: number): EventToAppend => ({
  type: 'Incremented',
  schemaVersion: 2,
  data: { by: 1, total: n },
  metadata: {
    eventId: `evt-${n}`,
    shopId: 'bench',
    actor: { kind: 'agent', id: 'agent-7' },
    occurredAt: 1_767_600_000_000 + n,
    correlationId: `corr-${n}`,
    causationId: `cause-${n}`,
  },
});

/** The batches of every round (warm-up included), built before timing starts. */
const batchesFor = (rounds: number, perRound: number, size: number): EventToAppend[][][] => {
  let n = 0;
  return Array.from({ length: rounds + 1 }, () =>
    Array.from({ length: perRound }, () => Array.from({ length: size }, () => makeEvent(n++))),
  );
};

const rowCount = (db: Database.Database): number => db.prepare('SELECT count(*) FROM kefu_events').pluck().get() as number;

type Round = (round: number) => Promise<number>;

/**
 * Times two loops round by round, alternating (after one untimed warm-up round
 * each), and returns the median rate of each. Alternating puts both through the
 * same phases of the disk (and of SQLite's WAL checkpoints) rather than one after
 * the other, which on a shared virtual disk moves a ratio more than anything else.
 */
const pairedRates = async (rounds: number, first: Round, second: Round): Promise<[number, number]> => {
  await first(-1);
  await second(-1);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    for (const [round, rates] of [
      [first, a],
      [second, b],
    ] as const) {
      const start = performance.now();
      const ops = await round(i);
      rates.push(ops / ((performance.now() - start) / 1000));
    }
  }
  return [median(a), median(b)];
};

/** kefu appends: batch i goes to stream i mod 100, with that stream's exact version expected. */
const kefuAppends = (store: SqliteEventStore, batches: EventToAppend[][][]): Round => {
  const versions = new Array<number>(STREAMS).fill(0);
  return async (round) => {
    const mine = batches[round + 1]!;
    for (let i = 0; i < mine.length; i++) {
      const s = i % STREAMS;
      const result = await store.append(`counter-bench-${s}`, mine[i]!, versions[s]!);
      if (E.isLeft(result)) throw new Error(`append failed: ${JSON.stringify(result.left)}`);
      versions[s] = result.right.nextVersion;
    }
    return mine.length;
  };
};

/** The same rows by hand: one transaction per batch, plain prepared inserts. */
const bareInserts = (db: Database.Database, batches: EventToAppend[][][]): Round => {
  const insert = db.prepare(
    'INSERT INTO kefu_events (stream, stream_version, shop_id, type, schema_version, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const versions = new Array<number>(STREAMS).fill(0);
  const insertBatch = db.transaction((stream: string, first: number, batch: readonly EventToAppend[]) => {
    for (let j = 0; j < batch.length; j++) {
      const e = batch[j]!;
      insert.run(stream, first + j, e.metadata.shopId, e.type, e.schemaVersion, JSON.stringify(e.data), JSON.stringify(e.metadata));
    }
  });
  return async (round) => {
    const mine = batches[round + 1]!;
    for (let i = 0; i < mine.length; i++) {
      const s = i % STREAMS;
      insertBatch(`counter-bench-${s}`, versions[s]! + 1, mine[i]!);
      versions[s]! += mine[i]!.length;
    }
    return mine.length;
  };
};

export const sqliteBench = async (options: { quick: boolean }): Promise<Figure[]> => {
  const rounds = options.quick ? 3 : 5;
  const singles = options.quick ? 3_000 : 20_000;
  const hundreds = options.quick ? 100 : 500;
  const folder = mkdtempSync(join(tmpdir(), 'kefu-sqlite-bench-'));
  const figures: Figure[] = [];
  const figure = (name: string, value: number, unit: string) => figures.push({ suite: 'sqlite', name, value, unit });
  const stores: SqliteEventStore[] = [];
  const bares: Database.Database[] = [];
  // Each section gets a file of its own, so every loop starts from the same empty table.
  const kefuStore = (name: string) => {
    const store = createSqliteEventStore({ filename: join(folder, `${name}.db`) });
    stores.push(store);
    return store;
  };
  const bareDb = async (name: string) => {
    const filename = join(folder, `${name}.db`);
    await createSqliteEventStore({ filename }).close(); // the same schema, made by the store's migration
    const db = new Database(filename);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    bares.push(db);
    return db;
  };

  try {
    // One-event appends.
    const oneBatches = batchesFor(rounds, singles, 1);
    const kefuOne = kefuStore('kefu-1');
    const bareOne = await bareDb('bare-1');
    const [kefuOneRate, bareOneRate] = await pairedRates(rounds, kefuAppends(kefuOne, oneBatches), bareInserts(bareOne, oneBatches));
    check(rowCount(kefuOne.database) === singles * (rounds + 1), 'kefu 1-event: every append stored once');
    check(rowCount(bareOne) === singles * (rounds + 1), 'bare 1-row: every row stored once');
    figure('kefu append, 1-event batches', kefuOneRate, 'appends/s');
    figure('kefu append, 1-event batches', kefuOneRate, 'events/s');
    figure('bare better-sqlite3, one-row transactions', bareOneRate, 'transactions/s');
    figure('kefu / bare, 1-event append vs one-row transaction (target >= 0.5)', kefuOneRate / bareOneRate, 'ratio');

    // 100-event appends.
    const hundredBatches = batchesFor(rounds, hundreds, 100);
    const kefuHundred = kefuStore('kefu-100');
    const bareHundred = await bareDb('bare-100');
    const [kefuHundredRate, bareHundredRate] = await pairedRates(
      rounds,
      kefuAppends(kefuHundred, hundredBatches),
      bareInserts(bareHundred, hundredBatches),
    );
    check(rowCount(kefuHundred.database) === hundreds * 100 * (rounds + 1), 'kefu 100-event: every event stored once');
    check(rowCount(bareHundred) === hundreds * 100 * (rounds + 1), 'bare 100-row: every row stored once');
    figure('kefu append, 100-event batches', kefuHundredRate, 'appends/s');
    figure('kefu append, 100-event batches', kefuHundredRate * 100, 'events/s');
    figure('bare better-sqlite3, 100-row transactions', bareHundredRate * 100, 'rows/s');
    figure('kefu / bare, 100-event append vs 100-row transaction (target >= 0.5)', kefuHundredRate / bareHundredRate, 'ratio');

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
    await Promise.all(stores.map((s) => s.close()));
    for (const db of bares) db.close();
    rmSync(folder, { recursive: true, force: true });
  }
};
