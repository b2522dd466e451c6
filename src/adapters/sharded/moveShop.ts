/**
 * Moving a shop from its server to another, the cut-over:
 *
 * 1. mark the shop `moving` in the map: every sharded store refuses its writes
 *    (StoreFailure "writes paused") once its cached entry is older than cacheMs;
 * 2. wait `pauseMs` (default cacheMs + 500 ms) so every process has seen the mark
 *    and an append that read the entry just before it has committed, then wait for
 *    this process's appends of the shop still in flight;
 * 3. copy the shop's events (its log on the old server, readAll with shopId) to the
 *    new server with copyLog: same order, versions, data and metadata, new positions;
 * 4. verify: the shop's log read again on the old server, the copy's report and the
 *    shop's log on the new server have the same logChecksum (an event that slipped
 *    onto the old server after the copy fails this step);
 * 5. switch the entry to the new server, active: writes resume there, and every
 *    process reads and writes the new server within cacheMs.
 *
 * On any failure the shop is put back active on its old server, and the error is
 * the answer (a partial copy may remain on the target: docs/storage/beyond-one-server.md,
 * "Moving a shop", says how to remove it). Reads are served from the old server
 * throughout. The old server keeps its copy of the shop's events: nothing reads it
 * any more (every route goes through the shop's entry), and an operator removes it
 * when the move is confirmed.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describeError, storeFailure, validationError, type KefuError } from '../../domain/errors.js';
import { copyLog } from '../copyLog.js';
import type { EventStore } from '../eventStore.js';
import { summarizeLog } from '../logChecksum.js';
import { shardedInternalsOf } from './shardedInternals.js';
import type { ShardedEventStore } from './shardedEventStore.js';
import { checkShopId, type ShopMap } from './shopMap.js';
import { shopView } from './shopView.js';

export interface MoveShopOptions {
  /** The sharded store the shop is served by (its servers, its cache). */
  readonly store: ShardedEventStore;
  /** The store's shop map; default: the one the store was made with. Another map is refused. */
  readonly shopMap?: ShopMap;
  readonly shopId: string;
  /** The server to move it to: one of the store's servers, not the shop's own. */
  readonly to: string;
  /** How long writes are paused before the copy starts; default store.cacheMs + 500. */
  readonly pauseMs?: number;
  /** Events per page read from the old server; default 1000. */
  readonly pageSize?: number;
  readonly onProgress?: (copied: number) => void;
}

export interface MoveShopReport {
  readonly shopId: string;
  readonly from: string;
  readonly to: string;
  /** Events and streams copied. */
  readonly events: number;
  readonly streams: number;
  /** The logChecksum of the shop's log, equal on both servers. */
  readonly checksum: string;
  /** From the `moving` mark to the switch: how long this process held the shop's writes. */
  readonly pausedMs: number;
}

export const PAUSE_MARGIN_MS = 500;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const moveShop = async (options: MoveShopOptions): Promise<E.Either<KefuError, MoveShopReport>> => {
  const internals = shardedInternalsOf(options?.store);
  if (internals === undefined) return E.left(validationError('moveShop', [{ path: 'store', reason: 'must be a store made by createShardedEventStore' }]));
  const map = internals.shopMap;
  if (options.shopMap !== undefined && options.shopMap !== map) {
    return E.left(validationError('moveShop', [{ path: 'shopMap', reason: 'must be the shop map the store was made with' }]));
  }
  const shop = checkShopId('moveShop', options.shopId);
  if (E.isLeft(shop)) return shop;
  const shopId = shop.right;
  const { to } = options;
  const names = options.store.servers;
  if (typeof to !== 'string' || !names.includes(to)) {
    return E.left(validationError('moveShop', [{ path: 'to', reason: `must be one of the store's servers (${names.join(', ')}), got ${JSON.stringify(to)}` }]));
  }
  const pauseMs = options.pauseMs ?? internals.cacheMs + PAUSE_MARGIN_MS;
  if (!(Number.isSafeInteger(pauseMs) && pauseMs >= 0)) {
    return E.left(validationError('moveShop', [{ path: 'pauseMs', reason: `must be an integer >= 0, got ${String(pauseMs)}` }]));
  }
  // Read afresh (another process may have moved it within cacheMs); a shop never written has no
  // entry to mark: record the one its first append would get.
  internals.router.forget(shopId);
  const current = await internals.router.entryForWrite(shopId);
  if (E.isLeft(current)) return current;
  const from = current.right.server;
  if (from === to) return E.left(validationError('moveShop', [{ path: 'to', reason: `shop ${shopId} is on ${to} already` }]));
  const source = internals.servers[from];
  const target = internals.servers[to] as EventStore;
  if (source === undefined) return E.left(storeFailure('moveShop', `shop ${shopId} is on server ${from}, which the store was not given`));

  const marked = await map.beginMove(shopId, from, to);
  if (E.isLeft(marked)) return marked;
  const started = Date.now();
  internals.router.forget(shopId);

  const giveBack = async (error: KefuError): Promise<E.Either<KefuError, MoveShopReport>> => {
    const cancelled = await map.cancelMove(shopId, from);
    internals.router.forget(shopId);
    if (E.isRight(cancelled)) return E.left(error);
    // The mark could not be lifted: the shop stays paused (safe) until an operator runs cancelMove.
    return E.left(storeFailure('moveShop', `${describeError(error)}; and putting shop ${shopId} back active on ${from} failed, so its writes stay paused: ${describeError(cancelled.left)}`));
  };

  await sleep(pauseMs);
  await internals.settled(shopId);

  const from_ = shopView(source, shopId);
  const to_ = shopView(target, shopId);
  const copied = await copyLog(from_, to_, { ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }), ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }) });
  if (E.isLeft(copied)) return giveBack(copied.left);
  const [again, there] = await Promise.all([summarizeLog(from_, options.pageSize), summarizeLog(to_, options.pageSize)]);
  if (E.isLeft(again)) return giveBack(again.left);
  if (E.isLeft(there)) return giveBack(there.left);
  if (again.right.checksum !== copied.right.checksum || there.right.checksum !== copied.right.checksum) {
    return giveBack(
      storeFailure(
        'moveShop',
        `shop ${shopId}: the checksums differ (copied ${copied.right.events} events ${copied.right.checksum}, ${from} now ${again.right.events} ${again.right.checksum}, ${to} ${there.right.events} ${there.right.checksum}): not switched`,
      ),
    );
  }
  const switched = await map.finishMove(shopId, from, to);
  internals.router.forget(shopId);
  if (E.isLeft(switched)) return giveBack(switched.left);
  return E.right({ shopId, from, to, events: copied.right.events, streams: copied.right.streams, checksum: copied.right.checksum, pausedMs: Date.now() - started });
};
