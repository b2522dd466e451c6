/**
 * The options of the sharded store, checked once when it is made. A bad option is a
 * ValidationError naming it; the store then answers every call with that error.
 */
import * as E from 'fp-ts/lib/Either.js';
import { validationError, type ValidationError, type ValidationIssue } from '../../domain/errors.js';
import type { EventStore } from '../eventStore.js';
import { SERVER_NAME_RULE, serverNamePattern, type ShopMap } from './shopMap.js';

export interface ShardedEventStoreOptions {
  /** The servers by name (the names the shop map records); at least one. The stores belong to the caller. */
  readonly servers: Readonly<Record<string, EventStore>>;
  readonly shopMap: ShopMap;
  /**
   * The server whose log a whole-log reader (readAll or subscribe without shopId)
   * reads; logs of different servers have no common order. Default: the only
   * server when there is one; with several, whole-log reads are refused without it.
   */
  readonly follow?: string;
  /** How long a shop's map entry is used before it is read again; default 1,000 ms. */
  readonly cacheMs?: number;
}

export interface ResolvedShardedOptions {
  readonly names: readonly string[];
  readonly follow: string | undefined;
  readonly cacheMs: number;
}

export const DEFAULT_CACHE_MS = 1000;

const isStore = (value: unknown): value is EventStore =>
  typeof value === 'object' && value !== null && typeof (value as EventStore).append === 'function' && typeof (value as EventStore).readAll === 'function';

const isMap = (value: unknown): value is ShopMap =>
  typeof value === 'object' && value !== null && typeof (value as ShopMap).lookup === 'function' && typeof (value as ShopMap).claim === 'function';

export const resolveShardedOptions = (options: ShardedEventStoreOptions): E.Either<ValidationError, ResolvedShardedOptions> => {
  const issues: ValidationIssue[] = [];
  const servers = (options as Partial<ShardedEventStoreOptions> | undefined)?.servers;
  const names = typeof servers === 'object' && servers !== null ? Object.keys(servers) : [];
  if (typeof servers !== 'object' || servers === null || names.length === 0) {
    issues.push({ path: 'servers', reason: 'must name at least one store: { [server name]: EventStore }' });
  }
  for (const name of names) {
    if (!serverNamePattern.test(name)) issues.push({ path: `servers.${name}`, reason: `the name must be ${SERVER_NAME_RULE}` });
    else if (!isStore((servers as Record<string, unknown>)[name])) issues.push({ path: `servers.${name}`, reason: 'must be an EventStore' });
  }
  if (!isMap(options?.shopMap)) issues.push({ path: 'shopMap', reason: 'must be a shop map (createPostgresShopMap or createInMemoryShopMap)' });
  const follow = options?.follow ?? (names.length === 1 ? names[0] : undefined);
  if (options?.follow !== undefined && !names.includes(options.follow)) {
    issues.push({ path: 'follow', reason: `must be one of the servers (${names.join(', ')}), got ${JSON.stringify(options.follow)}` });
  }
  const cacheMs = options?.cacheMs ?? DEFAULT_CACHE_MS;
  if (!(Number.isSafeInteger(cacheMs) && cacheMs >= 0)) issues.push({ path: 'cacheMs', reason: `must be an integer >= 0, got ${String(cacheMs)}` });
  if (issues.length > 0) return E.left(validationError('sharded store options', issues));
  // Sorted: the hash does not depend on the order, and messages list servers the same way everywhere.
  return E.right({ names: [...names].sort(), follow, cacheMs });
};
