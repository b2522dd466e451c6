import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/adapters/eventStore.js';
import { createInMemoryEventStore } from '../../src/adapters/memory/inMemoryEventStore.js';
import { createEngine } from '../../src/engine.js';
import { virtualClock } from '../../src/runtime/virtualClock.js';
import { seededRandom } from '../../src/runtime/seededRandom.js';
import { counterModule, type CounterState } from '../../src/testing/counterModule.js';
import { left, metadata, right } from '../conformance/fixtures.js';

const increment = (by = 1, extra: Record<string, unknown> = {}) => ({
  type: 'Increment',
  shopId: 'shop-1',
  actor: { kind: 'agent', id: 'agent-1' },
  data: { counterId: 'c1', by },
  ...extra,
});
const reset = { type: 'Reset', shopId: 'shop-1', actor: { kind: 'system' }, data: { counterId: 'c1' } };
const STREAM = 'counter-shop-1-c1';

const engineOver = (store: EventStore, options: { seed?: number; maxAttempts?: number } = {}) =>
  createEngine({
    store,
    modules: [counterModule],
    clock: virtualClock(1_000_000),
    random: seededRandom(options.seed ?? 1),
    retry: { maxAttempts: options.maxAttempts ?? 5, baseDelayMs: 1, maxDelayMs: 4 },
    sleep: async () => undefined,
  });

const valueOf = async (engine: ReturnType<typeof engineOver>) =>
  (right(await engine.load(counterModule, STREAM)).state as CounterState).value;

/**
 * A store wrapper that makes the race happen: before the wrapped append runs, a
 * competitor appends to the same stream, so the handler's expected version is stale.
 */
const racingStore = (inner: EventStore, races: number): EventStore & { appends: number } => {
  let remaining = races;
  const wrapper = {
    ...inner,
    appends: 0,
    append: async (...args: Parameters<EventStore['append']>) => {
      wrapper.appends++;
      if (remaining > 0) {
        remaining--;
        const current = right(await inner.streamVersion(args[0]));
        right(
          await inner.append(
            args[0],
            [{ type: 'Incremented', schemaVersion: 2, data: { by: 100, total: -1 }, metadata: metadata() }],
            current,
          ),
        );
      }
      return inner.append(...args);
    },
  };
  return wrapper;
};

describe('the command handler', () => {
  it('stamps events with the clock, the actor and the ids of the command', async () => {
    const engine = engineOver(createInMemoryEventStore());
    const result = right(await engine.dispatchUnknown(increment(2, { commandId: 'cmd-77', correlationId: 'req-5' })));
    expect(result.version).toBe(1);
    const [stored] = result.events;
    expect(stored!.metadata).toMatchObject({
      shopId: 'shop-1',
      actor: { kind: 'agent', id: 'agent-1' },
      occurredAt: 1_000_000,
      correlationId: 'req-5',
      causationId: 'cmd-77',
    });
    expect(stored!.data).toEqual({ by: 2, total: 2 });
  });

  it('on a version conflict, catches up, decides again on the fresh state and appends', async () => {
    const store = racingStore(createInMemoryEventStore(), 1);
    const engine = engineOver(store);
    right(await engine.dispatchUnknown(increment(1)));
    const second = right(await engine.dispatchUnknown(increment(5)));
    // The competitor's +100 landed first; the retried decision saw it.
    expect(second.version).toBe(3);
    expect(second.events[0]!.data).toEqual({ by: 5, total: 106 });
    expect(await valueOf(engine)).toBe(106);
    expect(store.appends).toBe(3);
  });

  it('gives up after the configured attempts with the real versions in the conflict', async () => {
    const store = racingStore(createInMemoryEventStore(), 100);
    const engine = engineOver(store, { maxAttempts: 3 });
    const conflict = left(await engine.dispatchUnknown(increment(1)));
    expect(conflict).toEqual({ _tag: 'ConcurrencyConflict', stream: STREAM, expected: 2, actual: 3, attempts: 3 });
    // Only the competitor's events are in the stream: nothing half-written.
    const stored = right(await store.readStream(STREAM));
    expect(stored.every((e) => (e.data as { by: number }).by === 100)).toBe(true);
  });

  it('does not retry when the caller pinned the expected version', async () => {
    const store = racingStore(createInMemoryEventStore(), 1);
    const engine = engineOver(store);
    const conflict = left(await engine.dispatchUnknown(increment(1, { expectedVersion: 0 })));
    expect(conflict).toMatchObject({ _tag: 'ConcurrencyConflict', expected: 0, actual: 1, attempts: 1 });
    expect(store.appends).toBe(1);
  });

  it('checks a pinned version against the store, not against its cache', async () => {
    const store = createInMemoryEventStore();
    const a = engineOver(store);
    const b = engineOver(store, { seed: 2 });
    right(await a.dispatchUnknown(increment(1)));
    right(await b.dispatchUnknown(increment(1)));
    // a's cache says version 1; the store is at 2.
    expect(left(await a.dispatchUnknown(increment(1, { expectedVersion: 1 })))).toMatchObject({ expected: 1, actual: 2 });
    expect(right(await a.dispatchUnknown(increment(1, { expectedVersion: 2 }))).version).toBe(3);
    expect(await valueOf(a)).toBe(3);
  });

  it('keeps two engines on one store consistent however their commands interleave', async () => {
    const store = createInMemoryEventStore();
    const a = engineOver(store, { seed: 1, maxAttempts: 50 });
    const b = engineOver(store, { seed: 2, maxAttempts: 50 });
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).dispatchUnknown(increment(1))));
    expect(results.every(E.isRight)).toBe(true);
    expect(await valueOf(a)).toBe(40);
    expect(await valueOf(b)).toBe(40);
    const totals = right(await store.readStream(STREAM)).map((e) => (e.data as { total: number }).total);
    expect(totals).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('confirms a no-op decided on a stale cache against the store before answering', async () => {
    const store = createInMemoryEventStore();
    const a = engineOver(store);
    const b = engineOver(store, { seed: 2 });
    right(await b.dispatchUnknown(reset)); // b caches the empty counter
    right(await a.dispatchUnknown(increment(7)));
    const result = right(await b.dispatchUnknown(reset)); // b's cache says 0: nothing to reset, but the store says 7
    expect(result.events.map((e) => e.type)).toEqual(['WasReset']);
    expect(await valueOf(a)).toBe(0);
  });

  it('returns a domain error as a value and writes nothing', async () => {
    const store = createInMemoryEventStore();
    const engine = engineOver(store);
    right(await engine.dispatchUnknown(increment(3)));
    right(await engine.dispatchUnknown({ ...reset, type: 'Close' }));
    const refusal = left(await engine.dispatchUnknown(increment(1)));
    expect(refusal).toEqual({ _tag: 'DomainError', code: 'counter.closed', message: 'a closed counter cannot change' });
    const invalid = left(await engine.dispatchUnknown(increment(5000)));
    expect(invalid).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'data.by' }] });
    expect(right(await store.streamVersion(STREAM))).toBe(2);
  });
});

describe('loading from a snapshot and the tail after it', () => {
  it('loads the latest snapshot and reads only the events after it', async () => {
    const store = createInMemoryEventStore();
    const writer = engineOver(store);
    for (let i = 0; i < 250; i++) right(await writer.dispatchUnknown(increment(1)));
    const snapshot = right(await store.loadSnapshot(STREAM));
    expect(snapshot).toEqual({ version: 200, schemaVersion: 1, state: { value: 200, increments: 200, closed: false } });

    const reads: number[] = [];
    const observed: EventStore = {
      ...store,
      readStream: (stream, options) => {
        reads.push(options?.fromVersion ?? 1);
        return store.readStream(stream, options);
      },
    };
    const reader = engineOver(observed, { seed: 3 });
    const loaded = right(await reader.load(counterModule, STREAM));
    expect(loaded.version).toBe(250);
    expect(loaded.state).toEqual({ value: 250, increments: 250, closed: false });
    // One read, from the snapshot's own version: it proves the stream has that version, then folds what follows.
    expect(reads).toEqual([200]);
  });

  it('ignores a snapshot it cannot read and folds the whole stream instead', async () => {
    const store = createInMemoryEventStore();
    const writer = engineOver(store);
    for (let i = 0; i < 5; i++) right(await writer.dispatchUnknown(increment(2)));
    right(await store.saveSnapshot(STREAM, { version: 4, schemaVersion: 1, state: { value: 'garbage' } }));
    const reader = engineOver(store, { seed: 4 });
    expect(right(await reader.load(counterModule, STREAM)).state).toEqual({ value: 10, increments: 5, closed: false });
    right(await store.saveSnapshot(STREAM, { version: 4, schemaVersion: 99, state: { value: 1, increments: 1, closed: false } }));
    const another = engineOver(store, { seed: 5 });
    expect(right(await another.load(counterModule, STREAM)).state).toEqual({ value: 10, increments: 5, closed: false });
  });

  it('upcasts old events in the stream while loading', async () => {
    const store = createInMemoryEventStore();
    right(await store.append(STREAM, [{ type: 'Incremented', schemaVersion: 1, data: { by: 4 }, metadata: metadata() }], 'no_stream'));
    const engine = engineOver(store);
    expect(right(await engine.load(counterModule, STREAM)).state).toEqual({ value: 4, increments: 1, closed: false });
    expect(right(await engine.dispatchUnknown(increment(1))).events[0]!.data).toEqual({ by: 1, total: 5 });
  });

  it('fails the command with the stored event named when an event cannot be decoded', async () => {
    const store = createInMemoryEventStore();
    right(await store.append(STREAM, [{ type: 'Incremented', schemaVersion: 2, data: { by: 'x' }, metadata: metadata() }], 'no_stream'));
    const engine = engineOver(store);
    const failure = left(await engine.dispatchUnknown(increment(1)));
    expect(failure).toMatchObject({ _tag: 'ValidationError', source: `event ${STREAM}@1` });
    expect(right(await store.streamVersion(STREAM))).toBe(1);
  });
});
