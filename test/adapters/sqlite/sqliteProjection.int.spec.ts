/**
 * What runSqliteProjection does beyond the SQL read-model conformance suite
 * (sqlReadModel.int.spec.ts): a handler that is not synchronous, and stores it
 * cannot run on.
 */
import type Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../../src/adapters/memory/inMemoryEventStore.js';
import { createSqliteEventStore, runSqliteProjection, type SqliteEventStore } from '../../../src/adapters/sqlite/index.js';
import type { ProjectedEvent } from '../../../src/projections/projection.js';
import { events, left, right, uniqueStream } from '../../conformance/fixtures.js';
import { fixtureRegistry } from '../../conformance/fixtureRegistry.js';
import { tempFolder } from './tempFiles.js';

const files = tempFolder();
afterAll(files.remove);

const registry = fixtureRegistry();
const checkpointOf = (store: SqliteEventStore, name: string) =>
  store.database.prepare('SELECT position FROM kefu_projections WHERE name = ?').pluck().get(name) as number | undefined;

const newStore = () => createSqliteEventStore({ filename: files.file(), pollIntervalMs: 10 });

describe('runSqliteProjection specifics', () => {
  it('refuses an asynchronous handler (its writes could not be in the transaction), rolling back', async () => {
    const store = newStore();
    store.database.exec('CREATE TABLE applied (position INTEGER NOT NULL)');
    right(await store.append(uniqueStream(), events(2), 'no_stream'));
    const running = runSqliteProjection({
      store,
      registry,
      name: 'async',
      handle: ((db: Database.Database, batch: readonly ProjectedEvent[]) => {
        for (const e of batch) db.prepare('INSERT INTO applied VALUES (?)').run(e.globalPosition);
        return Promise.resolve();
      }) as never,
    });
    expect(left(await running.done)).toMatchObject({ _tag: 'StoreFailure', message: /handle must be synchronous/ });
    expect(store.database.prepare('SELECT count(*) FROM applied').pluck().get()).toBe(0);
    expect(checkpointOf(store, 'async')).toBeUndefined();
    await store.close();
  });

  it('ends with a StoreFailure on a store that is not SQLite, or is closed', async () => {
    const notSqlite = runSqliteProjection({ store: createInMemoryEventStore() as never, registry, name: 'x', handle: () => undefined });
    expect(left(await notSqlite.done)).toMatchObject({ _tag: 'StoreFailure', message: 'the store is not a SQLite store' });
    const store = newStore();
    await store.close();
    const closed = runSqliteProjection({ store, registry, name: 'x', handle: () => undefined });
    expect(left(await closed.done)).toMatchObject({ _tag: 'StoreFailure', message: 'the store is closed' });
  });
});
