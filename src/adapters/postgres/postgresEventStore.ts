/**
 * The PostgreSQL event store. An append is one call of the schema's append function
 * (one round trip: the version check and the inserts run in the statement's own
 * transaction); a NOTIFY follows it, coalesced and off the append's path
 * (notifier.ts). Reads of the global log only see what no running transaction can
 * still slip in front of (appendFunction.ts). Migrations run once per instance,
 * before its first query. Every method answers with a value; none throws. Given
 * several hosts in its URL, the store finds the primary among them and follows it
 * through a failover (ownedPool.ts).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ClientConfig, Pool, QueryResult, QueryResultRow } from 'pg';
import type { RecordedEvent } from '../../domain/envelope.js';
import {
  concurrencyConflict,
  storeFailure,
  type ExpectedVersion,
  type StoreFailure,
  type ValidationError,
} from '../../domain/errors.js';
import { validateAppend } from '../appendValidation.js';
import type { AppendError, AppendResult, EventStore, Snapshot } from '../eventStore.js';
import type { LogSource } from '../logFollower.js';
import { startPollingSubscription } from '../pollingSubscription.js';
import { checkCheckpoint, checkSnapshot } from '../savedState.js';
import type { ProjectionCheckpoint, ProjectionStateStore } from '../projectionStateStore.js';
import { EXPECTED_ANY, EXPECTED_EXISTS, RECORD_SEPARATOR } from './appendFunction.js';
import { createChangeFeed, feedLogSource, type ChangeFeed } from './changeFeed.js';
import { checkOut, type CheckedOut } from './checkout.js';
import { registerInternals } from './internals.js';
import { asStoreFailure, logReads, type OpenError } from './logReads.js';
import { migrate } from './migrations.js';
import { channelOf, createNotifier, type Notifier } from './notifier.js';
import type { ClientClass } from './failoverClient.js';
import type { HostPort } from './hostList.js';
import { ownedConnections } from './ownedPool.js';
import { resolveOptions, type OwnedPoolOptions, type PostgresEventStoreOptions, type ResolvedOptions } from './options.js';
import type { PrimaryResolver } from './primaryResolver.js';
import { bigintToNumber, decodeProjectionRow, rawText, type ProjectionRow } from './rows.js';
import { statementsFor, type Statement, type Statements } from './statements.js';

export interface PostgresEventStore extends EventStore, ProjectionStateStore {
  readonly kind: 'postgres';
  /** The schema holding the store's tables. */
  readonly schema: string;
  /**
   * Runs the migrations if this instance has not yet (every method does it first);
   * call it at startup to find a wrong URL or missing rights before the first command.
   */
  readonly ready: () => Promise<E.Either<StoreFailure | ValidationError, void>>;
}


interface Runtime {
  readonly pool: Pool;
  readonly ownsPool: boolean;
  readonly statements: Statements;
  readonly feed: ChangeFeed;
  /** Undefined when the store does not notify. */
  readonly notifier: Notifier | undefined;
  /** Told a query's error (and the host, when known), so that a lost primary is looked for again; a no-op with one host. */
  readonly failed: (host: HostPort | undefined, error: unknown) => void;
}

/** What either append function answered, as the server's text for the numbers. */
interface AppendAnswer {
  readonly appended: boolean;
  readonly version: string;
  readonly lastPosition: string;
}

/** A row of append_events (several events or none). */
interface AppendRow {
  readonly appended: string;
  readonly stream_version: string;
  readonly last_position: string | null;
}

/** The row of append_event (one event): its bigint[] as text, e.g. "{1,5,123}". */
interface AppendOneRow {
  readonly answer: string;
}

const parseAppend = (row: AppendRow): AppendAnswer => ({
  appended: row.appended === 't',
  version: row.stream_version,
  lastPosition: row.last_position ?? '',
});

const parseAppendOne = (answer: string): AppendAnswer | undefined => {
  const parts = /^\{([01]),(\d+),(\d+)\}$/.exec(answer);
  return parts === null ? undefined : { appended: parts[1] === '1', version: parts[2]!, lastPosition: parts[3]! };
};

const encodeExpected = (expected: ExpectedVersion): number =>
  expected === 'any' ? EXPECTED_ANY : expected === 'exists' ? EXPECTED_EXISTS : expected === 'no_stream' ? 0 : expected;

const openRuntime = (options: PostgresEventStoreOptions, resolved: ResolvedOptions): Runtime => {
  const { schema, notify, pollIntervalMs } = resolved;
  let pool: Pool;
  let listen: ClientConfig;
  let client: ClientClass | undefined;
  let resolver: PrimaryResolver | undefined;
  if (options.pool === undefined) {
    ({ pool, listen, client, resolver } = ownedConnections(options as OwnedPoolOptions, schema, resolved.hosts));
    // A connection dropped while idle (server restart) is removed from the pool; without
    // a listener its 'error' event would end the process.
    pool.on('error', () => undefined);
  } else {
    pool = options.pool;
    listen = { ...(pool.options as ClientConfig), keepAlive: true, application_name: `kefu-listen-${schema}` };
  }
  const statements = statementsFor(schema);
  return {
    pool,
    ownsPool: options.pool === undefined,
    statements,
    feed: createChangeFeed({ channel: channelOf(schema), listen: notify ? listen : undefined, pollIntervalMs, ...(client === undefined ? {} : { client }) }),
    notifier: notify ? createNotifier(pool, channelOf(schema), statements.notify) : undefined,
    failed: resolver === undefined ? noteNothing : resolver.failed,
  };
};

const noteNothing = (): void => undefined;

export const createPostgresEventStore = (options: PostgresEventStoreOptions): PostgresEventStore => {
  const resolved = resolveOptions(options);
  const schema = E.isRight(resolved) ? resolved.right.schema : String(options.schema);
  const runtime = E.isRight(resolved)
    ? openRuntime(options, resolved.right)
    : undefined;
  let closed = false;
  let closing: Promise<void> | undefined;
  let migrated: Promise<E.Either<OpenError, void>> | undefined;

  const runMigrations = (rt: Runtime): Promise<E.Either<OpenError, void>> => {
    // Memoised on success only: after a failure (server down) the next call tries again.
    migrated ??= migrate(rt.pool, schema).then(
      () => E.right(undefined),
      (error: unknown) => {
        migrated = undefined;
        return E.left(storeFailure('migrate', error));
      },
    );
    return migrated;
  };

  /** The runtime, once the store is usable: open, valid options, migrated. */
  const open = async (operation: string): Promise<E.Either<OpenError, Runtime>> => {
    if (closed) return E.left(storeFailure(operation, 'the store is closed'));
    if (E.isLeft(resolved)) return resolved;
    const rt = runtime as Runtime;
    const ready = await runMigrations(rt);
    if (E.isLeft(ready)) return E.left(ready.left._tag === 'StoreFailure' ? storeFailure(operation, ready.left.message) : ready.left);
    // close() may have run while the migrations did.
    return closed ? E.left(storeFailure(operation, 'the store is closed')) : E.right(rt);
  };

  const query = async <R extends QueryResultRow>(
    rt: Runtime,
    operation: string,
    statement: Statement,
    values: unknown[],
  ): Promise<E.Either<StoreFailure, QueryResult<R>>> => {
    try {
      return E.right(await rt.pool.query<R>({ name: statement.name, text: statement.text, values, types: rawText }));
    } catch (error) {
      rt.failed(undefined, error);
      return E.left(storeFailure(operation, error));
    }
  };

  /**
   * The append call, on a connection of its own: if it fails for any reason the
   * connection is destroyed, never reused, so the function's advisory lock cannot
   * stay held by a session that errored between lock and unlock.
   */
  const callAppend = async (rt: Runtime, statement: Statement, values: unknown[]): Promise<E.Either<StoreFailure, AppendAnswer>> => {
    let checkedOut: CheckedOut;
    try {
      checkedOut = await checkOut(rt.pool);
    } catch (error) {
      rt.failed(undefined, error);
      return E.left(storeFailure('append', error));
    }
    const { client, release } = checkedOut;
    try {
      const result = await client.query<AppendRow | AppendOneRow>({ name: statement.name, text: statement.text, values, types: rawText });
      release();
      const row = result.rows[0];
      const answer = row === undefined ? undefined : 'answer' in row ? parseAppendOne(row.answer) : parseAppend(row);
      return answer === undefined ? E.left(storeFailure('append', `the append function answered ${JSON.stringify(row)}`)) : E.right(answer);
    } catch (error) {
      release(true);
      rt.failed({ host: client.host, port: client.port }, error);
      return E.left(storeFailure('append', error));
    }
  };

  const append = async (stream: string, events: readonly unknown[], expected: ExpectedVersion): Promise<E.Either<AppendError, AppendResult>> => {
    if (closed) return E.left(storeFailure('append', 'the store is closed'));
    const copies = validateAppend(stream, events, expected);
    if (E.isLeft(copies)) return copies;
    const batch = copies.right.events;
    const opened = await open('append');
    if (E.isLeft(opened)) return opened;
    const rt = opened.right;
    const n = batch.length;
    let answer: E.Either<StoreFailure, AppendAnswer>;
    if (n === 1) {
      // One event (one command, one event: the common case) has a function of its own, with scalar parameters.
      const e = batch[0]!;
      answer = await callAppend(rt, rt.statements.appendOne, [
        stream,
        encodeExpected(expected),
        e.type,
        e.schemaVersion,
        e.metadata.shopId,
        JSON.stringify(e.data),
        JSON.stringify(e.metadata),
      ]);
    } else {
      const types: string[] = new Array(n);
      const schemaVersions: number[] = new Array(n);
      const shopIds: string[] = new Array(n);
      // The events' JSON texts joined by U+001E, which JSON.stringify never writes raw (see appendFunction.ts).
      let data = '';
      let metadata = '';
      for (let i = 0; i < n; i++) {
        const e = batch[i]!;
        types[i] = e.type;
        schemaVersions[i] = e.schemaVersion;
        shopIds[i] = e.metadata.shopId;
        const separator = i === 0 ? '' : RECORD_SEPARATOR;
        data += separator + JSON.stringify(e.data);
        metadata += separator + JSON.stringify(e.metadata);
      }
      answer = await callAppend(rt, rt.statements.append, [stream, encodeExpected(expected), types, schemaVersions, shopIds, data, metadata]);
    }
    if (E.isLeft(answer)) return answer;
    const version = bigintToNumber(answer.right.version);
    if (!answer.right.appended) return E.left(concurrencyConflict(stream, expected, version));
    const lastPosition = bigintToNumber(answer.right.lastPosition);
    if (Number.isNaN(version) || Number.isNaN(lastPosition)) {
      return E.left(storeFailure('append', `version ${answer.right.version} or position ${answer.right.lastPosition} is beyond 2^53`));
    }
    // An object literal, not a spread: spreading the event measured 40 times slower here.
    const recorded: RecordedEvent[] = batch.map((e, i) => ({
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: e.data,
      metadata: e.metadata,
      stream,
      streamVersion: version - n + i + 1,
      globalPosition: lastPosition - n + i + 1,
    }));
    if (n > 0) {
      rt.feed.wake();
      rt.notifier?.appended();
    }
    return E.right({ nextVersion: version, lastPosition, events: recorded });
  };

  const { readAll, readStream, streamVersion, loadSnapshot } = logReads(open, query);

  /** Saves a snapshot or a projection, checked first (savedState.ts): `row` is its numbers and its state. */
  const saveState = async <A>(
    operation: string,
    pick: (s: Statements) => Statement,
    key: string,
    checked: E.Either<StoreFailure, A>,
    row: (record: A) => readonly [number, number, unknown],
  ): Promise<E.Either<StoreFailure, void>> => {
    if (E.isLeft(checked)) return checked;
    const opened = await open(operation);
    if (E.isLeft(opened)) return E.left(asStoreFailure(operation, opened.left));
    const [at, schemaVersion, state] = row(checked.right);
    const result = await query(opened.right, operation, pick(opened.right.statements), [key, at, schemaVersion, JSON.stringify(state)]);
    return E.isLeft(result) ? result : E.right(undefined);
  };

  const logSource = (operation: string): LogSource => feedLogSource(() => runtime?.feed, readAll, operation);

  const close = (): Promise<void> => {
    closing ??= (async () => {
      closed = true;
      if (runtime === undefined) return;
      await runtime.feed.close();
      await runtime.notifier?.close();
      // A migration still running holds a connection: let it finish before ending the pool.
      await migrated;
      if (runtime.ownsPool) await runtime.pool.end().catch(() => undefined);
    })();
    return closing;
  };

  const store: PostgresEventStore = {
    kind: 'postgres',
    schema,
    ready: async () => {
      const opened = await open('ready');
      return E.isLeft(opened) ? opened : E.right(undefined);
    },
    append: (stream, events, expected) => append(stream, events, expected),
    readStream,
    readAll: (options) => readAll(options),
    streamVersion,
    subscribe: (options) => startPollingSubscription(logSource('subscribe'), options),
    saveSnapshot: (stream, snapshot: Snapshot) =>
      saveState('saveSnapshot', (s) => s.saveSnapshot, stream, checkSnapshot('saveSnapshot', snapshot), (r) => [r.version, r.schemaVersion, r.state]),
    loadSnapshot,
    saveProjection: (name, checkpoint: ProjectionCheckpoint) =>
      saveState('saveProjection', (s) => s.saveProjection, name, checkCheckpoint('saveProjection', checkpoint), (r) => [
        r.position,
        r.schemaVersion,
        r.state,
      ]),
    loadProjection: async (name) => {
      const opened = await open('loadProjection');
      if (E.isLeft(opened)) return opened;
      const result = await query<ProjectionRow>(opened.right, 'loadProjection', opened.right.statements.loadProjection, [name]);
      if (E.isLeft(result)) return result;
      const row = result.right.rows[0];
      return row === undefined ? E.right(undefined) : decodeProjectionRow(name, row);
    },
    close,
  };

  if (runtime !== undefined) {
    registerInternals(store, {
      pool: runtime.pool,
      statements: runtime.statements,
      feed: runtime.feed,
      logSource: () => logSource('projection'),
      open: async (operation) => {
        const opened = await open(operation);
        return E.isLeft(opened) ? opened : E.right(undefined);
      },
    });
  }
  return store;
};
