/** runPostgresProjection against the SQL read-model conformance suite, each store on a fresh schema. */
import type pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { runPostgresProjection, type PostgresEventStore } from '../../../src/adapters/postgres/index.js';
import { sqlReadModelConformance, type ReadModelRow } from '../../conformance/sqlReadModel.conformance.js';
import { right } from '../../conformance/fixtures.js';
import { describePg, rawPool, schemaPerStore } from './pgTestSupport.js';

describePg('postgres SQL read-model conformance', () => {
  const stores = schemaPerStore();
  let admin: pg.Pool;
  beforeAll(() => {
    admin = rawPool(2);
  });
  afterAll(async () => {
    await admin.end();
  });
  const table = (store: PostgresEventStore, name: string) => `"${store.schema}"."read_model_${name}"`;

  sqlReadModelConformance<PostgresEventStore>({
    name: 'postgres',
    create: async () => {
      const schema = stores.schema('rm');
      const store = stores.store({ schema });
      right(await store.ready());
      return { store, twin: async () => stores.store({ schema }) };
    },
    createTable: async (store, name) => {
      await admin.query(
        `CREATE TABLE IF NOT EXISTS ${table(store, name)} (seq bigserial PRIMARY KEY, position bigint NOT NULL, stream text NOT NULL, type text NOT NULL, data text NOT NULL)`,
      );
    },
    start: (store, { onEvent, ...run }) =>
      runPostgresProjection({
        store,
        ...run,
        // Writes through the client it is handed: the one whose transaction holds the checkpoint.
        handle: async (client, events) => {
          for (const e of events) {
            onEvent?.(e);
            await client.query(`INSERT INTO ${table(store, run.name)} (position, stream, type, data) VALUES ($1, $2, $3, $4)`, [
              e.globalPosition,
              e.stream,
              e.type,
              JSON.stringify(e.data),
            ]);
          }
        },
      }),
    rows: async (store, name) =>
      (
        await admin.query<ReadModelRow & { data: string }>(
          `SELECT position::float8 AS position, stream, type, data FROM ${table(store, name)} ORDER BY seq`,
        )
      ).rows.map((row) => ({ ...row, data: JSON.parse(row.data) as unknown })),
  });
});
