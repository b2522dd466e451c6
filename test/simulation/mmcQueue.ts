/**
 * An M/M/c queue for the simulator's checks against theory: Poisson arrivals and
 * exponential handle times drawn from a seed, the workload that plays them on
 * the engine (c agents of max 1, online all the time, nobody leaving), the FCFS
 * recursion that gives their exact waits, and the Erlang C formula for them.
 */
import * as E from 'fp-ts/lib/Either.js';
import { draws, exponential } from '../../src/simulation/distributions.js';
import { erlangC, type ErlangC } from '../../src/simulation/erlangC.js';
import type { SimArrival, Workload } from '../../src/simulation/workload.js';

export const HANDLE_MEAN_MS = 60_000;
export const T0 = Date.UTC(2026, 2, 2);
export const WARM_UP = 200;
export const LEVEL_T_MS = HANDLE_MEAN_MS / 2;

export const formula = (c: number, rho: number): ErlangC => {
  const result = erlangC({ servers: c, arrivalRate: (rho * c) / HANDLE_MEAN_MS, serviceRate: 1 / HANDLE_MEAN_MS });
  if (E.isLeft(result)) throw new Error(result.left);
  return result.right;
};

/** Arrival times and handle times of an M/M/c queue at load rho, in whole milliseconds. */
export const mmcDraws = (c: number, rho: number, n: number, seed: number): { at: number[]; handle: number[] } => {
  const d = draws(seed);
  const meanGap = HANDLE_MEAN_MS / (rho * c);
  const at: number[] = [];
  const handle: number[] = [];
  let t = T0;
  for (let i = 0; i < n; i++) {
    t += exponential(d, meanGap);
    at.push(Math.round(t));
    handle.push(Math.max(1, Math.round(exponential(d, HANDLE_MEAN_MS))));
  }
  return { at, handle };
};

export const mmcWorkload = (c: number, times: { at: number[]; handle: number[] }): Workload => {
  const end = (times.at[times.at.length - 1] as number) + 1000 * HANDLE_MEAN_MS;
  const arrivals: SimArrival[] = times.at.map((at, i) => ({
    sessionId: `s${i}`,
    customerId: `c${i}`,
    at,
    channel: 'web',
    handleMs: times.handle[i] as number,
    followUps: [],
    replyMs: 1000,
  }));
  return {
    shopId: 'erlang-shop',
    zone: 'UTC',
    start: T0,
    end,
    groups: [],
    agents: Array.from({ length: c }, (_, k) => ({ agentId: `agent-${k}`, groups: [], maxSessions: 1, shifts: [{ from: T0, to: end }] })),
    arrivals,
    pins: [],
  };
};

/** FCFS M/M/c waits: each customer starts at its arrival or when the earliest server frees. */
export const recursionWaits = (c: number, times: { at: number[]; handle: number[] }): number[] => {
  const free = new Array<number>(c).fill(0);
  return times.at.map((at, i) => {
    let k = 0;
    for (let j = 1; j < c; j++) if ((free[j] as number) < (free[k] as number)) k = j;
    const start = Math.max(at, free[k] as number);
    free[k] = start + (times.handle[i] as number);
    return start - at;
  });
};

export const meanOf = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
