/**
 * Simulated days as fast-check arbitraries: a simulator spec (simulation/simulationSpec.ts)
 * varied where a routing test cares (how many agents and how many sessions each
 * takes, how busy the day is, how many customers return, VIPs, pins, entry
 * groups) and made into a Workload by the simulator's own generateWorkload. The
 * workload is played with playWorkload on a virtual clock; nothing of the
 * simulator is repeated here.
 */
import fc from 'fast-check';
import { generateWorkload } from '../simulation/generateWorkload.js';
import { DEFAULT_SIMULATION_SPEC, type SimulationSpec } from '../simulation/simulationSpec.js';
import type { Workload } from '../simulation/workload.js';

export interface WorkloadArbitraryOptions {
  /** The spec varied (default: a small one-day shop of DEFAULT_SIMULATION_SPEC's shape, a tenth of its traffic). */
  readonly base?: SimulationSpec;
  /** At most this many agents (default 6). */
  readonly maxAgents?: number;
  /** The busiest multiple of the base's arrival rate (default 1). */
  readonly maxLoad?: number;
}

/** DEFAULT_SIMULATION_SPEC scaled down to what a property runs many times: four agents, a tenth of the arrivals. */
export const SMALL_SIMULATION_SPEC: SimulationSpec = {
  ...DEFAULT_SIMULATION_SPEC,
  agents: { ...DEFAULT_SIMULATION_SPEC.agents, count: 4 },
  arrivals: { ...DEFAULT_SIMULATION_SPEC.arrivals, perHour: DEFAULT_SIMULATION_SPEC.arrivals.perHour.map((n) => Math.round(n / 10)) },
  customerPool: 80,
};

/** A spec and a seed for generateWorkload, with the Workload it makes. */
export interface GeneratedWorkload {
  readonly spec: SimulationSpec;
  readonly seed: number;
  readonly workload: Workload;
}

export const workloadArbitrary = (options: WorkloadArbitraryOptions = {}): fc.Arbitrary<GeneratedWorkload> => {
  const base = options.base ?? SMALL_SIMULATION_SPEC;
  return fc
    .record({
      seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      agents: fc.integer({ min: 1, max: options.maxAgents ?? 6 }),
      maxSessions: fc.integer({ min: 1, max: 4 }),
      load: fc.double({ min: 0.1, max: options.maxLoad ?? 1, noNaN: true }),
      returning: fc.constantFrom(0, 20, base.customerPool),
      vipShare: fc.constantFrom(0, 0.1),
      pinnedShare: fc.constantFrom(0, 0.1),
      entryGroupShare: fc.constantFrom(0, 0.3),
    })
    .map(({ seed, agents, maxSessions, load, returning, vipShare, pinnedShare, entryGroupShare }) => {
      const spec: SimulationSpec = {
        ...base,
        agents: { ...base.agents, count: agents, maxSessions },
        arrivals: { ...base.arrivals, perHour: base.arrivals.perHour.map((n) => Math.round(n * load * 100) / 100) },
        customerPool: returning,
        vipShare,
        pinnedShare,
        entryGroupShare,
      };
      return { spec, seed, workload: generateWorkload(spec, seed) };
    });
};
