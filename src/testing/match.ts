/**
 * Partial matching for `thenMatch`: an expected value given as an object names
 * the fields that must be there and match (others are free); an array must have
 * exactly as many items, each matching in order; anything else must be the same
 * value (Object.is). Answers where the first difference is, in words, or undefined.
 */

/** Every field optional, at every depth; arrays keep their length but their items are partial. */
export type DeepPartial<T> = T extends readonly (infer U)[]
  ? readonly DeepPartial<U>[]
  : T extends object
    ? { readonly [K in keyof T]?: DeepPartial<T[K]> }
    : T;

const show = (value: unknown): string => (value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value)));

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export const mismatchOf = (actual: unknown, expected: unknown, path: string): string | undefined => {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected a list, got ${show(actual)}`;
    if (actual.length !== expected.length) return `${path}: expected ${expected.length} items, got ${actual.length}: ${show(actual)}`;
    for (let i = 0; i < expected.length; i++) {
      const found = mismatchOf(actual[i], expected[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isRecord(expected)) {
    if (!isRecord(actual)) return `${path}: expected an object, got ${show(actual)}`;
    for (const [key, value] of Object.entries(expected)) {
      if (value !== undefined && !(key in actual)) return `${path}.${key}: expected ${show(value)}, but there is no ${key}`;
      const found = mismatchOf(actual[key], value, `${path}.${key}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return Object.is(actual, expected) ? undefined : `${path}: expected ${show(expected)}, got ${show(actual)}`;
};
