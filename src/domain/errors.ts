/**
 * Every failure kefu reports is a value of this union, never a thrown exception.
 * The `_tag` tells the category; each category carries what a caller needs to act:
 * the field path of bad input, the rule code of a refused command, the versions
 * of a lost race, the operation of a failing store.
 */

/** One reason a piece of input was refused, with the path of the field, e.g. `data.maxSessions`. */
export interface ValidationIssue {
  readonly path: string;
  readonly reason: string;
}

/** Input (a command, a stored event, a snapshot, an imported log line) does not match its schema. */
export interface ValidationError {
  readonly _tag: 'ValidationError';
  /** What was being decoded: `command`, `event`, `snapshot`, `log line 12`, ... */
  readonly source: string;
  readonly issues: readonly ValidationIssue[];
}

/** The command is well formed but a business rule refuses it; `code` is stable and documented. */
export interface DomainError {
  readonly _tag: 'DomainError';
  readonly code: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Expected versions as every adapter enforces them: 0 = no stream, n = events in it. */
export type ExpectedVersion = number | 'any' | 'no_stream' | 'exists';

/** An append lost a race: the stream was not at the expected version. */
export interface ConcurrencyConflict {
  readonly _tag: 'ConcurrencyConflict';
  readonly stream: string;
  readonly expected: ExpectedVersion;
  /** The real current version of the stream (0 when it does not exist). */
  readonly actual: number;
  /** How many times the command was decided before giving up (1 when not retried). */
  readonly attempts: number;
}

/** The store could not do what was asked (connection lost, disk full, server error). */
export interface StoreFailure {
  readonly _tag: 'StoreFailure';
  readonly operation: string;
  readonly message: string;
}

export type KefuError = ValidationError | DomainError | ConcurrencyConflict | StoreFailure;

export const validationError = (source: string, issues: readonly ValidationIssue[]): ValidationError => ({
  _tag: 'ValidationError',
  source,
  issues,
});

export const domainError = (
  code: string,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): DomainError => (details === undefined ? { _tag: 'DomainError', code, message } : { _tag: 'DomainError', code, message, details });

export const concurrencyConflict = (
  stream: string,
  expected: ExpectedVersion,
  actual: number,
  attempts = 1,
): ConcurrencyConflict => ({ _tag: 'ConcurrencyConflict', stream, expected, actual, attempts });

export const storeFailure = (operation: string, cause: unknown): StoreFailure => ({
  _tag: 'StoreFailure',
  operation,
  message: cause instanceof Error ? cause.message : String(cause),
});

export const isValidationError = (e: KefuError): e is ValidationError => e._tag === 'ValidationError';
export const isDomainError = (e: KefuError): e is DomainError => e._tag === 'DomainError';
export const isConcurrencyConflict = (e: KefuError): e is ConcurrencyConflict => e._tag === 'ConcurrencyConflict';
export const isStoreFailure = (e: KefuError): e is StoreFailure => e._tag === 'StoreFailure';

/** One line for logs and terminals. */
export const describeError = (e: KefuError): string => {
  switch (e._tag) {
    case 'ValidationError':
      return `invalid ${e.source}: ${e.issues.map((i) => `${i.path || '(root)'}: ${i.reason}`).join('; ')}`;
    case 'DomainError':
      return `${e.code}: ${e.message}`;
    case 'ConcurrencyConflict':
      return `version conflict on ${e.stream}: expected ${String(e.expected)}, found ${e.actual} (after ${e.attempts} attempt${e.attempts === 1 ? '' : 's'})`;
    case 'StoreFailure':
      return `store failed during ${e.operation}: ${e.message}`;
  }
};
