import { describe, expect, it } from 'vitest';
import { drawsFromSeed } from '../../src/domain/seededDraws.js';
import { randomUuid, seededRandom } from '../../src/runtime/seededRandom.js';

describe('seeded randomness', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const take = (seed: number) => {
      const r = seededRandom(seed);
      return Array.from({ length: 5 }, () => r.nextUint32());
    };
    expect(take(7)).toEqual(take(7));
    expect(take(7)).not.toEqual(take(8));
    expect(take(7).every((n) => Number.isInteger(n) && n >= 0 && n < 2 ** 32)).toBe(true);
  });

  it('draws uuids in the version 4 layout', () => {
    const r = seededRandom(3);
    for (let i = 0; i < 100; i++) {
      expect(randomUuid(r)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('draws from a command seed deterministically and within bounds', () => {
    const a = drawsFromSeed(99);
    const b = drawsFromSeed(99);
    const fromA = Array.from({ length: 1000 }, () => a.below(7));
    expect(fromA).toEqual(Array.from({ length: 1000 }, () => b.below(7)));
    expect(new Set(fromA)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6]));
    const floats = Array.from({ length: 1000 }, () => a.next());
    expect(floats.every((f) => f >= 0 && f < 1)).toBe(true);
  });
});
