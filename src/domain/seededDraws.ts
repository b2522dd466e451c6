/**
 * Deterministic draws from a command's seed, for deciders that need chance
 * (random assignment). The same seed always gives the same draws, so a replayed
 * or re-decided command makes the same choice.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

export interface Draws {
  /** A float in [0, 1). */
  readonly next: () => number;
  /** An integer in [0, n), n >= 1. */
  readonly below: (n: number) => number;
}

export const drawsFromSeed = (seed: number): Draws => {
  const rng: RandomGenerator = xoroshiro128plus(seed | 0);
  // next() is uniform over 32-bit signed integers; shift it into [0, 2^32) and scale.
  const next = () => (rng.next() + 0x80000000) / 0x100000000;
  return { next, below: (n) => Math.min(n - 1, Math.floor(next() * n)) };
};
