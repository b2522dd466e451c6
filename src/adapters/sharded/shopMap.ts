/**
 * The shop map: which server holds each shop. The shop is kefu's unit of
 * consistency (every stream of a shop, and every read of one shop's log, is on one
 * server), so the map has one row per shop, not per stream. A row is written at the
 * shop's first append (the rendezvous hash proposes the server, the first writer's
 * record wins), by `assign` (explicit placement), and by the steps of moveShop
 * (`moving` while its events are copied: writes refused; then active on the new
 * server). Implementations: createPostgresShopMap (a table every process reads),
 * createInMemoryShopMap (one process: tests).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { StoreFailure, ValidationError } from '../../domain/errors.js';
import { validationError } from '../../domain/errors.js';
import { shopIdCodec } from '../../domain/ids.js';

export type ShopState = 'active' | 'moving';

export interface ShopEntry {
  readonly shopId: string;
  /** The server holding the shop's events (while moving: still the old one). */
  readonly server: string;
  /** `moving`: its events are being copied to `movingTo`, and writes to it are refused. */
  readonly state: ShopState;
  readonly movingTo: string | undefined;
}

export type ShopMapError = StoreFailure | ValidationError;

export interface ShopMap {
  /** `postgres` or `memory`, for messages. */
  readonly kind: string;
  /** The shop's entry, undefined when the map has none (the shop was never written). */
  readonly lookup: (shopId: string) => Promise<E.Either<ShopMapError, ShopEntry | undefined>>;
  readonly has: (shopId: string) => Promise<E.Either<ShopMapError, boolean>>;
  /** The entries of those of `shopIds` the map knows, in one round trip (stream routing asks for every candidate at once). */
  readonly lookupMany: (shopIds: readonly string[]) => Promise<E.Either<ShopMapError, readonly ShopEntry[]>>;
  /**
   * Records `server` for a shop that has no entry (INSERT ... ON CONFLICT DO NOTHING), then
   * answers the entry as stored: when two processes claim at once, both get the first one's.
   */
  readonly claim: (shopId: string, server: string) => Promise<E.Either<ShopMapError, ShopEntry>>;
  /**
   * Places a shop on `server` (active), replacing its entry: for a shop that has no events
   * yet. It moves no events: a shop with events elsewhere moves with moveShop. Refused while moving.
   */
  readonly assign: (shopId: string, server: string) => Promise<E.Either<ShopMapError, ShopEntry>>;
  /** Active on `from` -> moving to `to`; a StoreFailure when the shop is not active on `from`. */
  readonly beginMove: (shopId: string, from: string, to: string) => Promise<E.Either<ShopMapError, ShopEntry>>;
  /** Moving from `from` to `to` -> active on `to`. */
  readonly finishMove: (shopId: string, from: string, to: string) => Promise<E.Either<ShopMapError, ShopEntry>>;
  /** Moving -> active again on `from`, its server (a move that failed). */
  readonly cancelMove: (shopId: string, from: string) => Promise<E.Either<ShopMapError, ShopEntry>>;
  /** Every entry, ordered by shop id (for an operator; not used on the hot path). */
  readonly entries: () => Promise<E.Either<ShopMapError, readonly ShopEntry[]>>;
  /** Ends what the map opened (its pool, when it made one). */
  readonly close: () => Promise<void>;
}

/** Server names: how they appear in the table and in messages. */
export const serverNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
export const SERVER_NAME_RULE = '1-63 letters, digits, . _ or -, starting with a letter or a digit';

export const checkShopId = (source: string, shopId: unknown, path = 'shopId'): E.Either<ValidationError, string> =>
  shopIdCodec.is(shopId)
    ? E.right(shopId)
    : E.left(validationError(source, [{ path, reason: `must be a shop id (1-128 letters, digits or ._:@-), got ${JSON.stringify(shopId)}` }]));

export const checkServerName = (source: string, server: unknown, path = 'server'): E.Either<ValidationError, string> =>
  typeof server === 'string' && serverNamePattern.test(server)
    ? E.right(server)
    : E.left(validationError(source, [{ path, reason: `must be a server name (${SERVER_NAME_RULE}), got ${JSON.stringify(server)}` }]));

/** Both checks at once, for the map's writing methods. */
export const checkShopAndServer = (source: string, shopId: unknown, ...servers: readonly [string, unknown][]): E.Either<ValidationError, void> => {
  const shop = checkShopId(source, shopId);
  if (E.isLeft(shop)) return shop;
  for (const [path, server] of servers) {
    const ok = checkServerName(source, server, path);
    if (E.isLeft(ok)) return ok;
  }
  return E.right(undefined);
};
