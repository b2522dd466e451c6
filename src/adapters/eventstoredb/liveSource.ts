/**
 * What a kefu subscription runs on: the generic polling subscription (pages of
 * the log read from the last handled position, so every event is delivered once
 * and in order, across catch-up, live and restarts), woken by an EventStoreDB
 * catch-up subscription to `$all` instead of a timer.
 *
 * While waiting, a server-filtered subscription (the store's event prefix) is
 * opened from the position reached, not from the end of the log: an event
 * appended between the last page and the subscription is then still seen, so
 * nothing is missed and nothing is polled. The first event after that position
 * (of the shop, when following one) wakes the reader, which reads the next page
 * and the subscription is closed. A subscription that fails or is ended by the
 * server wakes the reader too, whose next read reports the failure.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { RecordedEvent } from '../../domain/envelope.js';
import type { ReadAllOptions, ReadError } from '../eventStore.js';
import type { SubscriptionSource } from '../pollingSubscription.js';
import type { ReadPosition } from './client.js';
import { clientFailure } from './clientErrors.js';
import type { LogPage } from './logPaging.js';
import type { StreamNaming } from './naming.js';
import { isAfter, readPositionAfter } from './positions.js';
import type { StoredEvent } from './storedEvent.js';

/** The part of the client's subscription used here. */
export interface LiveFeed {
  on(event: 'data', listener: (resolved: { readonly event?: StoredEvent | undefined }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  unsubscribe(): Promise<void>;
}

export interface LiveSourceDeps {
  readonly naming: StreamNaming;
  readonly readPage: (options: ReadAllOptions) => Promise<E.Either<ReadError, LogPage>>;
  readonly subscribe: (from: ReadPosition) => LiveFeed;
  readonly isClosed: () => boolean;
  /** Registers a way to end the wait when the store closes; returns the unregistration. */
  readonly onClose: (end: () => void) => () => void;
  /** Keeps the unsubscription so that closing the store can wait for it before disposing the client. */
  readonly track: (unsubscribing: Promise<void>) => void;
}

const shopOf = (stored: StoredEvent): unknown =>
  typeof stored.metadata === 'object' && stored.metadata !== null && !(stored.metadata instanceof Uint8Array)
    ? (stored.metadata as { shopId?: unknown }).shopId
    : undefined;

/** Whether `stored` may be an event the waiting reader has not read yet. */
export const wakesReader = (naming: StreamNaming, stored: StoredEvent | undefined, after: number, shopId: string | undefined): boolean => {
  if (stored === undefined || naming.kefuStream(stored.streamId) === undefined) return false;
  if (stored.position !== undefined && !isAfter(stored.position, after)) return false;
  if (shopId === undefined) return true;
  const shop = shopOf(stored);
  // An event whose shop cannot be read wakes the reader, which then reports it as undecodable.
  return shop === shopId || typeof shop !== 'string';
};

/** One per kefu subscription: it keeps that subscription's wake-up failure and how far its last page looked. */
export const createLiveSource = (deps: LiveSourceDeps): SubscriptionSource => {
  let failure: unknown;
  let scannedThrough = 0;

  const readAll = async (options: ReadAllOptions): Promise<E.Either<ReadError, readonly RecordedEvent[]>> => {
    if (failure !== undefined) {
      const cause = failure;
      failure = undefined;
      return E.left(clientFailure('subscribe', cause));
    }
    const page = await deps.readPage(options);
    if (E.isLeft(page)) return page;
    scannedThrough = page.right.scannedThrough;
    return E.right(page.right.events);
  };

  const waitForEvents = (position: number, shopId: string | undefined, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted || deps.isClosed()) return resolve();
      const from = Math.max(position, scannedThrough);
      let feed: LiveFeed;
      try {
        feed = deps.subscribe(readPositionAfter(from));
      } catch (error) {
        failure = error;
        return resolve();
      }
      let settled = false;
      let unregister: () => void = () => undefined;
      const settle = (problem?: unknown) => {
        if (settled) return;
        settled = true;
        if (problem !== undefined && !signal.aborted && !deps.isClosed()) failure = problem;
        signal.removeEventListener('abort', onAbort);
        unregister();
        deps.track(feed.unsubscribe().catch(() => undefined));
        resolve();
      };
      const onAbort = () => settle();
      unregister = deps.onClose(() => settle());
      feed.on('data', (resolved) => {
        if (wakesReader(deps.naming, resolved.event, from, shopId)) settle();
      });
      feed.on('error', (error) => settle(error));
      feed.on('end', () => settle(new Error('the server ended the subscription')));
      signal.addEventListener('abort', onAbort, { once: true });
    });

  return { readAll, waitForEvents };
};
