/**
 * The options of the replica store, checked once when it is created. The standby's
 * pool options are the primary store's (checked by the same function, so a bad one
 * is refused alike); `primary` and a schema that disagrees with it are checked here.
 * A bad option is a ValidationError naming it, which every method then answers.
 */
import * as E from 'fp-ts/lib/Either.js';
import { validationError, type ValidationError, type ValidationIssue } from '../../domain/errors.js';
import type { EventStore } from '../eventStore.js';
import { baseStoreOf } from '../storeLayers.js';
import { internalsOf } from './internals.js';
import { resolveOptions } from './options.js';

export interface PostgresReplicaStoreOptions {
  /** The hot standby the reads go to. */
  readonly connectionString: string;
  /**
   * Where checkpoints are saved and loaded, and what lag() compares against: a store
   * made by createPostgresEventStore (layered or not; the replica store never closes
   * it), or the primary's URL (the replica store opens a store on it and closes it).
   */
  readonly primary: EventStore | { readonly connectionString: string };
  /** The schema of the store's tables; default the primary store's, or `kefu`. */
  readonly schema?: string;
  /** How often an idle subscription reads the standby again (a standby cannot LISTEN); default 100 ms. */
  readonly pollIntervalMs?: number;
  /** Most connections to the standby; default 10. */
  readonly maxConnections?: number;
  /** The standby cancels a statement running longer than this; default none. */
  readonly statementTimeoutMs?: number;
  /** Opening a connection to the standby fails after this long; default 10,000 ms. */
  readonly connectionTimeoutMs?: number;
}

export interface ResolvedReplicaOptions {
  readonly schema: string;
  readonly pollIntervalMs: number;
  /** The primary store the options gave, or undefined when the replica store opens its own on `primaryUrl`. */
  readonly primaryStore: EventStore | undefined;
  readonly primaryUrl: string | undefined;
}

const SOURCE = 'postgres replica store options';

const schemaOf = (store: EventStore): string | undefined => {
  const schema = (baseStoreOf(store) as { readonly schema?: unknown }).schema;
  return typeof schema === 'string' ? schema : undefined;
};

const isStore = (value: unknown): value is EventStore =>
  typeof value === 'object' && value !== null && typeof (value as { append?: unknown }).append === 'function';

export const resolveReplicaOptions = (options: PostgresReplicaStoreOptions): E.Either<ValidationError, ResolvedReplicaOptions> => {
  const issues: ValidationIssue[] = [];
  const primary: unknown = (options as { primary?: unknown }).primary;
  let primaryStore: EventStore | undefined;
  let primaryUrl: string | undefined;
  if (isStore(primary)) {
    if (internalsOf(primary) === undefined) {
      issues.push({ path: 'primary', reason: 'must be a store made by createPostgresEventStore (valid options), or { connectionString }' });
    } else {
      primaryStore = primary;
    }
  } else if (typeof primary === 'object' && primary !== null && typeof (primary as { connectionString?: unknown }).connectionString === 'string' && (primary as { connectionString: string }).connectionString.length > 0) {
    primaryUrl = (primary as { connectionString: string }).connectionString;
  } else {
    issues.push({ path: 'primary', reason: 'must be a PostgreSQL event store or { connectionString } of the primary' });
  }
  const primarySchema = primaryStore === undefined ? undefined : schemaOf(primaryStore);
  const schema = options.schema ?? primarySchema ?? 'kefu';
  if (primarySchema !== undefined && options.schema !== undefined && options.schema !== primarySchema) {
    issues.push({ path: 'schema', reason: `must be the primary store's schema (${primarySchema}), got ${String(options.schema)}` });
  }
  // The standby's pool is checked as the primary store's own options are (no NOTIFY: a standby cannot LISTEN).
  const pool = resolveOptions({
    // '' rather than undefined, so a missing URL is named as such (not as "pool or connectionString").
    connectionString: options.connectionString ?? '',
    schema,
    notify: false,
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections }),
    ...(options.statementTimeoutMs === undefined ? {} : { statementTimeoutMs: options.statementTimeoutMs }),
    ...(options.connectionTimeoutMs === undefined ? {} : { connectionTimeoutMs: options.connectionTimeoutMs }),
  });
  if (E.isLeft(pool)) issues.push(...pool.left.issues);
  if (issues.length > 0 || E.isLeft(pool)) return E.left(validationError(SOURCE, issues));
  return E.right({ schema, pollIntervalMs: pool.right.pollIntervalMs, primaryStore, primaryUrl });
};
