/**
 * What the replica suites share: a primary and a hot standby of their own (never
 * the shared server), skipped with the reason in the title where clusters cannot be
 * started; a store per test on a fresh schema of the primary, replayed on the
 * standby before the replica store reads it (the raw append call that lets a test hold
 * a transaction open after it took its position is in rawAppend.ts).
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { createPostgresEventStore, type PostgresEventStore } from '../../../src/adapters/postgres/index.js';
import { createPostgresReplicaStore, type PostgresReplicaStore } from '../../../src/adapters/postgres/replicaStore.js';
import type { PostgresReplicaStoreOptions } from '../../../src/adapters/postgres/replicaOptions.js';
import { clustersUnavailable, removeAllClusters, startPrimary, startStandby, waitForReplay, type PgCluster } from '../../support/pgClusters.js';
import { right } from '../../conformance/fixtures.js';
import { freshSchema } from './pgTestSupport.js';

export interface ReplicaPair {
  readonly primary: PgCluster;
  readonly standby: PgCluster;
}

/**
 * A describe with a primary and an asynchronous hot standby started once for the
 * suite and removed after it; `pair()` hands them to the tests.
 */
export const describeReplica = (name: string, body: (pair: () => ReplicaPair) => void): void => {
  const unavailable = clustersUnavailable();
  if (unavailable !== undefined) console.warn(`[kefu] replica suite "${name}" skipped: ${unavailable}`);
  describe.skipIf(unavailable !== undefined)(unavailable === undefined ? name : `${name} (skipped: ${unavailable})`, () => {
    let clusters: ReplicaPair | undefined;
    beforeAll(async () => {
      const primary = await startPrimary('rp-primary', { fsync: false });
      const standby = await startStandby(primary, 'rp-standby');
      clusters = { primary, standby };
    }, 120_000);
    afterAll(() => removeAllClusters());
    body(() => {
      if (clusters === undefined) throw new Error('the clusters did not start');
      return clusters;
    });
  });
};

export interface StoresOnPair {
  readonly writer: PostgresEventStore;
  readonly replica: PostgresReplicaStore;
  readonly close: () => Promise<void>;
}

/** A store on a fresh schema of the primary, migrated and replayed, and a replica store reading it on the standby. */
export const storesOn = async (
  { primary, standby }: ReplicaPair,
  replicaOptions: Partial<PostgresReplicaStoreOptions> = {},
): Promise<StoresOnPair> => {
  const writer = createPostgresEventStore({ connectionString: primary.url, schema: freshSchema('rp'), notify: false });
  right(await writer.ready());
  await waitForReplay(primary, standby);
  const replica = createPostgresReplicaStore({ connectionString: standby.url, primary: writer, pollIntervalMs: 20, ...replicaOptions });
  right(await replica.ready());
  return {
    writer,
    replica,
    close: async () => {
      await replica.close();
      await writer.close();
    },
  };
};

/** Pauses the standby's replay for `body`, and resumes it whatever happens. */
export const withReplayPaused = async <A>(standby: PgCluster, body: () => Promise<A>): Promise<A> => {
  await standby.query('SELECT pg_wal_replay_pause()');
  try {
    return await body();
  } finally {
    await standby.query('SELECT pg_wal_replay_resume()');
  }
};
