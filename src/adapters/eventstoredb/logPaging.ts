/**
 * One page of kefu's global log, read from `$all`.
 *
 * `$all` holds every stream of the database; kefu's events are those of streams
 * starting with the store's event prefix. @kurrent/kurrentdb-client filters on
 * the server; @eventstore/db-client 6.x cannot filter a read (only a
 * subscription), so the prefix is checked here in every case. A shop is filtered
 * here too: shop ids are in the event metadata, not in the stream names (kefu's
 * port lets any stream carry any shop's events), and EventStoreDB filters only
 * on stream names and event types.
 *
 * `$all` is read in batches. A read from a position includes the event at that
 * position, so each batch starts at the last event seen and skips it (and the
 * first batch skips the event at `after`). Every batch is drained to its end,
 * even when the page is full: leaving a read half-consumed would leave its call
 * open on the client.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { RecordedEvent } from '../../domain/envelope.js';
import { storeFailure } from '../../domain/errors.js';
import type { ReadError } from '../eventStore.js';
import type { Position, ReadPosition } from './client.js';
import { clientFailure } from './clientErrors.js';
import { fromStoredEvent } from './eventMapping.js';
import type { StreamNaming } from './naming.js';
import { readPositionAfter } from './positions.js';
import type { StoredEvent } from './storedEvent.js';

/** Reads up to `count` events of `$all` forwards from `from` (inclusive), in log order. */
export type BatchReader = (from: ReadPosition, count: number) => AsyncIterable<{ readonly event?: StoredEvent | undefined }>;

export interface PageRequest {
  /** Events strictly after this kefu position (0 = from the start). */
  readonly after: number;
  /** At most this many events; undefined = all of them. */
  readonly limit: number | undefined;
  readonly shopId: string | undefined;
}

export interface LogPage {
  readonly events: readonly RecordedEvent[];
  /**
   * The kefu position up to which the log was examined: every event of the
   * requested shop up to here is in `events`. A subscription waiting for more
   * can start after it instead of re-reading other shops' events.
   */
  readonly scannedThrough: number;
}

/** Batches are at least this big, so that a small page does not crawl through other streams' events. */
export const MIN_BATCH = 64;
export const MAX_BATCH = 1000;

const batchSizeFor = (limit: number | undefined, collected: number): number =>
  limit === undefined ? MAX_BATCH : Math.min(MAX_BATCH, Math.max(MIN_BATCH, limit - collected));

export const readLogPage = async (
  readBatch: BatchReader,
  naming: StreamNaming,
  request: PageRequest,
  operation = 'readAll',
): Promise<E.Either<ReadError, LogPage>> => {
  try {
    return await readPages(readBatch, naming, request, operation);
  } catch (error) {
    return E.left(clientFailure(operation, error));
  }
};

const readPages = async (
  readBatch: BatchReader,
  naming: StreamNaming,
  request: PageRequest,
  operation: string,
): Promise<E.Either<ReadError, LogPage>> => {
  const { after, limit, shopId } = request;
  const events: RecordedEvent[] = [];
  if (limit === 0) return E.right({ events, scannedThrough: after });
  let from = readPositionAfter(after);
  let skipThrough = BigInt(after);
  let scannedThrough = after;
  const full = () => limit !== undefined && events.length >= limit;

  for (;;) {
    const want = batchSizeFor(limit, events.length);
    let count = 0;
    let last: Position | undefined;
    for await (const resolved of readBatch(from, want)) {
      count++;
      const stored = resolved.event;
      if (stored === undefined || full()) continue;
      if (stored.position === undefined) {
        return E.left(storeFailure(operation, `the server sent ${stored.streamId}@${stored.revision} from $all without a position`));
      }
      if (stored.position.commit <= skipThrough) continue;
      last = stored.position;
      const stream = naming.kefuStream(stored.streamId);
      if (stream === undefined) continue;
      const decoded = fromStoredEvent(stored, stream);
      if (E.isLeft(decoded)) return decoded;
      scannedThrough = decoded.right.globalPosition;
      if (shopId === undefined || decoded.right.metadata.shopId === shopId) events.push(decoded.right);
    }
    if (full() || count < want) return E.right({ events, scannedThrough });
    if (last === undefined) {
      return E.left(storeFailure(operation, `$all did not move past position ${skipThrough} in a batch of ${want} events`));
    }
    from = { commit: last.commit, prepare: last.commit };
    skipThrough = last.commit;
  }
};
