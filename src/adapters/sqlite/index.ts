/** `kefu/sqlite`: the embedded durable store and SQL read models in the same file. */
export { createSqliteEventStore, type SqliteEventStore } from './sqliteEventStore.js';
export {
  SqliteConfigurationError,
  type SqliteEventStoreOptions,
  type SqliteSynchronous,
} from './sqliteOptions.js';
export { runSqliteProjection, type RunningSqliteProjection, type SqliteProjectionOptions } from './sqliteProjection.js';
export { latestSchemaVersion as sqliteSchemaVersion } from './schema.js';
