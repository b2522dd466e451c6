/**
 * The simulator against Erlang C over long runs on the engine (the unit suite's
 * engine runs are 6,000 customers, which at load 0.9 supports only a wide
 * tolerance). Here each case plays 100,000 customers (after 200 of warm-up) of an
 * M/M/c queue on a real engine: c agents of max 1 (A2), a FIFO queue (R10),
 * nobody leaving, loads 0.5, 0.7, 0.8 and 0.9, c in {2, 5}.
 *
 * The tolerance is stated and derived, not tuned: the run length's sampling
 * error, measured in the test by replicating the exact FCFS recursion (the waits
 * the engine must give, checked to the millisecond) 200 times at the same length
 * with other seeds; a case allows 4 times the RMS error of those replications
 * around the formula. For c = 2 at load 0.5 that is about 9% on the mean wait and
 * 0.012 on P(wait <= 30 s); at c = 5, load 0.9 about 30% and 0.06 (the mean wait
 * of an M/M/c queue near saturation converges slowly: long busy periods). Fixed
 * seeds: the outcome is the same every run. About a minute on 2 cores.
 */
import { describe, expect, it } from 'vitest';
import { playWorkload } from '../../src/simulation/playWorkload.js';
import { strategyOf } from '../../src/simulation/strategies.js';
import { formula, LEVEL_T_MS, meanOf, mmcDraws, mmcWorkload, recursionWaits, WARM_UP } from './mmcQueue.js';

const CUSTOMERS = 100_000;
const REPLICATIONS = 200;
const SDS = 4;
const CASES: readonly (readonly [number, number])[] = [
  [2, 0.5],
  [2, 0.8],
  [5, 0.7],
  [5, 0.9],
];

const figures = (waits: readonly number[]) => ({ mean: meanOf(waits), level: waits.filter((w) => w <= LEVEL_T_MS).length / waits.length });

/** 4 x the RMS error, around the formula, of the recursion's figures over runs of this length. */
const tolerances = (c: number, rho: number) => {
  const theory = formula(c, rho);
  let meanSquares = 0;
  let levelSquares = 0;
  for (let seed = 5_000; seed < 5_000 + REPLICATIONS; seed++) {
    const f = figures(recursionWaits(c, mmcDraws(c, rho, CUSTOMERS + WARM_UP, seed)).slice(WARM_UP));
    meanSquares += (f.mean / theory.meanWait - 1) ** 2;
    levelSquares += (f.level - theory.serviceLevel(LEVEL_T_MS)) ** 2;
  }
  return { mean: SDS * Math.sqrt(meanSquares / REPLICATIONS), level: SDS * Math.sqrt(levelSquares / REPLICATIONS) };
};

describe('the simulator against Erlang C over 100,000 customers a case', () => {
  for (const [c, rho] of CASES) {
    it(`c=${c} agents of max 1 (A2), load ${rho}, FIFO (R10): the engine's mean wait and P(wait <= 30 s) are within ${SDS} RMS errors of the formula`, async () => {
      const times = mmcDraws(c, rho, CUSTOMERS + WARM_UP, 900 + c * 10 + Math.round(rho * 10));
      const result = await playWorkload(mmcWorkload(c, times), strategyOf('least-load'));
      const waits = result.sessions.map((s) => (s.assignedAt ?? Number.NaN) - s.arrivedAt);
      expect(waits).toEqual(recursionWaits(c, times));

      const theory = formula(c, rho);
      const simulated = figures(waits.slice(WARM_UP));
      const allowed = tolerances(c, rho);
      expect(Math.abs(simulated.mean / theory.meanWait - 1), `mean wait ${simulated.mean} ms vs ${theory.meanWait} ms`).toBeLessThan(allowed.mean);
      expect(Math.abs(simulated.level - theory.serviceLevel(LEVEL_T_MS)), `P(wait <= 30 s) ${simulated.level} vs ${theory.serviceLevel(LEVEL_T_MS)}`).toBeLessThan(allowed.level);
    }, 300_000);
  }
});
