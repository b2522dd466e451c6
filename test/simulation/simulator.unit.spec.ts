/**
 * The simulator as a library: generateWorkload is a pure function of its spec
 * and seed, playWorkload and summarize repeat exactly for the same inputs, the
 * spec's codec names the bad field, and for any small shop (a property) every
 * arrival gets exactly one fate, no agent is ever above its max (A2) whatever the
 * mode (R2 least load, R3 round robin, R4 weighted), and the summary's counts add
 * up to what the log holds.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../src/adapters/memory/inMemoryEventStore.js';
import { describeError } from '../../src/domain/errors.js';
import { generateWorkload } from '../../src/simulation/generateWorkload.js';
import { playWorkload } from '../../src/simulation/playWorkload.js';
import { decodeSimulationSpec, DEFAULT_SIMULATION_SPEC, withSpecOverrides, type SimulationSpec } from '../../src/simulation/simulationSpec.js';
import { BASE_MODES, parseStrategies, parseStrategy, strategyOf } from '../../src/simulation/strategies.js';
import { summarize, timeWeightedQuantile } from '../../src/simulation/summarize.js';
import { readEverything } from '../conformance/fixtures.js';

const small = (patch: Record<string, unknown>): SimulationSpec => {
  const decoded = decodeSimulationSpec(withSpecOverrides(DEFAULT_SIMULATION_SPEC, patch));
  if (E.isLeft(decoded)) throw new Error(describeError(decoded.left));
  return decoded.right;
};

const SMALL_SPEC = small({ agents: { count: 4 }, arrivals: { perHour: DEFAULT_SIMULATION_SPEC.arrivals.perHour.map((n) => n / 6), bursts: [] } });

const specError = (patch: Record<string, unknown>): string => {
  const decoded = decodeSimulationSpec(withSpecOverrides(DEFAULT_SIMULATION_SPEC, patch));
  if (E.isRight(decoded)) throw new Error('expected the spec to be refused');
  return describeError(decoded.left);
};

describe('generateWorkload', () => {
  it('is a function of the spec and the seed: arrivals in time order within the days, returning customers, pins to known agents', () => {
    const a = generateWorkload(DEFAULT_SIMULATION_SPEC, 3);
    expect(generateWorkload(DEFAULT_SIMULATION_SPEC, 3)).toEqual(a);
    expect(generateWorkload(DEFAULT_SIMULATION_SPEC, 4).arrivals).not.toEqual(a.arrivals);
    expect(a.agents).toHaveLength(12);
    expect(a.end - a.start).toBe(86_400_000);
    expect(a.arrivals.length).toBeGreaterThan(800);
    a.arrivals.forEach((x, i) => {
      expect(x.at).toBeGreaterThanOrEqual(a.start);
      expect(x.at).toBeLessThan(a.end);
      if (i > 0) expect(x.at).toBeGreaterThanOrEqual((a.arrivals[i - 1] as { at: number }).at);
      for (const f of x.followUps) expect(f).toBeLessThan(x.handleMs);
    });
    // R1 matters: fewer customers than arrivals.
    expect(new Set(a.arrivals.map((x) => x.customerId)).size).toBeLessThan(a.arrivals.length);
    // The default shop opens at 08:00 Shanghai time (00:00 UTC): nobody arrives before.
    expect(Math.min(...a.arrivals.map((x) => x.at))).toBeGreaterThanOrEqual(a.start + 8 * 3_600_000);
    const ids = new Set(a.agents.map((x) => x.agentId));
    expect(a.pins.length).toBe(40);
    for (const pin of a.pins) expect(ids.has(pin.agentId)).toBe(true);
  });

  it('a spec with three days has three days of shifts', () => {
    const w = generateWorkload(small({ days: 3 }), 1);
    expect(w.end - w.start).toBe(3 * 86_400_000);
    for (const agent of w.agents) expect(agent.shifts).toHaveLength(3);
  });
});

describe('the simulation spec codec', () => {
  it('names the bad field', () => {
    expect(specError({ agents: { count: 0 } })).toContain('agents.count: must be an integer from 1 to 10000, got 0');
    expect(specError({ days: 1.5 })).toContain('days: must be an integer from 1 to 366');
    expect(specError({ zone: 'Mars/Olympus' })).toContain('zone: must be an IANA time zone');
    expect(specError({ arrivals: { perHour: [1, 2, 3] } })).toContain('arrivals.perHour: must be 24 numbers');
    expect(specError({ handleTime: { distribution: 'gamma' } })).toContain('handleTime.distribution: must be exponential');
    expect(specError({ handleTime: { distribution: 'exponential', meanMs: 0 } })).toContain('handleTime.meanMs: must be a number of milliseconds above 0');
    expect(specError({ agents: { shifts: [{ from: '25:00', to: '18:00' }] } })).toContain('agents.shifts.0.from: must be a local time HH:MM');
    expect(specError({ vipShare: -0.1 })).toContain('vipShare: must be a number from 0 to 1');
    expect(specError({ chanels: [] })).toContain('chanels: unknown field');
  });
});

describe('strategies', () => {
  it('parses names with modifiers; without +sticky stickiness (R1) is off; an unknown name lists the known ones', () => {
    expect(parseStrategy('least-load')).toEqual(E.right({ name: 'least-load', routing: { baseMode: 'least-load', stickyRecentContact: false, pinningEnabled: false } }));
    expect(parseStrategy('weighted+pinning+sticky')).toEqual(E.right({ name: 'weighted+sticky+pinning', routing: { baseMode: 'weighted', stickyRecentContact: true, pinningEnabled: true } }));
    const unknown = parseStrategies('least-load,fastest');
    expect(E.isLeft(unknown) && unknown.left).toContain('known are least-load, round-robin, weighted, random');
    expect(E.isLeft(parseStrategies('least-load,least-load'))).toBe(true);
    expect(E.isLeft(parseStrategy('round-robin+magic'))).toBe(true);
  });
});

describe('playWorkload and summarize', () => {
  it('the same seed gives the same summary (deep equal); another seed another one', async () => {
    const strategy = strategyOf('round-robin', ['sticky']);
    const one = summarize(await playWorkload(generateWorkload(SMALL_SPEC, 11), strategy, { seed: 11 }));
    const two = summarize(await playWorkload(generateWorkload(SMALL_SPEC, 11), strategy, { seed: 11 }));
    expect(two).toEqual(one);
    const other = summarize(await playWorkload(generateWorkload(SMALL_SPEC, 12), strategy, { seed: 12 }));
    expect(other).not.toEqual(one);
    expect(one.sessions).toBeGreaterThan(100);
    expect(one.served).toBeGreaterThan(0);
  });

  it('with the conversation (S1, S8): without timeouts the routing is the desk-only run\'s; an agent no-response timeout (S8) ends sessions as timed out', async () => {
    const workload = generateWorkload(small({ agents: { count: 3 }, arrivals: { perHour: DEFAULT_SIMULATION_SPEC.arrivals.perHour.map((n) => n / 8), bursts: [] }, replyTime: { distribution: 'log-normal', medianMs: 60_000, sigma: 1 } }), 5);
    const strategy = strategyOf('least-load');
    const deskOnly = await playWorkload(workload, strategy);
    const talking = await playWorkload(workload, strategy, { withConversation: true });
    expect(summarize(talking)).toEqual(summarize(deskOnly));
    expect(talking.events).toBeGreaterThan(deskOnly.events);
    // The first response is the holder's real first reply, replyMs after the assignment.
    const byId = new Map(workload.arrivals.map((a) => [a.sessionId, a]));
    for (const s of talking.sessions) {
      if (s.firstResponseAt !== undefined) expect(s.firstResponseAt).toBe((s.assignedAt as number) + (byId.get(s.sessionId)?.replyMs as number));
    }

    const timeouts = { agentNoResponse: { promptAfterSeconds: 30, endAfterSeconds: 90, onTimeout: 'end' as const } };
    const strict = await playWorkload(workload, strategy, { withConversation: { timeouts } });
    const summary = summarize(strict);
    expect(summary.timeouts).toBeGreaterThan(0);
    for (const s of strict.sessions.filter((x) => x.fate === 'timed-out')) {
      expect(s.assignedAt).toBeDefined();
      // Ended by the engine's clock before its (slow) holder answered.
      expect(s.firstResponseAt).toBeUndefined();
      expect((s.endedAt as number) - s.arrivedAt).toBeGreaterThanOrEqual(90_000);
    }
  });

  it('the time-weighted p95 of the queue is the length it stayed at or under for 95% of the time', () => {
    const samples = [
      { at: 0, length: 0 },
      { at: 90, length: 3 },
      { at: 96, length: 1 },
    ];
    expect(timeWeightedQuantile(samples, 0, 100, 0.95)).toBe(3);
    expect(timeWeightedQuantile(samples, 0, 100, 0.9)).toBe(0);
    expect(timeWeightedQuantile([{ at: 0, length: 0 }], 0, 100, 0.95)).toBe(0);
  });

  it('property: any small shop, any mode: every arrival gets exactly one fate, no agent above max (A2), the counts add up to the log', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          agents: fc.integer({ min: 1, max: 4 }),
          maxSessions: fc.integer({ min: 1, max: 3 }),
          rate: fc.integer({ min: 2, max: 30 }),
          patience: fc.option(fc.integer({ min: 10, max: 900 }), { nil: undefined }),
          pool: fc.integer({ min: 0, max: 40 }),
          pinnedShare: fc.constantFrom(0, 0.2),
          entryGroupShare: fc.constantFrom(0, 0.5),
          mode: fc.constantFrom(...BASE_MODES),
          sticky: fc.boolean(),
          pinning: fc.boolean(),
          seed: fc.integer({ min: 0, max: 1000 }),
        }),
        async (p) => {
          const spec = small({
            agents: { count: p.agents, maxSessions: p.maxSessions, shifts: [{ from: '09:00', to: '12:00' }, { from: '10:00', to: '13:00' }] },
            arrivals: { perHour: Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 13 ? p.rate : 0)), bursts: [] },
            patience: p.patience === undefined ? undefined : { meanMs: p.patience * 1000 },
            customerPool: p.pool,
            pinnedShare: p.pinnedShare,
            entryGroupShare: p.entryGroupShare,
          });
          const workload = generateWorkload(spec, p.seed);
          const store = createInMemoryEventStore();
          const modifiers = [...(p.sticky ? (['sticky'] as const) : []), ...(p.pinning ? (['pinning'] as const) : [])];
          const result = await playWorkload(workload, strategyOf(p.mode, modifiers), { store, seed: p.seed });
          const summary = summarize(result);

          // One outcome per arrival, each with one fate, consistent with its times.
          expect(result.sessions.map((s) => s.sessionId)).toEqual(workload.arrivals.map((a) => a.sessionId));
          for (const s of result.sessions) {
            if (s.fate === 'served') expect(s.assignedAt !== undefined && s.endedAt !== undefined).toBe(true);
            if (s.fate === 'abandoned') expect(s.assignedAt === undefined && s.endedAt !== undefined).toBe(true);
          }
          const open = result.sessions.filter((s) => s.fate === 'open').length;
          expect(summary.served + summary.abandoned + summary.timeouts + open).toBe(workload.arrivals.length);

          // A2: folding the log, no agent ever holds more than its max.
          const events = await readEverything(store);
          const load = new Map<string, number>();
          const max = new Map(workload.agents.map((a) => [a.agentId, a.maxSessions]));
          let assigned = 0;
          for (const e of events) {
            const data = e.data as { agentId?: string; agents?: string[] };
            if (e.type === 'SessionAssigned') {
              assigned++;
              const now = (load.get(data.agentId as string) ?? 0) + 1;
              load.set(data.agentId as string, now);
              expect(now).toBeLessThanOrEqual(max.get(data.agentId as string) as number);
            }
            if (e.type === 'SessionEnded') for (const a of data.agents ?? []) load.set(a, (load.get(a) ?? 0) - 1);
          }
          // The shares: what the agents received is every assignment the log holds.
          expect(summary.utilisation.reduce((n, u) => n + u.received, 0)).toBe(assigned);
          expect(result.events).toBe(events.length);
          for (const u of summary.utilisation) if (u.utilisation !== null) expect(u.utilisation).toBeLessThanOrEqual(1 + 1e-9);
        },
      ),
      { numRuns: 12, seed: 19 },
    );
  });
});
