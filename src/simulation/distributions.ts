/**
 * Seeded draws for simulated days: exponential and log-normal times, weighted
 * choices, and a Poisson arrival process whose rate changes with the hour of the
 * day (with bursts). The same seed gives the same draws; nothing here reads the
 * clock or Math.random, so a simulation is a pure function of its inputs.
 */
import { drawsFromSeed, type Draws } from '../domain/seededDraws.js';

export type { Draws } from '../domain/seededDraws.js';
export const draws = (seed: number): Draws => drawsFromSeed(seed);

/** An exponential time with the given mean (a memoryless handle time, an inter-arrival time). */
export const exponential = (d: Draws, mean: number): number => -Math.log(1 - d.next()) * mean;

/** A standard normal draw (Box-Muller). */
export const normal = (d: Draws): number => {
  const u = 1 - d.next();
  const v = d.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
};

/** A log-normal time with the given median and shape sigma: the long right tail of real handle and reply times. */
export const logNormal = (d: Draws, median: number, sigma: number): number => median * Math.exp(sigma * normal(d));

/** One of `items`, drawn with the given weights (all >= 0, not all 0). */
export const weighted = <T>(d: Draws, items: readonly (readonly [T, number])[]): T => {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = d.next() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return (items[items.length - 1] as readonly [T, number])[0];
};

export interface Burst {
  /** From when (epoch ms) ... */
  readonly from: number;
  /** ... to when ... */
  readonly to: number;
  /** ... the rate is multiplied by this. */
  readonly factor: number;
}

export interface ArrivalProcess {
  /** Arrivals per hour for each local hour of the day (24 numbers, >= 0). */
  readonly perHour: readonly number[];
  readonly bursts?: readonly Burst[];
}

/**
 * The arrival times of a non-homogeneous Poisson process on [start, end) by
 * thinning: candidates at the peak rate, each kept with probability rate(t) /
 * peak. `hourOf(t)` gives the local hour (0-23) of an instant, so the day follows
 * the shop's zone.
 */
export const poissonArrivals = (d: Draws, process: ArrivalProcess, start: number, end: number, hourOf: (t: number) => number): number[] => {
  const bursts = process.bursts ?? [];
  const rateAt = (t: number): number => {
    let rate = process.perHour[hourOf(t)] ?? 0;
    for (const b of bursts) if (t >= b.from && t < b.to) rate *= b.factor;
    return rate;
  };
  const peak = Math.max(0, ...process.perHour) * bursts.reduce((m, b) => Math.max(m, b.factor), 1);
  const times: number[] = [];
  if (peak <= 0) return times;
  const meanGapMs = 3_600_000 / peak;
  for (let t = start + exponential(d, meanGapMs); t < end; t += exponential(d, meanGapMs)) {
    if (d.next() * peak < rateAt(t)) times.push(Math.floor(t));
  }
  return times;
};
