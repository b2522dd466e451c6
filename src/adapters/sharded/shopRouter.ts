/**
 * What a sharded store remembers of the shop map: each shop's entry for `cacheMs`
 * (so a change made by another process, such as a move's `moving` mark, is seen
 * within that bound), and which shop each stream it has met belongs to (a stream
 * never changes shop, so that is kept without expiry, up to a bound on its size).
 * Streams are remembered by shop, never by server: after a move the shop's entry,
 * read again within cacheMs, sends them to the new server.
 */
import * as E from 'fp-ts/lib/Either.js';
import { LRUCache } from 'lru-cache';
import { rendezvousServer } from './rendezvous.js';
import type { ShopEntry, ShopMap, ShopMapError } from './shopMap.js';

const STREAMS_KEPT = 100_000;

interface Cached {
  readonly entry: ShopEntry | undefined;
  readonly at: number;
}

export interface ShopRouter {
  /** The entry as the map has it (undefined: never written), at most cacheMs old. */
  readonly entryOf: (shopId: string) => Promise<E.Either<ShopMapError, ShopEntry | undefined>>;
  /** The entry an append uses: a shop with none is claimed, on the server the hash proposes. */
  readonly entryForWrite: (shopId: string) => Promise<E.Either<ShopMapError, ShopEntry>>;
  /** Where a shop's reads go: its entry's server, or the hash's for a shop never written. */
  readonly serverForRead: (shopId: string) => Promise<E.Either<ShopMapError, string>>;
  readonly hashed: (key: string) => string;
  readonly forget: (shopId: string) => void;
  readonly shopOfStream: (stream: string) => string | undefined;
  readonly rememberStream: (stream: string, shopId: string) => void;
}

export const createShopRouter = (map: ShopMap, names: readonly string[], cacheMs: number): ShopRouter => {
  const entries = new LRUCache<string, Cached>({ max: STREAMS_KEPT });
  const streams = new LRUCache<string, string>({ max: STREAMS_KEPT });
  // Callers asking for the same shop at once share one lookup.
  const pending = new Map<string, Promise<E.Either<ShopMapError, ShopEntry | undefined>>>();

  const fresh = (shopId: string): Cached | undefined => {
    const cached = entries.get(shopId);
    return cached !== undefined && Date.now() - cached.at < cacheMs ? cached : undefined;
  };

  const entryOf = (shopId: string): Promise<E.Either<ShopMapError, ShopEntry | undefined>> => {
    const cached = fresh(shopId);
    if (cached !== undefined) return Promise.resolve(E.right(cached.entry));
    let lookup = pending.get(shopId);
    if (lookup === undefined) {
      const at = Date.now();
      lookup = map.lookup(shopId).then((found) => {
        pending.delete(shopId);
        if (E.isRight(found)) entries.set(shopId, { entry: found.right, at });
        return found;
      });
      pending.set(shopId, lookup);
    }
    return lookup;
  };

  const hashed = (key: string): string => rendezvousServer(key, names) as string;

  return {
    entryOf,
    entryForWrite: async (shopId) => {
      const known = await entryOf(shopId);
      if (E.isLeft(known)) return known;
      if (known.right !== undefined) return E.right(known.right);
      const at = Date.now();
      const claimed = await map.claim(shopId, hashed(shopId));
      if (E.isRight(claimed)) entries.set(shopId, { entry: claimed.right, at });
      return claimed;
    },
    serverForRead: async (shopId) => {
      const known = await entryOf(shopId);
      return E.isLeft(known) ? known : E.right(known.right?.server ?? hashed(shopId));
    },
    hashed,
    forget: (shopId) => void entries.delete(shopId),
    shopOfStream: (stream) => streams.get(stream),
    rememberStream: (stream, shopId) => void streams.set(stream, shopId),
  };
};
