/** A seeded random source: the same seed gives the same ids and draws, run after run. */
import { randomInt } from 'node:crypto';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomSource } from '../domain/clock.js';

export const seededRandom = (seed: number): RandomSource => {
  const rng = xoroshiro128plus(seed | 0);
  return { nextUint32: () => rng.next() >>> 0 };
};

/** A source seeded from the operating system, for production engines. */
export const unseededRandom = (): RandomSource => seededRandom(randomInt(0, 2 ** 31));

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

/** A UUID (version 4 layout) drawn from `random`. */
export const randomUuid = (random: RandomSource): string => {
  const a = hex8(random.nextUint32());
  const b = hex8(random.nextUint32());
  const c = hex8(((random.nextUint32() & 0x0fffffff) | 0x40000000) >>> 0);
  const d = hex8(((random.nextUint32() & 0x3fffffff) | 0x80000000) >>> 0);
  return `${a}-${b.slice(0, 4)}-${c.slice(0, 4)}-${d.slice(0, 4)}-${d.slice(4)}${b.slice(4)}${c.slice(4)}`;
};
