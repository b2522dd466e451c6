/**
 * Opening the store's connection: pragmas first (the busy timeout before anything
 * that may wait on another process's lock), then the migrations, then the store's
 * statements. Whatever goes wrong here is thrown as a SqliteConfigurationError, and
 * a connection the store opened itself is closed again.
 */
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { configurationError, type ResolvedSqliteOptions } from './sqliteOptions.js';
import { latestSchemaVersion, migrate } from './schema.js';
import { messageOf } from './sqliteErrors.js';

export interface StoreConnection<S> {
  readonly db: BetterSqlite3.Database;
  /** Whether the store opened it (and so closes it). */
  readonly owned: boolean;
  /** The store's statements, prepared on it. */
  readonly sql: S;
}

const configure = (db: BetterSqlite3.Database, options: ResolvedSqliteOptions): void => {
  db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
  // WAL: readers never block the writer nor the writer them, and a commit is one
  // append to the log. An in-memory database stays in its own journal mode.
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous}`);
  const outcome = migrate(db);
  if (outcome.kind === 'newer') {
    throw new Error(
      `the file's kefu schema is version ${outcome.version}, newer than the ${latestSchemaVersion} this version of kefu knows: upgrade kefu`,
    );
  }
};

/**
 * `prepare` runs last: a file whose user_version says migrated but whose tables are
 * gone or changed (someone ran DROP TABLE kefu_events) fails there, and is refused
 * like any other file that is not a kefu store.
 */
export const openStoreConnection = <S>(options: ResolvedSqliteOptions, prepare: (db: BetterSqlite3.Database) => S): StoreConnection<S> => {
  const { source } = options;
  const field = 'filename' in source ? 'filename' : 'database';
  let db: BetterSqlite3.Database;
  try {
    db = 'filename' in source ? new Database(source.filename) : source.database;
  } catch (error) {
    throw configurationError([{ path: field, reason: `cannot be opened: ${messageOf(error)}` }]);
  }
  try {
    configure(db, options);
    return { db, owned: 'filename' in source, sql: prepare(db) };
  } catch (error) {
    if ('filename' in source) db.close();
    throw configurationError([{ path: field, reason: `cannot be set up as a kefu store: ${messageOf(error)}` }]);
  }
};
