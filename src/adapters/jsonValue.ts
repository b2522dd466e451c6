/**
 * Copies a value as JSON would keep it, checking on the way that it is JSON:
 * plain objects, arrays, strings, finite numbers, booleans and null. Anything a
 * durable store would silently change (a Date, NaN, undefined in an array, a Map)
 * or cannot hold (a cycle, a bigint, a function) is refused with its path. One
 * pass, no string in between; the copy can be frozen as it is built.
 */
import * as E from 'fp-ts/lib/Either.js';
import { withArticle } from '../domain/validation.js';

const MAX_DEPTH = 512;
/** Payloads nested deeper than this are copied again with every ancestor tracked, to find cycles. */
const SHALLOW = 32;

export interface JsonProblem {
  readonly path: string;
  readonly reason: string;
}

class NotJson extends Error {
  constructor(
    readonly keys: readonly (string | number)[],
    readonly reason: string,
  ) {
    super(reason);
  }
}

class TooDeepForFastPath extends Error {}

/** What was thrown, in words; the thrown value itself may be anything, even a Proxy that throws. */
const describeThrown = (error: unknown): string => {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'something that cannot be described was thrown';
  }
};

const copy = (value: unknown, freeze: boolean, trackAncestors: boolean, catchReads: boolean): unknown => {
  // The path is kept as a stack of keys and only turned into a string on failure.
  const keys: (string | number)[] = [];
  const ancestors: object[] = [];
  const fail = (reason: string): never => {
    throw new NotJson([...keys], reason);
  };

  const copyArray = (v: readonly unknown[]): unknown[] => {
    const out: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      keys.push(i);
      out[i] = visit(v[i]);
      keys.pop();
    }
    return out;
  };

  const copyRecord = (v: Record<string, unknown>): Record<string, unknown> => {
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) fail(`${withArticle(`${v.constructor?.name ?? 'non-plain'} object`)} is not JSON`);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      // Pushed before the read, so a getter that throws is reported at its own path.
      keys.push(key);
      const field = v[key];
      if (field === undefined) {
        keys.pop();
        continue; // JSON drops undefined fields
      }
      const copy = visit(field);
      keys.pop();
      // An own "__proto__" key (JSON.parse makes one) must stay a key, not become a prototype.
      if (key === '__proto__') Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
      else out[key] = copy;
    }
    return out;
  };

  const visit = (v: unknown): unknown => {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return v;
      case 'number':
        return Number.isFinite(v) ? (v === 0 ? 0 : v) : fail(`${v} is not a JSON number`);
      case 'object': {
        if (v === null) return null;
        const depth = keys.length;
        if (!trackAncestors && depth > SHALLOW) throw new TooDeepForFastPath();
        if (depth > MAX_DEPTH) fail(`nested deeper than ${MAX_DEPTH} levels`);
        if (trackAncestors) {
          if (ancestors.includes(v)) fail('refers back to itself (a cycle)');
          ancestors.push(v);
        }
        const out = Array.isArray(v) ? copyArray(v) : copyRecord(v as Record<string, unknown>);
        if (trackAncestors) ancestors.pop();
        return freeze ? Object.freeze(out) : out;
      }
      default:
        // undefined inside a list (JSON has no such value; a field that is undefined is simply left out)
        return fail(v === undefined ? 'undefined is not JSON (use null, or leave the field out)' : `${withArticle(typeof v)} is not JSON`);
    }
  };

  if (!catchReads) return visit(value);
  try {
    return visit(value);
  } catch (error) {
    if (error instanceof NotJson || error instanceof TooDeepForFastPath) throw error;
    // A getter or a Proxy trap threw: the keys still say where it was being read.
    throw new NotJson([...keys], `could not be read: ${describeThrown(error)}`);
  }
};

const copyWith = (value: unknown, freeze: boolean, path: string, catchReads: boolean): E.Either<JsonProblem, unknown> => {
  try {
    try {
      // A cycle nests forever, so it always ends up on the slow path, which tracks
      // ancestors; shallow payloads (nearly all) skip that bookkeeping.
      return E.right(copy(value, freeze, false, catchReads));
    } catch (error) {
      if (!(error instanceof TooDeepForFastPath)) throw error;
      return E.right(copy(value, freeze, true, catchReads));
    }
  } catch (error) {
    if (!(error instanceof NotJson)) throw error;
    const rest = error.keys.join('.');
    return E.left({ path: path === '' ? rest : rest === '' ? path : `${path}.${rest}`, reason: error.reason });
  }
};

/** Each field is read once. Throws what a getter or a Proxy trap throws while being read. */
export const copyJson = (value: unknown, freeze: boolean, path = ''): E.Either<JsonProblem, unknown> => copyWith(value, freeze, path, false);

/**
 * copyJson for input at a boundary that must answer a value: a getter or a Proxy
 * trap that throws while being read is a problem at the path it was read from, like
 * a value that is not JSON. Each field is read once, so what is checked afterwards
 * is the copy, never a second read of the caller's object.
 */
export const copyInput = (value: unknown, freeze: boolean, path = ''): E.Either<JsonProblem, unknown> => copyWith(value, freeze, path, true);
