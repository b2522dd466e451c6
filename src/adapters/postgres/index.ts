// kefu/postgres: the PostgreSQL event store (also a projection state store) and
// read models kept as tables in the same database. Requires the `pg` package.
export { createPostgresEventStore } from './postgresEventStore.js';
export type { PostgresEventStore } from './postgresEventStore.js';
export type { OwnedPoolOptions, PostgresEventStoreOptions, SharedPoolOptions } from './options.js';
export { runPostgresProjection } from './postgresProjection.js';
export type { PostgresProjectionOptions, RunningPostgresProjection } from './postgresProjection.js';
// S16: the keys sealing personal fields, as a table (in another database, ideally).
export { createPostgresKeyStore } from './postgresKeyStore.js';
export type { PostgresKeyStore, PostgresKeyStoreOptions } from './postgresKeyStore.js';
// Issue 21: reads from a hot standby (projections, reports, subscriptions); writes go to the primary.
export { createPostgresReplicaStore, READ_ONLY_REPLICA } from './replicaStore.js';
export type { PostgresReplicaStore, WaitForPositionOptions } from './replicaStore.js';
export type { PostgresReplicaStoreOptions } from './replicaOptions.js';
export type { ReplicaLag } from './replicaLag.js';
export type { HostPort, TargetSessionAttrs } from './hostList.js';
