/**
 * The PostgreSQL side of the sharded suites: two clusters of the suite's own
 * (`sh-a`, `sh-b`, fsync off) started once and removed after it, skipped, saying
 * why, where clusters cannot be started; and a sharded store over one schema per
 * server, the map table on the first.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { createPostgresEventStore, type PostgresEventStore } from '../../../src/adapters/postgres/index.js';
import { createPostgresShopMap, type ShardedEventStore } from '../../../src/adapters/sharded/index.js';
import { clustersUnavailable, removeAllClusters, startPrimary, type PgCluster } from '../../support/pgClusters.js';
import { freshSchema } from '../postgres/pgTestSupport.js';
import { ownedSharded, SUITE_SHOP } from './shardedSupport.js';

export interface TwoClusters {
  readonly a: PgCluster;
  readonly b: PgCluster;
}

export const describeTwoClusters = (name: string, body: (clusters: () => TwoClusters) => void): void => {
  const unavailable = clustersUnavailable();
  if (unavailable !== undefined) console.warn(`[kefu] sharded suite "${name}" skipped: ${unavailable}`);
  describe.skipIf(unavailable !== undefined)(unavailable === undefined ? name : `${name} (skipped: ${unavailable})`, () => {
    let clusters: TwoClusters | undefined;
    beforeAll(async () => {
      const [a, b] = await Promise.all([startPrimary('sh-a', { fsync: false }), startPrimary('sh-b', { fsync: false })]);
      clusters = { a, b };
    }, 120_000);
    afterAll(() => removeAllClusters());
    body(() => {
      if (clusters === undefined) throw new Error('the clusters did not start');
      return clusters;
    });
  });
};

export interface ShardedPg {
  readonly store: ShardedEventStore;
  /** The PostgreSQL store of each server, by name. */
  readonly servers: { readonly a: PostgresEventStore; readonly b: PostgresEventStore };
}

/**
 * A sharded store over a fresh schema on `urlA` (server a, also holding the map) and one
 * on `urlB` (server b), following a, with the suite's default shop placed on a.
 */
export const shardedOverPg = async (urlA: string, urlB: string, options: { cacheMs?: number; schemas?: (prefix: string) => string } = {}): Promise<ShardedPg> => {
  const schema = options.schemas ?? freshSchema;
  const [schemaA, schemaB] = [schema('sha'), schema('shb')];
  const a = createPostgresEventStore({ connectionString: urlA, schema: schemaA, maxConnections: 4 });
  const b = createPostgresEventStore({ connectionString: urlB, schema: schemaB, maxConnections: 4 });
  const shopMap = createPostgresShopMap({ connectionString: urlA, schema: schemaA, maxConnections: 2 });
  const placed = await shopMap.assign(SUITE_SHOP, 'a');
  if (placed._tag === 'Left') throw new Error(`the map could not place ${SUITE_SHOP}: ${JSON.stringify(placed.left)}`);
  return { store: ownedSharded({ a, b }, shopMap, { follow: 'a', ...(options.cacheMs === undefined ? {} : { cacheMs: options.cacheMs }) }), servers: { a, b } };
};

/** A row the append function would never write (metadata without its fields), on the server holding the stream. */
export const corruptRowSql = (schema: string): string =>
  `INSERT INTO "${schema}".events (position, transaction_id, stream, version, type, schema_version, shop_id, data, metadata)
   VALUES (nextval('"${schema}".positions'), pg_current_xact_id(), $1, 2, 'Corrupt', 1, 'shop-1', '{}', '{"eventId": 7}')`;
