/**
 * Decoding at the boundary: io-ts codecs turned into `Either<ValidationError, A>`
 * whose issues name the field (`data.maxSessions`) and the reason, plus the small
 * codecs every module uses. Objects are strict: an unknown field is an error, so a
 * misspelt option (`maxSesions`) is refused instead of silently ignored.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { validationError, type ValidationError, type ValidationIssue } from './errors.js';

const describeValue = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  try {
    const text = JSON.stringify(value);
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

const issueOf = (error: t.ValidationError): ValidationIssue => {
  const last = error.context[error.context.length - 1];
  const reason = error.message ?? `expected ${last?.type.name ?? 'a valid value'}, got ${describeValue(error.value)}`;
  return { path: pathOf(error.context), reason };
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
    return E.isRight(result) ? result : E.left(validationError(source, distinct(result.left.map(issueOf))));
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
  return new t.Type<Struct<R, O>, StructOut<R, O>, unknown>(
    name,
    is,
    (input, context) => {
      // Fast path: a value that already has exactly the right shape is returned as it is.
      if (is(input)) return t.success(input);
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        return t.failure(input, context, `expected an object (${name}), got ${describeValue(input)}`);
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
};

const refine = <A>(base: t.Type<A, A, unknown>, name: string, ok: (a: A) => boolean, reason: (a: A) => string) =>
  new t.Type<A, A, unknown>(
    name,
    (u): u is A => base.is(u) && ok(u),
    (u, c) => {
      const decoded = base.validate(u, c);
      if (E.isLeft(decoded)) return decoded;
      return ok(decoded.right) ? decoded : t.failure(u, c, reason(decoded.right));
    },
    t.identity,
  );

/** A string with at least one non-blank character and at most `max` characters. */
export const nonEmptyString = (max = 1000) =>
  refine(
    t.string,
    'NonEmptyString',
    (s) => s.trim().length > 0 && s.length <= max,
    (s) => (s.trim().length === 0 ? 'must not be empty' : `must be at most ${max} characters, got ${s.length}`),
  );

/** An integer in [min, max] (inclusive). */
export const intInRange = (min: number, max: number) =>
  refine(
    t.number,
    `Int[${min}..${max}]`,
    (n) => Number.isInteger(n) && n >= min && n <= max,
    (n) => `must be an integer from ${min} to ${max}, got ${n}`,
  );

/** A safe, non-negative integer (counts, versions, positions). */
export const nonNegativeInt = intInRange(0, Number.MAX_SAFE_INTEGER);

/** A whole number of milliseconds since the Unix epoch (UTC). */
export const timestamp = refine(
  t.number,
  'Timestamp',
  (n) => Number.isSafeInteger(n) && n >= 0,
  (n) => `must be epoch milliseconds (a non-negative integer), got ${n}`,
);

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

/** An identifier: 1-128 characters, letters, digits and `._:@-`, not starting with punctuation. */
export const identifier = (kind: string) =>
  refine(
    t.string,
    kind,
    (s) => idPattern.test(s),
    (s) => `must be a ${kind} (1-128 letters, digits or ._:@-), got ${describeValue(s)}`,
  );

/** One of a fixed set of string literals, with a reason that lists them. */
export const oneOf = <const L extends readonly [string, ...string[]]>(name: string, values: L) => {
  const allowed = new Set<string>(values);
  return new t.Type<L[number], L[number], unknown>(
    name,
    (u): u is L[number] => typeof u === 'string' && allowed.has(u),
    (u, c) =>
      typeof u === 'string' && allowed.has(u)
        ? t.success(u as L[number])
        : t.failure(u, c, `must be one of ${values.join(', ')}, got ${describeValue(u)}`),
    t.identity,
  );
};

/**
 * A value or null (switched off, absent on purpose). A wrong value is reported by the
 * value's codec alone, not also as "not null" (which t.union would add).
 */
export const orNull = <A>(codec: t.Type<A, A, unknown>) =>
  new t.Type<A | null, A | null, unknown>(`${codec.name} | null`, (u): u is A | null => u === null || codec.is(u), (u, c) => (u === null ? t.success(null) : codec.validate(u, c)), t.identity);
