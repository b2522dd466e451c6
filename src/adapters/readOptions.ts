/**
 * Read options checked before any adapter turns them into SQL or a server call: a
 * fraction or a negative number would be truncated, mean "no limit" to SQLite, or
 * fail on the server, so each is refused by name instead of read differently.
 */
import * as E from 'fp-ts/lib/Either.js';
import { validationError, type ValidationError, type ValidationIssue } from '../domain/errors.js';
import type { ReadAllOptions, ReadStreamOptions } from './eventStore.js';

const checkInt = (issues: ValidationIssue[], path: string, value: unknown, min: number): void => {
  if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) >= min)) {
    issues.push({ path, reason: `must be an integer >= ${min}, got ${String(value)}` });
  }
};

export interface CheckedStreamRead {
  /** The first version to read (>= 1). */
  readonly fromVersion: number;
  /** Undefined: no limit. */
  readonly maxCount: number | undefined;
}

export const checkReadStreamOptions = (stream: unknown, options: ReadStreamOptions = {}): E.Either<ValidationError, CheckedStreamRead> => {
  const issues: ValidationIssue[] = [];
  if (typeof stream !== 'string' || stream.length === 0) issues.push({ path: 'stream', reason: 'must be a non-empty string' });
  // Versions start at 1; a lower fromVersion reads from the start, as in every store.
  checkInt(issues, 'fromVersion', options.fromVersion, Number.MIN_SAFE_INTEGER);
  checkInt(issues, 'maxCount', options.maxCount, 0);
  if (issues.length > 0) return E.left(validationError('readStream', issues));
  return E.right({ fromVersion: Math.max(1, options.fromVersion ?? 1), maxCount: options.maxCount });
};

export interface CheckedAllRead {
  readonly after: number;
  /** Undefined: no limit. */
  readonly maxCount: number | undefined;
  readonly shopId: string | undefined;
}

export const checkReadAllOptions = (options: ReadAllOptions = {}): E.Either<ValidationError, CheckedAllRead> => {
  const issues: ValidationIssue[] = [];
  checkInt(issues, 'after', options.after, 0);
  checkInt(issues, 'maxCount', options.maxCount, 0);
  if (options.shopId !== undefined && typeof options.shopId !== 'string') issues.push({ path: 'shopId', reason: 'must be a string' });
  if (issues.length > 0) return E.left(validationError('readAll', issues));
  return E.right({ after: options.after ?? 0, maxCount: options.maxCount, shopId: options.shopId });
};
