/**
 * Decoding at the boundary: io-ts codecs turned into `Either<ValidationError, A>`
 * whose issues name the field (`data.maxSessions`) and the reason, plus the small
 * codecs every module uses. Objects are strict: an unknown field is an error, so a
 * misspelt option (`maxSesions`) is refused instead of silently ignored.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { validationError, type ValidationError, type ValidationIssue } from './errors.js';

/** A value as a reason quotes it: JSON, cut to 60 characters; `nothing` for a missing value. */
export const describeValue = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  try {
    const text = JSON.stringify(value) ?? typeof value;
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return typeof value;
  }
};

// io-ts puts a union member's index or an intersection part's index into the
// context; those are not fields, so they are left out of the path.
const isCombinator = (type: t.Decoder<unknown, unknown>): boolean => {
  const tag = (type as { _tag?: string })._tag;
  return tag === 'UnionType' || tag === 'IntersectionType' || tag === 'RefinementType' || tag === 'ExactType';
};

const pathOf = (context: t.Context): string => {
  const keys: string[] = [];
  context.forEach((entry, i) => {
    if (entry.key === '') return;
    const parent = context[i - 1];
    if (parent !== undefined && isCombinator(parent.type)) return;
    keys.push(entry.key);
  });
  return keys.join('.');
};

/** A codec's name as words for a message: `OpeningRange` -> `opening range`, `SlaTargets` -> `SLA targets`. */
const codecNameAsWords = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\bsla\b/g, 'SLA');

/** The reason for a value that should have been an object of the codec named `name`. */
export const mustBeObject = (name: string, got: string): string => `must be an object (${codecNameAsWords(name)}), got ${got}`;

/** `a` or `an`, by how the phrase is said: "an agent id", "a user id", "an SLA policy id". */
export const withArticle = (phrase: string): string => {
  const word = /^[A-Za-z0-9]+/.exec(phrase)?.[0] ?? phrase;
  const an =
    /^[A-Z]{2,}$/.test(word) ? /^[AEFHILMNORSX]/.test(word) // an acronym is spelt out: an SLA, a URL
    : /^(uni|use|usu|ut|eu|one\b|once)/i.test(word) ? false // a user, a unit, a one-off
    : /^(hour|honest|honou?r|heir)/i.test(word) ? true
    : /^[aeiou]/i.test(word);
  return `${an ? 'an' : 'a'} ${phrase}`;
};

const literalText = (value: unknown): string => (typeof value === 'string' ? value : describeValue(value));

/** How an io-ts type reads in a reason, for types that report no message of their own. */
const expectedOf = (type: t.Decoder<unknown, unknown>): string => {
  const known = type as { _tag?: string; value?: unknown; name: string };
  switch (known._tag) {
    case 'StringType':
      return 'a string';
    case 'NumberType':
      return 'a number';
    case 'BooleanType':
      return 'true or false';
    case 'NullType':
      return 'null';
    case 'LiteralType':
      return describeValue(known.value);
    case 'UnknownRecordType':
    case 'InterfaceType':
    case 'PartialType':
    case 'ExactType':
    case 'DictionaryType':
      return 'an object';
    case 'UnknownArrayType':
    case 'ArrayType':
    case 'ReadonlyArrayType':
    case 'TupleType':
    case 'ReadonlyType':
      return 'a list';
    default:
      return known.name;
  }
};

const issueOf = (error: t.ValidationError): ValidationIssue => {
  const last = error.context[error.context.length - 1];
  const reason = error.message ?? `must be ${last === undefined ? 'a valid value' : describeType(last.type)}, got ${describeValue(error.value)}`;
  return { path: pathOf(error.context), reason };
};

const isUnion = (type: t.Decoder<unknown, unknown>): boolean => (type as { _tag?: string })._tag === 'UnionType';
const isLiteral = (type: t.Decoder<unknown, unknown>): boolean => (type as { _tag?: string })._tag === 'LiteralType';

/** The union members' tags a struct holds (`kind: 'agent'`), so a union of structs can say which kinds it takes. */
const structTags = new WeakMap<t.Decoder<unknown, unknown>, Readonly<Record<string, unknown>>>();

const orList = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;

/**
 * io-ts reports a failed union with every member's errors (`actor.kind: expected
 * "system", got "agent"; actor.id: ...; actor.kind: expected "customer" ...`). This
 * keeps what helps: the errors of the members the value got furthest in (the one
 * whose tag matches, a list whose items fail), else one error that says what the
 * union takes (the tags allowed, or each member's shape). Applied before issueOf,
 * so every codec's unions read the same, with no codec written for it.
 */
const collapseUnions = (errors: readonly t.ValidationError[], from = 0): t.ValidationError[] => {
  const unionAt = (e: t.ValidationError): number => {
    for (let i = from; i < e.context.length - 1; i++) if (isUnion(e.context[i]!.type)) return i;
    return -1;
  };
  const out: t.ValidationError[] = [];
  const groups = new Map<t.ContextEntry, { at: number; errors: t.ValidationError[] }>();
  const order: (t.ValidationError | t.ContextEntry)[] = [];
  for (const e of errors) {
    const at = unionAt(e);
    if (at < 0) {
      order.push(e);
      continue;
    }
    const entry = e.context[at]!;
    const group = groups.get(entry);
    if (group === undefined) {
      groups.set(entry, { at, errors: [e] });
      order.push(entry);
    } else group.errors.push(e);
  }
  for (const item of order) {
    const group = groups.get(item as t.ContextEntry);
    if (group === undefined) {
      out.push(item as t.ValidationError);
      continue;
    }
    out.push(...collapseUnion(group.at, group.errors));
  }
  return out;
};

const collapseUnion = (at: number, errors: readonly t.ValidationError[]): t.ValidationError[] => {
  const members = new Map<string, t.ValidationError[]>();
  for (const e of errors) {
    const key = e.context[at + 1]!.key;
    members.set(key, [...(members.get(key) ?? []), e]);
  }
  const isTagError = (e: t.ValidationError) => e.context.length === at + 3 && isLiteral(e.context[at + 2]!.type);
  const isShapeError = (e: t.ValidationError) => e.context.length === at + 2;
  const tagged = [...members.values()].filter((es) => es.some(isTagError));
  const shapes = [...members.values()].filter((es) => !es.some(isTagError) && es.every(isShapeError));
  const furthest = [...members.values()].filter((es) => !tagged.includes(es) && !shapes.includes(es));
  if (furthest.length > 0) return collapseUnions(furthest.flat(), at + 2);
  const union = errors[0]!.context[at]!;
  if (tagged.length > 0) {
    const first = tagged[0]!.find(isTagError)!;
    const key = first.context[at + 2]!.key;
    const values = tagged.map((es) => es.find((e) => isTagError(e) && e.context[at + 2]!.key === key)).filter((e) => e !== undefined);
    const allowed = [...new Set(values.map((e) => literalText((e.context[at + 2]!.type as unknown as { value: unknown }).value)))];
    return [{ value: first.value, context: first.context, message: `must be one of ${allowed.join(', ')}, got ${describeValue(first.value)}` }];
  }
  // Every member refused the value as a whole: one error that says what the union takes.
  const memberTypes = (union.type as unknown as { types: readonly t.Decoder<unknown, unknown>[] }).types;
  const tags = memberTypes.map((m) => structTags.get(m));
  const tagKey = tags[0] === undefined ? undefined : Object.keys(tags[0])[0];
  const described =
    tagKey !== undefined && tags.every((tg) => tg !== undefined && Object.hasOwn(tg, tagKey))
      ? `an object with ${tagKey} ${orList(tags.map((tg) => literalText(tg![tagKey])))}`
      : memberTypes.every(isLiteral)
        ? `one of ${memberTypes.map((m) => literalText((m as unknown as { value: unknown }).value)).join(', ')}`
        : orList([...new Set(memberTypes.map(describeType))]);
  const value = errors[0]!.value;
  return [{ value, context: errors[0]!.context.slice(0, at + 1), message: `must be ${described}, got ${describeValue(value)}` }];
};

/** What a type takes, in words: its own description when it has one (identifier, nonEmptyString), else its io-ts kind. */
const describeType = (type: t.Decoder<unknown, unknown>): string => typeDescriptions.get(type) ?? expectedOf(type);
const typeDescriptions = new WeakMap<t.Decoder<unknown, unknown>, string>();

/**
 * Says what a custom codec takes ("a list of tags"), for the reason of a value its
 * inner codec refuses without a message of its own (`must be a list of tags, got 5`).
 */
export const describedAs = <C extends t.Decoder<unknown, unknown>>(codec: C, expected: string): C => {
  typeDescriptions.set(codec, expected);
  return codec;
};

/** Removes repeated issues (a union reports one per member) while keeping their order. */
const distinct = (issues: readonly ValidationIssue[]): ValidationIssue[] => {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/** Decodes `input` with `codec`; `source` names what is decoded (`command`, `event`, ...). */
export const decodeWith =
  <A, O>(codec: t.Type<A, O, unknown>, source: string) =>
  (input: unknown): E.Either<ValidationError, A> => {
    const result = codec.decode(input);
    return E.isRight(result) ? result : E.left(validationError(source, distinct(collapseUnions(result.left).map(issueOf))));
  };

/** Prefixes every issue's path, for codecs applied to a part of a larger input. */
export const underPath = (prefix: string, error: ValidationError): ValidationError =>
  validationError(
    error.source,
    error.issues.map((i) => ({ path: i.path === '' ? prefix : `${prefix}.${i.path}`, reason: i.reason })),
  );

type Struct<R extends t.Props, O extends t.Props> = t.TypeOf<t.TypeC<R>> & t.TypeOf<t.PartialC<O>>;
type StructOut<R extends t.Props, O extends t.Props> = t.OutputOf<t.TypeC<R>> & t.OutputOf<t.PartialC<O>>;

/**
 * An object with required and optional fields and nothing else. Unknown fields are
 * refused with the reason `unknown field`.
 */
export const struct = <R extends t.Props, O extends t.Props = Record<never, never>>(
  name: string,
  required: R,
  optional?: O,
): t.Type<Struct<R, O>, StructOut<R, O>, unknown> => {
  const requiredCodec = t.type(required);
  const optionalCodec = t.partial(optional ?? ({} as O));
  const known = new Set([...Object.keys(required), ...Object.keys(optional ?? {})]);
  const fields: readonly (readonly [string, t.Mixed])[] = [...Object.entries(required), ...Object.entries(optional ?? {})];
  // Each field present, encoded by its own codec (an absent optional one stays absent).
  const encodeFields = (value: Struct<R, O>): StructOut<R, O> => {
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, codec] of fields) if (record[key] !== undefined) out[key] = codec.encode(record[key]);
    return out as StructOut<R, O>;
  };
  const encodesAsItself = fields.every(([, codec]) => codec.encode === t.identity);
  const is = (u: unknown): u is Struct<R, O> =>
    requiredCodec.is(u) && optionalCodec.is(u) && Object.keys(u as object).every((k) => known.has(k));
  const codec = new t.Type<Struct<R, O>, StructOut<R, O>, unknown>(
    name,
    is,
    (input, context) => {
      // Fast path: a value that already has exactly the right shape is returned as it is.
      if (is(input)) return t.success(input);
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        return t.failure(input, context, mustBeObject(name, describeValue(input)));
      }
      const record = input as Record<string, unknown>;
      const errors: t.ValidationError[] = [];
      for (const key of Object.keys(record)) {
        if (!known.has(key)) {
          errors.push({
            value: record[key],
            context: [...context, { key, type: t.unknown, actual: record[key] }],
            message: 'unknown field',
          });
        }
      }
      const req = requiredCodec.validate(record, context);
      if (E.isLeft(req)) errors.push(...req.left);
      const opt = optionalCodec.validate(record, context);
      if (E.isLeft(opt)) errors.push(...opt.left);
      if (errors.length > 0) return t.failures(errors);
      const out: Record<string, unknown> = {};
      for (const key of known) if (record[key] !== undefined) out[key] = record[key];
      if (E.isRight(req)) Object.assign(out, req.right);
      // Only the optional fields from the optional pass: it hands back the whole record, whose
      // required fields are the raw input, not what their codecs made of it (a trimmed list).
      if (E.isRight(opt)) for (const key of Object.keys(optional ?? {})) if ((opt.right as Record<string, unknown>)[key] !== undefined) out[key] = (opt.right as Record<string, unknown>)[key];
      return t.success(out as Struct<R, O>);
    },
    // When no field changes on the way out, neither does the struct: encoding an event then
    // costs nothing (and structs nested in structs, arrays and unions stay identities too).
    encodesAsItself ? (t.identity as (value: Struct<R, O>) => StructOut<R, O>) : (value) => encodeFields(value),
  );
  const tags = Object.fromEntries(Object.entries(required).filter(([, c]) => isLiteral(c)).map(([key, c]) => [key, (c as unknown as { value: unknown }).value]));
  if (Object.keys(tags).length > 0) structTags.set(codec, tags);
  typeDescriptions.set(codec, 'an object');
  return codec;
};

/**
 * `base` narrowed by `ok`. `expected` says what the codec takes ("an integer from 1
 * to 10"): a value of the wrong type is refused with `must be <expected>, got ...`,
 * one of the right type that `ok` refuses with `reason`.
 */
const refine = <A>(base: t.Type<A, A, unknown>, name: string, expected: string, ok: (a: A) => boolean, reason: (a: A) => string) => {
  const codec = new t.Type<A, A, unknown>(
    name,
    (u): u is A => base.is(u) && ok(u),
    (u, c) => {
      const decoded = base.validate(u, c);
      if (E.isLeft(decoded)) return t.failure(u, c, `must be ${expected}, got ${describeValue(u)}`);
      return ok(decoded.right) ? decoded : t.failure(u, c, reason(decoded.right));
    },
    t.identity,
  );
  typeDescriptions.set(codec, expected);
  return codec;
};

/** A string with at least one non-blank character and at most `max` characters. */
export const nonEmptyString = (max = 1000) =>
  refine(
    t.string,
    'NonEmptyString',
    `a non-empty string (at most ${max} characters)`,
    (s) => s.trim().length > 0 && s.length <= max,
    (s) => (s.trim().length === 0 ? 'must not be empty' : `must be at most ${max} characters, got ${s.length}`),
  );

/** An integer in [min, max] (inclusive). */
export const intInRange = (min: number, max: number) =>
  refine(
    t.number,
    `Int[${min}..${max}]`,
    `an integer from ${min} to ${max}`,
    (n) => Number.isInteger(n) && n >= min && n <= max,
    (n) => `must be an integer from ${min} to ${max}, got ${n}`,
  );

/** A safe, non-negative integer (counts, versions, positions). */
export const nonNegativeInt = intInRange(0, Number.MAX_SAFE_INTEGER);

/** A whole number of milliseconds since the Unix epoch (UTC). */
export const timestamp = refine(
  t.number,
  'Timestamp',
  'epoch milliseconds (a non-negative integer)',
  (n) => Number.isSafeInteger(n) && n >= 0,
  (n) => `must be epoch milliseconds (a non-negative integer), got ${n}`,
);

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

/** An identifier: 1-128 characters, letters, digits and `._:@-`, not starting with punctuation. */
export const identifier = (kind: string) => {
  const expected = `${withArticle(kind)} (1-128 letters, digits or ._:@-)`;
  return refine(
    t.string,
    kind,
    expected,
    (s) => idPattern.test(s),
    (s) => `must be ${expected}, got ${describeValue(s)}`,
  );
};

/** One of a fixed set of string literals, with a reason that lists them. */
export const oneOf = <const L extends readonly [string, ...string[]]>(name: string, values: L) => {
  const allowed = new Set<string>(values);
  const codec = new t.Type<L[number], L[number], unknown>(
    name,
    (u): u is L[number] => typeof u === 'string' && allowed.has(u),
    (u, c) =>
      typeof u === 'string' && allowed.has(u)
        ? t.success(u as L[number])
        : t.failure(u, c, `must be one of ${values.join(', ')}, got ${describeValue(u)}`),
    t.identity,
  );
  typeDescriptions.set(codec, `one of ${values.join(', ')}`);
  return codec;
};

/**
 * A value or null (switched off, absent on purpose). A wrong value is reported by the
 * value's codec alone, not also as "not null" (which t.union would add).
 */
export const orNull = <A>(codec: t.Type<A, A, unknown>) =>
  describedAs(
    new t.Type<A | null, A | null, unknown>(`${codec.name} | null`, (u): u is A | null => u === null || codec.is(u), (u, c) => (u === null ? t.success(null) : codec.validate(u, c)), t.identity),
    `${describeType(codec)} or null`,
  );
