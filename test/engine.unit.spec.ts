import { describe, expect, it } from 'vitest';
import { createEngine } from '../src/engine.js';
import type { Projection } from '../src/projections/projection.js';
import { seededRandom } from '../src/runtime/seededRandom.js';
import { virtualClock } from '../src/runtime/virtualClock.js';
import { counterModule, type CounterEvent } from '../src/testing/counterModule.js';
import { left, right } from './conformance/fixtures.js';

const totals: Projection<Record<string, number>, CounterEvent> = {
  name: 'totals',
  initialState: () => ({}),
  apply: (state, event) =>
    event.type === 'Incremented' ? { ...state, [event.stream]: event.data.total } : event.type === 'WasReset' ? { ...state, [event.stream]: 0 } : state,
};

const command = (type: string, counterId: string, extra: Record<string, unknown> = {}) => ({
  type,
  shopId: 'shop-9',
  actor: { kind: 'system' },
  data: { counterId, ...extra },
});

describe('the engine facade', () => {
  it('decodes, decides, appends and updates inline projections', async () => {
    const clock = virtualClock(5_000);
    const engine = createEngine({ modules: [counterModule], clock, random: seededRandom(1), inlineProjections: [totals] });
    right(await engine.dispatchUnknown(command('Increment', 'a', { by: 2 })));
    await clock.advanceBy(1000);
    const second = right(await engine.dispatchUnknown(command('Increment', 'a', { by: 3 })));
    right(await engine.dispatchUnknown(command('Increment', 'b', { by: 1 })));
    expect(second.events[0]!.metadata.occurredAt).toBe(6_000);
    expect(engine.projection('totals')).toEqual({ 'counter-shop-9-a': 5, 'counter-shop-9-b': 1 });
    expect(left(await engine.dispatchUnknown({ type: 'Increment' }))).toMatchObject({ _tag: 'ValidationError' });
    expect(() => engine.projection('nope')).toThrow(RangeError);
    await engine.close();
  });

  it('makes the same events from the same seed and clock', async () => {
    const run = async () => {
      const engine = createEngine({ modules: [counterModule], clock: virtualClock(0), random: seededRandom(11) });
      const r = right(await engine.dispatchUnknown(command('Increment', 'a', { by: 1 })));
      return r.events.map((e) => e.metadata);
    };
    expect(await run()).toEqual(await run());
  });
});
