/**
 * A catch-up subscription on the one log-following loop (logFollower.ts): pages of
 * the global log read after the last handled position, handed to the handler one
 * event at a time. Every adapter's `subscribe` is this, with its own way of waiting.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { RecordedEvent } from '../domain/envelope.js';
import { storeFailure } from '../domain/errors.js';
import type { ReadError, SubscribeOptions, Subscription } from './eventStore.js';
import { checkBatchSize, followLog, type LogSource } from './logFollower.js';

/** What a store gives a subscription: read a page of the log, wait for news. */
export type SubscriptionSource = LogSource;

export const startPollingSubscription = (source: SubscriptionSource, options: SubscribeOptions): Subscription => {
  let position = options.after ?? 0;
  let stopping = false;
  const abort = new AbortController();

  const handlePage = async (events: readonly RecordedEvent[]): Promise<E.Either<ReadError, number>> => {
    for (const event of events) {
      if (stopping) return E.right(position);
      try {
        // Await only what needs it: a synchronous handler takes a whole page in one turn,
        // so a subscription keeps up with a writer appending in a tight loop.
        const handled = options.handler(event);
        if (handled !== undefined) await handled;
      } catch (cause) {
        return E.left(storeFailure(`subscription handler at position ${event.globalPosition}`, cause));
      }
      position = event.globalPosition;
    }
    return E.right(position);
  };

  const run = async (): Promise<E.Either<ReadError, void>> => {
    const batchSize = checkBatchSize(options.batchSize, 'subscribe');
    if (E.isLeft(batchSize)) return batchSize;
    const ended = await followLog(source, {
      after: position,
      shopId: options.shopId,
      batchSize: batchSize.right,
      onPage: handlePage,
      ...(options.onCaughtUp === undefined ? {} : { onCaughtUp: options.onCaughtUp }),
      stopping: () => stopping,
      signal: abort.signal,
    });
    return E.isLeft(ended) ? ended : E.right(undefined);
  };

  const done = run();
  return {
    position: () => position,
    stop: async () => {
      stopping = true;
      abort.abort();
      await done;
    },
    done,
  };
};
