/**
 * Engine tests (driven through createEngine, as a backend would): the shares the
 * weighted (R4) and random (R5) base modes give over long runs of sessions, and
 * R5's draws following the engine's seeded random source. A share is a property
 * of hundreds of decisions, not of one, so these are not given/when/then; each
 * decision's own rule is a decider test in routing.unit.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { deskHarness } from './harness.js';

describe('R4 weighted capability', () => {
  it('gives a capability-100 agent twice the sessions of a capability-50 agent', async () => {
    const h = deskHarness();
    await h.ok(h.d.configure({ baseMode: 'weighted', stickyRecentContact: false }));
    await h.agents(['strong'], { maxSessions: 1000, capability: 100 });
    await h.agents(['weak'], { maxSessions: 1000, capability: 50 });
    const counts: Record<string, number> = {};
    for (let i = 0; i < 300; i++) {
      const { agentId } = await h.open(`c${i}`);
      counts[agentId] = (counts[agentId] ?? 0) + 1;
    }
    expect(Math.abs(counts.strong! - 200)).toBeLessThanOrEqual(2);
  });

  it('lowers the share of an agent who replies slowly or not at all', async () => {
    const h = deskHarness();
    await h.ok(h.d.configure({ baseMode: 'weighted', stickyRecentContact: false }));
    await h.agents(['fast', 'slow'], { maxSessions: 1000 });
    for (let i = 0; i < 40; i++) {
      const s = await h.open(`warm${i}`);
      const fast = s.agentId === 'fast';
      await h.ok(h.d.end({ sessionId: s.sessionId, stats: fast ? { agentReplied: true, firstResponseSec: 5 } : { agentReplied: false } }));
    }
    const counts: Record<string, number> = { fast: 0, slow: 0 };
    for (let i = 0; i < 200; i++) counts[(await h.open(`c${i}`)).agentId]!++;
    expect(counts.fast).toBeGreaterThan(counts.slow! * 3);
  });
});

describe('R5 random', () => {
  it('spreads first-time customers over the eligible agents, the same way for the same seed', async () => {
    const run = async (seed: number) => {
      const h = deskHarness({ seed });
      await h.ok(h.d.configure({ baseMode: 'random' }));
      await h.agents(['a1', 'a2', 'a3', 'a4'], { maxSessions: 100 });
      const got = [];
      for (let i = 0; i < 200; i++) got.push((await h.open(`c${i}`)).agentId);
      return got;
    };
    const first = await run(1);
    expect(await run(1)).toEqual(first);
    expect(await run(2)).not.toEqual(first);
    for (const agent of ['a1', 'a2', 'a3', 'a4']) {
      const share = first.filter((a) => a === agent).length;
      expect(share).toBeGreaterThan(25);
      expect(share).toBeLessThan(75);
    }
  });
});
