/**
 * The SQLite work both benchmarks measure (bench/sqlite.bench.ts and `npm run
 * bench:compare`): kefu appends with each stream's exact expected version, and
 * the bare better-sqlite3 loop inserting the same rows into the same table (WAL,
 * synchronous=NORMAL; it serialises data and metadata as any caller would, but
 * checks no version and validates nothing).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { createSqliteEventStore, type SqliteEventStore } from '../../src/adapters/sqlite/index.js';
import type { EventToAppend } from '../../src/domain/envelope.js';
import type { Round } from './rounds.js';

const STREAMS = 100;

export const makeEvent = (n: number): EventToAppend => ({
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
export const batchesFor = (rounds: number, perRound: number, size: number): EventToAppend[][][] => {
  let n = 0;
  return Array.from({ length: rounds + 1 }, () =>
    Array.from({ length: perRound }, () => Array.from({ length: size }, () => makeEvent(n++))),
  );
};

export const rowCount = (db: Database.Database): number => db.prepare('SELECT count(*) FROM kefu_events').pluck().get() as number;

/** kefu appends: batch i goes to stream i mod 100, with that stream's exact version expected. */
export const kefuAppends = (store: SqliteEventStore, batches: EventToAppend[][][]): Round => {
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
export const bareInserts = (db: Database.Database, batches: EventToAppend[][][]): Round => {
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

export interface SqliteFiles {
  /** A kefu store on a new file of the folder. */
  readonly kefuStore: (name: string) => SqliteEventStore;
  /** A plain better-sqlite3 connection (WAL, synchronous=NORMAL) on a new file migrated by the store, so it has the same table. */
  readonly bareDb: (name: string) => Promise<Database.Database>;
  /** Closes every store and connection and removes the folder. */
  readonly close: () => Promise<void>;
}

/** Files in a new folder under the OS's temporary directory; each section gets files of its own, so every loop starts from the same empty table. */
export const sqliteFiles = (prefix: string): SqliteFiles => {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  const stores: SqliteEventStore[] = [];
  const bares: Database.Database[] = [];
  return {
    kefuStore: (name) => {
      const store = createSqliteEventStore({ filename: join(folder, `${name}.db`) });
      stores.push(store);
      return store;
    },
    bareDb: async (name) => {
      const filename = join(folder, `${name}.db`);
      await createSqliteEventStore({ filename }).close();
      const db = new Database(filename);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      bares.push(db);
      return db;
    },
    close: async () => {
      await Promise.all(stores.map((s) => s.close()));
      for (const db of bares) db.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
};
