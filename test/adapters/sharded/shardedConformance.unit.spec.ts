/**
 * The event store conformance suite, unchanged, over a sharded store of two
 * in-memory stores and the in-memory map. The suite's default shop is placed on the
 * followed server, so its whole-log tests read the server holding their events;
 * the shops of uniqueShop() spread by hash.
 */
import { describe } from 'vitest';
import { createInMemoryEventStore } from '../../../src/adapters/memory/inMemoryEventStore.js';
import { createInMemoryShopMap } from '../../../src/adapters/sharded/index.js';
import { eventStoreConformance } from '../../conformance/eventStore.conformance.js';
import { ownedSharded, skipCrossServerOrderTests, SUITE_SHOP } from './shardedSupport.js';

describe('sharded store (2 x memory) conformance', () => {
  skipCrossServerOrderTests();
  eventStoreConformance({
    name: 'sharded memory x2',
    create: async () =>
      ownedSharded({ a: createInMemoryEventStore(), b: createInMemoryEventStore() }, createInMemoryShopMap({ [SUITE_SHOP]: 'a' }), { follow: 'a' }),
  });
});
