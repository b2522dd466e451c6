/**
 * The fold's records are keyed by ids from outside (customers, sessions,
 * agents, shops), and `constructor` or `toString` are valid ids. A record without a
 * prototype has no inherited keys and no special `__proto__`, so such an id is
 * a key like any other. A state read back from JSON (a checkpoint) gets its
 * records' prototypes taken away again by `reviveWorkloadState`.
 */

/** An empty record with no prototype. */
export const record = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A copy of a JSON-parsed value whose objects have no prototype (JSON.parse makes `__proto__` an own key, which is kept). */
export const withoutPrototypes = <T>(value: T): T => {
  if (Array.isArray(value)) return value.map(withoutPrototypes) as T;
  if (!isRecord(value)) return value;
  const out = record<unknown>();
  for (const key of Object.keys(value)) out[key] = withoutPrototypes(value[key]);
  return out as T;
};
