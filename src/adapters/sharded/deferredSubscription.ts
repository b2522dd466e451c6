/**
 * A subscription whose store is known only after an await (the shop's server is
 * read from the shop map), while `subscribe` must answer at once: it stands in for
 * the real one until that starts, and a stop asked for meanwhile is kept.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ReadError, Subscription } from '../eventStore.js';

export const deferredSubscription = (after: number, start: () => Promise<E.Either<ReadError, () => Subscription>>): Subscription => {
  let inner: Subscription | undefined;
  let stopped = false;
  const done = (async (): Promise<E.Either<ReadError, void>> => {
    const opened = await start().catch((cause: unknown) => E.left<ReadError>({ _tag: 'StoreFailure', operation: 'subscribe', message: String(cause) }));
    if (E.isLeft(opened)) return opened;
    if (stopped) return E.right(undefined);
    inner = opened.right();
    return inner.done;
  })();
  return {
    position: () => inner?.position() ?? after,
    stop: async () => {
      stopped = true;
      await inner?.stop();
      await done;
    },
    done,
  };
};
