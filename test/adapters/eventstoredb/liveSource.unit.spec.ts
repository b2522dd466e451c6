/**
 * The wake-up logic of subscriptions: which events wake a waiting reader, where
 * the EventStoreDB subscription starts, and how its failures reach the reader.
 * The subscription is an EventEmitter driven by each test, so every ordering is
 * made explicitly; the server's side is exercised by the conformance suite.
 */
import { EventEmitter } from 'node:events';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { START, type ReadPosition } from '../../../src/adapters/eventstoredb/client.js';
import { toEsdbEvent } from '../../../src/adapters/eventstoredb/eventMapping.js';
import { createLiveSource, wakesReader, type LiveFeed } from '../../../src/adapters/eventstoredb/liveSource.js';
import type { LogPage } from '../../../src/adapters/eventstoredb/logPaging.js';
import { streamNaming } from '../../../src/adapters/eventstoredb/naming.js';
import type { StoredEvent } from '../../../src/adapters/eventstoredb/storedEvent.js';
import type { ReadError } from '../../../src/adapters/eventStore.js';
import { at, readBack } from './wire.js';

const naming = streamNaming('kefu-w-');

const storedAt = (commit: number, shopId = 'shop-a', streamId = naming.eventStream('s')): StoredEvent =>
  readBack(
    toEsdbEvent({
      type: 'Happened',
      schemaVersion: 1,
      data: {},
      metadata: { eventId: 'e', shopId, actor: { kind: 'system' }, occurredAt: 0, correlationId: 'c', causationId: 'c' },
    }),
    at(streamId, 0n, BigInt(commit)),
  );

class FakeFeed extends EventEmitter implements LiveFeed {
  unsubscribed = 0;
  unsubscribe = async () => {
    this.unsubscribed++;
  };
  deliver(event: StoredEvent) {
    this.emit('data', { event });
  }
}

const harness = (page: E.Either<ReadError, LogPage> = E.right({ events: [], scannedThrough: 0 })) => {
  const feeds: { from: ReadPosition; feed: FakeFeed }[] = [];
  const closeHooks = new Set<() => void>();
  const tracked: Promise<void>[] = [];
  let closed = false;
  const source = createLiveSource({
    naming,
    readPage: async () => page,
    subscribe: (from) => {
      const feed = new FakeFeed();
      feeds.push({ from, feed });
      return feed;
    },
    isClosed: () => closed,
    onClose: (end) => {
      closeHooks.add(end);
      return () => closeHooks.delete(end);
    },
    track: (p) => void tracked.push(p),
  });
  const close = () => {
    closed = true;
    for (const end of [...closeHooks]) end();
  };
  return { source, feeds, close, tracked, closeHooks };
};

describe('which events wake a waiting reader', () => {
  it.each([
    ['an event after the position', storedAt(20), 10, undefined, true],
    ['the event at the position', storedAt(10), 10, undefined, false],
    ['an earlier event', storedAt(5), 10, undefined, false],
    ['an event of the followed shop', storedAt(20, 'shop-a'), 10, 'shop-a', true],
    ['an event of another shop', storedAt(20, 'shop-b'), 10, 'shop-a', false],
    ['an event of another namespace', storedAt(20, 'shop-a', 'kefu-x-stream-s'), 10, undefined, false],
    ['a snapshot of this store', storedAt(20, 'shop-a', naming.snapshotStream('s')), 10, undefined, false],
    ['an event whose shop cannot be read (the reader will report it)', { ...storedAt(20), metadata: new Uint8Array([1]) }, 10, 'shop-a', true],
  ] as const)('%s: %s', (_, stored, after, shopId, wakes) => {
    expect(wakesReader(naming, stored, after, shopId)).toBe(wakes);
  });
});

describe('waiting for events', () => {
  it('subscribes after the position reached and wakes on the first new event, then unsubscribes', async () => {
    const { source, feeds, tracked } = harness();
    const wait = source.waitForEvents(10, undefined, new AbortController().signal);
    expect(feeds.map((f) => f.from)).toEqual([{ commit: 10n, prepare: 10n }]);
    const { feed } = feeds[0]!;
    // Waking is synchronous with the delivery: the reader is released and the subscription closed at once.
    feed.deliver(storedAt(10));
    expect(feed.unsubscribed).toBe(0);
    feed.deliver(storedAt(11));
    expect(feed.unsubscribed).toBe(1);
    expect(tracked).toHaveLength(1);
    await wait;
    feed.deliver(storedAt(12));
    expect(feed.unsubscribed).toBe(1);
  });

  it('subscribes from the start when nothing was handled yet', () => {
    const { source, feeds } = harness();
    void source.waitForEvents(0, undefined, new AbortController().signal);
    expect(feeds[0]!.from).toBe(START);
  });

  it('starts after what the last page already looked at, when following a shop', async () => {
    const { source, feeds } = harness(E.right({ events: [], scannedThrough: 500 }));
    expect(await source.readAll({ after: 10, shopId: 'shop-a' })).toEqual(E.right([]));
    void source.waitForEvents(10, 'shop-a', new AbortController().signal);
    expect(feeds[0]!.from).toEqual({ commit: 500n, prepare: 500n });
  });

  it('passes a failed subscription to the next read, once', async () => {
    const { source, feeds } = harness();
    const wait = source.waitForEvents(10, undefined, new AbortController().signal);
    feeds[0]!.feed.emit('error', Object.assign(new Error('access denied'), { type: 'access-denied' }));
    await wait;
    expect(await source.readAll({ after: 10 })).toEqual(
      E.left({ _tag: 'StoreFailure', operation: 'subscribe', message: 'EventStoreDB access-denied: access denied' }),
    );
    expect(await source.readAll({ after: 10 })).toEqual(E.right([]));
  });

  it('treats a subscription the server ends as a failure', async () => {
    const { source, feeds } = harness();
    const wait = source.waitForEvents(10, undefined, new AbortController().signal);
    feeds[0]!.feed.emit('end');
    await wait;
    expect(await source.readAll({ after: 10 })).toMatchObject(E.left({ _tag: 'StoreFailure', operation: 'subscribe' }));
  });

  it('stops waiting when the subscription is stopped, without a failure', async () => {
    const { source, feeds, closeHooks } = harness();
    const stop = new AbortController();
    const wait = source.waitForEvents(10, undefined, stop.signal);
    stop.abort();
    await wait;
    expect(feeds[0]!.feed.unsubscribed).toBe(1);
    expect(closeHooks.size).toBe(0);
    expect(await source.readAll({ after: 10 })).toEqual(E.right([]));
  });

  it('stops waiting when the store closes, without subscribing again', async () => {
    const { source, feeds, close } = harness();
    const wait = source.waitForEvents(10, undefined, new AbortController().signal);
    close();
    await wait;
    expect(feeds[0]!.feed.unsubscribed).toBe(1);
    await source.waitForEvents(10, undefined, new AbortController().signal);
    expect(feeds).toHaveLength(1);
  });
});
