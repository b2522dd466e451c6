/**
 * kefu's global positions against EventStoreDB's `{ commit, prepare }`.
 *
 * kefu's position of an event is its commit position. Every append over gRPC is
 * an implicit transaction: each event is its own log record and commits itself,
 * so its commit position is the log position of that record (the server's
 * AllReader returns `CommitEventRecord(event, event.LogPosition)` for
 * self-committed records): unique per event, and `$all` is read in that order.
 * The prepare position is not usable: servers before 24.x send the
 * transaction's first record there (`e.TransactionPosition`), the same for every
 * event of one append. Explicit transactions (TCP API only, gone since 24.2) put
 * several events at one commit position; kefu never writes them.
 *
 * Back from a number: `{ commit: n, prepare: n }` is exactly the position of a
 * self-committed event at n. Reading `$all` forwards from it includes that event
 * (the read is inclusive, so readers skip it); subscribing from it starts after
 * it. Position 0 is never an event (the log opens with the epoch record), so it
 * stays kefu's "from the start".
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ValidationIssue } from '../../domain/errors.js';
import { START, type Position, type ReadPosition } from './client.js';

const MAX_POSITION = BigInt(Number.MAX_SAFE_INTEGER);

/** The kefu position of an event read back; refused when absent, 0, or beyond 2^53 - 1. */
export const globalPositionOf = (position: Position | undefined): E.Either<ValidationIssue, number> => {
  if (position === undefined || position.commit <= 0n) {
    return E.left({
      path: 'globalPosition',
      reason: 'the server sent no position for this event (EventStoreDB 22.6 or later sends one with every event)',
    });
  }
  if (position.commit > MAX_POSITION) {
    return E.left({
      path: 'globalPosition',
      reason: `commit position ${position.commit} is beyond 2^53 - 1, the largest position kefu can represent`,
    });
  }
  return E.right(Number(position.commit));
};

/** Where to read or subscribe from to see the events after kefu position `after` (0 = from the start). */
export const readPositionAfter = (after: number): ReadPosition => {
  if (after === 0) return START;
  const at = BigInt(after);
  return { commit: at, prepare: at };
};

/** Whether `position` is strictly after kefu position `after` (by commit position, as kefu orders). */
export const isAfter = (position: Position, after: number): boolean => position.commit > BigInt(after);
