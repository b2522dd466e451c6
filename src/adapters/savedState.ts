/**
 * Snapshots and projection checkpoints, checked alike by every adapter before it
 * saves one. The record is copied first (each field read once: a getter answering
 * differently on a second read, or throwing, cannot slip past the check), then the
 * copy is checked: an object, its two numbers safe integers >= 0, its state JSON.
 * What is saved is exactly those three fields, which is what every reader decodes
 * (a strict codec there refuses any other field). Anything else, null and
 * undefined included, is a StoreFailure naming the field: never a throw.
 */
import * as E from 'fp-ts/lib/Either.js';
import { storeFailure, type StoreFailure } from '../domain/errors.js';
import type { Snapshot } from './eventStore.js';
import { copyInput } from './jsonValue.js';
import type { ProjectionCheckpoint } from './projectionStateStore.js';

const isSafeNonNegative = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

/** A short word for a JSON value (it may be large: never printed whole). */
const kindOf = (value: unknown): string =>
  value === undefined ? 'nothing' : value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'number' ? String(value) : `a ${typeof value}`;

const checkRecord = <K extends string>(
  operation: string,
  record: unknown,
  at: K,
  freeze: boolean,
): E.Either<StoreFailure, Readonly<Record<K | 'schemaVersion', number>> & { readonly state: unknown }> => {
  if (record === undefined) return E.left(storeFailure(operation, `(root): must be an object with ${at}, schemaVersion and state, got nothing`));
  const copy = copyInput(record, freeze);
  if (E.isLeft(copy)) return E.left(storeFailure(operation, `${copy.left.path || '(root)'}: ${copy.left.reason}`));
  const value = copy.right;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return E.left(storeFailure(operation, `(root): must be an object with ${at}, schemaVersion and state, got ${kindOf(value)}`));
  }
  const fields = value as Record<string, unknown>;
  for (const name of [at, 'schemaVersion']) {
    if (!isSafeNonNegative(fields[name])) return E.left(storeFailure(operation, `${name}: must be an integer >= 0, got ${kindOf(fields[name])}`));
  }
  // The copy dropped an undefined state, as JSON would: a state must be JSON (null for none).
  if (!('state' in fields)) return E.left(storeFailure(operation, 'state: is missing (null stands for no state)'));
  const checked = { [at]: fields[at], schemaVersion: fields.schemaVersion, state: fields.state };
  return E.right((freeze ? Object.freeze(checked) : checked) as Readonly<Record<K | 'schemaVersion', number>> & { readonly state: unknown });
};

/** `freeze`: the checked copy is immutable (the in-memory store hands it to readers). */
export const checkSnapshot = (operation: string, snapshot: unknown, freeze = false): E.Either<StoreFailure, Snapshot> =>
  checkRecord(operation, snapshot, 'version', freeze);

export const checkCheckpoint = (operation: string, checkpoint: unknown, freeze = false): E.Either<StoreFailure, ProjectionCheckpoint> =>
  checkRecord(operation, checkpoint, 'position', freeze);
