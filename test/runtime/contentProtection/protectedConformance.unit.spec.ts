/** S16: a protected in-memory store still passes the event store suite, with the fixtures' fields sealed. */
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../../src/adapters/memory/inMemoryEventStore.js';
import { createInMemoryKeyStore } from '../../../src/adapters/memory/inMemoryKeyStore.js';
import { baseStoreOf } from '../../../src/adapters/storeLayers.js';
import { eventStoreConformance } from '../../conformance/eventStore.conformance.js';
import { events, right, uniqueStream } from '../../conformance/fixtures.js';
import { protectFixtures } from './sealedFixtures.js';

eventStoreConformance({ name: 'protected in-memory', create: async () => protectFixtures(createInMemoryEventStore(), createInMemoryKeyStore()) });

describe('protected in-memory store', () => {
  it('S16: stores the declared fields sealed and hands them back opened', async () => {
    const store = protectFixtures(createInMemoryEventStore(), createInMemoryKeyStore());
    const stream = uniqueStream();
    right(await store.append(stream, events(2), 'no_stream'));
    const raw = right(await baseStoreOf(store).readStream(stream));
    expect(raw.map((e) => (e.data as { i: unknown }).i)).toEqual([
      expect.objectContaining({ 'kefu:sealed': 1, s: 'session:fixtures', g: 1 }),
      expect.objectContaining({ 'kefu:sealed': 1, s: 'session:fixtures', g: 1 }),
    ]);
    expect(right(await store.readStream(stream)).map((e) => e.data)).toEqual([{ i: 0 }, { i: 1 }]);
  });
});
