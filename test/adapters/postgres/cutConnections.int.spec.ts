/**
 * Connections cut in the middle of a call, through a proxy the test controls
 * (cuttingProxy.ts). pg's Client emits 'error' when its socket dies; a client
 * checked out of a pool has no listener of the pool's on it, so without one of the
 * store's own the event killed the Node process (an uncaught 'error') instead of
 * the call answering a StoreFailure. Each case holds a lock the call needs from
 * another connection, so the call is known to be waiting on the server when the
 * cut comes, then checks: no uncaught exception, a Left StoreFailure, and a store
 * that works again once the server can be reached again.
 */
import type { Pool } from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MIGRATION_LOCK_CLASS, schemaLockKey } from '../../../src/adapters/postgres/lockKeys.js';
import { runPostgresProjection, type PostgresEventStore } from '../../../src/adapters/postgres/index.js';
import { events, left, right, uniqueStream } from '../../conformance/fixtures.js';
import { fixtureRegistry } from '../../conformance/fixtureRegistry.js';
import { startCuttingProxy, type CuttingProxy } from './cuttingProxy.js';
import { describePg, pgUrl, rawPool, schemaPerStore } from './pgTestSupport.js';
import { holdLock, waitUntilBlocked } from './serverLocks.js';

describePg('postgres with connections cut mid-call', () => {
  const stores = schemaPerStore();
  let proxy: CuttingProxy;
  let admin: Pool;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => void uncaught.push(error);

  beforeEach(async () => {
    uncaught.length = 0;
    process.on('uncaughtException', onUncaught);
    proxy = await startCuttingProxy(pgUrl!);
    admin = rawPool(2);
  });
  afterEach(async () => {
    process.off('uncaughtException', onUncaught);
    await proxy.close();
    await admin.end();
  });

  const storeThroughProxy = (application: string, schema?: string): PostgresEventStore =>
    stores.store({ connectionString: proxy.url, notify: false, applicationName: application, ...(schema === undefined ? {} : { schema }) });

  it('answers a StoreFailure for an append whose connection is cut, and appends again once the server is back', async () => {
    const store = storeThroughProxy('kefu-cut-append');
    try {
      right(await store.ready());
      const stream = uniqueStream();
      // append_event takes this lock on the stream first: the append waits on it, on the server.
      const lock = await holdLock(admin, 'hashtextextended($1, $2)', [stream, schemaLockKey(store.schema)]);
      const pending = store.append(stream, events(1), 'any');
      await waitUntilBlocked(admin, 'kefu-cut-append');
      proxy.refuse();
      proxy.cut();
      expect(left(await pending)).toMatchObject({ _tag: 'StoreFailure', operation: 'append' });
      // The server is unreachable: a failure as a value too, not a throw.
      expect(left(await store.append(stream, events(1), 'any'))).toMatchObject({ _tag: 'StoreFailure' });
      await lock.release();

      proxy.accept();
      // The cut append's outcome is unknown to the client (the server may still commit it once the lock is free).
      const again = right(await store.append(stream, events(1), 'any'));
      expect(right(await store.readStream(stream)).at(-1)).toEqual(again.events[0]);
      expect(uncaught).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('ends a read model run with a StoreFailure when its batch transaction is cut, and a restart applies the batch once', async () => {
    const store = storeThroughProxy('kefu-cut-projection');
    try {
      right(await store.ready());
      const stored = right(await store.append(uniqueStream(), events(3), 'no_stream'));
      const applied: number[] = [];
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      let letGo!: () => void;
      const gate = new Promise<void>((resolve) => (letGo = resolve));
      const cutRun = runPostgresProjection({
        store,
        registry: fixtureRegistry(),
        name: 'cut',
        handle: async () => {
          // The batch transaction is open (checkpoint row locked) while this waits.
          entered();
          await gate;
        },
      });
      await inside;
      proxy.refuse();
      proxy.cut();
      letGo();
      expect(left(await cutRun.done)).toMatchObject({ _tag: 'StoreFailure', operation: 'projection cut' });
      expect(cutRun.position()).toBe(0);

      proxy.accept();
      const restarted = runPostgresProjection({
        store,
        registry: fixtureRegistry(),
        name: 'cut',
        handle: async (_client, batch) => void applied.push(...batch.map((e) => e.globalPosition)),
      });
      right(await restarted.waitFor(stored.lastPosition));
      await restarted.stop();
      // The cut batch was rolled back with its checkpoint: the restart applies all of it, once.
      expect(applied).toEqual(stored.events.map((e) => e.globalPosition));
      expect(uncaught).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('answers a StoreFailure when the migrations\' connection is cut, and migrates once the server is back', async () => {
    const schema = stores.schema('cutmig');
    const store = storeThroughProxy('kefu-cut-migrate', schema);
    try {
      // migrate takes this lock first, inside its transaction: it waits on it, on the server.
      const lock = await holdLock(admin, '$1, $2', [MIGRATION_LOCK_CLASS, schemaLockKey(schema)]);
      const pending = store.ready();
      await waitUntilBlocked(admin, 'kefu-cut-migrate');
      proxy.refuse();
      proxy.cut();
      expect(left(await pending)).toMatchObject({ _tag: 'StoreFailure' });
      await lock.release();

      proxy.accept();
      right(await store.ready());
      const stream = uniqueStream();
      right(await store.append(stream, events(2), 'no_stream'));
      expect(right(await store.streamVersion(stream))).toBe(2);
      expect(uncaught).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
