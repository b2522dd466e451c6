/**
 * The store's tables, created and changed by numbered migrations. The number of
 * migrations applied is kept in `PRAGMA user_version` (in the file's header, so it
 * commits with the tables it describes). Tables are prefixed `kefu_` because read
 * models built with `runSqliteProjection` live in the same file.
 */
import type BetterSqlite3 from 'better-sqlite3';

type Migration = (db: BetterSqlite3.Database) => void;

const migrations: readonly Migration[] = [
  // 1: the log, snapshots and projection checkpoints.
  (db) =>
    db.exec(`
      -- An INTEGER PRIMARY KEY is the rowid: a new row takes max + 1. Writers are
      -- serialised by SQLite and rows are never deleted, so positions have no gaps
      -- and follow commit order.
      CREATE TABLE kefu_events (
        position       INTEGER PRIMARY KEY,
        stream         TEXT    NOT NULL,
        stream_version INTEGER NOT NULL,
        shop_id        TEXT    NOT NULL,
        type           TEXT    NOT NULL,
        schema_version INTEGER NOT NULL,
        data           TEXT    NOT NULL,
        metadata       TEXT    NOT NULL,
        -- The stream's version is read from this index, and it refuses a second
        -- event at the same version whatever wrote it.
        UNIQUE (stream, stream_version)
      ) STRICT;
      CREATE INDEX kefu_events_by_shop ON kefu_events (shop_id, position);

      CREATE TABLE kefu_snapshots (
        stream         TEXT    PRIMARY KEY,
        version        INTEGER NOT NULL,
        schema_version INTEGER NOT NULL,
        state          TEXT    NOT NULL
      ) STRICT;

      CREATE TABLE kefu_projections (
        name           TEXT    PRIMARY KEY,
        position       INTEGER NOT NULL,
        schema_version INTEGER NOT NULL,
        state          TEXT    NOT NULL
      ) STRICT;
    `),
];

export const latestSchemaVersion = migrations.length;

export type MigrationOutcome =
  | { readonly kind: 'up-to-date' | 'migrated'; readonly version: number }
  | { readonly kind: 'newer'; readonly version: number };

const userVersion = (db: BetterSqlite3.Database): number => db.pragma('user_version', { simple: true }) as number;

/**
 * Brings the file to the latest schema. The check is repeated under the write lock
 * (BEGIN IMMEDIATE), so when two processes open a new file at once one migrates and
 * the other, waiting on the lock, then finds nothing left to do.
 */
export const migrate = (db: BetterSqlite3.Database): MigrationOutcome => {
  const before = userVersion(db);
  if (before === latestSchemaVersion) return { kind: 'up-to-date', version: before };
  if (before > latestSchemaVersion) return { kind: 'newer', version: before };
  return db
    .transaction((): MigrationOutcome => {
      const current = userVersion(db);
      if (current > latestSchemaVersion) return { kind: 'newer', version: current };
      if (current === latestSchemaVersion) return { kind: 'up-to-date', version: current };
      for (const migration of migrations.slice(current)) migration(db);
      db.pragma(`user_version = ${latestSchemaVersion}`);
      return { kind: 'migrated', version: latestSchemaVersion };
    })
    .immediate();
};
