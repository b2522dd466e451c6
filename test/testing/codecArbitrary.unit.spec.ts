/**
 * The codec walker behind kefu/testing's command arbitraries: io-ts's own
 * combinators, the project's constructors (validation.ts), tagged unions and lists
 * read by probing, the named table, and a clear error for a codec it cannot read.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { identifier, intInRange, nonEmptyString, oneOf, orNull, struct, timestamp } from '../../src/domain/validation.js';
import { taggedUnion } from '../../src/domain/conversation/messages.js';
import { codecArbitrary, NoGeneratorError } from '../../src/testing/codecArbitrary.js';

const allDecode = (codec: t.Decoder<unknown, unknown>, runs = 60, options = {}) => {
  const values = fc.sample(codecArbitrary(codec, options), { numRuns: runs, seed: 1 });
  for (const value of values) if (E.isLeft(codec.decode(value))) expect.fail(`${codec.name} refused ${JSON.stringify(value)}`);
  return values;
};

interface Positive {
  readonly Positive: unique symbol;
}

describe('codecArbitrary', () => {
  it('walks io-ts combinators: type, partial, exact, intersection, union, literal, keyof, arrays, tuple, record, refinement, brand', () => {
    const positive = t.brand(t.number, (n): n is t.Branded<number, Positive> => n > 0, 'Positive');
    const codec = t.intersection([
      t.type({ kind: t.literal('x'), level: t.keyof({ low: null, high: null }), tags: t.array(t.string), pair: t.tuple([t.boolean, t.null]) }),
      t.partial({ note: t.union([t.string, t.number]), size: positive, even: t.refinement(t.number, (n) => n % 2 === 0), extra: t.record(t.string, t.number) }),
      t.exact(t.type({ list: t.readonlyArray(t.literal(1)) })),
    ]);
    const values = allDecode(codec);
    expect(values.some((v) => (v as { note?: unknown }).note !== undefined)).toBe(true);
  });

  it('reads the project’s constructors: struct (required and optional fields), ids from the pools, ranges, oneOf, orNull, timestamps', () => {
    const codec = struct('Thing', { agentId: identifier('agent id'), n: intInRange(3, 7), mode: oneOf('Mode', ['a', 'b']) }, { note: nonEmptyString(5), at: timestamp, maybe: orNull(oneOf('M', ['z'])) });
    const values = allDecode(codec, 100, { pools: { shops: ['s'], agents: ['only-agent'], customers: ['c'], sessions: ['x'], groups: ['g'] } }) as { agentId: string; note?: string; maybe?: unknown }[];
    expect(new Set(values.map((v) => v.agentId))).toEqual(new Set(['only-agent']));
    expect(values.some((v) => v.note === undefined)).toBe(true);
    expect(values.some((v) => v.maybe === null)).toBe(true);
  });

  it('reads a union tagged by kind member by member', () => {
    const codec = taggedUnion<{ kind: 'a'; n: number } | { kind: 'b'; s: string }>('AB', {
      a: struct('A', { kind: t.literal('a'), n: intInRange(0, 3) }),
      b: struct('B', { kind: t.literal('b'), s: nonEmptyString(10) }),
    });
    const kinds = new Set(allDecode(codec).map((v) => (v as { kind: string }).kind));
    expect(kinds).toEqual(new Set(['a', 'b']));
  });

  it('names a codec it cannot derive, and takes a generator for it by name', () => {
    const opaque = new t.Type<string, string, unknown>('IsbnCode', (u): u is string => typeof u === 'string' && /^\d{13}$/.test(u), (u, c) => (typeof u === 'string' && /^\d{13}$/.test(u) ? t.success(u) : t.failure(u, c, 'not an ISBN')), t.identity);
    expect(() => codecArbitrary(struct('Book', { isbn: opaque }))).toThrow(NoGeneratorError);
    expect(() => codecArbitrary(struct('Book', { isbn: opaque }))).toThrow(/IsbnCode/);
    allDecode(struct('Book', { isbn: opaque }), 20, { named: { IsbnCode: () => fc.constant('9780306406157') } });
  });

  it('asks for a generator by name for a recursive codec instead of recursing without end', () => {
    interface Tree {
      readonly children: readonly Tree[];
    }
    const tree: t.Type<Tree> = t.recursion('Tree', () => t.type({ children: t.readonlyArray(tree) }));
    expect(() => codecArbitrary(tree)).toThrow(/"Tree" is recursive/);
    allDecode(tree, 10, { named: { Tree: () => fc.constant({ children: [{ children: [] }] }) } });
  });
});
