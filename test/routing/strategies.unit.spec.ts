/**
 * Each base mode as a property over random agents and many arrivals (R2-R5),
 * driven through the desk's decider so the indexes are exercised as in production.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { DeskCommand } from '../../src/domain/desk/deskCommands.js';
import { decideDesk } from '../../src/domain/desk/deskDecide.js';
import { evolveDesk } from '../../src/domain/desk/deskEvolve.js';
import { initialDeskState, type DeskState } from '../../src/domain/desk/deskState.js';
import type { Agent, BaseMode } from '../../src/routing/model.js';
import { canAutoTake } from '../../src/routing/eligibility.js';
import { buildPools, pickFrom } from '../../src/routing/pools.js';
import { leastLoad } from '../../src/routing/strategies/leastLoad.js';
import { weightOf } from '../../src/routing/strategies/weighted.js';
import { drawsFromSeed } from '../../src/domain/seededDraws.js';
import { makeCommand } from '../../src/testing/commands.js';

let n = 0;
const run = (state: DeskState, type: DeskCommand['type'], data: unknown, seed = n): DeskState => {
  const decided = decideDesk(makeCommand<DeskCommand>(type, data as never, { seed, commandId: `c${n++}` }), state);
  if (E.isLeft(decided)) throw new Error(JSON.stringify(decided.left));
  return decided.right.events.reduce(evolveDesk, state);
};

/** A desk in `mode`, sticky off, with agents online: [capability, max] each. */
const deskWith = (mode: BaseMode, agents: readonly (readonly [number, number])[]) => {
  let state = run(initialDeskState(), 'ConfigureRouting', { settings: { baseMode: mode, stickyRecentContact: false } });
  agents.forEach(([capability, maxSessions], i) => {
    state = run(state, 'RegisterAgent', { agentId: `a${i}`, name: `A${i}`, maxSessions, capability });
    state = run(state, 'ChangeAgentStatus', { agentId: `a${i}`, status: 'online' });
  });
  return state;
};

/** Opens `count` sessions (fresh customers) and returns each agent's count. */
const arrive = (start: DeskState, count: number, seed = 1) => {
  let state = start;
  const counts = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const decided = decideDesk(makeCommand<DeskCommand>('OpenSession', { sessionId: `s${n}`, customerId: `c${n}`, channel: 'app' }, { seed: seed + i, commandId: `c${n++}` }), state);
    if (E.isLeft(decided)) throw new Error(JSON.stringify(decided.left));
    for (const e of decided.right.events) if (e.type === 'SessionAssigned') counts.set(e.data.agentId, (counts.get(e.data.agentId) ?? 0) + 1);
    state = decided.right.events.reduce(evolveDesk, state);
  }
  return { state, counts };
};

const ratio = (a: Agent) => a.load / a.maxSessions;

describe('R2 least load', () => {
  it('never picks a higher load ratio than the minimum, and breaks ties by idle time then id', () => {
    const agentArb = fc.record({
      load: fc.nat(9),
      maxSessions: fc.integer({ min: 1, max: 10 }),
      lastAssignedSeq: fc.integer({ min: -1, max: 50 }),
      status: fc.constantFrom('online' as const, 'busy' as const, 'offline' as const),
    });
    fc.assert(
      fc.property(fc.array(agentArb, { minLength: 1, maxLength: 30 }), (specs) => {
        const agents: Agent[] = specs.map((s, i) => ({
          id: `a${String(i).padStart(2, '0')}`,
          name: 'x',
          role: 'agent',
          groups: [],
          statusSince: 0,
          lifecycle: 'active',
          enabled: true,
          capability: 80,
          lastAssignedAt: -1,
          pass: 0,
          efficiency: { replyRate: 1, firstResponseSec: 30 },
          ...s,
        }));
        const picked = pickFrom(buildPools(leastLoad, agents, false).shop, drawsFromSeed(1));
        const eligible = agents.filter((a) => canAutoTake(a, false));
        if (eligible.length === 0) {
          expect(picked).toBeUndefined();
          return;
        }
        const min = Math.min(...eligible.map(ratio));
        const tied = eligible.filter((a) => Math.abs(ratio(a) - min) < 1e-12);
        const idlest = Math.min(...tied.map((a) => a.lastAssignedSeq));
        const expected = tied.filter((a) => a.lastAssignedSeq === idlest).map((a) => a.id).sort()[0];
        expect(picked).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps loads level through the desk: no eligible agent ever below another by more than a session per its share', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 2, maxLength: 6 }), fc.integer({ min: 1, max: 40 }), (maxes, arrivals) => {
        const { state } = arrive(deskWith('least-load', maxes.map((m) => [80, m] as const)), arrivals);
        const agents = [...state.agents.values()];
        const full = agents.every((a) => a.load === a.maxSessions);
        if (full) return;
        // Whoever is below max has a ratio no higher than anyone's ratio before its last session.
        const lowest = Math.min(...agents.filter((a) => a.load < a.maxSessions).map(ratio));
        for (const a of agents) expect((a.load - 1) / a.maxSessions).toBeLessThanOrEqual(lowest + 1e-12);
      }),
    );
  });
});

describe('R3 round robin', () => {
  it('gives agents online the whole time counts within one of each other', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 1, max: 200 }), (agents, arrivals) => {
        const { counts } = arrive(deskWith('round-robin', Array.from({ length: agents }, () => [80, 1000] as const)), arrivals);
        const values = Array.from({ length: agents }, (_, i) => counts.get(`a${i}`) ?? 0);
        expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('R4 weighted capability', () => {
  // Stride scheduling's error against the ideal share is bounded by about one pick per
  // agent competing (Waldspurger & Weihl, 1995), whatever the number of arrivals.
  it('converges to shares proportional to the weights, within one session per competing agent', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 2, maxLength: 6 }), fc.integer({ min: 100, max: 1500 }), (capabilities, arrivals) => {
        const { state, counts } = arrive(deskWith('weighted', capabilities.map((c) => [c, 100_000] as const)), arrivals);
        const weights = [...state.agents.values()].map((a) => [a.id, weightOf(a)] as const);
        const total = weights.reduce((s, [, w]) => s + w, 0);
        for (const [id, w] of weights) expect(Math.abs((counts.get(id) ?? 0) - (arrivals * w) / total)).toBeLessThanOrEqual(weights.length);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('does not flood an agent coming back online: it restarts from the desk\'s virtual time', () => {
    let state = deskWith('weighted', [
      [80, 1000],
      [80, 1000],
    ]);
    state = run(state, 'ChangeAgentStatus', { agentId: 'a1', status: 'offline' });
    state = arrive(state, 100).state;
    state = run(state, 'ChangeAgentStatus', { agentId: 'a1', status: 'online' });
    const { counts } = arrive(state, 20);
    expect(counts.get('a1')).toBeLessThanOrEqual(11);
  });
});

describe('R5 random', () => {
  it('picks only eligible agents, roughly evenly, and the same for the same seeds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 0, max: 1000 }), (agents, seed) => {
        let state = deskWith('random', Array.from({ length: agents + 1 }, () => [80, 10_000] as const));
        state = run(state, 'ChangeAgentStatus', { agentId: `a${agents}`, status: 'busy' });
        const arrivals = 120 * agents;
        const first = arrive(state, arrivals, seed);
        expect(first.counts.has(`a${agents}`)).toBe(false);
        for (let i = 0; i < agents; i++) {
          const share = (first.counts.get(`a${i}`) ?? 0) / arrivals;
          expect(share).toBeGreaterThan(0.5 / agents);
          expect(share).toBeLessThan(1.5 / agents);
        }
        expect(arrive(state, 30, seed).counts).toEqual(arrive(state, 30, seed).counts);
      }),
      { numRuns: 30 },
    );
  });
});
