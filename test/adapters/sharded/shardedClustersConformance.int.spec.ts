/**
 * The event store conformance suite, unchanged, over a sharded store of two
 * PostgreSQL clusters of its own (sh-a, sh-b), the map table on the first. The
 * suite's default shop is on the followed server (a); uniqueShop() shops spread by hash.
 */
import pg from 'pg';
import type { EventStore } from '../../../src/adapters/eventStore.js';
import { eventStoreConformance } from '../../conformance/eventStore.conformance.js';
import { corruptRowSql, describeTwoClusters, shardedOverPg } from './shardedPgSupport.js';
import { skipCrossServerOrderTests } from './shardedSupport.js';

describeTwoClusters('sharded store (2 clusters) conformance', (clusters) => {
  const schemaOfA = new WeakMap<EventStore, string>();
  skipCrossServerOrderTests();
  eventStoreConformance({
    name: 'sharded postgres clusters x2',
    create: async () => {
      const { a, b } = clusters();
      const { store, servers } = await shardedOverPg(a.url, b.url);
      schemaOfA.set(store, servers.a.schema);
      return store;
    },
    insertCorruptEvent: async (store, stream) => {
      const pool = new pg.Pool({ connectionString: clusters().a.url, max: 1 });
      try {
        await pool.query(corruptRowSql(schemaOfA.get(store)!), [stream]);
      } finally {
        await pool.end();
      }
    },
    propertyRuns: 15,
  });
});
