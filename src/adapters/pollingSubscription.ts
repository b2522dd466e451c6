/**
 * A catch-up subscription built from two store primitives: read a page of the
 * global log after a position, and wait until something after a position may
 * exist. Because every page is read from the last handled position, an event is
 * delivered exactly once and in order, including events appended while catching
 * up, and a subscription restarted from its checkpoint misses nothing.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { RecordedEvent } from '../domain/envelope.js';
import { storeFailure } from '../domain/errors.js';
import type { ReadAllOptions, ReadError, SubscribeOptions, Subscription } from './eventStore.js';

export interface SubscriptionSource {
  readonly readAll: (options: ReadAllOptions) => Promise<E.Either<ReadError, readonly RecordedEvent[]>>;
  /**
   * Resolves when an event after `position` (of `shopId`, if given) may exist, or
   * when `signal` aborts. It may wake without a new event, but must not return at
   * once again and again when there is none (no busy loop).
   */
  readonly waitForEvents: (position: number, shopId: string | undefined, signal: AbortSignal) => Promise<void>;
}

const DEFAULT_BATCH = 500;

export const startPollingSubscription = (source: SubscriptionSource, options: SubscribeOptions): Subscription => {
  let position = options.after ?? 0;
  let stopping = false;
  const abort = new AbortController();
  const batchSize = options.batchSize ?? DEFAULT_BATCH;

  const run = async (): Promise<E.Either<ReadError, void>> => {
    while (!stopping) {
      const page = await source.readAll({
        after: position,
        maxCount: batchSize,
        ...(options.shopId === undefined ? {} : { shopId: options.shopId }),
      });
      if (E.isLeft(page)) return page;
      for (const event of page.right) {
        if (stopping) return E.right(undefined);
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
      if (page.right.length < batchSize && !stopping) {
        options.onCaughtUp?.(position);
        await source.waitForEvents(position, options.shopId, abort.signal);
      }
    }
    return E.right(undefined);
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
