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

/**
 * xoroshiro128+ seeded straight from a small integer starts with outputs that
 * follow the seed (seed 3 draws -4 first). The seed is scrambled first (the
 * finaliser of MurmurHash3) and the first outputs are skipped, so neighbouring
 * seeds give unrelated draws.
 */
export const generatorFromSeed = (seed: number): RandomGenerator => {
  let h = seed | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  const rng = xoroshiro128plus(h);
  for (let i = 0; i < 4; i++) rng.next();
  return rng;
};

export const drawsFromSeed = (seed: number): Draws => {
  const rng = generatorFromSeed(seed);
  // next() is uniform over 32-bit signed integers; shift it into [0, 2^32) and scale.
  const next = () => (rng.next() + 0x80000000) / 0x100000000;
  return { next, below: (n) => Math.min(n - 1, Math.floor(next() * n)) };
};
