/** `kefu/sqlite`: the embedded durable store and SQL read models in the same file. */
export { createSqliteEventStore, type SqliteEventStore } from './sqliteEventStore.js';
export {
  SqliteConfigurationError,
  type SqliteEventStoreOptions,
  type SqliteSynchronous,
} from './sqliteOptions.js';
export { runSqliteProjection, type RunningSqliteProjection, type SqliteProjectionOptions } from './sqliteProjection.js';
export { latestSchemaVersion as sqliteSchemaVersion } from './schema.js';
// S16: the keys sealing personal fields, in a file of their own or the store's.
export { createSqliteKeyStore, type SqliteKeyStore, type SqliteKeyStoreOptions } from './sqliteKeyStore.js';
