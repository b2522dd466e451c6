/** Read models as SQL tables in the store's file, saved in one transaction with their checkpoint. */
import type Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../../src/adapters/memory/inMemoryEventStore.js';
import { createSqliteEventStore, runSqliteProjection, type SqliteEventStore } from '../../../src/adapters/sqlite/index.js';
import type { RecordedEvent } from '../../../src/domain/envelope.js';
import { events, left, right, uniqueStream } from '../../conformance/fixtures.js';
import { tempFolder } from './tempFiles.js';

const files = tempFolder();
afterAll(files.remove);

/** A read model: one row per event applied (duplicates would show). */
const appliedRows = (db: Database.Database) => {
  db.exec('CREATE TABLE IF NOT EXISTS applied (position INTEGER NOT NULL, stream TEXT NOT NULL)');
  return {
    // Writes through the connection it is handed: the one whose transaction holds the checkpoint.
    handle: (into: Database.Database, batch: readonly RecordedEvent[]) => {
      const insert = into.prepare('INSERT INTO applied (position, stream) VALUES (?, ?)');
      for (const e of batch) insert.run(e.globalPosition, e.stream);
    },
    positions: () => db.prepare('SELECT position FROM applied ORDER BY rowid').pluck().all() as number[],
  };
};

const checkpointOf = (store: SqliteEventStore, name: string) =>
  store.database.prepare('SELECT position FROM kefu_projections WHERE name = ?').pluck().get(name) as number | undefined;

const newStore = () => createSqliteEventStore({ filename: files.file(), pollIntervalMs: 10 });

describe('runSqliteProjection', () => {
  it('applies the log in batches, follows live appends and saves its checkpoint with each batch', async () => {
    const store = newStore();
    const model = appliedRows(store.database);
    right(await store.append(uniqueStream(), events(5), 'no_stream'));
    const running = runSqliteProjection({ store, name: 'applied', batchSize: 2, handle: model.handle });
    right(await running.waitFor(5));
    expect(model.positions()).toEqual([1, 2, 3, 4, 5]);
    expect(checkpointOf(store, 'applied')).toBe(5);
    const live = right(await store.append(uniqueStream(), events(3), 'no_stream'));
    right(await running.waitFor(live.lastPosition));
    expect(model.positions()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    await running.stop();
    expect(right(await running.done)).toBeUndefined();
    expect(left(await running.waitFor(100))).toMatchObject({ _tag: 'StoreFailure', message: 'stopped at position 8, before 100' });
    expect(right(await store.loadProjection('applied'))).toEqual({ position: 8, schemaVersion: 1, state: null });
    await store.close();
  });

  it('rolls back both the read model and the checkpoint when the handler throws, and resumes from the checkpoint', async () => {
    const store = newStore();
    const model = appliedRows(store.database);
    right(await store.append(uniqueStream(), events(5), 'no_stream'));
    const failing = runSqliteProjection({
      store,
      name: 'applied',
      batchSize: 2,
      handle: (db, batch) => {
        model.handle(db, batch); // written, then undone by the rollback
        if (batch.some((e) => e.globalPosition === 4)) throw new Error('read model bug');
      },
    });
    const outcome = left(await failing.done);
    expect(outcome).toMatchObject({ _tag: 'StoreFailure', operation: 'sqlite projection applied at position 3', message: 'read model bug' });
    expect(model.positions()).toEqual([1, 2]);
    expect(checkpointOf(store, 'applied')).toBe(2);
    expect(failing.position()).toBe(2);
    expect(left(await failing.waitFor(5))).toMatchObject({ message: 'read model bug' });

    const fixed = runSqliteProjection({ store, name: 'applied', batchSize: 2, handle: model.handle });
    right(await fixed.waitFor(5));
    await fixed.stop();
    expect(model.positions()).toEqual([1, 2, 3, 4, 5]);
    await store.close();
  });

  it('refuses an asynchronous handler (its writes could not be in the transaction), rolling back', async () => {
    const store = newStore();
    const model = appliedRows(store.database);
    right(await store.append(uniqueStream(), events(2), 'no_stream'));
    const running = runSqliteProjection({
      store,
      name: 'async',
      handle: ((db: Database.Database, batch: readonly RecordedEvent[]) => {
        model.handle(db, batch);
        return Promise.resolve();
      }) as never,
    });
    expect(left(await running.done)).toMatchObject({ _tag: 'StoreFailure', message: /handle must be synchronous/ });
    expect(model.positions()).toEqual([]);
    expect(checkpointOf(store, 'async')).toBeUndefined();
    await store.close();
  });

  it('applies each event once when two runners (two connections) race on one projection', async () => {
    const filename = files.file();
    const one = createSqliteEventStore({ filename, pollIntervalMs: 10 });
    const two = createSqliteEventStore({ filename, pollIntervalMs: 10 });
    const model = appliedRows(one.database);
    right(await one.append(uniqueStream(), events(7), 'no_stream'));
    // Both start from checkpoint 0 and read the same first page before either commits.
    const a = runSqliteProjection({ store: one, name: 'shared', batchSize: 3, handle: model.handle });
    const b = runSqliteProjection({ store: two, name: 'shared', batchSize: 3, handle: model.handle });
    (await Promise.all([a.waitFor(7), b.waitFor(7)])).map(right);
    const more = right(await two.append(uniqueStream(), events(4), 'no_stream'));
    (await Promise.all([a.waitFor(more.lastPosition), b.waitFor(more.lastPosition)])).map(right);
    await Promise.all([a.stop(), b.stop()]);
    expect(model.positions()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    await Promise.all([one.close(), two.close()]);
  });

  it('follows one shop when asked', async () => {
    const store = newStore();
    const model = appliedRows(store.database);
    right(await store.append(uniqueStream(), events(2, 'shop-a'), 'no_stream'));
    right(await store.append(uniqueStream(), events(2, 'shop-b'), 'no_stream'));
    const running = runSqliteProjection({ store, name: 'b-only', shopId: 'shop-b', handle: model.handle });
    right(await running.waitFor(4));
    await running.stop();
    expect(model.positions()).toEqual([3, 4]);
    await store.close();
  });

  it('ends with a StoreFailure on a store that is not SQLite, or is closed, or a bad batch size', async () => {
    const notSqlite = runSqliteProjection({ store: createInMemoryEventStore() as never, name: 'x', handle: () => undefined });
    expect(left(await notSqlite.done)).toMatchObject({ message: 'the store is not a SQLite store' });
    const store = newStore();
    const badBatch = runSqliteProjection({ store, name: 'x', batchSize: 0, handle: () => undefined });
    expect(left(await badBatch.done)).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'batchSize' }] });
    await store.close();
    const closed = runSqliteProjection({ store, name: 'x', handle: () => undefined });
    expect(E.isLeft(await closed.done)).toBe(true);
  });
});
