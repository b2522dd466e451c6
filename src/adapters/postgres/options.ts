/**
 * The options of the PostgreSQL store, checked once when the store is created.
 * A bad option is a ValidationError naming it; the store then answers every call
 * with that error instead of throwing from its constructor.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Pool } from 'pg';
import { validationError, type ValidationError, type ValidationIssue } from '../../domain/errors.js';
import { parseHostList, type HostList } from './hostList.js';

interface CommonOptions {
  /**
   * The schema holding the store's tables, created if missing; default `kefu`.
   * Lowercase letters, digits and `_`, at most 40 characters (it is used unquoted
   * in names derived from it: the NOTIFY channel, the prepared statements).
   */
  readonly schema?: string;
  /**
   * After appends, send a NOTIFY (coalesced, outside the append's transaction) and
   * LISTEN for other processes' ones, so subscribers wake at once; default true.
   * Without it, subscribers in other processes see new events at their next poll.
   */
  readonly notify?: boolean;
  /**
   * How often an idle subscription reads again without being woken: the fallback for a
   * lost notification or a writer that does not notify. Default 1,000 ms with `notify`,
   * 100 ms without.
   */
  readonly pollIntervalMs?: number;
}

/** The store opens and owns its pool, and ends it on `close()`. */
export interface OwnedPoolOptions extends CommonOptions {
  /**
   * A PostgreSQL URL. Several hosts, as libpq writes them
   * (`postgres://user@h1:5432,h2:5432/db?target_session_attrs=read-write`), make the
   * store find the primary among them and follow it through a failover:
   * `target_session_attrs` is `read-write` (default with several hosts), `primary`
   * or `any`. A one-host URL is handed to pg as it is.
   */
  readonly connectionString: string;
  readonly pool?: undefined;
  /** Most connections the pool opens; default 10. */
  readonly maxConnections?: number;
  /** An idle connection is closed after this long; default 10,000 ms. */
  readonly idleTimeoutMs?: number;
  /** The server cancels a statement running longer than this; default none. */
  readonly statementTimeoutMs?: number;
  /**
   * Opening a connection fails after this long; default 10,000 ms. With several hosts
   * it bounds the connection to the host the probe chose (a few seconds suit a failover).
   */
  readonly connectionTimeoutMs?: number;
  /**
   * With several hosts: how long one host may take to connect and say whether it
   * takes writes while the primary is looked for; default 2,000 ms. With no primary
   * reachable, a call fails within about hosts x this (see README, Failover).
   */
  readonly probeTimeoutMs?: number;
  /**
   * A statement whose answer has not come after this long fails on the client's side
   * (pg's query_timeout), even when the server is gone without a word (a network
   * cut, no TCP reset); default none. An append that times out may still have
   * committed: it is a StoreFailure, as a connection cut is.
   */
  readonly queryTimeoutMs?: number;
  /** What pg_stat_activity shows for the pool's connections; default `kefu-<schema>`. */
  readonly applicationName?: string;
}

/** The caller's pool: the store uses it and never ends it. */
export interface SharedPoolOptions extends CommonOptions {
  readonly pool: Pool;
  readonly connectionString?: undefined;
}

export type PostgresEventStoreOptions = OwnedPoolOptions | SharedPoolOptions;

export interface ResolvedOptions {
  /** The hosts of a multi-host connection string; undefined for one host (or a caller's pool). */
  readonly hosts: HostList | undefined;
  readonly schema: string;
  readonly notify: boolean;
  readonly pollIntervalMs: number;
}

/** How long one host may take to answer the probe for the primary, by default. */
export const DEFAULT_PROBE_TIMEOUT_MS = 2_000;

const schemaPattern = /^[a-z_][a-z0-9_]{0,39}$/;

const positiveInt = (value: unknown, path: string, issues: ValidationIssue[], allowZero = false): void => {
  if (value === undefined) return;
  const ok = typeof value === 'number' && Number.isSafeInteger(value) && (allowZero ? value >= 0 : value > 0);
  if (!ok) issues.push({ path, reason: `must be an integer ${allowZero ? '>= 0' : '> 0'}, got ${String(value)}` });
};

/** What every kefu PostgreSQL component checks alike: the schema's name, and a pool or a connection string (one of them). */
export const checkSchemaAndConnection = (
  options: { readonly schema?: unknown; readonly pool?: unknown; readonly connectionString?: unknown },
  issues: ValidationIssue[],
): { readonly schema: string; readonly hasPool: boolean; readonly urlOk: boolean } => {
  const schema = options.schema ?? 'kefu';
  if (typeof schema !== 'string' || !schemaPattern.test(schema)) {
    issues.push({ path: 'schema', reason: `must be 1-40 lowercase letters, digits or _, not starting with a digit, got ${String(schema)}` });
  }
  const hasPool = options.pool !== undefined;
  const hasUrl = options.connectionString !== undefined;
  if (hasPool === hasUrl) issues.push({ path: 'connectionString', reason: 'give either connectionString or pool, not both or neither' });
  const urlOk = hasUrl && typeof options.connectionString === 'string' && options.connectionString.length > 0;
  if (hasUrl && !urlOk) issues.push({ path: 'connectionString', reason: 'must be a non-empty string' });
  return { schema: schema as string, hasPool, urlOk };
};

/**
 * checkSchemaAndConnection, and the hosts of a connection string the component opens its
 * pool from (undefined for one host, or a pool given): a store or key store that follows
 * the primary of a multi-host URL (ownedPool.ts).
 */
export const checkOwnedConnection = (
  options: { readonly schema?: unknown; readonly pool?: unknown; readonly connectionString?: unknown },
  issues: ValidationIssue[],
): { readonly schema: string; readonly hasPool: boolean; readonly hosts: HostList | undefined } => {
  const { schema, hasPool, urlOk } = checkSchemaAndConnection(options, issues);
  let hosts: HostList | undefined;
  if (urlOk && !hasPool) {
    const parsed = parseHostList(options.connectionString as string);
    if (E.isLeft(parsed)) issues.push(...parsed.left.issues);
    else hosts = parsed.right;
  }
  return { schema, hasPool, hosts };
};

export const resolveOptions = (options: PostgresEventStoreOptions): E.Either<ValidationError, ResolvedOptions> => {
  const issues: ValidationIssue[] = [];
  const { schema, hasPool, hosts } = checkOwnedConnection(options, issues);
  if (!hasPool) {
    const owned = options as OwnedPoolOptions;
    positiveInt(owned.maxConnections, 'maxConnections', issues);
    positiveInt(owned.idleTimeoutMs, 'idleTimeoutMs', issues, true);
    positiveInt(owned.statementTimeoutMs, 'statementTimeoutMs', issues, true);
    positiveInt(owned.connectionTimeoutMs, 'connectionTimeoutMs', issues, true);
    positiveInt(owned.probeTimeoutMs, 'probeTimeoutMs', issues);
    positiveInt(owned.queryTimeoutMs, 'queryTimeoutMs', issues);
    if (owned.applicationName !== undefined && (typeof owned.applicationName !== 'string' || owned.applicationName.length > 63)) {
      issues.push({ path: 'applicationName', reason: 'must be a string of at most 63 characters' });
    }
  }
  positiveInt(options.pollIntervalMs, 'pollIntervalMs', issues);
  if (options.notify !== undefined && typeof options.notify !== 'boolean') {
    issues.push({ path: 'notify', reason: `must be a boolean, got ${String(options.notify)}` });
  }
  if (issues.length > 0) return E.left(validationError('postgres store options', issues));
  const notify = options.notify ?? true;
  return E.right({ hosts, schema, notify, pollIntervalMs: options.pollIntervalMs ?? (notify ? 1000 : 100) });
};
