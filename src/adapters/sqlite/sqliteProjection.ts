/**
 * Read models kept as SQL tables in the store's own file. Each batch of events is
 * handled and the projection's checkpoint moved in ONE transaction, so after a
 * crash the tables and the checkpoint always agree: no event is applied twice or
 * skipped on restart. The checkpoint is also compared under the write lock, so
 * two runners of one projection (two processes) never apply the same batch twice:
 * the one that finds the checkpoint moved skips ahead to it.
 */
import type BetterSqlite3 from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import type { RecordedEvent } from '../../domain/envelope.js';
import { storeFailure } from '../../domain/errors.js';
import type { ReadError } from '../eventStore.js';
import { checkBatchSize, followLog } from '../logFollower.js';
import { startRunner, type Runner, type RunnerControl } from '../progress.js';
import { internalsOf } from './internals.js';
import { sqliteFailure } from './sqliteErrors.js';
import type { SqliteEventStore } from './sqliteEventStore.js';

export interface SqliteProjectionOptions {
  readonly store: SqliteEventStore;
  /** The checkpoint's key in `kefu_projections`. */
  readonly name: string;
  /** Events per transaction (default 500). */
  readonly batchSize?: number;
  /** Only the events of this shop. */
  readonly shopId?: string;
  /**
   * Applies a batch to the read model's tables, synchronously, inside the batch's
   * transaction. A throw rolls back the batch and its checkpoint and stops the run.
   */
  readonly handle: (db: BetterSqlite3.Database, events: readonly RecordedEvent[]) => void;
  /** Called each time everything stored so far is applied. */
  readonly onCaughtUp?: (position: number) => void;
}

/** A running read model: its checkpoint, read-your-writes (`waitFor`), stop, and how it ended. */
export type RunningSqliteProjection = Runner;

export const runSqliteProjection = (options: SqliteProjectionOptions): RunningSqliteProjection => {
  const { store, name, handle } = options;
  const internals = internalsOf(store);

  const run = async ({ stopping, signal, reached }: RunnerControl): Promise<E.Either<ReadError, void>> => {
    let position = 0;
    const wake = () => reached.advance(position);
    if (internals === undefined) return E.left(storeFailure(`sqlite projection ${name}`, 'the store is not a SQLite store'));
    const checked = checkBatchSize(options.batchSize, `sqlite projection ${name}`);
    if (E.isLeft(checked)) return checked;
    if (internals.isClosed()) return E.left(storeFailure(`sqlite projection ${name}`, 'the store is closed'));
    const db = store.database;
    // Returns the checkpoint after the transaction: the batch's last position, or the
    // position another runner had already moved the checkpoint to.
    const applyBatch = db.transaction((from: number, events: readonly RecordedEvent[]): number => {
      const saved = internals.projectionPosition(name);
      if (saved !== from) return saved;
      const returned: unknown = handle(db, events);
      // Writes made after an await would fall outside the transaction: refuse, and roll back.
      if (typeof (returned as { then?: unknown } | undefined)?.then === 'function') {
        throw new TypeError('handle must be synchronous: its writes have to be inside the batch transaction');
      }
      const last = (events[events.length - 1] as RecordedEvent).globalPosition;
      internals.saveProjectionPosition(name, last);
      return last;
    });

    try {
      position = internals.projectionPosition(name);
    } catch (error) {
      return E.left(sqliteFailure(`sqlite projection ${name}`, error));
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
        onPage: (events) => {
          try {
            position = applyBatch.immediate(position, events);
          } catch (error) {
            const first = (events[0] as RecordedEvent).globalPosition;
            return E.left(sqliteFailure(`sqlite projection ${name} at position ${first}`, error));
          }
          wake();
          return E.right(position);
        },
      },
    );
    return E.isLeft(followed) ? followed : E.right(undefined);
  };

  return startRunner(`sqlite projection ${name}`, run);
};
