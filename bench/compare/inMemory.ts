/**
 * In memory, the trivial counter decider: kefu through `engine.dispatch` (decode,
 * validate, decide, append, evolve) against Emmett's `DeciderCommandHandler` over
 * its in-memory store (read the stream, fold it, decide, append).
 *
 * Stream length, the same for both sides: each round takes a fresh store holding
 * ONE stream prefilled with L events (appended directly, untimed), runs one untimed
 * warm-up command (kefu loads and caches the stream there; Emmett warms its code),
 * then times K = 100 commands on that stream, so the stream holds L + 1 to L + 101
 * events while timed. Rounds repeat with fresh stores until the time budget of the
 * side is spent (at least one round: a slow side is never skipped); the figure is
 * all timed commands over all timed seconds.
 */
import * as E from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore } from '../../src/adapters/memory/inMemoryEventStore.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { seededRandom } from '../../src/runtime/seededRandom.js';
import { counterModule } from '../../src/testing/counterModule.js';
import { counterStream, prefillCounter } from '../lib/counterPrefill.js';
import { check } from '../lib/measure.js';
import { emmettCounter } from '../reference/emmettCounter.js';
import { atLeast, atMost, type Row } from './report.js';
import { budgeted, timeOnly } from './rounds.js';

/** Commands timed per round on the prefilled stream. */
export const COMMANDS_PER_ROUND = 100;
const ROUND_ROBIN_STREAMS = 1000;

const increment = (counterId: string) => ({
  type: 'Increment',
  shopId: 'bench',
  actor: { kind: 'system' },
  data: { counterId, by: 1 },
});

const dispatchOne = async (engine: Engine, id: string): Promise<void> => {
  const result = await engine.dispatchUnknown(increment(id));
  if (E.isLeft(result)) throw new Error(`dispatch failed: ${JSON.stringify(result.left)}`);
};

const newKefu = () => createEngine({ store: createInMemoryEventStore(), modules: [counterModule], random: seededRandom(1) });

const kefuVersion = async (engine: Engine, id: string): Promise<number> => {
  const version = await engine.store.streamVersion(counterStream(id));
  if (E.isLeft(version)) throw new Error(`streamVersion failed: ${JSON.stringify(version.left)}`);
  return version.right;
};

const kefuAtLength = (length: number) => async () => {
  const engine = newKefu();
  await prefillCounter(engine.store, 'one', length);
  await dispatchOne(engine, 'one');
  const timed = await timeOnly(async () => {
    for (let i = 0; i < COMMANDS_PER_ROUND; i++) await dispatchOne(engine, 'one');
    return COMMANDS_PER_ROUND;
  });
  check((await kefuVersion(engine, 'one')) === length + 1 + COMMANDS_PER_ROUND, `kefu: every command appended once at ${length}`);
  return timed;
};

const emmettAtLength = (length: number) => async () => {
  const counter = emmettCounter();
  await counter.prefill('one', length);
  await counter.increment('one');
  const timed = await timeOnly(async () => {
    for (let i = 0; i < COMMANDS_PER_ROUND; i++) await counter.increment('one');
    return COMMANDS_PER_ROUND;
  });
  check((await counter.version('one')) === length + 1 + COMMANDS_PER_ROUND, `Emmett: every command appended once at ${length}`);
  return timed;
};

const ids = Array.from({ length: ROUND_ROBIN_STREAMS }, (_, i) => `rr${i}`);

const kefuRoundRobin = (commands: number) => async () => {
  const engine = newKefu();
  const timed = await timeOnly(async () => {
    for (let i = 0; i < commands; i++) await dispatchOne(engine, ids[i % ids.length]!);
    return commands;
  });
  const total = (await Promise.all(ids.map((id) => kefuVersion(engine, id)))).reduce((a, b) => a + b, 0);
  check(total === commands, `kefu round robin: ${total} of ${commands} events stored`);
  return timed;
};

const emmettRoundRobin = (commands: number) => async () => {
  const counter = emmettCounter();
  const timed = await timeOnly(async () => {
    for (let i = 0; i < commands; i++) await counter.increment(ids[i % ids.length]!);
    return commands;
  });
  const total = (await Promise.all(ids.map((id) => counter.version(id)))).reduce((a, b) => a + b, 0);
  check(total === commands, `Emmett round robin: ${total} of ${commands} events stored`);
  return timed;
};

/**
 * Warms both sides' code up before anything is timed, with the same protocol as the
 * measured rounds (fresh stores, prefill, commands). Each fresh engine creates new
 * closures, and V8 re-optimises code first specialised to one of them over the first
 * rounds (measured: the first 20 or so rounds of 100 commands ran 2 to 20 times
 * slower than later ones, on both sides). Without this, the first length measured
 * would pay for the compiler.
 */
const warmUp = async (rounds: number): Promise<void> => {
  for (let i = 0; i < rounds; i++) {
    await kefuAtLength(100)();
    await emmettAtLength(100)();
  }
  for (const length of [1_000, 10_000]) {
    await kefuAtLength(length)();
    await emmettAtLength(length)();
  }
  await kefuRoundRobin(2_000)();
  await emmettRoundRobin(2_000)();
};

export const inMemoryRows = async (options: { quick: boolean }, progress: (line: string) => void): Promise<Row[]> => {
  const budgetMs = options.quick ? 400 : 4_000;
  const rows: Row[] = [];
  await warmUp(100);
  const kefuAt = new Map<number, number>();
  for (const length of [100, 1_000, 10_000, 100_000]) {
    const result = await budgeted(budgetMs, 1, { kefu: kefuAtLength(length), emmett: emmettAtLength(length) });
    kefuAt.set(length, result.rate.kefu);
    progress(`in-memory ${length}: kefu ${Math.round(result.rate.kefu)}/s (${result.rounds.kefu} rounds), Emmett ${Math.round(result.rate.emmett)}/s (${result.rounds.emmett} rounds)`);
    rows.push({
      section: 'in-memory',
      figure: `in-memory counter, one stream of ${length.toLocaleString('en-US')} events (+1 to +${COMMANDS_PER_ROUND + 1} while timed)`,
      kefu: result.rate.kefu,
      unit: 'commands/s',
      reference: result.rate.emmett,
      referenceName: 'Emmett',
      ratioMeaning: 'kefu / Emmett',
      ratio: result.rate.kefu / result.rate.emmett,
      target: atLeast(1),
    });
  }
  const at100 = kefuAt.get(100)!;
  const at100k = kefuAt.get(100_000)!;
  rows.push({
    section: 'in-memory',
    figure: 'in-memory counter, kefu at 100,000 events vs at 100 (time per command)',
    kefu: at100k,
    unit: 'commands/s',
    reference: at100,
    referenceName: 'kefu at 100 events',
    ratioMeaning: 'time at 100,000 / time at 100',
    ratio: at100 / at100k,
    target: atMost(2),
  });

  const commands = options.quick ? 5_000 : 20_000;
  const roundRobin = await budgeted(options.quick ? 500 : 4_000, options.quick ? 1 : 3, {
    kefu: kefuRoundRobin(commands),
    emmett: emmettRoundRobin(commands),
  });
  progress(`in-memory round robin: kefu ${Math.round(roundRobin.rate.kefu)}/s, Emmett ${Math.round(roundRobin.rate.emmett)}/s`);
  rows.push({
    section: 'in-memory',
    figure: `in-memory counter, ${ROUND_ROBIN_STREAMS.toLocaleString('en-US')} streams round robin from empty (${commands.toLocaleString('en-US')} commands a round)`,
    kefu: roundRobin.rate.kefu,
    unit: 'commands/s',
    reference: roundRobin.rate.emmett,
    referenceName: 'Emmett',
    ratioMeaning: 'kefu / Emmett',
    ratio: roundRobin.rate.kefu / roundRobin.rate.emmett,
    target: undefined,
  });
  return rows;
};
