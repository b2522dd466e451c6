/**
 * Timing helpers for the benchmarks. A figure is the median of several rounds,
 * each timed with the monotonic clock; every round reports how many operations
 * it really did, so a figure never rests on an assumed count.
 */
import { performance } from 'node:perf_hooks';

export interface Figure {
  readonly suite: string;
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Runs `round` `rounds` times (after one untimed warm-up round) and returns the
 * median rate in operations per second. `round` returns how many operations it did.
 */
export const rate = async (rounds: number, round: (i: number) => Promise<number>): Promise<number> => {
  await round(-1);
  const rates: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    const ops = await round(i);
    const seconds = (performance.now() - start) / 1000;
    rates.push(ops / seconds);
  }
  return median(rates);
};

/** Fails the benchmark loudly when a count checked against the store is wrong. */
export const check = (condition: boolean, message: string): void => {
  if (!condition) throw new Error(`benchmark check failed: ${message}`);
};

export const formatRate = (value: number): string =>
  value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toPrecision(3);
