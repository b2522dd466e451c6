/**
 * The options of the EventStoreDB store, checked when the store is created. A bad
 * option is a mistake in the caller's wiring, found once at start-up, so it is
 * thrown (as EventStoreDbConfigurationError, naming the field) rather than
 * returned: there is no store yet whose methods could return it.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describeError, validationError, type ValidationError, type ValidationIssue } from '../../domain/errors.js';
import { connectWith, looksLikeClient, type EsdbClient } from './client.js';
import { DEFAULT_NAMESPACE, NAMESPACE_PATTERN } from './naming.js';

export type EventStoreDbConnection =
  /** e.g. `esdb://localhost:2113?tls=false`: the store creates the client and disposes it on close. */
  | { readonly connectionString: string; readonly client?: never }
  /** A client owned by the caller: the store uses it and never disposes it. */
  | { readonly client: EsdbClient; readonly connectionString?: never };

export interface EventStoreDbOptions {
  /**
   * Prefix of every stream this store writes (default `kefu-`). Stores with
   * different namespaces share a database without seeing each other, provided no
   * namespace's streams start with another's `<namespace>stream-` prefix.
   */
  readonly namespace?: string;
}

/** Thrown by createEventStoreDbEventStore when its options are wrong. */
export class EventStoreDbConfigurationError extends Error {
  override readonly name = 'EventStoreDbConfigurationError';
  constructor(readonly error: ValidationError) {
    super(describeError(error));
  }
}

export interface ResolvedConnection {
  readonly client: EsdbClient;
  /** Whether the store created the client (and so disposes it). */
  readonly owned: boolean;
  readonly namespace: string;
}

const refuse = (issues: readonly ValidationIssue[]) => E.left(validationError('eventstoredb store options', issues));

export const resolveConnection = (connection: unknown, options: unknown): E.Either<ValidationError, ResolvedConnection> => {
  const opts = (options ?? {}) as Record<string, unknown>;
  if (typeof opts !== 'object' || Array.isArray(opts)) return refuse([{ path: 'options', reason: 'must be an object' }]);
  const unknownOption = Object.keys(opts).find((key) => key !== 'namespace');
  if (unknownOption !== undefined) return refuse([{ path: unknownOption, reason: 'unknown field' }]);
  const namespace = opts['namespace'] ?? DEFAULT_NAMESPACE;
  if (typeof namespace !== 'string' || !NAMESPACE_PATTERN.test(namespace)) {
    return refuse([
      { path: 'namespace', reason: `must be 1-100 letters, digits or ._- starting with a letter or digit, got ${JSON.stringify(namespace)}` },
    ]);
  }

  if (typeof connection !== 'object' || connection === null) {
    return refuse([{ path: 'connection', reason: 'must be { connectionString } or { client }' }]);
  }
  const { connectionString, client } = connection as { connectionString?: unknown; client?: unknown };
  if ((connectionString === undefined) === (client === undefined)) {
    return refuse([{ path: client === undefined ? 'connectionString' : 'client', reason: 'give exactly one of connectionString and client' }]);
  }
  if (client !== undefined) {
    return looksLikeClient(client)
      ? E.right({ client, owned: false, namespace })
      : refuse([{ path: 'client', reason: 'must be an EventStoreDB client (EventStoreDBClient or KurrentDBClient)' }]);
  }
  if (typeof connectionString !== 'string' || connectionString.trim() === '') {
    return refuse([{ path: 'connectionString', reason: 'must be a non-empty string such as esdb://localhost:2113?tls=false' }]);
  }
  try {
    return E.right({ client: connectWith(connectionString), owned: true, namespace });
  } catch (error) {
    return refuse([{ path: 'connectionString', reason: error instanceof Error ? error.message : String(error) }]);
  }
};
