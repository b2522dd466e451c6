/**
 * S16: the SQLite key store, in a file of its own (recommended: it can be backed up
 * on a shorter rotation than the log, so a destroyed key leaves the backups sooner)
 * or in a connection passed in (the event store's `database`, one file for both).
 *
 * One table, `kefu_content_keys`: a row per key, its bytes set to NULL when it is
 * destroyed (the tombstone keeps the subject, the generation and the times). A
 * partial unique index allows one live key per subject, so two processes creating
 * a subject's first key at once end up with the same one. `keyForWrite` runs in a
 * BEGIN IMMEDIATE transaction (a read of the live row first: a write whose time is
 * not newer than the key's last write writes nothing).
 *
 * `secure_delete` is on for the connection, so SQLite overwrites a destroyed key's
 * bytes in its pages with zeros; `compact` (the sweep calls it after destroying)
 * checkpoints and truncates the write-ahead log, where older copies of the page
 * still sat.
 */
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { storeFailure, type StoreFailure } from '../../domain/errors.js';
import { checkDestroy, checkKeyRefs, checkListOptions, checkShopId, checkSubjectRef, checkTime } from '../keyStoreInput.js';
import { DEFAULT_KEY_PAGE, KEY_BYTES, keyId, type ContentKey, type KeyInfo, type KeyStore } from '../keyStore.js';
import { messageOf, sqliteFailure } from './sqliteErrors.js';
import { configurationError } from './sqliteOptions.js';

export type SqliteKeyStoreOptions =
  | { readonly filename: string; readonly database?: never; readonly busyTimeoutMs?: number }
  /** A connection owned by the caller (e.g. the event store's): the key store adds its table and never closes it. */
  | { readonly database: BetterSqlite3.Database; readonly filename?: never; readonly busyTimeoutMs?: number };

export interface SqliteKeyStore extends KeyStore {
  readonly kind: 'sqlite';
  readonly database: BetterSqlite3.Database;
}

/** The key store's own schema versions, in a table of their own: the file may be the event store's, whose user_version is taken. */
const migrations: readonly string[] = [
  `CREATE TABLE kefu_content_keys (
     shop_id       TEXT    NOT NULL,
     subject       TEXT    NOT NULL,
     generation    INTEGER NOT NULL,
     material      BLOB,
     created_at    INTEGER NOT NULL,
     last_write_at INTEGER NOT NULL,
     destroyed_at  INTEGER,
     PRIMARY KEY (shop_id, subject, generation)
   ) STRICT;
   CREATE UNIQUE INDEX kefu_content_keys_one_live ON kefu_content_keys (shop_id, subject) WHERE material IS NOT NULL;
   -- The sweep's listing: a shop's live keys by last write, never the tombstones.
   CREATE INDEX kefu_content_keys_by_last_write ON kefu_content_keys (shop_id, last_write_at, subject, generation) WHERE material IS NOT NULL;`,
];

const migrate = (db: BetterSqlite3.Database): void => {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS kefu_key_store_migrations (version INTEGER PRIMARY KEY) STRICT');
    const done = (db.prepare('SELECT coalesce(max(version), 0) FROM kefu_key_store_migrations').pluck().get() as number) ?? 0;
    if (done > migrations.length) throw new Error(`the key store's schema is version ${done}, newer than the ${migrations.length} this version of kefu knows`);
    for (let v = done + 1; v <= migrations.length; v++) {
      db.exec(migrations[v - 1] as string);
      db.prepare('INSERT INTO kefu_key_store_migrations (version) VALUES (?)').run(v);
    }
  }).immediate();
};

interface KeyRow {
  readonly generation: number;
  readonly material: Buffer | null;
  readonly created_at: number;
  readonly last_write_at: number;
}

interface InfoRow {
  readonly subject: string;
  readonly generation: number;
  readonly created_at: number;
  readonly last_write_at: number;
}

const prepare = (db: BetterSqlite3.Database) => ({
  live: db.prepare<[string, string], KeyRow>(
    'SELECT generation, material, created_at, last_write_at FROM kefu_content_keys WHERE shop_id = ? AND subject = ? AND material IS NOT NULL',
  ),
  touch: db.prepare<[number, string, string, number]>('UPDATE kefu_content_keys SET last_write_at = max(last_write_at, ?) WHERE shop_id = ? AND subject = ? AND generation = ?'),
  nextGeneration: db.prepare<[string, string], number>('SELECT coalesce(max(generation), 0) + 1 FROM kefu_content_keys WHERE shop_id = ? AND subject = ?').pluck(),
  insert: db.prepare<[string, string, number, Buffer, number, number]>(
    'INSERT INTO kefu_content_keys (shop_id, subject, generation, material, created_at, last_write_at) VALUES (?, ?, ?, ?, ?, ?)',
  ),
  material: db.prepare<[string, string, number], Buffer | null>('SELECT material FROM kefu_content_keys WHERE shop_id = ? AND subject = ? AND generation = ?').pluck(),
  shops: db.prepare<[], string>('SELECT DISTINCT shop_id FROM kefu_content_keys WHERE material IS NOT NULL ORDER BY shop_id').pluck(),
  listFirst: db.prepare<[string, number, number], InfoRow>(
    `SELECT subject, generation, created_at, last_write_at FROM kefu_content_keys
     WHERE shop_id = ? AND material IS NOT NULL AND last_write_at < ?
     ORDER BY last_write_at, subject, generation LIMIT ?`,
  ),
  // Row values compare in the index's order: the page after (last write, subject, generation).
  listAfter: db.prepare<[string, number, number, string, number, number], InfoRow>(
    `SELECT subject, generation, created_at, last_write_at FROM kefu_content_keys
     WHERE shop_id = ? AND material IS NOT NULL AND last_write_at < ? AND (last_write_at, subject, generation) > (?, ?, ?)
     ORDER BY last_write_at, subject, generation LIMIT ?`,
  ),
  destroy: db.prepare<[number, string, string, number, number]>(
    `UPDATE kefu_content_keys SET material = NULL, destroyed_at = ?
     WHERE shop_id = ? AND subject = ? AND generation = ? AND material IS NOT NULL AND last_write_at < ?`,
  ),
  checkpoint: db.prepare<[], { busy: number; log: number; checkpointed: number }>('PRAGMA wal_checkpoint(TRUNCATE)'),
});

/** Throws SqliteConfigurationError when the options are wrong or the file cannot be opened or migrated; afterwards every method answers with a value. */
export const createSqliteKeyStore = (options: SqliteKeyStoreOptions): SqliteKeyStore => {
  const filename = (options as { filename?: unknown }).filename;
  const given = (options as { database?: unknown }).database as BetterSqlite3.Database | undefined;
  if ((filename === undefined) === (given === undefined)) throw configurationError([{ path: 'filename', reason: 'give exactly one of filename and database' }]);
  if (filename !== undefined && (typeof filename !== 'string' || filename.length === 0)) throw configurationError([{ path: 'filename', reason: 'must be a non-empty string' }]);
  const busy = options.busyTimeoutMs ?? 5000;
  if (!Number.isSafeInteger(busy) || busy < 0) throw configurationError([{ path: 'busyTimeoutMs', reason: `must be an integer >= 0, got ${String(busy)}` }]);
  let db: BetterSqlite3.Database;
  try {
    db = given ?? new Database(filename as string);
  } catch (error) {
    throw configurationError([{ path: 'filename', reason: `cannot be opened: ${messageOf(error)}` }]);
  }
  let sql: ReturnType<typeof prepare>;
  try {
    if (given === undefined) {
      db.pragma(`busy_timeout = ${busy}`);
      db.pragma('journal_mode = WAL');
    }
    db.pragma('secure_delete = ON');
    migrate(db);
    sql = prepare(db);
  } catch (error) {
    if (given === undefined) db.close();
    throw configurationError([{ path: given === undefined ? 'filename' : 'database', reason: `cannot be set up as a kefu key store: ${messageOf(error)}` }]);
  }
  let closed = false;
  const closedFailure = (operation: string): E.Either<StoreFailure, never> => E.left(storeFailure(operation, 'the key store is closed'));

  const keyOf = (shopId: string, subject: string, row: KeyRow, lastWriteAt: number): ContentKey => ({
    shopId,
    subject,
    generation: row.generation,
    createdAt: row.created_at,
    lastWriteAt,
    material: new Uint8Array(row.material as Buffer),
  });

  const writeKey = db.transaction((shopId: string, subject: string, at: number): ContentKey => {
    const live = sql.live.get(shopId, subject);
    if (live !== undefined) {
      sql.touch.run(at, shopId, subject, live.generation);
      return keyOf(shopId, subject, live, Math.max(live.last_write_at, at));
    }
    const generation = sql.nextGeneration.get(shopId, subject) as number;
    const material = randomBytes(KEY_BYTES);
    sql.insert.run(shopId, subject, generation, material, at, at);
    return keyOf(shopId, subject, { generation, material, created_at: at, last_write_at: at }, at);
  });

  const guarded = <A>(operation: string, run: () => A): E.Either<StoreFailure, A> => {
    if (closed) return closedFailure(operation);
    try {
      return E.right(run());
    } catch (error) {
      return E.left(sqliteFailure(operation, error));
    }
  };

  return {
    kind: 'sqlite',
    database: db,
    keyForWrite: async (ref, at) => {
      const checked = checkSubjectRef('keyForWrite', ref);
      if (E.isLeft(checked)) return checked;
      const time = checkTime('keyForWrite', 'at', at);
      if (E.isLeft(time)) return time;
      const { shopId, subject } = checked.right;
      return guarded('keyForWrite', () => {
        // Most writes land inside the last write already recorded: one read, no write lock.
        const live = sql.live.get(shopId, subject);
        if (live !== undefined && live.last_write_at >= time.right) return keyOf(shopId, subject, live, live.last_write_at);
        return writeKey.immediate(shopId, subject, time.right);
      });
    },
    keysForRead: async (refs) => {
      const checked = checkKeyRefs('keysForRead', refs);
      if (E.isLeft(checked)) return checked;
      return guarded('keysForRead', () => {
        const out = new Map<string, Uint8Array | undefined>();
        for (const ref of checked.right) {
          const material = sql.material.get(ref.shopId, ref.subject, ref.generation);
          out.set(keyId(ref), material === undefined || material === null ? undefined : new Uint8Array(material));
        }
        return out as ReadonlyMap<string, Uint8Array | undefined>;
      });
    },
    shops: async () => guarded('shops', () => sql.shops.all()),
    listKeys: async (shopId, options) => {
      const shop = checkShopId('listKeys', shopId);
      if (E.isLeft(shop)) return shop;
      const checked = checkListOptions('listKeys', options);
      if (E.isLeft(checked)) return checked;
      const { lastWriteBefore = Number.MAX_SAFE_INTEGER, after, limit = DEFAULT_KEY_PAGE } = checked.right;
      const rows = guarded('listKeys', () =>
        after === undefined
          ? sql.listFirst.all(shop.right, lastWriteBefore, limit)
          : sql.listAfter.all(shop.right, lastWriteBefore, after.lastWriteAt, after.subject, after.generation, limit),
      );
      return E.map((all: InfoRow[]) =>
        all.map((r): KeyInfo => ({ shopId: shop.right, subject: r.subject, generation: r.generation, createdAt: r.created_at, lastWriteAt: r.last_write_at })),
      )(rows);
    },
    destroy: async (key, lastWriteBefore, at) => {
      const checked = checkDestroy(key, lastWriteBefore, at);
      if (E.isLeft(checked)) return checked;
      const { shopId, subject, generation } = checked.right;
      return guarded('destroy', () => sql.destroy.run(checked.right.at, shopId, subject, generation, checked.right.lastWriteBefore).changes === 1);
    },
    compact: async () => {
      const done = guarded('compact', () => sql.checkpoint.get());
      if (E.isLeft(done)) return done;
      // An in-memory database has no log (log = -1); a reader holding the log open makes the checkpoint stop short.
      return done.right !== undefined && done.right.busy !== 0
        ? E.left(storeFailure('compact', 'the write-ahead log could not be truncated: another connection is reading it; the next sweep tries again'))
        : E.right(undefined);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      if (given === undefined) {
        try {
          db.close();
        } catch {
          // Nothing left to release.
        }
      }
    },
  };
};
