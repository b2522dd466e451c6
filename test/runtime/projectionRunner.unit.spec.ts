import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../src/adapters/memory/inMemoryEventStore.js';
import { createInMemoryProjectionStateStore } from '../../src/adapters/projectionStateStore.js';
import { createEngine } from '../../src/engine.js';
import { describeError } from '../../src/domain/errors.js';
import { decodeWith } from '../../src/domain/validation.js';
import { runProjection, type DurableProjection } from '../../src/runtime/projectionRunner.js';
import { seededRandom } from '../../src/runtime/seededRandom.js';
import { counterModule, type CounterEvent } from '../../src/testing/counterModule.js';
import { projectionStateStoreConformance } from '../conformance/projectionStateStore.conformance.js';
import { right } from '../conformance/fixtures.js';

projectionStateStoreConformance('in-memory', async () => createInMemoryProjectionStateStore());

const sums: DurableProjection<Record<string, number>, CounterEvent> = {
  name: 'sums',
  schemaVersion: 1,
  initialState: () => ({}),
  apply: (state, e) => (e.type === 'Incremented' ? { ...state, [e.stream]: (state[e.stream] ?? 0) + e.data.by } : state),
  encode: (s) => s,
  decode: decodeWith(t.record(t.string, t.number), 'projection'),
};

const inc = (counterId: string, by: number) => ({
  type: 'Increment',
  shopId: 'shop-1',
  actor: { kind: 'system' },
  data: { counterId, by },
});

describe('running a durable projection', () => {
  it('restarted from its checkpoint reaches the same state as a rebuild from the start', async () => {
    const store = createInMemoryEventStore();
    const checkpoints = createInMemoryProjectionStateStore();
    const engine = createEngine({ store, modules: [counterModule], random: seededRandom(1) });
    for (let i = 0; i < 30; i++) right(await engine.dispatchUnknown(inc(`c${i % 3}`, i + 1)));

    const first = right(await runProjection({ store, checkpoints, registry: engine.registry, projection: sums, saveEvery: 7 }));
    await first.waitFor(30);
    await first.stop();
    const saved = right(await checkpoints.loadProjection('sums'));
    expect(saved?.position).toBe(30);

    for (let i = 30; i < 45; i++) right(await engine.dispatchUnknown(inc(`c${i % 3}`, i + 1)));
    const resumed = right(await runProjection({ store, checkpoints, registry: engine.registry, projection: sums }));
    await resumed.waitFor(45);
    await resumed.stop();

    const rebuilt = right(
      await runProjection({ store, checkpoints: createInMemoryProjectionStateStore(), registry: engine.registry, projection: sums }),
    );
    await rebuilt.waitFor(45);
    await rebuilt.stop();
    expect(resumed.state()).toEqual(rebuilt.state());
    const total = Object.values(rebuilt.state()).reduce((a, b) => a + b, 0);
    expect(total).toBe((45 * 46) / 2);
  });

  it('rebuilds from the start when the saved state has another schema version', async () => {
    const store = createInMemoryEventStore();
    const checkpoints = createInMemoryProjectionStateStore();
    const engine = createEngine({ store, modules: [counterModule], random: seededRandom(2) });
    right(await engine.dispatchUnknown(inc('a', 5)));
    right(await checkpoints.saveProjection('sums', { position: 1, schemaVersion: 0, state: { wrong: 1 } }));
    const running = right(await runProjection({ store, checkpoints, registry: engine.registry, projection: sums }));
    await running.waitFor(1);
    await running.stop();
    expect(running.state()).toEqual({ 'counter-shop-1-a': 5 });
  });

  it('stops with a typed failure on an event it cannot decode', async () => {
    const store = createInMemoryEventStore();
    const engine = createEngine({ store, modules: [counterModule], random: seededRandom(3) });
    right(await engine.dispatchUnknown(inc('a', 1)));
    right(
      await store.append(
        'counter-shop-1-a',
        [{ ...(right(await store.readStream('counter-shop-1-a'))[0]!), data: { by: 'one' } }].map(({ type, schemaVersion, data, metadata }) => ({
          type,
          schemaVersion,
          data,
          metadata,
        })),
        1,
      ),
    );
    const running = right(
      await runProjection({ store, checkpoints: createInMemoryProjectionStateStore(), registry: engine.registry, projection: sums }),
    );
    const outcome = await running.done;
    // The run ends with the decode error itself, naming the event and the field.
    expect(E.isLeft(outcome) && outcome.left).toMatchObject({ _tag: 'ValidationError', source: 'event counter-shop-1-a@2' });
    expect(E.isLeft(outcome) && describeError(outcome.left)).toMatch(/data.by/);
    expect(running.position()).toBe(1);
  });

  it('keeps saving after a failed save, and stop() answers how the last save went instead of rejecting', async () => {
    // Before: one failed save left the save chain rejected, so every later save was skipped and stop() rejected.
    const store = createInMemoryEventStore();
    const saved = createInMemoryProjectionStateStore();
    let failNext = 0;
    const checkpoints = {
      loadProjection: saved.loadProjection,
      saveProjection: async (name: string, checkpoint: Parameters<typeof saved.saveProjection>[1]) =>
        failNext-- > 0 ? E.left({ _tag: 'StoreFailure' as const, operation: 'saveProjection', message: 'disk full' }) : saved.saveProjection(name, checkpoint),
    };
    const failures: string[] = [];
    const engine = createEngine({ store, modules: [counterModule], random: seededRandom(4) });
    for (let i = 0; i < 5; i++) right(await engine.dispatchUnknown(inc('a', 1)));
    failNext = 1;
    const running = right(
      await runProjection({ store, checkpoints, registry: engine.registry, projection: sums, saveEvery: 2, onSaveFailure: (e) => failures.push(e.message) }),
    );
    await running.waitFor(5);
    for (let i = 0; i < 5; i++) right(await engine.dispatchUnknown(inc('a', 1)));
    await running.waitFor(10);
    expect(E.isRight(await running.stop())).toBe(true);
    expect(failures).toEqual(['disk full']);
    expect(right(await saved.loadProjection('sums'))).toEqual({ position: 10, schemaVersion: 1, state: { 'counter-shop-1-a': 10 } });

    // The final save failing is answered, not thrown.
    const again = right(await runProjection({ store, checkpoints, registry: engine.registry, projection: sums }));
    failNext = Number.POSITIVE_INFINITY;
    right(await engine.dispatchUnknown(inc('a', 1)));
    await again.waitFor(11);
    expect(await again.stop()).toMatchObject({ _tag: 'Left', left: { message: 'disk full' } });
  });

  it('sets aside a saved state that does not decode, says so, and rebuilds from the log', async () => {
    const store = createInMemoryEventStore();
    const checkpoints = createInMemoryProjectionStateStore();
    const engine = createEngine({ store, modules: [counterModule], random: seededRandom(2) });
    for (let i = 0; i < 3; i++) right(await engine.dispatchUnknown(inc('a', 2)));
    right(await checkpoints.saveProjection('sums', { position: 2, schemaVersion: 1, state: { 'counter-shop-1-a': 'lots' } }));
    const setAside: string[] = [];
    const running = right(
      await runProjection({ store, checkpoints, registry: engine.registry, projection: sums, onCheckpointSetAside: (e) => setAside.push(describeError(e)) }),
    );
    await running.waitFor(3);
    expect(running.state()).toEqual({ 'counter-shop-1-a': 6 });
    expect(setAside).toHaveLength(1);
    await running.stop();
  });
});


describe('bad runner options', () => {
  it('ends a run asked for batch size 0 with a ValidationError naming it, instead of spinning', async () => {
    // Before: batchSize 0 read empty pages for ever without waiting, and froze the event loop.
    const store = createInMemoryEventStore();
    const engine = createEngine({ store, modules: [counterModule], random: seededRandom(1) });
    right(await engine.dispatchUnknown(inc('a', 1)));
    const running = right(await runProjection({ store, checkpoints: createInMemoryProjectionStateStore(), registry: engine.registry, projection: sums, batchSize: 0 }));
    expect(await running.done).toMatchObject({ _tag: 'Left', left: { _tag: 'ValidationError', issues: [{ path: 'batchSize' }] } });
    expect(running.position()).toBe(0);
  });
});
