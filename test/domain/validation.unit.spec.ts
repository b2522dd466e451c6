import { fc, test } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { decodeWith, intInRange, nonEmptyString, oneOf, struct } from '../../src/domain/validation.js';

const agentSettings = struct(
  'AgentSettings',
  { agentId: nonEmptyString(50), maxSessions: intInRange(1, 500), groups: t.array(nonEmptyString(50)) },
  { mode: oneOf('Mode', ['least-load', 'round-robin']) },
);
const decode = decodeWith(agentSettings, 'command');

describe('decoding with field paths', () => {
  it('names the field and the reason of each problem', () => {
    const result = decode({ agentId: '', maxSessions: 0, groups: ['ok', 7], mode: 'fastest' });
    expect(result).toEqual(
      E.left({
        _tag: 'ValidationError',
        source: 'command',
        issues: [
          { path: 'agentId', reason: 'must not be empty' },
          { path: 'maxSessions', reason: 'must be an integer from 1 to 500, got 0' },
          { path: 'groups.1', reason: 'must be a non-empty string (at most 50 characters), got 7' },
          { path: 'mode', reason: 'must be one of least-load, round-robin, got "fastest"' },
        ],
      }),
    );
  });

  it('refuses unknown fields by name, so a misspelt option is not silently ignored', () => {
    const result = decode({ agentId: 'a', maxSessions: 3, groups: [], maxSesions: 4 });
    expect(result).toEqual(E.left({ _tag: 'ValidationError', source: 'command', issues: [{ path: 'maxSesions', reason: 'unknown field' }] }));
  });

  it('reports a missing required field', () => {
    const result = decode({ agentId: 'a', groups: [] });
    expect(E.isLeft(result) && result.left.issues).toEqual([{ path: 'maxSessions', reason: 'must be an integer from 1 to 500, got nothing' }]);
  });

  it('refuses a non-object with a readable reason', () => {
    const result = decode('agent');
    expect(E.isLeft(result) && result.left.issues[0]?.reason).toMatch(/must be an object \(agent settings\)/);
  });

  test.prop([fc.integer({ min: 1, max: 500 }), fc.array(fc.string({ minLength: 1, maxLength: 10 }).filter((s) => s.trim() !== ''))])(
    'accepts every valid value and gives it back unchanged',
    (maxSessions, groups) => {
      const input = { agentId: 'agent-1', maxSessions, groups };
      expect(decode(input)).toEqual(E.right(input));
    },
  );
});

describe('encoding a struct', () => {
  // A field whose stored form differs from its value (as a compiled calendar stores its definition).
  const doubled = new t.Type<number, number, unknown>('Doubled', (u): u is number => typeof u === 'number', (u, c) => (typeof u === 'number' ? t.success(u * 2) : t.failure(u, c)), (n) => n / 2);

  it('is the value itself when every field encodes as itself', () => {
    const value = { agentId: 'a1', maxSessions: 3, groups: ['g'] };
    expect(agentSettings.encode(value)).toBe(value);
  });

  it('encodes required and optional fields that change on the way out, and leaves absent ones absent', () => {
    const codec = struct('S', { a: doubled, b: t.string }, { c: doubled, d: t.string });
    expect(codec.encode({ a: 10, b: 'x', c: 4 })).toEqual({ a: 5, b: 'x', c: 2 });
    expect(codec.encode({ a: 10, b: 'x' })).toEqual({ a: 5, b: 'x' });
    const nested = struct('N', { inner: codec });
    expect(nested.encode({ inner: { a: 2, b: 'y', d: 'z' } })).toEqual({ inner: { a: 1, b: 'y', d: 'z' } });
  });
});
