import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../src/adapters/memory/inMemoryEventStore.js';
import { eventStoreConformance } from '../conformance/eventStore.conformance.js';
import { event, right, uniqueStream } from '../conformance/fixtures.js';

eventStoreConformance({ name: 'in-memory', create: async () => createInMemoryEventStore() });

describe('in-memory store specifics', () => {
  it('keeps its copy of the log when the caller later changes what it appended', async () => {
    const store = createInMemoryEventStore();
    const stream = uniqueStream();
    const mine = event('Changed', { list: [1, 2] });
    right(await store.append(stream, [mine], 'no_stream'));
    (mine.data as { list: number[] }).list.push(3);
    const [stored] = right(await store.readStream(stream));
    expect(stored!.data).toEqual({ list: [1, 2] });
    expect(() => (stored!.data as { list: number[] }).list.push(4)).toThrow(TypeError);
  });
});
