/**
 * Every validation message a caller can see, read as a caller reads it. A catalogue
 * of bad inputs goes through the real decoders (dispatchUnknown on an engine with
 * every kefu module, and the commandInputCodec outer shape); each distinct message is
 * printed, so a reader of the test output sees them all, and every one is checked
 * for the mistakes that make a message hard to read.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandInputCodec } from '../../src/domain/command.js';
import type { ValidationIssue } from '../../src/domain/errors.js';
import * as t from 'io-ts';
import { decodeWith, identifier, nonEmptyString, struct, withArticle } from '../../src/domain/validation.js';
import { createEngine } from '../../src/engine.js';
import { KEFU_MODULES } from '../../src/kefuModules.js';
import { seededRandom } from '../../src/runtime/seededRandom.js';
import { virtualClock } from '../../src/runtime/virtualClock.js';
import { commandArbitrary, commandTypesOf } from '../../src/testing/commandArbitraries.js';

const engine = createEngine({ modules: KEFU_MODULES, clock: virtualClock(Date.UTC(2026, 0, 5, 9)), random: seededRandom(5) });
const decodeOuter = decodeWith(commandInputCodec, 'command');

const ok = { type: 'RegisterAgent', shopId: 'shop-1', actor: { kind: 'system' }, data: {} };
const withData = (type: string, data: unknown) => ({ ...ok, type, data });

/** Issues of one refused input, or [] when the input was taken (or refused by a rule, not by validation). */
const issuesOf = async (input: unknown): Promise<readonly ValidationIssue[]> => {
  const result = await engine.dispatchUnknown(input);
  return E.isLeft(result) && result.left._tag === 'ValidationError' ? result.left.issues : [];
};

const outerIssues = (input: unknown): readonly ValidationIssue[] => {
  const result = decodeOuter(input);
  return E.isLeft(result) ? result.left.issues : [];
};

const longText = 'x'.repeat(6000);

/** What replaces a field of a good command: a value of every wrong kind. */
const BAD_VALUES: readonly unknown[] = ['', '   ', longText, 'robot', -1, 1.5, 1e16, true, null, {}, [[]], ['', 7]];

/** Inputs wrong in their outer shape: every one must be refused. */
const OUTER: readonly (readonly [string, unknown])[] = [
  ['nothing at all', undefined],
  ['a number', 5],
  ['a string', 'RegisterAgent'],
  ['a list', [ok]],
  ['null', null],
  ['an empty object', {}],
  ['a function', () => ok],
  ['a bigint', 10n],
  ['NaN', Number.NaN],
  ['missing shopId', { type: 'RegisterAgent', actor: { kind: 'system' }, data: {} }],
  ['missing type', { shopId: 'shop-1', actor: { kind: 'system' }, data: {} }],
  ['missing actor', { type: 'RegisterAgent', shopId: 'shop-1', data: {} }],
  ['an empty type', { ...ok, type: '' }],
  ['a blank type', { ...ok, type: '   ' }],
  ['a too long type', { ...ok, type: longText }],
  ['a numeric type', { ...ok, type: 7 }],
  ['an unknown type', { ...ok, type: 'LaunchRocket' }],
  ['a bad shopId', { ...ok, shopId: '-shop' }],
  ['an empty shopId', { ...ok, shopId: '' }],
  ['a too long shopId', { ...ok, shopId: 's'.repeat(200) }],
  ['a numeric shopId', { ...ok, shopId: 12 }],
  ['an actor of an unknown kind', { ...ok, actor: { kind: 'robot' } }],
  ['an actor without kind', { ...ok, actor: {} }],
  ['an actor that is a string', { ...ok, actor: 'agent' }],
  ['an actor that is a list', { ...ok, actor: [{ kind: 'system' }] }],
  ['an agent actor with an empty id', { ...ok, actor: { kind: 'agent', id: '' } }],
  ['an agent actor without id', { ...ok, actor: { kind: 'agent' } }],
  ['a customer actor with a bad id', { ...ok, actor: { kind: 'customer', id: 'a b' } }],
  ['a system actor with an id', { ...ok, actor: { kind: 'system', id: 'a1' } }],
  ['an actor with an extra field', { ...ok, actor: { kind: 'agent', id: 'a1', name: 'Ann' } }],
  ['an unknown outer field', { ...ok, priority: 'high' }],
  ['a bad commandId', { ...ok, commandId: '' }],
  ['a negative expectedVersion', { ...ok, expectedVersion: -1 }],
  ['a fractional expectedVersion', { ...ok, expectedVersion: 0.5 }],
  ['a textual expectedVersion', { ...ok, expectedVersion: '3' }],
  ['data with undefined in a list', { ...ok, data: [1, undefined] }],
  ['data with a function', { ...ok, data: { f: () => 1 } }],
  ['data with a bigint', { ...ok, data: { n: 1n } }],
  ['data with NaN', { ...ok, data: { n: Number.NaN } }],
  ['data with Infinity', { ...ok, data: { n: Number.POSITIVE_INFINITY } }],
  ['data with a Date', { ...ok, data: { at: new Date(0) } }],
  ['data with a symbol', { ...ok, data: { s: Symbol('s') } }],
  ['data with a Map', { ...ok, data: { m: new Map() } }],
  ['data with an Error', { ...ok, data: { e: new Error('boom') } }],
  ['data that is a list', { ...ok, data: [] }],
  ['data that is a string', { ...ok, data: 'agent a1' }],
  ['nested lists', { ...ok, data: { agentId: [[['a1']]] } }],
];

/** Paths to the leaves of a value (fields and list items), at most `depth` deep. */
const leafPaths = (value: unknown, depth = 4, prefix: readonly (string | number)[] = []): (readonly (string | number)[])[] => {
  if (depth === 0 || value === null || typeof value !== 'object') return prefix.length === 0 ? [] : [prefix];
  const entries = Array.isArray(value) ? value.slice(0, 2).map((v, i) => [i, v] as const) : Object.entries(value);
  const below = entries.flatMap(([key, v]) => leafPaths(v, depth - 1, [...prefix, key]));
  return prefix.length === 0 ? below : [prefix, ...below];
};

const replaced = (value: unknown, path: readonly (string | number)[], by: unknown): unknown => {
  if (path.length === 0) return by;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaced(v, rest, by) : v));
  const record = value as Record<string, unknown>;
  return { ...record, [head as string]: replaced(record[head as string], rest, by) };
};

interface Seen {
  readonly input: string;
  readonly issues: readonly ValidationIssue[];
}

const seen: Seen[] = [];
const record = (input: string, issues: readonly ValidationIssue[]) => {
  if (issues.length > 0) seen.push({ input, issues });
};
const line = (i: ValidationIssue) => (i.path === '' ? i.reason : `${i.path}: ${i.reason}`);

/** The part of a message that is kefu's own words: what follows `got` is the caller's value. */
const ownWords = (message: string) => message.replace(/, got .*$/s, '').replace(/"(?:[^"\\]|\\.)*"/g, '""');

beforeAll(async () => {
  for (const [name, input] of OUTER) {
    record(`outer: ${name}`, await issuesOf(input));
    record(`commandInputCodec: ${name}`, outerIssues(input));
  }
  for (const module of KEFU_MODULES) {
    for (const type of commandTypesOf(module)) {
      record(`${type} with no data`, await issuesOf(withData(type, {})));
      record(`${type} with an unknown field`, await issuesOf(withData(type, { notAField: 1 })));
      const [good] = fc.sample(commandArbitrary(module, type, { actors: 'system' }), { numRuns: 1, seed: 11 });
      if (good === undefined) continue;
      for (const path of leafPaths(good.data).slice(0, 16)) {
        for (const bad of BAD_VALUES) record(`${type} ${path.join('.')} = ${JSON.stringify(bad).slice(0, 20)}`, await issuesOf({ ...good, data: replaced(good.data, path, bad) }));
      }
    }
  }
  const distinct = [...new Set(seen.flatMap((s) => s.issues.map(line)))].sort();
  console.log(`${distinct.length} distinct validation messages:\n${distinct.join('\n')}`);
}, 120_000);

describe('validation messages', () => {
  it('are found for every kind of bad input in the catalogue', () => {
    expect(seen.length).toBeGreaterThan(500);
    for (const [name] of OUTER) expect(seen.some((s) => s.input === `outer: ${name}`), name).toBe(true);
  });

  it('use the right article ("an agent id", "a customer id")', () => {
    const bad = seen.flatMap((s) => s.issues.map(line)).filter((m) => /\ba [aeiou]/i.test(ownWords(m).replace(/\ba (user|unit|one)/gi, '')));
    expect([...new Set(bad)]).toEqual([]);
  });

  it('never print "undefined" but as the value that was given', () => {
    // The one message about undefined itself names it as its subject.
    const bad = seen.flatMap((s) => s.issues.map(line)).filter((m) => /undefined/.test(ownWords(m).replace(/^(.*: )?undefined is not JSON \(use null, or leave the field out\)$/, '')));
    expect([...new Set(bad)]).toEqual([]);
  });

  it('never name a codec by its name in the code (OpeningRange, Int[1..500])', () => {
    // Command types are the caller's own words (`unknown command type "X"; the closest ...: RegisterAgent`), and NaN is JavaScript's.
    const codeName = (m: string) => /\b[A-Z][a-z]+[A-Z]\w*\b|\bInt\[/.test(ownWords(m).replace(/unknown command type .*$/, '').replace(/\bNaN\b/g, ''));
    const bad = seen.flatMap((s) => s.issues.map(line)).filter(codeName);
    expect([...new Set(bad)]).toEqual([]);
    expect(outerIssues(5)).toEqual([{ path: '', reason: 'must be an object (command input), got 5' }]);
  });

  it('name each field once: no input is refused twice for the same path', () => {
    for (const { input, issues } of seen) {
      const paths = issues.map((i) => i.path);
      expect(paths, input).toEqual([...new Set(paths)]);
    }
  });

  it('name the field, except for an input that is wrong as a whole', () => {
    const wholeInput = /^(must be an object|must be JSON|.* is not JSON|.* is not a JSON number|unknown command type)/;
    for (const { input, issues } of seen) for (const issue of issues) if (issue.path === '') expect(issue.reason, input).toMatch(wholeInput);
  });

  it('are short, with no doubled words, double spaces or missing "got"', () => {
    for (const m of new Set(seen.flatMap((s) => s.issues.map(line)))) {
      expect(m.length, m).toBeLessThan(200);
      expect(ownWords(m), m).not.toMatch(/ {2}|\bgot got\b|\b(\w+) \1\b|\bgot$|, got ,/);
      if (/^(.*: )?must be /.test(m) && !/must not/.test(m)) expect(m, m).toMatch(/, got |must be at most|must include/);
    }
  });

  it('say which actor kinds there are, in one issue', async () => {
    expect(await issuesOf({ ...ok, actor: { kind: 'robot' } })).toEqual([{ path: 'actor.kind', reason: 'must be one of system, agent, customer, got "robot"' }]);
    expect(await issuesOf({ ...ok, actor: 'agent' })).toEqual([{ path: 'actor', reason: 'must be an object with kind system, agent or customer, got "agent"' }]);
  });

  it('report only the branch whose kind matches', async () => {
    expect(await issuesOf({ ...ok, actor: { kind: 'agent', id: '' } })).toEqual([{ path: 'actor.id', reason: 'must be an agent id (1-128 letters, digits or ._:@-), got ""' }]);
    expect(await issuesOf({ ...ok, actor: { kind: 'system', id: 'a1' } })).toEqual([{ path: 'actor.id', reason: 'unknown field' }]);
  });

  it('name identifiers with their article', async () => {
    expect(await issuesOf({ ...ok, shopId: '-shop' })).toEqual([{ path: 'shopId', reason: 'must be a shop id (1-128 letters, digits or ._:@-), got "-shop"' }]);
    expect(outerIssues({ ...ok, actor: { kind: 'customer', id: 'a b' } })).toEqual([
      { path: 'actor.id', reason: 'must be a customer id (1-128 letters, digits or ._:@-), got "a b"' },
    ]);
  });

  it('say what is not JSON', async () => {
    expect(await issuesOf({ ...ok, data: { f: () => 1 } })).toEqual([{ path: 'data.f', reason: 'a function is not JSON' }]);
    expect(await issuesOf({ ...ok, data: { n: 1n } })).toEqual([{ path: 'data.n', reason: 'a bigint is not JSON' }]);
    expect(await issuesOf({ ...ok, data: { n: Number.NaN } })).toEqual([{ path: 'data.n', reason: 'NaN is not a JSON number' }]);
    expect(await issuesOf({ ...ok, data: { list: [1, undefined] } })).toEqual([{ path: 'data.list.1', reason: 'undefined is not JSON (use null, or leave the field out)' }]);
    expect(await issuesOf({ ...ok, data: { when: new Date(0) } })).toEqual([{ path: 'data.when', reason: 'a Date object is not JSON' }]);
    expect(await issuesOf({ ...ok, data: { e: new Error('x') } })).toEqual([{ path: 'data.e', reason: 'an Error object is not JSON' }]);
  });

  it('shorten a long value they quote', () => {
    const long = seen.flatMap((s) => s.issues.map(line)).filter((m) => m.includes('xxxxxxxxxx'));
    expect(long.length).toBeGreaterThan(0);
    for (const m of long) expect(m, m).toMatch(/x\.\.\./);
  });

  it('choose the article by how the word is said', () => {
    expect(['agent id', 'order id', 'acceptance group id', 'customer id', 'user id', 'unit', 'SLA policy id', 'URL', 'hour', 'one-off'].map(withArticle)).toEqual([
      'an agent id',
      'an order id',
      'an acceptance group id',
      'a customer id',
      'a user id',
      'a unit',
      'an SLA policy id',
      'a URL',
      'an hour',
      'a one-off',
    ]);
  });

  it('report any union by the member the value got furthest in, or by what the union takes', () => {
    const reasons = (codec: t.Mixed, input: unknown) => {
      const result = decodeWith(codec, 'test')({ value: input });
      return E.isLeft(result) ? result.left.issues.map(line) : [];
    };
    const status = struct('S', { value: t.union([t.literal('queued'), t.literal('assigned')]) });
    expect(reasons(status, 'gone')).toEqual(['value: must be one of queued, assigned, got "gone"']);
    const custom = struct('C', { value: t.union([nonEmptyString(20), t.number, t.readonlyArray(nonEmptyString(20))]) });
    expect(reasons(custom, true)).toEqual(['value: must be a non-empty string (at most 20 characters), a number or a list, got true']);
    expect(reasons(custom, ['ok', ''])).toEqual(['value.1: must not be empty']);
    const target = struct('T', {
      value: t.union([struct('Any', { kind: t.literal('any') }), struct('Agent', { kind: t.literal('agent'), agentId: identifier('agent id') })]),
    });
    expect(reasons(target, { kind: 'agent' })).toEqual(['value.agentId: must be an agent id (1-128 letters, digits or ._:@-), got nothing']);
    expect(reasons(target, { kind: 'pool' })).toEqual(['value.kind: must be one of any, agent, got "pool"']);
    expect(reasons(target, 3)).toEqual(['value: must be an object with kind any or agent, got 3']);
  });

  it('name the closest command types to an unknown one, not all of them', async () => {
    expect(await issuesOf({ ...ok, type: 'RegistrAgent' })).toEqual([
      { path: 'type', reason: expect.stringMatching(/^unknown command type "RegistrAgent"; the closest of the \d+ known: RegisterAgent, /) },
    ]);
  });
});
