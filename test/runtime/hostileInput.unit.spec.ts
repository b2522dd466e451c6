/**
 * Input that changes or throws under the engine's feet (DESIGN principle 12). Before:
 * the engine decoded the caller's own object (the codec's fast path handed it back)
 * and awaited before deciding, so a caller changing its object after dispatch()
 * returned got undecoded data into the log, and from then on every fresh engine
 * refused every command of the shop because its stream no longer decoded; a getter
 * or Proxy that threw made dispatch reject instead of answering a ValidationError.
 */
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../src/adapters/memory/inMemoryEventStore.js';
import { createEngine } from '../../src/engine.js';
import { seededRandom } from '../../src/runtime/seededRandom.js';
import { virtualClock } from '../../src/runtime/virtualClock.js';
import { counterModule } from '../../src/testing/counterModule.js';
import { left, right } from '../conformance/fixtures.js';

const engineOn = (store = createInMemoryEventStore()) => createEngine({ store, modules: [counterModule], clock: virtualClock(1_000), random: seededRandom(5) });

describe('the engine decides on a fresh copy of its input', () => {
  it('stores what was decoded even when the caller changes its object after dispatch() returned', async () => {
    const store = createInMemoryEventStore();
    const engine = engineOn(store);
    const input = { type: 'Increment', shopId: 'shop-1', actor: { kind: 'system' }, data: { counterId: 'a', by: 2 as unknown } };
    const pending = engine.dispatchUnknown(input);
    input.data.by = 'a great deal';
    input.data = { counterId: 'b', by: 5_000 };
    const result = right(await pending);
    expect(result.stream).toBe('counter-shop-1-a');
    expect(result.events[0]!.data).toEqual({ by: 2, total: 2 });
    // A fresh engine still reads the shop's stream.
    const fresh = engineOn(store);
    expect(right(await fresh.load(counterModule, 'counter-shop-1-a')).state).toMatchObject({ value: 2 });
    right(await fresh.dispatch({ type: 'Increment', shopId: 'shop-1', actor: { kind: 'system' }, data: { counterId: 'a', by: 1 } }));
  });

  it('reads a getter once: a value that changes between reads cannot slip past the codec', async () => {
    const engine = engineOn();
    let reads = 0;
    const data = {
      counterId: 'a',
      get by(): unknown {
        return reads++ === 0 ? 3 : 'changed';
      },
    };
    const result = right(await engine.dispatchUnknown({ type: 'Increment', shopId: 'shop-1', actor: { kind: 'system' }, data }));
    expect(result.events[0]!.data).toEqual({ by: 3, total: 3 });
    expect(reads).toBe(1);
  });

  it('answers a ValidationError, not a rejection, for a getter or a Proxy that throws', async () => {
    const engine = engineOn();
    const throwingGetter = {
      type: 'Increment',
      shopId: 'shop-1',
      actor: { kind: 'system' },
      data: {
        counterId: 'a',
        get by(): number {
          throw new Error('no by today');
        },
      },
    };
    expect(left(await engine.dispatchUnknown(throwingGetter))).toMatchObject({ _tag: 'ValidationError', source: 'command', issues: [{ path: 'data.by' }] });
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('keys refused');
        },
      },
    );
    expect(left(await engine.dispatchUnknown(hostile))).toMatchObject({ _tag: 'ValidationError', source: 'command' });
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(left(await engine.dispatchUnknown({ type: 'Increment', shopId: 'shop-1', actor: { kind: 'system' }, data: revoked.proxy }))).toMatchObject({
      _tag: 'ValidationError',
    });
  });

  it('refuses values JSON would change (a Date, NaN), naming the field', async () => {
    const engine = engineOn();
    const bad = left(await engine.dispatch({ type: 'Increment', shopId: 'shop-1', actor: { kind: 'system' }, data: { counterId: 'a', by: Number.NaN } }));
    expect(bad).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'data.by' }] });
  });
});
