/**
 * The simulator as a function on a virtual clock, through kefu/testing's index:
 * a spec made into a workload, played under a strategy, summarised; the same
 * seed gives the same figures; workloadArbitrary varies specs for properties.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateWorkload, playWorkload, SMALL_SIMULATION_SPEC, strategyOf, summarize, workloadArbitrary } from '../../src/testing/index.js';

describe('the simulator through kefu/testing', () => {
  it('plays a generated day under a strategy and summarises it, the same for the same seed', async () => {
    const workload = generateWorkload(SMALL_SIMULATION_SPEC, 7);
    const first = summarize(await playWorkload(workload, strategyOf('least-load')));
    const again = summarize(await playWorkload(generateWorkload(SMALL_SIMULATION_SPEC, 7), strategyOf('least-load')));
    expect(first.sessions).toBeGreaterThan(10);
    expect(first.served).toBeGreaterThan(0);
    expect(again).toEqual(first);
  }, 30_000);

  it('varies specs with workloadArbitrary: every session that arrives is served, abandoned or still waiting at the end (R2 strategies)', async () => {
    await fc.assert(
      fc.asyncProperty(workloadArbitrary({ maxAgents: 3, maxLoad: 0.4 }), fc.constantFrom('least-load', 'round-robin'), async ({ workload }, mode) => {
        const result = await playWorkload(workload, strategyOf(mode as 'least-load' | 'round-robin'));
        const summary = summarize(result);
        expect(summary.served + summary.abandoned).toBeLessThanOrEqual(summary.sessions);
        expect(result.agents.length).toBe(workload.agents.length);
      }),
      { numRuns: 4 },
    );
  }, 60_000);
});
