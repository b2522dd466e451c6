/**
 * The simulator (issue 19): events per second playing the default day
 * (DEFAULT_SIMULATION_SPEC, least-load) on an in-memory engine, and its overhead
 * over the engine itself. The same run records every command the simulator
 * dispatched with its time (`recordCommands`); the commands are then dispatched
 * directly on a fresh engine with the same seed, moving the clock the same way
 * (engine.advanceTo to each command's time). The ratio of the two times is what
 * the agenda, the bookkeeping and the result cost on top of the commands (target
 * <= 2x); each side creates and closes its engine within its time. Both are the median of several rounds, alternated, after three warm-up rounds of each.
 * Last, the same day with the conversation (`withConversation: true`), whose
 * events per second show what measuring real first responses costs.
 */
import { performance } from 'node:perf_hooks';
import * as E from 'fp-ts/lib/Either.js';
import { deskModule } from '../src/domain/desk/deskModule.js';
import { createEngine } from '../src/engine.js';
import { seededRandom } from '../src/runtime/seededRandom.js';
import { virtualClock } from '../src/runtime/virtualClock.js';
import { generateWorkload } from '../src/simulation/generateWorkload.js';
import { playWorkload, type RecordedCommand } from '../src/simulation/playWorkload.js';
import { DEFAULT_SIMULATION_SPEC } from '../src/simulation/simulationSpec.js';
import { strategyOf } from '../src/simulation/strategies.js';
import type { Workload } from '../src/simulation/workload.js';
import { check, median, type Figure } from './lib/measure.js';

const SUITE = 'simulation';
const SEED = 1;

const simulate = async (workload: Workload, record?: RecordedCommand[]) => {
  const started = performance.now();
  const result = await playWorkload(workload, strategyOf('least-load'), { seed: SEED, ...(record === undefined ? {} : { recordCommands: record }) });
  return { ms: performance.now() - started, events: result.events, commands: result.commands };
};

/** The recorded commands dispatched on a fresh engine with the same clock moves; answers the time and the events written. */
const direct = async (workload: Workload, commands: readonly RecordedCommand[]) => {
  // A fresh engine, created and closed within the time, as the simulator's is.
  const started = performance.now();
  const clock = virtualClock(workload.start);
  const engine = createEngine({ modules: [deskModule], clock, random: seededRandom(SEED), reactor: { mode: 'manual' } });
  let events = 0;
  for (const { at, input } of commands) {
    if (at > clock.now()) {
      const moved = await engine.advanceTo(at);
      if (E.isLeft(moved)) throw new Error(JSON.stringify(moved.left));
    }
    const result = await engine.dispatchUnknown(input);
    if (E.isLeft(result)) throw new Error(`direct dispatch refused: ${JSON.stringify(result.left)}`);
    events += result.right.events.length;
  }
  await engine.close();
  return { ms: performance.now() - started, events };
};

export const simulationBench = async ({ quick }: { quick: boolean }): Promise<Figure[]> => {
  const workload = generateWorkload(DEFAULT_SIMULATION_SPEC, SEED);
  const recorded: RecordedCommand[] = [];
  const warm = await simulate(workload, recorded);
  // More warm-up than one round: the simulator's own code is still being compiled after the first.
  for (let i = 0; i < 3; i++) {
    await simulate(workload);
    await direct(workload, recorded);
  }
  const rounds = quick ? 3 : 7;
  const simMs: number[] = [];
  const directMs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const s = await simulate(workload);
    check(s.events === warm.events && s.commands === recorded.length, `the simulator wrote ${s.events} events (${s.commands} commands), its first run ${warm.events} (${recorded.length})`);
    simMs.push(s.ms);
    const d = await direct(workload, recorded);
    check(d.events === warm.events, `direct dispatch wrote ${d.events} events, the simulator ${warm.events}`);
    directMs.push(d.ms);
  }
  // With the conversation (customers write, holders reply): what measuring first responses costs.
  const talkMs: number[] = [];
  let talkEvents = 0;
  for (let i = 0; i < (quick ? 2 : 4); i++) {
    const started = performance.now();
    const talking = await playWorkload(workload, strategyOf('least-load'), { seed: SEED, withConversation: true });
    if (i > 0) talkMs.push(performance.now() - started);
    talkEvents = talking.events;
  }
  const sim = median(simMs);
  const dir = median(directMs);
  const day = `default day (${workload.agents.length} agents, ${workload.arrivals.length.toLocaleString('en-US')} customers, least-load)`;
  return [
    { suite: SUITE, name: `simulator events/s, ${day}`, value: (warm.events * 1000) / sim, unit: 'events/s' },
    { suite: SUITE, name: `simulator commands/s, ${day}`, value: (warm.commands * 1000) / sim, unit: 'commands/s' },
    { suite: SUITE, name: `simulator wall time, ${day}`, value: sim, unit: 'ms' },
    { suite: SUITE, name: `the same ${recorded.length.toLocaleString('en-US')} commands dispatched directly (same clock moves)`, value: dir, unit: 'ms' },
    { suite: SUITE, name: 'simulator time / direct dispatch time (target <= 2)', value: sim / dir, unit: 'x' },
    { suite: SUITE, name: `simulator with the conversation, events/s, the same day (${talkEvents.toLocaleString('en-US')} events)`, value: (talkEvents * 1000) / median(talkMs), unit: 'events/s' },
  ];
};
