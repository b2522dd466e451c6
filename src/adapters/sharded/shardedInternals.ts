/**
 * What moveShop needs of a sharded store beyond the EventStore port: its map, its
 * servers, its cache to drop a shop from, and its appends still in flight for a
 * shop, to wait for. Kept off the public type, found through the store object.
 */
import type { EventStore } from '../eventStore.js';
import type { ShopRouter } from './shopRouter.js';
import type { ShopMap } from './shopMap.js';

export interface ShardedInternals {
  readonly shopMap: ShopMap;
  readonly servers: Readonly<Record<string, EventStore>>;
  readonly cacheMs: number;
  readonly router: ShopRouter;
  /** Resolves once no append of the shop started by this store is still running. */
  readonly settled: (shopId: string) => Promise<void>;
}

const registry = new WeakMap<object, ShardedInternals>();

export const registerSharded = (store: object, internals: ShardedInternals): void => {
  registry.set(store, internals);
};

export const shardedInternalsOf = (store: unknown): ShardedInternals | undefined =>
  typeof store === 'object' && store !== null ? registry.get(store) : undefined;
