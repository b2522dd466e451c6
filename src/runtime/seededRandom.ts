/** A seeded random source: the same seed gives the same ids and draws, run after run. */
import { randomInt } from 'node:crypto';
import { generatorFromSeed } from '../domain/seededDraws.js';
import type { RandomSource } from '../domain/clock.js';

export const seededRandom = (seed: number): RandomSource => {
  const rng = generatorFromSeed(seed);
  return { nextUint32: () => rng.next() >>> 0 };
};

/** A source seeded from the operating system, for production engines. */
export const unseededRandom = (): RandomSource => seededRandom(randomInt(0, 2 ** 31));

// Two hex digits per byte, computed once: formatting ids is on every command's path.
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex4 = (n: number) => HEX[(n >>> 8) & 0xff]! + HEX[n & 0xff]!;

/** A UUID (version 4 layout) drawn from `random`. */
export const randomUuid = (random: RandomSource): string => {
  const a = random.nextUint32();
  const b = random.nextUint32();
  const c = random.nextUint32();
  const d = random.nextUint32();
  return (
    hex4(a >>> 16) + hex4(a) + '-' +
    hex4(b >>> 16) + '-' +
    hex4(((b & 0x0fff) | 0x4000)) + '-' +
    hex4(((c >>> 16) & 0x3fff) | 0x8000) + '-' +
    hex4(c) + hex4(d >>> 16) + hex4(d)
  );
};
