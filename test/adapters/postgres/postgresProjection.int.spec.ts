/**
 * runPostgresProjection: read models kept as tables, each batch applied and the
 * checkpoint moved in one transaction.
 */
import type { PoolClient } from 'pg';
import { expect, it } from 'vitest';
import { runPostgresProjection } from '../../../src/adapters/postgres/index.js';
import type { RecordedEvent } from '../../../src/domain/envelope.js';
import { events, left, right, uniqueShop } from '../../conformance/fixtures.js';
import { applyTotals, createTotalsTable, readTotals } from './children/totalsProjection.js';
import { describePg, rawPool, schemaPerStore } from './pgTestSupport.js';
import { callCounter } from './signals.js';

describePg('postgres read models (runPostgresProjection)', () => {
  const stores = schemaPerStore();

  it('follows the log in batches, live, and resumes from its checkpoint', async () => {
    const store = stores.store();
    right(await store.ready());
    const admin = rawPool(1);
    try {
      await createTotalsTable(admin, store.schema, 'totals');
      const stored = right(await store.append('a', events(5), 'no_stream'));
      const batches = callCounter<number>();
      const handle = applyTotals(store.schema, 'totals');
      const first = runPostgresProjection({
        store,
        name: 'totals',
        batchSize: 2,
        handle: async (client, batch) => {
          await handle(client, batch);
          batches.hit(batch.length);
        },
      });
      await first.waitFor(stored.lastPosition);
      expect(batches.calls).toEqual([2, 2, 1]);
      const live = right(await store.append('b', events(3), 'no_stream'));
      await first.waitFor(live.lastPosition);
      await first.stop();
      expect(right(await first.done)).toBeUndefined();
      expect(right(await store.loadProjection('totals'))?.position).toBe(live.lastPosition);

      const more = right(await store.append('a', events(2), 5));
      const seen: number[] = [];
      const second = runPostgresProjection({
        store,
        name: 'totals',
        handle: async (client, batch) => {
          seen.push(...batch.map((e) => e.globalPosition));
          await handle(client, batch);
        },
      });
      await second.waitFor(more.lastPosition);
      await second.stop();
      expect(seen).toEqual(more.events.map((e) => e.globalPosition));
      expect(await readTotals(admin, store.schema, 'totals')).toEqual([
        { stream: 'a', events: 7, version_sum: 28, last_version: 7 },
        { stream: 'b', events: 3, version_sum: 6, last_version: 3 },
      ]);
    } finally {
      await admin.end();
      await store.close();
    }
  });

  it('rolls back the read model and the checkpoint together when the handler fails', async () => {
    const store = stores.store();
    right(await store.ready());
    const admin = rawPool(1);
    try {
      await createTotalsTable(admin, store.schema, 'totals');
      const appended = right(await store.append('a', events(6), 'no_stream'));
      const handle = applyTotals(store.schema, 'totals');
      const failing = runPostgresProjection({
        store,
        name: 'totals',
        batchSize: 3,
        handle: async (client: PoolClient, batch: readonly RecordedEvent[]) => {
          // The second batch writes to the read model, then fails.
          await handle(client, batch);
          if (batch[0]!.streamVersion === 4) throw new Error('read model bug');
        },
      });
      const failure = left(await failing.done);
      expect(failure).toMatchObject({ _tag: 'StoreFailure', operation: 'projection totals', message: 'read model bug' });
      const afterFirstBatch = appended.events[2]!.globalPosition;
      expect(failing.position()).toBe(afterFirstBatch);
      expect(right(await store.loadProjection('totals'))?.position).toBe(afterFirstBatch);
      expect(await readTotals(admin, store.schema, 'totals')).toEqual([{ stream: 'a', events: 3, version_sum: 6, last_version: 3 }]);
    } finally {
      await admin.end();
      await store.close();
    }
  });

  it.each([
    ['swallows the error of a failed statement', 'SELECT 1 / 0'],
    ['ends the transaction itself', 'COMMIT'],
  ])('stops, moving no checkpoint, when a handler %s', async (_case, sql) => {
    const store = stores.store();
    right(await store.ready());
    try {
      right(await store.append('a', events(2), 'no_stream'));
      const running = runPostgresProjection({
        store,
        name: 'misbehaving',
        handle: async (client) => {
          await client.query(sql).catch(() => undefined);
        },
      });
      expect(left(await running.done)).toMatchObject({ _tag: 'StoreFailure', message: expect.stringMatching(/no longer open|transaction is aborted/) });
      expect(running.position()).toBe(0);
      expect(right(await store.loadProjection('misbehaving'))?.position ?? 0).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('lets two runners of one projection take turns without applying an event twice', async () => {
    const schema = stores.schema('turns');
    const one = stores.store({ schema });
    const two = stores.store({ schema });
    right(await one.ready());
    const admin = rawPool(1);
    try {
      await createTotalsTable(admin, schema, 'totals');
      const shop = uniqueShop();
      for (let i = 0; i < 10; i++) right(await one.append(`s-${i % 3}`, events(4, shop), 'any'));
      const head = right(await one.readAll()).at(-1)!.globalPosition;
      const handle = applyTotals(schema, 'totals');
      const runners = [one, two].map((store) => runPostgresProjection({ store, name: 'totals', batchSize: 5, handle }));
      await Promise.all(runners.map((r) => r.waitFor(head)));
      await Promise.all(runners.map((r) => r.stop()));
      const totals = await readTotals(admin, schema, 'totals');
      expect(totals.reduce((n, row) => n + row.events, 0)).toBe(40);
      expect(totals.map((row) => row.last_version)).toEqual([16, 12, 12]);
    } finally {
      await admin.end();
      await one.close();
      await two.close();
    }
  });

  it('follows one shop only when asked', async () => {
    const store = stores.store();
    right(await store.ready());
    try {
      const mine = uniqueShop();
      right(await store.append('other', events(3, uniqueShop()), 'no_stream'));
      const last = right(await store.append('mine', events(2, mine), 'no_stream'));
      const seen: string[] = [];
      const running = runPostgresProjection({
        store,
        name: 'mine',
        shopId: mine,
        handle: async (_client, batch) => {
          seen.push(...batch.map((e) => e.metadata.shopId));
        },
      });
      await running.waitFor(last.lastPosition);
      await running.stop();
      expect(seen).toEqual([mine, mine]);
    } finally {
      await store.close();
    }
  });
});
