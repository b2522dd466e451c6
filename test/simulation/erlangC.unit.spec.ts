/**
 * The simulator against queueing theory. Poisson arrivals, exponential handle
 * times, c agents of max 1 online all the time, a FIFO queue, nobody leaving: an
 * M/M/c queue, whose waits the Erlang C formula gives.
 *
 * Three checks, because a run the engine can play in seconds is too short for a
 * tight statistical comparison at high load (the sample mean of the waits of an
 * M/M/c queue converges slowly as rho nears 1):
 * 1. the formula itself against published values;
 * 2. the simulator on the engine gives exactly the waits of the M/M/c (FCFS)
 *    recursion on the same arrivals and handle times (Kiefer-Wolfowitz: the next
 *    customer starts when it arrives or when the earliest server frees, whichever
 *    is later): routing, queueing and dequeueing add nothing and lose nothing;
 * 3. the simulator's mean wait and P(wait <= t) against the formula, for loads
 *    0.5, 0.7, 0.8 and 0.9 and c in {2, 5} (four pairs, ENGINE_CASES, to keep the
 *    file within ~20 s on a loaded machine), 6,000 customers each (after 200 of
 *    warm-up), t = half a mean handle time. The tolerance of each case is the
 *    99.9th percentile of the estimator's error at that run length, measured once
 *    by replicating the pure recursion 1,000 times (seeds 1000-1999): a correct
 *    simulator fails a case for one seed in a thousand. The mean wait of a short
 *    run at high load is skewed and wide (a long busy period now and then), so at
 *    load 0.9 (c = 5) it allows 176% and at 0.8 (c = 2) 96%: that is all a run
 *    the engine plays in a second or two honestly supports. P(wait <= t) is
 *    tighter (0.036 at c = 2, 0.5; 0.083 at c = 5, 0.7; 0.17 at c = 5, 0.9). Check 2 is the exact one,
 *    and check 4 the tight statistical one.
 * 4. the same recursion, run long (500,000 customers, fast without an engine), is
 *    within 3.5 SD of the formula at that length (the SDs over 6,000 customers in
 *    CASES, scaled by sqrt(6,000 / 500,000): 10% and 0.014 at c = 2, load 0.9;
 *    3.5% and 0.005 at c = 2, load 0.5): the draws of distributions.ts are what the
 *    theory assumes.
 * Fixed seeds: the outcome is the same every run.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { erlangC } from '../../src/simulation/erlangC.js';
import { playWorkload } from '../../src/simulation/playWorkload.js';
import { strategyOf } from '../../src/simulation/strategies.js';
import { formula, LEVEL_T_MS, meanOf, mmcDraws, mmcWorkload, recursionWaits, WARM_UP } from './mmcQueue.js';

const CUSTOMERS = 6_000;
const LONG_RUN = 500_000;
const SDS = 3.5;

// Over 6,000 customers (see above): [c, rho, 99.9th percentile of |relative error of the mean wait|,
// of |error of P(wait <= t)|, SD of the relative error of the mean wait, SD of P(wait <= t)].
const CASES: readonly (readonly [number, number, number, number, number, number])[] = [
  [2, 0.5, 0.333, 0.0363, 0.092, 0.0125],
  [2, 0.7, 0.523, 0.0656, 0.122, 0.0219],
  [2, 0.8, 0.959, 0.0857, 0.17, 0.0284],
  [2, 0.9, 1.638, 0.109, 0.27, 0.0359],
  [5, 0.5, 0.631, 0.0235, 0.163, 0.007],
  [5, 0.7, 0.716, 0.0825, 0.165, 0.0225],
  [5, 0.8, 1.198, 0.1226, 0.208, 0.0372],
  [5, 0.9, 1.762, 0.1692, 0.297, 0.0573],
];
/** The cases played on the engine (each takes seconds): every load once, both team sizes; the long recursion runs them all. */
const ENGINE_CASES: readonly (readonly [number, number])[] = [
  [2, 0.5],
  [2, 0.8],
  [5, 0.7],
  [5, 0.9],
];
const LONG_RUN_SCALE = Math.sqrt(CUSTOMERS / LONG_RUN);

describe('Erlang C', () => {
  it('agrees with published values: A = 10 erlangs on 11 agents waits with P = 0.6821; M/M/1 waits with P = rho; M/M/2 at a = 1 with 1/3', () => {
    expect(formula(11, 10 / 11).probabilityOfWait).toBeCloseTo(0.6821, 4);
    const mm1 = formula(1, 0.8);
    expect(mm1.probabilityOfWait).toBeCloseTo(0.8, 12);
    // M/M/1: E[Wq] = rho / (mu - lambda) = 0.8 / (0.2 / 60 s) = 240 s.
    expect(mm1.meanWait).toBeCloseTo(240_000, 6);
    expect(formula(2, 0.5).probabilityOfWait).toBeCloseTo(1 / 3, 12);
    // M/M/2 at a = 1: E[Wq] = C / (2 mu - lambda) = (1/3) / (1 / 60 s) = 20 s.
    expect(formula(2, 0.5).meanWait).toBeCloseTo(20_000, 6);
    expect(formula(2, 0.5).serviceLevel(0)).toBeCloseTo(2 / 3, 12);
    expect(E.isLeft(erlangC({ servers: 2, arrivalRate: 2, serviceRate: 1 }))).toBe(true);
  });

  it(`the draws are what the theory assumes: the M/M/c recursion on ${LONG_RUN} customers is within ${SDS} SD of the formula`, () => {
    for (const [c, rho, , , sdMean, sdLevel] of CASES) {
      const times = mmcDraws(c, rho, LONG_RUN + WARM_UP, 7);
      const waits = recursionWaits(c, times).slice(WARM_UP);
      const theory = formula(c, rho);
      expect(Math.abs(meanOf(waits) / theory.meanWait - 1), `c=${c} rho=${rho}`).toBeLessThan(SDS * sdMean * LONG_RUN_SCALE);
      expect(Math.abs(waits.filter((w) => w <= LEVEL_T_MS).length / waits.length - theory.serviceLevel(LEVEL_T_MS)), `c=${c} rho=${rho}`).toBeLessThan(SDS * sdLevel * LONG_RUN_SCALE);
    }
  });

  for (const [c, rho, meanTolerance, levelTolerance] of CASES.filter(([c, rho]) => ENGINE_CASES.some(([ec, er]) => ec === c && er === rho))) {
    const mode = c === 2 ? 'round-robin (R3)' : 'least load (R2)';
    it(`c=${c} agents of max 1 (A2), load ${rho}, FIFO (R10), ${mode}: the engine's waits are the M/M/c recursion's, and within ${(meanTolerance * 100).toFixed(0)}% / ${levelTolerance.toFixed(3)} of Erlang C`, async () => {
      const times = mmcDraws(c, rho, CUSTOMERS + WARM_UP, 100 + c * 10 + Math.round(rho * 10));
      const result = await playWorkload(mmcWorkload(c, times), strategyOf(c === 2 ? 'round-robin' : 'least-load'));
      const simulated = result.sessions.map((s) => {
        if (s.assignedAt === undefined) throw new Error(`${s.sessionId} was never assigned`);
        return s.assignedAt - s.arrivedAt;
      });
      expect(simulated).toEqual(recursionWaits(c, times));

      const waits = simulated.slice(WARM_UP);
      const theory = formula(c, rho);
      expect(Math.abs(meanOf(waits) / theory.meanWait - 1)).toBeLessThan(meanTolerance);
      expect(Math.abs(waits.filter((w) => w <= LEVEL_T_MS).length / waits.length - theory.serviceLevel(LEVEL_T_MS))).toBeLessThan(levelTolerance);
      expect(result.sessions.every((s) => s.fate === 'served')).toBe(true);
    });
  }
});
