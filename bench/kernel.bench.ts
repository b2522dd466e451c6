/**
 * The kernel: commands per second through engine.dispatch (decode, decide, append,
 * evolve) on the in-memory store with the trivial counter decider, on one stream
 * already holding 100 to 100,000 events, and on 1,000 streams in turn. The cost of a
 * command should not grow with its stream's length (DESIGN principle 8).
 */
import * as E from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore } from '../src/adapters/memory/inMemoryEventStore.js';
import { createEngine, type Engine } from '../src/engine.js';
import { seededRandom } from '../src/runtime/seededRandom.js';
import { counterModule } from '../src/testing/counterModule.js';
import { prefillCounter } from './lib/counterPrefill.js';
import { check, rate, type Figure } from './lib/measure.js';

const increment = (counterId: string) => ({
  type: 'Increment',
  shopId: 'bench',
  actor: { kind: 'system' },
  data: { counterId, by: 1 },
});

const dispatchMany = async (engine: Engine, ids: readonly string[], count: number): Promise<number> => {
  for (let i = 0; i < count; i++) {
    const result = await engine.dispatchUnknown(increment(ids[i % ids.length]!));
    if (E.isLeft(result)) throw new Error(`dispatch failed: ${JSON.stringify(result.left)}`);
  }
  return count;
};

export const kernelBench = async (options: { quick: boolean }): Promise<Figure[]> => {
  const rounds = options.quick ? 3 : 5;
  const perRound = options.quick ? 5_000 : 20_000;
  const figures: Figure[] = [];
  const lengths = options.quick ? [100, 10_000, 100_000] : [100, 1_000, 10_000, 100_000];
  for (const length of lengths) {
    const engine = createEngine({ store: createInMemoryEventStore(), modules: [counterModule], random: seededRandom(1) });
    await prefillCounter(engine.store, 'one', length);
    const value = await rate(rounds, () => dispatchMany(engine, ['one'], perRound));
    const version = await engine.store.streamVersion('counter-bench-one');
    check(E.isRight(version) && version.right === length + perRound * (rounds + 1), 'every command appended once');
    figures.push({ suite: 'kernel', name: `in-memory commands/s, one stream of ${length.toLocaleString('en-US')} events`, value, unit: 'commands/s' });
  }
  const engine = createEngine({ store: createInMemoryEventStore(), modules: [counterModule], random: seededRandom(2) });
  const ids = Array.from({ length: 1000 }, (_, i) => `c${i}`);
  const value = await rate(rounds, () => dispatchMany(engine, ids, perRound));
  figures.push({ suite: 'kernel', name: 'in-memory commands/s, 1,000 streams round robin', value, unit: 'commands/s' });
  return figures;
};
