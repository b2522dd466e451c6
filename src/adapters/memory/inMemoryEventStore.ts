/**
 * The in-memory store, for tests and simulations. An append is one synchronous
 * compare-and-append (no await between the version check and the push), so it is
 * atomic even with many concurrent callers. Events are copied as JSON values (what
 * a durable store would keep) and frozen, so no caller can change the log.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EventToAppend, RecordedEvent } from '../../domain/envelope.js';
import { concurrencyConflict, storeFailure, type ExpectedVersion, type ValidationError } from '../../domain/errors.js';
import { validateAppend } from '../appendValidation.js';
import { checkReadAllOptions, checkReadStreamOptions } from '../readOptions.js';
import type { AppendError, AppendResult, EventStore, ReadAllOptions, ReadStreamOptions, Snapshot } from '../eventStore.js';
import { satisfiesExpected } from '../expectedVersion.js';
import { startPollingSubscription } from '../pollingSubscription.js';
import { checkSnapshot } from '../savedState.js';

/** First index in `events` (sorted by position) whose position is greater than `after`. */
const firstAfter = (events: readonly RecordedEvent[], after: number): number => {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((events[mid] as RecordedEvent).globalPosition <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

export const createInMemoryEventStore = (): EventStore => {
  const log: RecordedEvent[] = [];
  const streams = new Map<string, RecordedEvent[]>();
  const byShop = new Map<string, RecordedEvent[]>();
  const snapshots = new Map<string, Snapshot>();
  const waiters = new Set<() => void>();
  let closed = false;

  const closedFailure = (operation: string) => E.left(storeFailure(operation, 'the store is closed'));

  const appendSync = (
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedVersion,
  ): E.Either<AppendError, AppendResult> => {
    const copies = validateAppend(stream, events, expected, true);
    if (E.isLeft(copies)) return copies;
    const existing = streams.get(stream);
    const current = existing?.length ?? 0;
    if (!satisfiesExpected(expected, current)) return E.left(concurrencyConflict(stream, expected, current));
    const target = existing ?? [];
    const recorded: RecordedEvent[] = copies.right.events.map((event, i) =>
      Object.freeze({
        ...event,
        stream,
        streamVersion: current + i + 1,
        globalPosition: log.length + i + 1,
      }),
    );
    if (existing === undefined && recorded.length > 0) streams.set(stream, target);
    for (const event of recorded) {
      target.push(event);
      log.push(event);
      const shopLog = byShop.get(event.metadata.shopId);
      if (shopLog) shopLog.push(event);
      else byShop.set(event.metadata.shopId, [event]);
    }
    if (recorded.length > 0) {
      // Taken out first: a waiter for another shop's events puts itself back, and must stay.
      const woken = [...waiters];
      waiters.clear();
      for (const wake of woken) wake();
    }
    // The stream's last event (eventStore.ts): for an empty append, the one it already had.
    const lastPosition = target[target.length - 1]?.globalPosition ?? 0;
    return E.right({ nextVersion: current + recorded.length, lastPosition, events: recorded });
  };

  const readStreamSync = (stream: string, options: ReadStreamOptions = {}): E.Either<ValidationError, readonly RecordedEvent[]> => {
    const checked = checkReadStreamOptions(stream, options);
    if (E.isLeft(checked)) return checked;
    const { fromVersion, maxCount } = checked.right;
    const events = streams.get(stream) ?? [];
    const from = fromVersion - 1;
    const to = maxCount === undefined ? events.length : Math.min(events.length, from + maxCount);
    return E.right(events.slice(from, to));
  };

  const readAllSync = (options: ReadAllOptions = {}): E.Either<ValidationError, readonly RecordedEvent[]> => {
    const checked = checkReadAllOptions(options);
    if (E.isLeft(checked)) return checked;
    const { after, maxCount, shopId } = checked.right;
    const source = shopId === undefined ? log : (byShop.get(shopId) ?? []);
    const from = shopId === undefined ? Math.min(after, log.length) : firstAfter(source, after);
    const to = maxCount === undefined ? source.length : Math.min(source.length, from + maxCount);
    return E.right(source.slice(from, to));
  };

  const headOf = (shopId: string | undefined): number => {
    const source = shopId === undefined ? log : byShop.get(shopId);
    return source?.[source.length - 1]?.globalPosition ?? 0;
  };

  const waitForEvents = (position: number, shopId: string | undefined, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted || closed || headOf(shopId) > position) return resolve();
      const wake = () => {
        if (headOf(shopId) > position || closed) {
          signal.removeEventListener('abort', onAbort);
          resolve();
        } else waiters.add(wake);
      };
      const onAbort = () => {
        waiters.delete(wake);
        resolve();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      waiters.add(wake);
    });

  return {
    kind: 'memory',
    append: async (stream, events, expected) => (closed ? closedFailure('append') : appendSync(stream, events, expected)),
    readStream: async (stream, options) => (closed ? closedFailure('readStream') : readStreamSync(stream, options)),
    readAll: async (options) => (closed ? closedFailure('readAll') : readAllSync(options)),
    streamVersion: async (stream) => (closed ? closedFailure('streamVersion') : E.right(streams.get(stream)?.length ?? 0)),
    subscribe: (options) =>
      startPollingSubscription(
        { readAll: async (o) => (closed ? closedFailure('subscribe') : readAllSync(o)), waitForEvents },
        options,
      ),
    saveSnapshot: async (stream, snapshot) => {
      if (closed) return closedFailure('saveSnapshot');
      const checked = checkSnapshot('saveSnapshot', snapshot, true);
      if (E.isLeft(checked)) return checked;
      snapshots.set(stream, checked.right);
      return E.right(undefined);
    },
    loadSnapshot: async (stream) => (closed ? closedFailure('loadSnapshot') : E.right(snapshots.get(stream))),
    close: async () => {
      closed = true;
      for (const wake of waiters) wake();
      waiters.clear();
    },
  };
};
