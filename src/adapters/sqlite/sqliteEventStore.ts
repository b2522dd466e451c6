/**
 * The SQLite store: the embedded durable default. One connection per store
 * (better-sqlite3 is synchronous, so a method runs to its end before another
 * starts). An append is one BEGIN IMMEDIATE transaction that reads the stream's
 * version under the write lock, checks it and inserts the batch, so appends from
 * any number of connections and processes are serialised by SQLite itself and
 * positions follow commit order with no gaps.
 */
import type BetterSqlite3 from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import type { EventToAppend, RecordedEvent } from '../../domain/envelope.js';
import { concurrencyConflict, storeFailure, type ExpectedVersion, type StoreFailure } from '../../domain/errors.js';
import { validateAppend } from '../appendValidation.js';
import type { AppendError, AppendResult, EventStore, ReadAllOptions, ReadError, ReadStreamOptions, Snapshot } from '../eventStore.js';
import { satisfiesExpected } from '../expectedVersion.js';
import { startPollingSubscription } from '../pollingSubscription.js';
import { checkCheckpoint, checkSnapshot } from '../savedState.js';
import type { ProjectionCheckpoint, ProjectionStateStore } from '../projectionStateStore.js';
import { createChangeWatcher } from './changeWatcher.js';
import { openStoreConnection } from './connection.js';
import { registerInternals } from './internals.js';
import { checkReadAllOptions, checkReadStreamOptions } from '../readOptions.js';
import { decodeEventRows, decodeProjectionRow, decodeSnapshotRow, type EventRow, type StateRow } from './rows.js';
import { configurationError, resolveSqliteOptions, type SqliteEventStoreOptions } from './sqliteOptions.js';
import { isUniqueViolation, sqliteFailure } from './sqliteErrors.js';
import { prepareStatements } from './statements.js';

export interface SqliteEventStore extends EventStore, ProjectionStateStore {
  readonly kind: 'sqlite';
  /**
   * The store's connection, for read models kept as tables in the same file
   * (see runSqliteProjection) and for queries on them. Do not write to the
   * `kefu_` tables through it.
   */
  readonly database: BetterSqlite3.Database;
}

/** SQLite reads a negative LIMIT as no limit. */
const NO_LIMIT = -1;

type AppendOutcome =
  | { readonly ok: false; readonly current: number }
  | { readonly ok: true; readonly recorded: RecordedEvent[] };

/**
 * Opens (creating and migrating if need be) a store. Throws SqliteConfigurationError
 * when the options are wrong or the file cannot be opened or migrated; after that,
 * every method returns its failures as values.
 */
export const createSqliteEventStore = (options: SqliteEventStoreOptions): SqliteEventStore => {
  const resolved = resolveSqliteOptions(options);
  if (E.isLeft(resolved)) throw configurationError(resolved.left.issues);
  const { db, owned, sql } = openStoreConnection(resolved.right, prepareStatements);
  let closed = false;

  const watcher = createChangeWatcher({
    head: (shopId) => (shopId === undefined ? sql.head.get() : sql.headOfShop.get(shopId)) ?? 0,
    dataVersion: () => sql.dataVersion.get() as number,
    pollIntervalMs: resolved.right.pollIntervalMs,
  });

  const closedFailure = (operation: string): E.Either<StoreFailure, never> => E.left(storeFailure(operation, 'the store is closed'));

  const currentVersion = (stream: string): number => sql.streamVersion.get(stream) ?? 0;

  const appendInTransaction = db.transaction(
    (stream: string, batch: readonly EventToAppend[], json: readonly string[], expected: ExpectedVersion): AppendOutcome => {
      const current = currentVersion(stream);
      if (!satisfiesExpected(expected, current)) return { ok: false, current };
      const recorded: RecordedEvent[] = new Array(batch.length);
      for (let i = 0; i < batch.length; i++) {
        const event = batch[i] as EventToAppend;
        const streamVersion = current + i + 1;
        const { lastInsertRowid } = sql.insertEvent.run(
          stream,
          streamVersion,
          event.metadata.shopId,
          event.type,
          event.schemaVersion,
          json[2 * i] as string,
          json[2 * i + 1] as string,
        );
        // A literal of one fixed shape: cheaper to build than a spread, and every event read shares it.
        recorded[i] = {
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: event.data,
          metadata: event.metadata,
          stream,
          streamVersion,
          globalPosition: Number(lastInsertRowid),
        };
      }
      return { ok: true, recorded };
    },
  );

  // An empty batch is a version check: one read of the stream's last event, nothing written.
  const checkOnly = (stream: string) => {
    const last = sql.streamHead.get(stream);
    return { current: last?.version ?? 0, position: last?.position ?? 0 };
  };

  const append = async (
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedVersion,
  ): Promise<E.Either<AppendError, AppendResult>> => {
    if (closed) return closedFailure('append');
    const copies = validateAppend(stream, events, expected);
    if (E.isLeft(copies)) return copies;
    const batch = copies.right.events;
    try {
      if (batch.length === 0) {
        const { current, position } = checkOnly(stream);
        return satisfiesExpected(expected, current)
          ? E.right({ nextVersion: current, lastPosition: position, events: [] })
          : E.left(concurrencyConflict(stream, expected, current));
      }
      // Serialised before the write lock is taken, so the lock is held as briefly as possible.
      const json: string[] = new Array(batch.length * 2);
      for (let i = 0; i < batch.length; i++) {
        const event = batch[i] as EventToAppend;
        json[2 * i] = JSON.stringify(event.data);
        json[2 * i + 1] = JSON.stringify(event.metadata);
      }
      const outcome = appendInTransaction.immediate(stream, batch, json, expected);
      if (!outcome.ok) return E.left(concurrencyConflict(stream, expected, outcome.current));
      watcher.appended(new Set(batch.map((e) => e.metadata.shopId)));
      const last = outcome.recorded[outcome.recorded.length - 1] as RecordedEvent;
      return E.right({ nextVersion: last.streamVersion, lastPosition: last.globalPosition, events: outcome.recorded });
    } catch (error) {
      if (!isUniqueViolation(error)) return E.left(sqliteFailure('append', error));
      try {
        return E.left(concurrencyConflict(stream, expected, currentVersion(stream)));
      } catch (readError) {
        return E.left(sqliteFailure('append', readError));
      }
    }
  };

  const readStream = async (stream: string, options: ReadStreamOptions = {}): Promise<E.Either<ReadError, readonly RecordedEvent[]>> => {
    if (closed) return closedFailure('readStream');
    const checked = checkReadStreamOptions(stream, options);
    if (E.isLeft(checked)) return checked;
    try {
      return decodeEventRows(sql.readStream.all(stream, checked.right.fromVersion, checked.right.maxCount ?? NO_LIMIT) as EventRow[]);
    } catch (error) {
      return E.left(sqliteFailure('readStream', error));
    }
  };

  const readAll = async (options: ReadAllOptions = {}, operation = 'readAll'): Promise<E.Either<ReadError, readonly RecordedEvent[]>> => {
    if (closed) return closedFailure(operation);
    const checked = checkReadAllOptions(options);
    if (E.isLeft(checked)) return checked;
    const { after, shopId } = checked.right;
    const limit = checked.right.maxCount ?? NO_LIMIT;
    try {
      const rows = shopId === undefined ? sql.readAll.all(after, limit) : sql.readAllOfShop.all(shopId, after, limit);
      return decodeEventRows(rows as EventRow[]);
    } catch (error) {
      return E.left(sqliteFailure(operation, error));
    }
  };

  const streamVersion = async (stream: string): Promise<E.Either<StoreFailure, number>> => {
    if (closed) return closedFailure('streamVersion');
    if (typeof stream !== 'string') return E.left(storeFailure('streamVersion', 'stream must be a string'));
    try {
      return E.right(currentVersion(stream));
    } catch (error) {
      return E.left(sqliteFailure('streamVersion', error));
    }
  };

  /** Snapshots and projection states, checked first (savedState.ts): one upsert each. */
  const saveState = <A>(
    operation: string,
    key: string,
    checked: E.Either<StoreFailure, A>,
    row: (record: A) => readonly [number, number, unknown],
    statement: typeof sql.saveSnapshot,
  ): E.Either<StoreFailure, void> => {
    if (closed) return closedFailure(operation);
    if (typeof key !== 'string') return E.left(storeFailure(operation, 'the name must be a string'));
    if (E.isLeft(checked)) return checked;
    const [at, schemaVersion, state] = row(checked.right);
    try {
      statement.run(key, at, schemaVersion, JSON.stringify(state));
      return E.right(undefined);
    } catch (error) {
      return E.left(sqliteFailure(operation, error));
    }
  };

  const loadState = <A>(
    operation: string,
    key: string,
    statement: typeof sql.loadSnapshot,
    decode: (key: string, row: StateRow) => E.Either<ReadError, A>,
  ): E.Either<ReadError, A | undefined> => {
    if (closed) return closedFailure(operation);
    try {
      const row = statement.get(key) as StateRow | undefined;
      return row === undefined ? E.right(undefined) : decode(key, row);
    } catch (error) {
      return E.left(sqliteFailure(operation, error));
    }
  };

  const store: SqliteEventStore = {
    kind: 'sqlite',
    database: db,
    append,
    readStream,
    readAll: (options) => readAll(options),
    streamVersion,
    subscribe: (options) =>
      startPollingSubscription({ readAll: (o) => readAll(o, 'subscribe'), waitForEvents: watcher.waitForEvents }, options),
    saveSnapshot: async (stream: string, snapshot: Snapshot) =>
      saveState('saveSnapshot', stream, checkSnapshot('saveSnapshot', snapshot), (s) => [s.version, s.schemaVersion, s.state], sql.saveSnapshot),
    loadSnapshot: async (stream: string) => loadState('loadSnapshot', stream, sql.loadSnapshot, decodeSnapshotRow),
    saveProjection: async (name: string, checkpoint: ProjectionCheckpoint) =>
      saveState(
        'saveProjection',
        name,
        checkCheckpoint('saveProjection', checkpoint),
        (c) => [c.position, c.schemaVersion, c.state],
        sql.saveProjection,
      ),
    loadProjection: async (name: string) => loadState('loadProjection', name, sql.loadProjection, decodeProjectionRow),
    close: async () => {
      if (closed) return;
      closed = true;
      watcher.close();
      if (!owned) return;
      try {
        db.close();
      } catch {
        // Nothing to release that closing did not already release.
      }
    },
  };
  registerInternals(store, {
    isClosed: () => closed,
    waitForEvents: watcher.waitForEvents,
    projectionPosition: (name) => sql.projectionPosition.get(name) ?? 0,
    saveProjectionPosition: (name, position) => {
      sql.saveProjection.run(name, position, 1, 'null');
    },
  });
  return store;
};
