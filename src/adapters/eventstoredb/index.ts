// kefu/eventstoredb: the EventStoreDB (and KurrentDB) store. The only entry point
// that loads the EventStoreDB client; see docs/storage/eventstoredb.md.
export { createEventStoreDbEventStore } from './eventStoreDbEventStore.js';
export type { EventStoreDbEventStore } from './eventStoreDbEventStore.js';
export { EventStoreDbConfigurationError } from './eventStoreDbOptions.js';
export type { EventStoreDbConnection, EventStoreDbOptions } from './eventStoreDbOptions.js';
export { DEFAULT_NAMESPACE } from './naming.js';
export type { StreamNaming } from './naming.js';
