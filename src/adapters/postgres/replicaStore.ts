/**
 * An event store that reads from a PostgreSQL hot standby: readAll, readStream,
 * streamVersion, subscribe and loadSnapshot run on the standby, with the primary
 * store's SQL and its ordering guarantee (a global read only returns rows whose
 * transaction is older than every transaction still running, which on a standby is
 * every transaction whose end it has not replayed: see replicaLag.ts). A reader
 * never passes an event that commits late, whichever server it reads.
 *
 * Writes are refused (a StoreFailure saying "read-only replica: write to the
 * primary"), not forwarded: a command handler decides from its stream as read, and
 * a stream read on a standby that is behind makes every retry lose the same race.
 * Commands go to the primary store; this one is for projections, reports and
 * subscriptions. Their checkpoints (loadProjection, saveProjection) go to the
 * primary, where they can be written, and are read back from there: a checkpoint
 * read from the standby could be older than the one just saved.
 *
 * Nothing is ever created on the standby (it is read-only): a schema it has not
 * replayed yet is a StoreFailure saying to create it on the primary. A standby
 * cannot LISTEN, so an idle subscription reads again every `pollIntervalMs`.
 */
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import type { Pool, QueryResult, QueryResultRow } from 'pg';
import { storeFailure, validationError, type StoreFailure, type ValidationError, type ValidationIssue } from '../../domain/errors.js';
import type { AppendError, AppendResult, EventStore } from '../eventStore.js';
import type { LogSource } from '../logFollower.js';
import { startPollingSubscription } from '../pollingSubscription.js';
import type { ProjectionStateStore } from '../projectionStateStore.js';
import { baseStoreOf } from '../storeLayers.js';
import { createChangeFeed, feedLogSource, type ChangeFeed } from './changeFeed.js';
import { internalsOf } from './internals.js';
import { asStoreFailure, logReads, type OpenError } from './logReads.js';
import { migrations } from './migrations.js';
import { createPostgresEventStore } from './postgresEventStore.js';
import {
  lagOf,
  parseHead,
  replicaStatementsFor,
  type HeadRow,
  type PrimaryLagRow,
  type ReplicaLag,
  type ReplicaStatements,
  type StandbyLagRow,
} from './replicaLag.js';
import { resolveReplicaOptions, type PostgresReplicaStoreOptions } from './replicaOptions.js';
import { bigintToNumber, rawText } from './rows.js';
import { statementsFor, type Statement, type Statements } from './statements.js';

export const READ_ONLY_REPLICA = 'read-only replica: write to the primary';

export interface WaitForPositionOptions {
  /** Give up after this long (0: look once). */
  readonly timeoutMs: number;
}

export interface PostgresReplicaStore extends EventStore, ProjectionStateStore {
  readonly kind: 'postgres-replica';
  readonly schema: string;
  /** Checks the options, the standby and the schema on it (replayed from the primary), and the primary; nothing is created on the standby. */
  readonly ready: () => Promise<E.Either<StoreFailure | ValidationError, void>>;
  /** How far the standby is behind the primary (see ReplicaLag for what each number measures). */
  readonly lag: () => Promise<E.Either<StoreFailure, ReplicaLag>>;
  /**
   * Read-your-writes: resolves with the replica's readable head once it is at or past
   * `position` (e.g. an append's lastPosition on the primary); every event up to it
   * is then readable here. A StoreFailure naming the timeout when it is not in time.
   */
  readonly waitForPosition: (position: number, options: WaitForPositionOptions) => Promise<E.Either<StoreFailure | ValidationError, number>>;
}


interface Runtime {
  readonly pool: Pool;
  readonly statements: Statements;
  readonly replica: ReplicaStatements;
  readonly feed: ChangeFeed;
  readonly primary: EventStore;
  /** The primary store opened here (from its URL), closed with this one. */
  readonly ownsPrimary: boolean;
}

/** A recovery conflict cancels a standby's query with this code; the read is tried once more. */
const RECOVERY_CONFLICT = '40001';
/** waitForPosition reads the head after 1 ms, then twice as long each time, up to this. */
const LONGEST_WAIT_STEP_MS = 25;
const LATEST_MIGRATION = Math.max(...migrations.map((m) => m.version));

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const refuseWrite = (operation: string): Promise<E.Either<StoreFailure, never>> => Promise.resolve(E.left(storeFailure(operation, READ_ONLY_REPLICA)));

const checkWait = (position: unknown, options: unknown): E.Either<ValidationError, { position: number; timeoutMs: number }> => {
  const issues: ValidationIssue[] = [];
  if (!(Number.isSafeInteger(position) && (position as number) >= 0)) {
    issues.push({ path: 'position', reason: `must be an integer >= 0, got ${String(position)}` });
  }
  const timeoutMs: unknown = (options as { timeoutMs?: unknown } | undefined)?.timeoutMs;
  if (!(Number.isSafeInteger(timeoutMs) && (timeoutMs as number) >= 0)) {
    issues.push({ path: 'timeoutMs', reason: `must be an integer >= 0, got ${String(timeoutMs)}` });
  }
  return issues.length > 0 ? E.left(validationError('waitForPosition', issues)) : E.right({ position: position as number, timeoutMs: timeoutMs as number });
};

export const createPostgresReplicaStore = (options: PostgresReplicaStoreOptions): PostgresReplicaStore => {
  const resolved = resolveReplicaOptions(options);
  const schema = E.isRight(resolved) ? resolved.right.schema : String(options.schema ?? 'kefu');
  let runtime: Runtime | undefined;
  if (E.isRight(resolved)) {
    const { primaryStore, primaryUrl, pollIntervalMs } = resolved.right;
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      idleTimeoutMillis: 10_000,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
      application_name: `kefu-replica-${schema}`,
      ...(options.statementTimeoutMs === undefined ? {} : { statement_timeout: options.statementTimeoutMs }),
    });
    // An idle connection dropped (standby restart) must not end the process.
    pool.on('error', () => undefined);
    runtime = {
      pool,
      statements: statementsFor(schema),
      replica: replicaStatementsFor(schema),
      // No LISTEN: a standby refuses it, and NOTIFY is not replicated. Only the timer wakes.
      feed: createChangeFeed({ channel: `kefu_replica_${schema}`, listen: undefined, pollIntervalMs }),
      primary:
        primaryStore ??
        createPostgresEventStore({ connectionString: primaryUrl as string, schema, notify: false, maxConnections: 2, applicationName: `kefu-replica-${schema}` }),
      ownsPrimary: primaryStore === undefined,
    };
  }
  let closed = false;
  let closing: Promise<void> | undefined;
  let checked: Promise<E.Either<StoreFailure, void>> | undefined;

  const query = async <R extends QueryResultRow>(
    pool: Pool,
    operation: string,
    statement: Statement,
    values: unknown[],
  ): Promise<E.Either<StoreFailure, QueryResult<R>>> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return E.right(await pool.query<R>({ name: statement.name, text: statement.text, values, types: rawText }));
      } catch (error) {
        if (attempt === 1 && (error as { code?: unknown }).code === RECOVERY_CONFLICT) continue;
        return E.left(storeFailure(operation, error));
      }
    }
  };

  /** The schema must be on the standby, replayed from the primary, up to the migrations this version reads. */
  const checkSchema = async (rt: Runtime): Promise<E.Either<StoreFailure, void>> => {
    const found = await query<{ has_events: string; has_migrations: string }>(rt.pool, 'open', rt.replica.schemaCheck, []);
    if (E.isLeft(found)) return found;
    const row = found.right.rows[0];
    if (row?.has_events !== 't' || row.has_migrations !== 't') {
      return E.left(
        storeFailure(
          'open',
          `schema "${schema}" has no kefu tables on the replica: create them on the primary (createPostgresEventStore({ schema: '${schema}' }).ready()) and let the standby replay them; nothing is created on a standby`,
        ),
      );
    }
    const version = await query<{ version: string }>(rt.pool, 'open', rt.replica.migrated, []);
    if (E.isLeft(version)) return version;
    const at = bigintToNumber(version.right.rows[0]?.version);
    if (!(at >= LATEST_MIGRATION)) {
      return E.left(
        storeFailure('open', `schema "${schema}" on the replica is at migration ${String(at)}, this kefu reads ${LATEST_MIGRATION}: migrate the primary and let the standby replay it`),
      );
    }
    return E.right(undefined);
  };

  const open = async (operation: string): Promise<E.Either<OpenError, Runtime>> => {
    if (closed) return E.left(storeFailure(operation, 'the store is closed'));
    if (E.isLeft(resolved)) return resolved;
    const rt = runtime as Runtime;
    // Memoised on success only: a standby still replaying the schema is asked again next time.
    checked ??= checkSchema(rt).then((outcome) => {
      if (E.isLeft(outcome)) checked = undefined;
      return outcome;
    });
    const outcome = await checked;
    if (E.isLeft(outcome)) return E.left(storeFailure(operation, outcome.left.message));
    return closed ? E.left(storeFailure(operation, 'the store is closed')) : E.right(rt);
  };

  const queryOn = <R extends QueryResultRow>(rt: Runtime, operation: string, statement: Statement, values: unknown[]) => query<R>(rt.pool, operation, statement, values);
  const { readAll, readStream, streamVersion, loadSnapshot } = logReads(open, queryOn);

  const head = async (rt: Runtime, operation: string): Promise<E.Either<StoreFailure, number>> => {
    const result = await query<HeadRow>(rt.pool, operation, rt.replica.head, []);
    return E.isLeft(result) ? result : parseHead(operation, result.right.rows[0]);
  };

  const lag = async (): Promise<E.Either<StoreFailure, ReplicaLag>> => {
    const opened = await open('lag');
    if (E.isLeft(opened)) return E.left(asStoreFailure('lag', opened.left));
    const rt = opened.right;
    // The standby first: the primary, asked second, can only be further on, so `events` never understates.
    const standby = await query<StandbyLagRow>(rt.pool, 'lag', rt.replica.standbyLag, []);
    if (E.isLeft(standby)) return standby;
    const standbyRow = standby.right.rows[0] as StandbyLagRow;
    const position = parseHead('lag', standbyRow);
    if (E.isLeft(position)) return position;
    const internals = internalsOf(rt.primary);
    if (internals === undefined) return E.left(storeFailure('lag', 'the primary store has no PostgreSQL connection'));
    const primaryOpen = await internals.open('lag');
    if (E.isLeft(primaryOpen)) return E.left(asStoreFailure('lag', primaryOpen.left));
    const primary = await query<PrimaryLagRow>(internals.pool, 'lag', rt.replica.primaryLag, [position.right]);
    if (E.isLeft(primary)) return primary;
    return lagOf(standbyRow, position.right, primary.right.rows[0] as PrimaryLagRow);
  };

  const waitForPosition = async (position: number, waitOptions: WaitForPositionOptions): Promise<E.Either<StoreFailure | ValidationError, number>> => {
    const valid = checkWait(position, waitOptions);
    if (E.isLeft(valid)) return valid;
    const opened = await open('waitForPosition');
    if (E.isLeft(opened)) return opened;
    const started = Date.now();
    for (let step = 1; ; step = Math.min(step * 2, LONGEST_WAIT_STEP_MS)) {
      const reached = await head(opened.right, 'waitForPosition');
      if (E.isLeft(reached) || reached.right >= valid.right.position) return reached;
      if (closed) return E.left(storeFailure('waitForPosition', 'the store is closed'));
      const left = valid.right.timeoutMs - (Date.now() - started);
      if (left <= 0) {
        return E.left(
          storeFailure('waitForPosition', `timed out after ${valid.right.timeoutMs} ms: the replica has reached position ${reached.right}, not ${valid.right.position}`),
        );
      }
      await sleep(Math.min(step, left));
    }
  };

  const logSource = (operation: string): LogSource => feedLogSource(() => runtime?.feed, readAll, operation);

  /** Checkpoints live on the primary, in the adapter under any layers. */
  const checkpoints = async (operation: string): Promise<E.Either<OpenError, ProjectionStateStore>> => {
    if (closed) return E.left(storeFailure(operation, 'the store is closed'));
    if (E.isLeft(resolved)) return resolved;
    return E.right(baseStoreOf((runtime as Runtime).primary) as unknown as ProjectionStateStore);
  };

  const close = (): Promise<void> => {
    closing ??= (async () => {
      closed = true;
      if (runtime === undefined) return;
      await runtime.feed.close();
      await checked;
      await runtime.pool.end().catch(() => undefined);
      if (runtime.ownsPrimary) await runtime.primary.close();
    })();
    return closing;
  };

  return {
    kind: 'postgres-replica',
    schema,
    ready: async () => {
      const opened = await open('ready');
      if (E.isLeft(opened)) return opened;
      const internals = internalsOf(opened.right.primary);
      return internals === undefined ? E.left(storeFailure('ready', 'the primary store has no PostgreSQL connection')) : internals.open('ready');
    },
    append: (): Promise<E.Either<AppendError, AppendResult>> => refuseWrite('append'),
    saveSnapshot: () => refuseWrite('saveSnapshot'),
    readAll: (o) => readAll(o),
    readStream,
    streamVersion,
    subscribe: (subscribeOptions) => startPollingSubscription(logSource('subscribe'), subscribeOptions),
    loadSnapshot,
    loadProjection: async (name) => {
      const store = await checkpoints('loadProjection');
      return E.isLeft(store) ? store : store.right.loadProjection(name);
    },
    saveProjection: async (name, checkpoint) => {
      const store = await checkpoints('saveProjection');
      return E.isLeft(store) ? E.left(asStoreFailure('saveProjection', store.left)) : store.right.saveProjection(name, checkpoint);
    },
    lag,
    waitForPosition,
    close,
  };
};
