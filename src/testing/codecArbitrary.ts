/**
 * A fast-check arbitrary for whatever an io-ts codec accepts, found by walking the
 * codec: io-ts's own combinators by their `_tag` (type, partial, exact, strict,
 * intersection, union, literal, keyof, array, readonly, tuple, record, refinement,
 * brand, recursion), the project's codec constructors (validation.ts: struct,
 * nonEmptyString, intInRange, timestamp, identifier, oneOf, orNull) by their names
 * and reasons, and the custom codecs that neither describes by name in one table
 * (NAMED_GENERATORS).
 *
 * `struct` keeps its fields in a closure (it is a plain t.Type), so its fields are
 * read by probing: decoding a Proxy whose every field is a value no codec takes
 * makes the struct report each field with its codec in the error's context, and
 * decoding `{}` names the required ones. A union read by its `kind` (taggedUnion,
 * calendars) is probed the same way kind by kind, and a custom list through the
 * io-ts array inside it. What a probe derives is filtered by the
 * codec itself, so cross-field rules hold; a codec whose derived values it mostly
 * refuses is named in the error, to be given a generator in the table.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { PIPELINE_STEPS } from '../routing/settings.js';
import { fieldDefinitionCodec } from '../tickets/settings/settingsCodecs.js';

/** The ids generated values are drawn from: small pools, so generated commands meet on the same streams. */
export interface IdPools {
  readonly shops: readonly string[];
  readonly agents: readonly string[];
  readonly customers: readonly string[];
  readonly sessions: readonly string[];
  readonly groups: readonly string[];
}

export const DEFAULT_POOLS: IdPools = {
  shops: ['shop-1', 'shop-2'],
  agents: ['a0', 'a1', 'a2', 'a3'],
  customers: ['c0', 'c1', 'c2', 'c3', 'c4'],
  sessions: ['s0', 's1', 's2', 's3'],
  groups: ['g0', 'g1'],
};

/** The time generated timestamps are near: 2026-01-05 09:00 UTC (a Monday), the default command time. */
export const GENERATED_T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

export interface WalkContext {
  readonly pools: IdPools;
  /** The arbitrary of another codec, walked with the same pools and table. */
  readonly walk: (codec: t.Decoder<unknown, unknown>) => fc.Arbitrary<unknown>;
}

/** A generator for a codec the walker cannot see into, keyed by the codec's name. */
export type NamedGenerator = (context: WalkContext) => fc.Arbitrary<unknown>;

const word = fc.constantFrom('hello', 'tea', 'order 42', 'thanks', 'refund', 'where is my parcel', 'ok');
const hhmm = (h: number, m = 0) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

/**
 * Generators by codec name for the custom codecs a walk cannot derive (their rules
 * span fields, or they decode one shape into another). A name here wins over the walk.
 */
export const NAMED_GENERATORS: Readonly<Record<string, NamedGenerator>> = {
  Phone: () => fc.constantFrom('13812345678', '15900001111', '+8613912345678', '+4915112345678'),
  // R1: any order of distinct steps, base-mode among them (the queue is the last resort only).
  Pipeline: () => fc.shuffledSubarray(PIPELINE_STEPS.filter((s) => s !== 'base-mode')).chain((steps) => fc.integer({ min: 0, max: steps.length }).map((at) => [...steps.slice(0, at), 'base-mode', ...steps.slice(at)])),
  TimeZone: () => fc.constantFrom('UTC', 'Asia/Shanghai', 'Europe/Paris', 'America/New_York'),
  StartTime: () => fc.constantFrom(hhmm(8), hhmm(9, 30), hhmm(13)),
  EndTime: () => fc.constantFrom(hhmm(12), hhmm(18), hhmm(24)),
  LocalDate: () => fc.constantFrom('2026-01-01', '2026-02-17', '2026-05-01', '2026-10-01'),
  // T3: 1..50 fields with distinct ids (listOf hides its item codec, so it is named here).
  TemplateFields: ({ walk }) => fc.uniqueArray(walk(fieldDefinitionCodec), { minLength: 1, maxLength: 3, selector: (f) => (f as { fieldId: string }).fieldId }),
};

const SENTINEL = function kefuProbe() {
  /* a value no data codec takes: a function */
};

const tagOf = (codec: t.Decoder<unknown, unknown>): string | undefined => (codec as { _tag?: string })._tag;

const rootContext = (codec: t.Decoder<unknown, unknown>): t.Context => [{ key: '', type: codec, actual: undefined }];

const failureMessages = (codec: t.Decoder<unknown, unknown>, value: unknown): string[] => {
  try {
    const result = codec.validate(value, rootContext(codec));
    return E.isLeft(result) ? result.left.map((e) => e.message ?? '') : [];
  } catch {
    return ['threw'];
  }
};

interface ProbedField {
  readonly key: string;
  readonly codec: t.Decoder<unknown, unknown>;
}

/** The fields an object codec reports for a probe: each key once, with its own codec. */
const fieldsFromProbe = (codec: t.Decoder<unknown, unknown>, probe: unknown): ProbedField[] | undefined => {
  let result: t.Validation<unknown>;
  try {
    result = codec.validate(probe, rootContext(codec));
  } catch {
    return undefined;
  }
  if (E.isRight(result)) return [];
  const fields = new Map<string, t.Decoder<unknown, unknown>>();
  for (const error of result.left) {
    const entry = error.context[1];
    if (entry === undefined || entry.key === '' || error.message === 'unknown field') continue;
    if (!fields.has(entry.key)) fields.set(entry.key, entry.type);
  }
  return fields.size === 0 && result.left.every((e) => e.context.length <= 1) ? undefined : [...fields].map(([key, c]) => ({ key, codec: c }));
};

const probeObject = (codec: t.Decoder<unknown, unknown>) => {
  const everyField = new Proxy({}, { get: (_target, key) => (typeof key === 'string' ? SENTINEL : undefined) });
  const all = fieldsFromProbe(codec, everyField);
  if (all === undefined) return undefined;
  const required = new Set((fieldsFromProbe(codec, {}) ?? []).map((f) => f.key));
  return { fields: all, required };
};

/** A union read by its `kind` (messages.ts taggedUnion, calendars): each kind with the fields its member reports. */
const probeTagged = (codec: t.Decoder<unknown, unknown>) => {
  const kinds = (() => {
    try {
      const result = codec.validate({ kind: SENTINEL }, rootContext(codec));
      if (E.isRight(result)) return undefined;
      const atKind = result.left.find((e) => e.context[1]?.key === 'kind');
      return atKind === undefined ? undefined : /^must be one of (.*), got /.exec(atKind.message ?? '')?.[1]?.split(', ');
    } catch {
      return undefined;
    }
  })();
  if (kinds === undefined) return undefined;
  return kinds.map((kind) => {
    const probe = new Proxy({}, { get: (_target, key) => (key === 'kind' ? kind : typeof key === 'string' ? SENTINEL : undefined) });
    const fields = fieldsFromProbe(codec, probe) ?? [];
    const required = new Set((fieldsFromProbe(codec, { kind }) ?? []).map((f) => f.key));
    return { kind, fields, required };
  });
};

/** A list codec that reports its items with their codec (io-ts arrays inside a custom list). */
const probeListItem = (codec: t.Decoder<unknown, unknown>): t.Decoder<unknown, unknown> | undefined => {
  try {
    const result = codec.validate([SENTINEL], rootContext(codec));
    if (E.isRight(result)) return undefined;
    const entry = result.left.map((e) => e.context[1]).find((e) => e !== undefined && e.key === '0' && (e.type as { _tag?: string })._tag !== 'UnknownType');
    return entry?.type;
  } catch {
    return undefined;
  }
};

const identifierKind = (codec: t.Decoder<unknown, unknown>): string | undefined => {
  const match = /^must be an? (.+) \(1-128 letters/.exec(failureMessages(codec, '!')[0] ?? '');
  return match?.[1];
};

const oneOfValues = (codec: t.Decoder<unknown, unknown>): string[] | undefined => {
  const match = /^must be one of (.*), got /.exec(failureMessages(codec, SENTINEL)[0] ?? '');
  return match?.[1]?.split(', ');
};

const idArbitrary = (kind: string, pools: IdPools): fc.Arbitrary<string> => {
  const pool =
    kind === 'shop id' ? pools.shops
    : kind === 'agent id' ? pools.agents
    : kind === 'customer id' ? pools.customers
    : kind === 'session id' ? pools.sessions
    : kind === 'group id' ? pools.groups
    : [0, 1, 2].map((n) => `${kind.replace(/[^A-Za-z0-9]+/g, '-')}-${n}`);
  return fc.constantFrom(...pool);
};

const intArbitrary = (min: number, max: number): fc.Arbitrary<number> =>
  fc.oneof(fc.integer({ min, max: Math.min(max, min + 20) }), fc.constant(max < min + 1000 ? max : min));

// For a custom codec with no structure to walk: the first family of plain values it takes.
const FALLBACKS: readonly fc.Arbitrary<unknown>[] = [
  word,
  fc.integer({ min: 0, max: 20 }),
  fc.integer({ min: 1, max: 100 }),
  fc.boolean(),
  fc.array(word, { maxLength: 3 }),
  fc.constantFrom(...['a', 'b', 'c', 'tag-1', 'VIP'].map((s) => [s])),
  fc.constant([]),
  fc.constant({}),
  fc.constantFrom('https://example.com/a.png', 'https://example.com/b.jpg').map((u) => [u]),
];

/** Samples how many of an arbitrary's values a codec takes (decode: what dispatch runs). */
const acceptance = (codec: t.Decoder<unknown, unknown>, arbitrary: fc.Arbitrary<unknown>, runs = 30): number => {
  const values = fc.sample(arbitrary, { numRuns: runs, seed: 7 });
  return values.filter((v) => E.isRight(codec.decode(v))).length / runs;
};

/** Raised when a codec has no derivable generator: add one to NAMED_GENERATORS under its name. */
export class NoGeneratorError extends Error {
  override readonly name = 'NoGeneratorError';
}

const accepted = (codec: t.Decoder<unknown, unknown>, arbitrary: fc.Arbitrary<unknown>, what: string): fc.Arbitrary<unknown> => {
  const rate = acceptance(codec, arbitrary);
  if (rate < 0.2) throw new NoGeneratorError(`the values derived for codec ${JSON.stringify(codec.name)} (${what}) are refused by it ${Math.round((1 - rate) * 100)}% of the time: give it a generator in NAMED_GENERATORS`);
  return rate === 1 ? arbitrary : arbitrary.filter((v) => E.isRight(codec.decode(v)));
};

export interface CodecArbitraryOptions {
  readonly pools?: IdPools;
  /** Generators by codec name, over NAMED_GENERATORS. */
  readonly named?: Readonly<Record<string, NamedGenerator>>;
}

/** An arbitrary of the inputs `codec` decodes. Throws NoGeneratorError, naming the codec, when it cannot derive one. */
export const codecArbitrary = (codec: t.Decoder<unknown, unknown>, options: CodecArbitraryOptions = {}): fc.Arbitrary<unknown> => {
  const pools = options.pools ?? DEFAULT_POOLS;
  const named = { ...NAMED_GENERATORS, ...options.named };
  const seen = new Map<t.Decoder<unknown, unknown>, fc.Arbitrary<unknown>>();
  const walking = new Set<t.Decoder<unknown, unknown>>();
  const walk = (c: t.Decoder<unknown, unknown>): fc.Arbitrary<unknown> => {
    const cached = seen.get(c);
    if (cached !== undefined) return cached;
    // A codec met again inside itself (t.recursion) has no depth bound here: it needs a generator by name.
    if (walking.has(c) && named[c.name] === undefined) throw new NoGeneratorError(`codec ${JSON.stringify(c.name)} is recursive: give it a generator in NAMED_GENERATORS`);
    walking.add(c);
    const made = derive(c);
    walking.delete(c);
    seen.set(c, made);
    return made;
  };
  const context: WalkContext = { pools, walk };

  const objectOf = (fields: readonly ProbedField[], required: ReadonlySet<string>): fc.Arbitrary<unknown> => {
    const model = Object.fromEntries(fields.map((f) => [f.key, walk(f.codec)]));
    return fc.record(model, { requiredKeys: fields.map((f) => f.key).filter((k) => required.has(k)) });
  };

  const deriveOpaque = (c: t.Decoder<unknown, unknown>): fc.Arbitrary<unknown> => {
    const name = c.name;
    if (name.endsWith(' | null')) {
      // orNull hands everything but null to its codec, so probing the whole probes that codec.
      const byName = named[name.slice(0, -' | null'.length)];
      const inner = byName !== undefined ? byName(context) : deriveOpaqueShape(c);
      return fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: inner });
    }
    return deriveOpaqueShape(c);
  };

  const deriveOpaqueShape = (c: t.Decoder<unknown, unknown>): fc.Arbitrary<unknown> => {
    const name = c.name;
    if (/^NonEmptyString/.test(name)) return accepted(c, fc.oneof(word, fc.stringMatching(/^[a-z][a-z ]{0,10}$/)), 'a string');
    const range = /^Int\[(-?\d+)\.\.(-?\d+)\]/.exec(name);
    if (range !== null) return intArbitrary(Number(range[1]), Number(range[2]));
    if (/^Timestamp/.test(name)) return fc.integer({ min: GENERATED_T0, max: GENERATED_T0 + 30 * 86_400_000 });
    const kind = identifierKind(c);
    if (kind !== undefined) return idArbitrary(kind, pools);
    const values = oneOfValues(c);
    if (values !== undefined && values.length > 0) return fc.constantFrom(...values);
    const tagged = probeTagged(c);
    if (tagged !== undefined) {
      const members = tagged.map(({ kind, fields, required }) =>
        objectOf(fields.filter((f) => f.key !== 'kind'), required).map((rest) => ({ kind, ...(rest as object) })),
      );
      return accepted(c, fc.oneof(...members), 'its members, by kind');
    }
    const item = probeListItem(c);
    if (item !== undefined) return accepted(c, fc.array(walk(item), { maxLength: 2 }), 'a list of its items');
    const shape = probeObject(c);
    if (shape !== undefined) return accepted(c, objectOf(shape.fields, shape.required), 'an object of its probed fields');
    for (const candidate of FALLBACKS) if (acceptance(c, candidate) >= 0.5) return accepted(c, candidate, 'plain values');
    throw new NoGeneratorError(`no generator for codec ${JSON.stringify(name)}: give it one in NAMED_GENERATORS`);
  };

  const derive = (c: t.Decoder<unknown, unknown>): fc.Arbitrary<unknown> => {
    const byName = named[c.name];
    if (byName !== undefined) return byName(context);
    const any = c as unknown as Record<string, unknown>;
    switch (tagOf(c)) {
      case 'InterfaceType':
      case 'StrictType': {
        const props = any.props as Record<string, t.Mixed>;
        return fc.record(Object.fromEntries(Object.entries(props).map(([k, p]) => [k, walk(p)])));
      }
      case 'PartialType': {
        const props = any.props as Record<string, t.Mixed>;
        return fc.record(Object.fromEntries(Object.entries(props).map(([k, p]) => [k, walk(p)])), { requiredKeys: [] });
      }
      case 'ExactType':
      case 'ReadonlyType':
        return walk(any.type as t.Mixed);
      case 'RefinementType': {
        const predicate = any.predicate as (a: unknown) => boolean;
        return accepted(c, walk(any.type as t.Mixed), 'its base').filter(predicate);
      }
      case 'RecursiveType':
        return walk(any.type as t.Mixed);
      case 'IntersectionType': {
        const parts = (any.types as t.Mixed[]).map(walk);
        return accepted(c, fc.tuple(...parts).map((values) => Object.assign({}, ...(values as object[])) as unknown), 'its parts merged');
      }
      case 'UnionType':
        return fc.oneof(...(any.types as t.Mixed[]).map(walk));
      case 'LiteralType':
        return fc.constant(any.value);
      case 'KeyofType':
        return fc.constantFrom(...Object.keys(any.keys as object));
      case 'ArrayType':
      case 'ReadonlyArrayType':
        return fc.array(walk(any.type as t.Mixed), { maxLength: 3 });
      case 'TupleType':
        return fc.tuple(...(any.types as t.Mixed[]).map(walk));
      case 'DictionaryType':
        return fc.dictionary(walk(any.domain as t.Mixed) as fc.Arbitrary<string>, walk(any.codomain as t.Mixed), { maxKeys: 3 });
      case 'StringType':
        return word;
      case 'NumberType':
        return fc.integer({ min: 0, max: 100 });
      case 'BooleanType':
        return fc.boolean();
      case 'NullType':
        return fc.constant(null);
      case 'UndefinedType':
      case 'VoidType':
        return fc.constant(undefined);
      case 'UnknownType':
      case 'AnyType':
        return fc.constant(null);
      case 'UnknownRecordType':
        return fc.constant({});
      case 'UnknownArrayType':
        return fc.constant([]);
      default:
        return deriveOpaque(c);
    }
  };

  return walk(codec);
};
