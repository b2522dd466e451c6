/**
 * Tenant isolation across servers (two clusters of the suite's own): a shop's events
 * are on its server only, its readers (readAll and subscribe with shopId) see no
 * other shop's, and a stream of shop A is never answered from B's server, even
 * where B's server has a stream of that name. Checkpoints go to the followed server.
 */
import { expect, it } from 'vitest';
import { createPostgresEventStore } from '../../../src/adapters/postgres/index.js';
import { createPostgresShopMap, createShardedEventStore } from '../../../src/adapters/sharded/index.js';
import { collector, events, readEverything, right } from '../../conformance/fixtures.js';
import { freshSchema } from '../postgres/pgTestSupport.js';
import { describeTwoClusters, shardedOverPg } from './shardedPgSupport.js';

const A = 'acme-eu';
const B = 'bolt.cn_1';

describeTwoClusters('sharded store: shops isolated across servers', (clusters) => {
  it("keeps each shop's events on its server, and its readers see no other shop's", async () => {
    const { a, b } = clusters();
    const { store, servers } = await shardedOverPg(a.url, b.url);
    try {
      const map = createPostgresShopMap({ connectionString: a.url, schema: servers.a.schema });
      right(await map.assign(A, 'a'));
      right(await map.assign(B, 'b'));
      await map.close();
      const gotB = collector();
      const sub = store.subscribe({ shopId: B, handler: gotB.handler });
      for (let i = 0; i < 3; i++) {
        right(await store.append(`routing-${A}`, events(2, A), i * 2));
        right(await store.append(`routing-${B}`, events(1, B), i));
        right(await store.append(`ticket-settings-${B}`, events(1, B), i));
      }
      await gotB.until(6);
      await sub.stop();
      expect(gotB.seen.every((e) => e.metadata.shopId === B)).toBe(true);
      expect((await readEverything(store, A)).map((e) => e.metadata.shopId)).toEqual(Array(6).fill(A));
      expect((await readEverything(store, B)).map((e) => e.stream)).toEqual(Array(3).fill([`routing-${B}`, `ticket-settings-${B}`]).flat());
      // On the servers themselves, counted in SQL: nothing of A on b, nothing of B on a.
      const count = async (cluster: typeof a, schema: string, shop: string) =>
        Number((await cluster.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".events WHERE shop_id = $1`, [shop]))[0]!.n);
      expect([await count(a, servers.a.schema, A), await count(a, servers.a.schema, B)]).toEqual([6, 0]);
      expect([await count(b, servers.b.schema, A), await count(b, servers.b.schema, B)]).toEqual([0, 6]);
    } finally {
      await store.close();
    }
  });

  it("never answers a stream of shop A from B's server, in a process that has not seen the stream", async () => {
    const { a, b } = clusters();
    const { store, servers } = await shardedOverPg(a.url, b.url);
    try {
      const map = createPostgresShopMap({ connectionString: a.url, schema: servers.a.schema });
      right(await map.assign(A, 'a'));
      right(await store.append(`routing-${A}`, events(2, A), 'no_stream'));
      // A stream of the same name on b, written there directly (a stray copy).
      right(await servers.b.append(`routing-${A}`, events(7, A), 'no_stream'));
      const otherProcess = createShardedEventStore({
        servers: {
          a: createPostgresEventStore({ connectionString: a.url, schema: servers.a.schema, maxConnections: 2 }),
          b: createPostgresEventStore({ connectionString: b.url, schema: servers.b.schema, maxConnections: 2 }),
        },
        shopMap: map,
        follow: 'a',
      });
      expect(right(await otherProcess.streamVersion(`routing-${A}`))).toBe(2);
      expect(right(await otherProcess.readStream(`routing-${A}`))).toHaveLength(2);
      await otherProcess.close();
      await map.close();
    } finally {
      await store.close();
    }
  });

  it("keeps projection checkpoints on the followed server's store", async () => {
    const { a, b } = clusters();
    const { store, servers } = await shardedOverPg(a.url, b.url);
    try {
      expect(typeof store.saveProjection).toBe('function');
      right(await store.saveProjection!('reactor', { position: 12, schemaVersion: 1, state: { n: 1 } }));
      expect(right(await servers.a.loadProjection('reactor'))).toEqual({ position: 12, schemaVersion: 1, state: { n: 1 } });
      expect(right(await store.loadProjection!('reactor'))).toEqual({ position: 12, schemaVersion: 1, state: { n: 1 } });
      // A store following nothing keeps none.
      const unusedMap = createPostgresShopMap({ connectionString: a.url, schema: freshSchema('m') });
      const unfollowed = createShardedEventStore({ servers: { a: servers.a, b: servers.b }, shopMap: unusedMap });
      expect(unfollowed.saveProjection).toBeUndefined();
      await unusedMap.close();
    } finally {
      await store.close();
    }
  });
});
