/**
 * Read models kept as SQL tables in the store's own file. Each batch of events is
 * handled and the projection's checkpoint moved in ONE transaction, so after a
 * crash the tables and the checkpoint always agree: no event is applied twice or
 * skipped on restart. The checkpoint is also compared under the write lock, so
 * two runners of one projection (two processes) never apply the same batch twice:
 * the one that finds the checkpoint moved skips ahead to it. Events reach `handle`
 * decoded and upcast by the registry (readModelPage.ts).
 */
import type BetterSqlite3 from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import type { DomainEvent } from '../../domain/decider.js';
import type { RecordedEvent } from '../../domain/envelope.js';
import { storeFailure } from '../../domain/errors.js';
import type { Registry } from '../../domain/registry.js';
import type { ProjectedEvent } from '../../projections/projection.js';
import type { ReadError } from '../eventStore.js';
import { checkBatchSize, followLog } from '../logFollower.js';
import { startRunner, type Runner, type RunnerControl } from '../progress.js';
import { checkRegistry, decodePage } from '../readModelPage.js';
import { internalsOf } from './internals.js';
import { sqliteFailure } from './sqliteErrors.js';
import type { SqliteEventStore } from './sqliteEventStore.js';

export interface SqliteProjectionOptions<E extends DomainEvent = DomainEvent> {
  readonly store: SqliteEventStore;
  /** Decodes (and upcasts) the events before `handle` sees them: the engine's `registry`, or `createRegistry(modules)`. */
  readonly registry: Registry;
  /** The checkpoint's key in `kefu_projections`. */
  readonly name: string;
  /** Events per transaction (default 500). */
  readonly batchSize?: number;
  /** Only the events of this shop. */
  readonly shopId?: string;
  /**
   * Applies a batch of decoded events to the read model's tables, synchronously,
   * inside the batch's transaction. A throw rolls back the batch and its checkpoint
   * and stops the run. An event the registry cannot decode ends the run with a
   * ValidationError, after the events before it are applied.
   */
  readonly handle: (db: BetterSqlite3.Database, events: readonly ProjectedEvent<E>[]) => void;
  /** Called each time everything stored so far is applied. */
  readonly onCaughtUp?: (position: number) => void;
}

/** A running read model: its checkpoint, read-your-writes (`waitFor`), stop, and how it ended. */
export type RunningSqliteProjection = Runner;

export const runSqliteProjection = <E extends DomainEvent = DomainEvent>(options: SqliteProjectionOptions<E>): RunningSqliteProjection => {
  const { store, name, handle } = options;
  const internals = internalsOf(store);
  const source = `sqlite projection ${name}`;

  const run = async ({ stopping, signal, reached }: RunnerControl): Promise<E.Either<ReadError, void>> => {
    let position = 0;
    const wake = () => reached.advance(position);
    if (internals === undefined) return E.left(storeFailure(source, 'the store is not a SQLite store'));
    const registry = checkRegistry(options.registry, source);
    if (E.isLeft(registry)) return registry;
    const checked = checkBatchSize(options.batchSize, source);
    if (E.isLeft(checked)) return checked;
    if (internals.isClosed()) return E.left(storeFailure(source, 'the store is closed'));
    const db = store.database;
    // Returns the checkpoint after the transaction: `through` once `events` are applied,
    // or the position another runner had already moved the checkpoint to.
    const applyBatch = db.transaction((from: number, events: readonly ProjectedEvent[], through: number): number => {
      const saved = internals.projectionPosition(name);
      if (saved !== from) return saved;
      if (events.length === 0) return from; // the page's first event does not decode: nothing to apply
      const returned: unknown = handle(db, events as readonly ProjectedEvent<E>[]);
      // Writes made after an await would fall outside the transaction: refuse, and roll back.
      if (typeof (returned as { then?: unknown } | undefined)?.then === 'function') {
        throw new TypeError('handle must be synchronous: its writes have to be inside the batch transaction');
      }
      internals.saveProjectionPosition(name, through);
      return through;
    });

    try {
      position = internals.projectionPosition(name);
    } catch (error) {
      return E.left(sqliteFailure(source, error));
    }
    wake();
    const followed = await followLog(
      { readAll: (o) => store.readAll(o), waitForEvents: internals.waitForEvents },
      {
        after: position,
        shopId: options.shopId,
        batchSize: checked.right,
        stopping,
        signal,
        ...(options.onCaughtUp === undefined ? {} : { onCaughtUp: options.onCaughtUp }),
        onPage: (page) => {
          const from = position;
          const decoded = decodePage(registry.right, from, page);
          try {
            position = applyBatch.immediate(from, decoded.events, decoded.through);
          } catch (error) {
            const first = (page[0] as RecordedEvent).globalPosition;
            return E.left(sqliteFailure(`${source} at position ${first}`, error));
          }
          wake();
          // Moved by another runner: read on from there. Otherwise the undecodable event ends the run.
          const moved = position !== decoded.through;
          return !moved && decoded.failure !== undefined ? E.left(decoded.failure) : E.right(position);
        },
      },
    );
    return E.isLeft(followed) ? followed : E.right(undefined);
  };

  return startRunner(source, run);
};
