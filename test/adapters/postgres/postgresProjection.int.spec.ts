/**
 * What runPostgresProjection does beyond the SQL read-model conformance suite
 * (sqlReadModel.int.spec.ts): handlers that break the batch transaction.
 */
import { expect, it } from 'vitest';
import { runPostgresProjection } from '../../../src/adapters/postgres/index.js';
import { events, left, right } from '../../conformance/fixtures.js';
import { fixtureRegistry } from '../../conformance/fixtureRegistry.js';
import { describePg, schemaPerStore } from './pgTestSupport.js';

describePg('postgres read models (runPostgresProjection)', () => {
  const stores = schemaPerStore();

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
        registry: fixtureRegistry(),
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
});
