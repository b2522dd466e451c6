// Shops over several servers: a store keeping each shop whole on one of N stores,
// the shop map saying where (a PostgreSQL table, or in memory), and the cut-over
// moving a shop from one server to another.
export { createShardedEventStore } from './shardedEventStore.js';
export type { ShardedEventStore } from './shardedEventStore.js';
export type { ShardedEventStoreOptions } from './shardedOptions.js';
export { createPostgresShopMap } from './postgresShopMap.js';
export type { OwnedShopMapOptions, PostgresShopMap, PostgresShopMapOptions, SharedShopMapOptions } from './postgresShopMap.js';
export { createInMemoryShopMap } from './inMemoryShopMap.js';
export type { ShopEntry, ShopMap, ShopMapError, ShopState } from './shopMap.js';
export { moveShop } from './moveShop.js';
export type { MoveShopOptions, MoveShopReport } from './moveShop.js';
export { rendezvousServer } from './rendezvous.js';
