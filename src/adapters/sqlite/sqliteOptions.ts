/**
 * The options of the SQLite store, checked when the store is created. A bad option
 * is a programming error in the caller's wiring, found once at start-up, so it is
 * thrown (as `SqliteConfigurationError`, naming the field) rather than returned:
 * there is no store yet whose methods could return it.
 */
import type BetterSqlite3 from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describeError, validationError, type ValidationError, type ValidationIssue } from '../../domain/errors.js';
import { decodeWith, intInRange, nonEmptyString, oneOf, struct } from '../../domain/validation.js';

export type SqliteSynchronous = 'NORMAL' | 'FULL';

interface CommonOptions {
  /**
   * `NORMAL` (default): in WAL mode a commit survives a crash of the process, and
   * the last commits may be lost on a power cut or an OS crash (never corrupted).
   * `FULL`: every commit is synced to disk before it returns, so it survives those too.
   */
  readonly synchronous?: SqliteSynchronous;
  /** How long a write waits for another connection's write lock before failing (default 5000). */
  readonly busyTimeoutMs?: number;
  /** How often a waiting subscription checks for commits made by other connections (default 100). */
  readonly pollIntervalMs?: number;
}

export type SqliteEventStoreOptions =
  | (CommonOptions & { readonly filename: string; readonly database?: never })
  /** A connection owned by the caller: the store configures and migrates it but never closes it. */
  | (CommonOptions & { readonly database: BetterSqlite3.Database; readonly filename?: never });

export interface ResolvedSqliteOptions {
  readonly source: { readonly filename: string } | { readonly database: BetterSqlite3.Database };
  readonly synchronous: SqliteSynchronous;
  readonly busyTimeoutMs: number;
  readonly pollIntervalMs: number;
}

/** Thrown by `createSqliteEventStore` when its options are wrong or the database cannot be opened or migrated. */
export class SqliteConfigurationError extends Error {
  override readonly name = 'SqliteConfigurationError';
  constructor(readonly error: ValidationError) {
    super(describeError(error));
  }
}

export const configurationError = (issues: readonly ValidationIssue[]): SqliteConfigurationError =>
  new SqliteConfigurationError(validationError('sqlite store options', issues));

/** Duck-typed, so a connection from another copy of better-sqlite3 is accepted too. */
const openConnection = new t.Type<BetterSqlite3.Database, BetterSqlite3.Database, unknown>(
  'Database',
  (u): u is BetterSqlite3.Database =>
    typeof u === 'object' && u !== null && typeof (u as { prepare?: unknown }).prepare === 'function' && (u as { open?: unknown }).open === true,
  (u, c) =>
    typeof u !== 'object' || u === null || typeof (u as { prepare?: unknown }).prepare !== 'function'
      ? t.failure(u, c, 'must be a better-sqlite3 Database')
      : (u as { open?: unknown }).open !== true
        ? t.failure(u, c, 'must be an open connection, this one is closed')
        : t.success(u as BetterSqlite3.Database),
  t.identity,
);

const optionsCodec = struct(
  'SqliteEventStoreOptions',
  {},
  {
    filename: nonEmptyString(4096),
    database: openConnection,
    synchronous: oneOf('synchronous', ['NORMAL', 'FULL']),
    busyTimeoutMs: intInRange(0, 2 ** 31 - 1),
    pollIntervalMs: intInRange(1, 3_600_000),
  },
);

const decodeOptions = decodeWith(optionsCodec, 'sqlite store options');

export const resolveSqliteOptions = (input: unknown): E.Either<ValidationError, ResolvedSqliteOptions> => {
  const decoded = decodeOptions(input);
  if (E.isLeft(decoded)) return decoded;
  const { filename, database, synchronous = 'NORMAL', busyTimeoutMs = 5000, pollIntervalMs = 100 } = decoded.right;
  if ((filename === undefined) === (database === undefined)) {
    return E.left(
      validationError('sqlite store options', [
        { path: filename === undefined ? 'filename' : 'database', reason: 'give exactly one of filename and database' },
      ]),
    );
  }
  return E.right({
    source: database === undefined ? { filename: filename as string } : { database },
    synchronous,
    busyTimeoutMs,
    pollIntervalMs,
  });
};
