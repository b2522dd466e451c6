/**
 * Read models kept as tables in the store's database. Each batch of events is
 * handled and the projection's checkpoint moved in ONE transaction, so after a
 * crash the tables and the checkpoint always agree: no event is applied twice or
 * skipped on restart. The checkpoint row is locked (SELECT ... FOR UPDATE) and
 * compared before the batch is applied, so two runners of one projection (two
 * processes) take turns and never apply the same batch twice: the one that finds
 * the checkpoint moved reads again from there.
 *
 * The checkpoint lives in the store's `projections` table (state null); the name
 * shares that table's namespace with saveProjection. Events reach `handle` decoded
 * and upcast by the registry (readModelPage.ts).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { PoolClient } from 'pg';
import type { DomainEvent } from '../../domain/decider.js';
import { storeFailure, type StoreFailure } from '../../domain/errors.js';
import type { Registry } from '../../domain/registry.js';
import type { ProjectedEvent } from '../../projections/projection.js';
import type { ReadError } from '../eventStore.js';
import { checkBatchSize, followLog } from '../logFollower.js';
import { startRunner, type Runner, type RunnerControl } from '../progress.js';
import { checkRegistry, decodePage } from '../readModelPage.js';
import { checkOut, type CheckedOut } from './checkout.js';
import { internalsOf, type StoreInternals } from './internals.js';
import type { PostgresEventStore } from './postgresEventStore.js';
import { bigintToNumber, rawText } from './rows.js';

export interface PostgresProjectionOptions<E extends DomainEvent = DomainEvent> {
  readonly store: PostgresEventStore;
  /** Decodes (and upcasts) the events before `handle` sees them: the engine's `registry`, or `createRegistry(modules)`. */
  readonly registry: Registry;
  /** The checkpoint's key in the store's `projections` table. */
  readonly name: string;
  /** Events per transaction (default 500). */
  readonly batchSize?: number;
  /** Only the events of this shop. */
  readonly shopId?: string;
  /**
   * Applies a batch of decoded events to the read model's tables through `client`,
   * inside the batch's transaction. A throw or a rejection rolls back the batch and
   * its checkpoint and stops the run. An event the registry cannot decode ends the
   * run with a ValidationError, after the events before it are applied.
   */
  readonly handle: (client: PoolClient, events: readonly ProjectedEvent<E>[]) => Promise<void>;
  /** Called each time everything stored so far is applied. */
  readonly onCaughtUp?: (position: number) => void;
}

/** A running read model: its checkpoint, read-your-writes (`waitFor`), stop, and how it ended. */
export type RunningPostgresProjection = Runner;

type BatchOutcome =
  /** Applied and committed up to `position`. */
  | { readonly kind: 'applied'; readonly position: number }
  /** Another runner moved the checkpoint: continue from there. */
  | { readonly kind: 'moved'; readonly position: number };

/** One transaction: lock the checkpoint, check it, apply the batch, move the checkpoint to `through`. */
const applyBatch = async (
  internals: StoreInternals,
  name: string,
  expected: number,
  events: readonly ProjectedEvent[],
  through: number,
  handle: (client: PoolClient, events: readonly ProjectedEvent[]) => Promise<void>,
): Promise<E.Either<StoreFailure, BatchOutcome>> => {
  let checkedOut: CheckedOut;
  try {
    checkedOut = await checkOut(internals.pool);
  } catch (error) {
    return E.left(storeFailure(`projection ${name}`, error));
  }
  const { client, release } = checkedOut;
  try {
    await client.query('BEGIN');
    await client.query({ ...internals.statements.ensureProjection, values: [name] });
    const locked = await client.query<{ position: string }>({ ...internals.statements.lockProjection, values: [name], types: rawText });
    const current = bigintToNumber(locked.rows[0]?.position);
    if (current !== expected || events.length === 0) {
      // Moved by another runner, or nothing to apply (the page's first event does not decode).
      await client.query('ROLLBACK');
      release();
      return Number.isNaN(current)
        ? E.left(storeFailure(`projection ${name}`, `checkpoint ${String(locked.rows[0]?.position)} is not a safe integer`))
        : E.right(current === expected ? { kind: 'applied', position: expected } : { kind: 'moved', position: current });
    }
    await handle(client, events);
    // A handler that ran COMMIT or ROLLBACK itself ended the transaction: the checkpoint
    // would move alone. (One that caught a failed statement left it aborted: the update
    // below fails with "current transaction is aborted".)
    if (client.getTransactionStatus() !== 'T') {
      throw new Error('the batch transaction is no longer open after handle: a statement failed inside it, or handle ended it');
    }
    await client.query({ ...internals.statements.moveProjection, values: [name, through] });
    await client.query('COMMIT');
    release();
    return E.right({ kind: 'applied', position: through });
  } catch (error) {
    // Destroying the connection rolls the transaction back whatever state it is in.
    release(true);
    return E.left(storeFailure(`projection ${name}`, error));
  }
};

export const runPostgresProjection = <E extends DomainEvent = DomainEvent>(options: PostgresProjectionOptions<E>): RunningPostgresProjection => {
  const { store, name } = options;
  const handle = options.handle as (client: PoolClient, events: readonly ProjectedEvent[]) => Promise<void>;
  const internals = internalsOf(store);

  const run = async ({ stopping, signal, reached }: RunnerControl): Promise<E.Either<ReadError, void>> => {
    let position = 0;
    const wake = () => reached.advance(position);
    if (internals === undefined) return E.left(storeFailure(`projection ${name}`, 'not a store made by createPostgresEventStore'));
    const registry = checkRegistry(options.registry, `projection ${name}`);
    if (E.isLeft(registry)) return registry;
    const checked = checkBatchSize(options.batchSize, `projection ${name}`);
    if (E.isLeft(checked)) return checked;
    const loaded = await store.loadProjection(name);
    if (E.isLeft(loaded)) return loaded;
    position = loaded.right?.position ?? 0;
    wake();
    const followed = await followLog(internals.logSource(), {
      after: position,
      shopId: options.shopId,
      batchSize: checked.right,
      stopping,
      signal,
      ...(options.onCaughtUp === undefined ? {} : { onCaughtUp: options.onCaughtUp }),
      onPage: async (page) => {
        const decoded = decodePage(registry.right, position, page);
        const outcome = await applyBatch(internals, name, position, decoded.events, decoded.through, handle);
        if (E.isLeft(outcome)) return outcome;
        position = outcome.right.position;
        wake();
        // Moved by another runner: read on from there. Otherwise the undecodable event ends the run.
        return outcome.right.kind === 'applied' && decoded.failure !== undefined ? E.left(decoded.failure) : E.right(position);
      },
    });
    return E.isLeft(followed) ? followed : E.right(undefined);
  };

  return startRunner(`postgres projection ${name}`, run);
};
