/**
 * Shops over several servers: an EventStore that keeps each shop whole on one of
 * N stores (`servers`), where the shop map says (shopMap.ts, rendezvous.ts).
 *
 * - append: the batch's shop is events[0].metadata.shopId (a batch of several shops
 *   is refused, naming the first other one); a shop never written is recorded on the
 *   server the hash proposes; a shop being moved answers a StoreFailure (writes
 *   paused), seen by every process within cacheMs of the mark.
 * - a stream (readStream, streamVersion, snapshots, an empty append): the shop this
 *   store last saw it with; else the shop its name holds (streamShops.ts); else the
 *   stream is looked for on every server (one query each), and a stream found
 *   nowhere reads as empty. An empty append or a snapshot of a stream found nowhere
 *   goes to the server the hash proposes for the stream's name, so every process
 *   agrees where it is.
 * - readAll / subscribe with shopId: the shop's server, with that server's positions.
 *   Without: the log of `follow`, one server's (logs of different servers have no
 *   common order, so a whole-log reader, such as a reactor or a projection, follows
 *   one server: run one per server). Without `follow` and with several servers, a
 *   ValidationError naming it.
 * - close() stops the subscriptions it started and makes the store refuse every
 *   call; the stores and the map passed in belong to the caller, who closes them.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EventToAppend } from '../../domain/envelope.js';
import { describeError, storeFailure, validationError, type ExpectedVersion, type StoreFailure, type ValidationError } from '../../domain/errors.js';
import { validateAppend } from '../appendValidation.js';
import type { AppendError, AppendResult, EventStore, ReadError, SubscribeOptions, Subscription } from '../eventStore.js';
import type { ProjectionStateStore } from '../projectionStateStore.js';
import { checkReadAllOptions, checkReadStreamOptions } from '../readOptions.js';
import { deferredSubscription } from './deferredSubscription.js';
import { registerSharded } from './shardedInternals.js';
import { resolveShardedOptions, type ShardedEventStoreOptions } from './shardedOptions.js';
import { checkShopId } from './shopMap.js';
import { createShopRouter } from './shopRouter.js';
import { shopCandidates } from './streamShops.js';

export interface ShardedEventStore extends EventStore {
  readonly kind: 'sharded';
  /** The server names, sorted. */
  readonly servers: readonly string[];
  /** The server whole-log readers follow; undefined with several servers and no `follow`. */
  readonly follow: string | undefined;
  readonly cacheMs: number;
  /** Where the shop is (its map entry, at most cacheMs old), or where its first append would put it. */
  readonly serverOf: (shopId: string) => Promise<E.Either<StoreFailure | ValidationError, string>>;
  /** Present when the followed server's store keeps projections: its loadProjection and saveProjection. */
  readonly loadProjection?: ProjectionStateStore['loadProjection'];
  readonly saveProjection?: ProjectionStateStore['saveProjection'];
}

type Located = E.Either<ReadError, string | undefined>;

const keepsProjections = (store: EventStore | undefined): store is EventStore & ProjectionStateStore =>
  typeof (store as Partial<ProjectionStateStore> | undefined)?.loadProjection === 'function' &&
  typeof (store as Partial<ProjectionStateStore> | undefined)?.saveProjection === 'function';

const asStoreFailure = (operation: string, error: StoreFailure | ValidationError): StoreFailure =>
  error._tag === 'StoreFailure' ? error : storeFailure(operation, describeError(error));

const failedSubscription = (error: ReadError, after: number): Subscription => ({
  position: () => after,
  stop: async () => undefined,
  done: Promise.resolve(E.left(error)),
});

export const createShardedEventStore = (options: ShardedEventStoreOptions): ShardedEventStore => {
  const resolved = resolveShardedOptions(options);
  const names = E.isRight(resolved) ? resolved.right.names : [];
  const follow = E.isRight(resolved) ? resolved.right.follow : undefined;
  const cacheMs = E.isRight(resolved) ? resolved.right.cacheMs : 0;
  const servers = E.isRight(resolved) ? options.servers : {};
  const router = createShopRouter(options?.shopMap, names, cacheMs);
  const subscriptions = new Set<Subscription>();
  const inFlight = new Map<string, { count: number; idle: (() => void)[] }>();
  let closed = false;

  /** Why the store cannot serve `operation` at all (closed, bad options), or undefined. */
  const unusable = (operation: string): StoreFailure | ValidationError | undefined =>
    closed ? storeFailure(operation, 'the store is closed') : E.isLeft(resolved) ? resolved.left : undefined;

  const storeNamed = (operation: string, server: string, shopId?: string): E.Either<StoreFailure, EventStore> => {
    const store = servers[server];
    return store === undefined
      ? E.left(storeFailure(operation, `${shopId === undefined ? 'the stream' : `shop ${shopId}`} is on server ${server}, which this store was not given (it has ${names.join(', ')})`))
      : E.right(store);
  };

  /** The server of a stream that has events, found by asking `among` (one query each); undefined: on none of them. */
  const probe = async (stream: string, among: readonly string[]): Promise<Located> => {
    const found = await Promise.all(among.map((server) => servers[server]!.readStream(stream, { maxCount: 1 })));
    for (const result of found) if (E.isLeft(result)) return result;
    for (const result of found) {
      const first = E.isRight(result) ? result.right[0] : undefined;
      if (first === undefined) continue;
      // The events say the shop; the shop's entry says the server (a copy left behind by a move is not it).
      router.rememberStream(stream, first.metadata.shopId);
      return router.serverForRead(first.metadata.shopId);
    }
    return E.right(undefined);
  };

  const locate = async (stream: string): Promise<Located> => {
    const known = router.shopOfStream(stream);
    if (known !== undefined) return router.serverForRead(known);
    const candidates = shopCandidates(stream);
    if (candidates.length > 0) {
      const shops = await options.shopMap.lookupMany(candidates);
      if (E.isLeft(shops)) return shops;
      if (shops.right.length === 1) {
        const [entry] = shops.right;
        router.rememberStream(stream, entry!.shopId);
        return E.right(entry!.server);
      }
      const among = [...new Set(shops.right.map((e) => e.server))].filter((s) => s in servers);
      if (among.length === 1) return E.right(among[0]);
      if (among.length > 1) return probe(stream, among);
    }
    return probe(stream, names);
  };

  /** The store of a stream, or the store a stream found nowhere goes to (`orHashed`), or undefined. */
  const streamStore = async (operation: string, stream: string, orHashed: boolean): Promise<E.Either<ReadError, EventStore | undefined>> => {
    const located = await locate(stream);
    if (E.isLeft(located)) return located;
    const server = located.right ?? (orHashed ? router.hashed(stream) : undefined);
    return server === undefined ? E.right(undefined) : storeNamed(operation, server);
  };

  const shopStore = async (operation: string, shopId: string): Promise<E.Either<ReadError, EventStore>> => {
    const server = await router.serverForRead(shopId);
    return E.isLeft(server) ? server : storeNamed(operation, server.right, shopId);
  };

  const followed = (operation: string): E.Either<ValidationError, EventStore> =>
    follow === undefined
      ? E.left(
          validationError(operation, [
            {
              path: 'follow',
              reason: `the store has ${names.length} servers, whose logs have no common order: give shopId, or make the store with follow (the server a whole-log reader follows; run one reader per server)`,
            },
          ]),
        )
      : E.right(servers[follow]!);

  const track = (shopId: string, delta: 1 | -1): void => {
    const entry = inFlight.get(shopId) ?? { count: 0, idle: [] };
    entry.count += delta;
    if (entry.count > 0) inFlight.set(shopId, entry);
    else {
      inFlight.delete(shopId);
      for (const resolve of entry.idle) resolve();
    }
  };

  const appendOfShop = async (stream: string, batch: readonly EventToAppend[], expected: ExpectedVersion): Promise<E.Either<AppendError, AppendResult>> => {
    const shopId = batch[0]!.metadata.shopId;
    for (let i = 1; i < batch.length; i++) {
      const other = batch[i]!.metadata.shopId;
      if (other !== shopId) {
        return E.left(
          validationError('append', [
            { path: `events.${i}.metadata.shopId`, reason: `is ${other}, but events.0 is of shop ${shopId}: a batch belongs to one shop (a shop lives whole on one server)` },
          ]),
        );
      }
    }
    const entry = await router.entryForWrite(shopId);
    if (E.isLeft(entry)) return E.left(asStoreFailure('append', entry.left));
    if (entry.right.state === 'moving') {
      return E.left(storeFailure('append', `shop ${shopId} is moving to server ${String(entry.right.movingTo)}: writes paused`));
    }
    const target = storeNamed('append', entry.right.server, shopId);
    if (E.isLeft(target)) return target;
    track(shopId, 1);
    try {
      const appended = await target.right.append(stream, batch, expected);
      if (E.isRight(appended)) router.rememberStream(stream, shopId);
      return appended;
    } finally {
      track(shopId, -1);
    }
  };

  const store: ShardedEventStore = {
    kind: 'sharded',
    servers: names,
    follow,
    cacheMs,
    serverOf: async (shopId) => {
      const bad = unusable('serverOf');
      if (bad !== undefined) return E.left(bad);
      const ok = checkShopId('serverOf', shopId);
      return E.isLeft(ok) ? ok : router.serverForRead(shopId);
    },
    append: async (stream, events, expected) => {
      const bad = unusable('append');
      if (bad !== undefined) return E.left(bad);
      // Checked and copied once here, frozen, the copies passed on (the server's store takes them as they are):
      // a getter is read once, and the shop routed on is the one stored.
      const checked = validateAppend(stream, events, expected, true);
      if (E.isLeft(checked)) return checked;
      const { events: batch } = checked.right;
      if (batch.length > 0) return appendOfShop(checked.right.stream, batch, checked.right.expected);
      const target = await streamStore('append', checked.right.stream, true);
      if (E.isLeft(target)) return E.left(asStoreFailure('append', target.left));
      return target.right!.append(checked.right.stream, batch, checked.right.expected);
    },
    readStream: async (stream, readOptions = {}) => {
      const bad = unusable('readStream');
      if (bad !== undefined) return E.left(bad);
      const checked = checkReadStreamOptions(stream, readOptions);
      if (E.isLeft(checked)) return checked;
      const target = await streamStore('readStream', stream, false);
      if (E.isLeft(target)) return target;
      return target.right === undefined ? E.right([]) : target.right.readStream(stream, readOptions);
    },
    streamVersion: async (stream) => {
      const bad = unusable('streamVersion');
      if (bad !== undefined) return E.left(asStoreFailure('streamVersion', bad));
      const target = await streamStore('streamVersion', stream, false);
      if (E.isLeft(target)) return E.left(asStoreFailure('streamVersion', target.left));
      return target.right === undefined ? E.right(0) : target.right.streamVersion(stream);
    },
    readAll: async (readOptions = {}) => {
      const bad = unusable('readAll');
      if (bad !== undefined) return E.left(bad);
      const checked = checkReadAllOptions(readOptions);
      if (E.isLeft(checked)) return checked;
      const { shopId } = checked.right;
      const target = shopId === undefined ? followed('readAll') : await shopStore('readAll', shopId);
      return E.isLeft(target) ? target : target.right.readAll(readOptions);
    },
    subscribe: (subscribeOptions: SubscribeOptions) => {
      const after = subscribeOptions?.after ?? 0;
      const bad = unusable('subscribe');
      if (bad !== undefined) return failedSubscription(bad, after);
      const started = (inner: Subscription): Subscription => {
        subscriptions.add(inner);
        void inner.done.then(() => subscriptions.delete(inner));
        return inner;
      };
      const shopId = subscribeOptions?.shopId;
      if (shopId === undefined) {
        const target = followed('subscribe');
        return E.isLeft(target) ? failedSubscription(target.left, after) : started(target.right.subscribe(subscribeOptions));
      }
      return started(
        deferredSubscription(after, async () => {
          const target = await shopStore('subscribe', shopId);
          if (E.isLeft(target)) return target;
          return closed ? E.left(storeFailure('subscribe', 'the store is closed')) : E.right(() => target.right.subscribe(subscribeOptions));
        }),
      );
    },
    saveSnapshot: async (stream, snapshot) => {
      const bad = unusable('saveSnapshot');
      if (bad !== undefined) return E.left(asStoreFailure('saveSnapshot', bad));
      const target = await streamStore('saveSnapshot', stream, true);
      if (E.isLeft(target)) return E.left(asStoreFailure('saveSnapshot', target.left));
      return target.right!.saveSnapshot(stream, snapshot);
    },
    loadSnapshot: async (stream) => {
      const bad = unusable('loadSnapshot');
      if (bad !== undefined) return E.left(bad);
      const target = await streamStore('loadSnapshot', stream, true);
      return E.isLeft(target) ? target : target.right!.loadSnapshot(stream);
    },
    close: async () => {
      closed = true;
      await Promise.all([...subscriptions].map((s) => s.stop()));
    },
  };

  const followedStore = follow === undefined ? undefined : servers[follow];
  const withProjections: ShardedEventStore = keepsProjections(followedStore)
    ? {
        ...store,
        loadProjection: async (name) => {
          const bad = unusable('loadProjection');
          return bad !== undefined ? E.left(bad) : followedStore.loadProjection(name);
        },
        saveProjection: async (name, checkpoint) => {
          const bad = unusable('saveProjection');
          return bad !== undefined ? E.left(asStoreFailure('saveProjection', bad)) : followedStore.saveProjection(name, checkpoint);
        },
      }
    : store;

  registerSharded(withProjections, {
    shopMap: options?.shopMap,
    servers,
    cacheMs,
    router,
    settled: (shopId) => {
      const entry = inFlight.get(shopId);
      return entry === undefined ? Promise.resolve() : new Promise<void>((resolve) => entry.idle.push(resolve));
    },
  });
  return withProjections;
};

