/**
 * The event store conformance suite, unchanged, over a sharded store of two
 * PostgreSQL stores: two schemas on the shared server (KEFU_PG_URL), the map table in
 * the first. The suite's default shop is on the followed server, so its whole-log
 * tests read the server holding their events; its uniqueShop() shops spread by hash.
 */
import { eventStoreConformance } from '../../conformance/eventStore.conformance.js';
import type { EventStore } from '../../../src/adapters/eventStore.js';
import { describePg, pgUrl, rawPool, schemaPerStore } from '../postgres/pgTestSupport.js';
import { corruptRowSql, shardedOverPg } from './shardedPgSupport.js';
import { skipCrossServerOrderTests } from './shardedSupport.js';

describePg('sharded store (2 schemas on one server) conformance', () => {
  const schemas = schemaPerStore();
  const schemaOfA = new WeakMap<EventStore, string>();
  skipCrossServerOrderTests();
  eventStoreConformance({
    name: 'sharded postgres schemas x2',
    create: async () => {
      const { store, servers } = await shardedOverPg(pgUrl!, pgUrl!, { schemas: (prefix) => schemas.schema(prefix) });
      schemaOfA.set(store, servers.a.schema);
      return store;
    },
    // The suite's streams are of shop-1, on server a.
    insertCorruptEvent: async (store, stream) => {
      const pool = rawPool(1);
      try {
        await pool.query(corruptRowSql(schemaOfA.get(store)!), [stream]);
      } finally {
        await pool.end();
      }
    },
    propertyRuns: 15,
  });
});
