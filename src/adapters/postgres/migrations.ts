/**
 * The store's schema as numbered migrations. Each store instance runs them once,
 * in one transaction under an advisory lock on the schema, so two processes starting
 * at once do not race (the second waits, then finds everything applied). A migration,
 * once released, never changes: a change is a new migration.
 */
import type { Pool } from 'pg';
import { appendFunctionSql } from './appendFunction.js';
import { checkOut } from './checkout.js';
import { MIGRATION_LOCK_CLASS, schemaLockKey } from './lockKeys.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: (schema: string) => string;
}

/** The largest position JavaScript numbers hold exactly; the sequence stops there. */
export const MAX_POSITION = Number.MAX_SAFE_INTEGER;

const initialSchema = (schema: string): string => `
  CREATE SEQUENCE "${schema}".positions AS bigint MINVALUE 1 MAXVALUE ${MAX_POSITION} NO CYCLE;

  -- data and metadata are json, not jsonb: json keeps the text as written, so
  -- "\\u0000" and key order survive, and it is cheaper to insert. A stream's
  -- version is its last event's: UNIQUE (stream, version) finds it, and refuses a
  -- duplicate from any writer that bypassed the append function.
  CREATE TABLE "${schema}".events (
    position       bigint  PRIMARY KEY,
    transaction_id xid8    NOT NULL,
    stream         text    NOT NULL,
    version        bigint  NOT NULL,
    type           text    NOT NULL,
    schema_version bigint  NOT NULL,
    shop_id        text    NOT NULL,
    data           json    NOT NULL,
    metadata       json    NOT NULL,
    UNIQUE (stream, version)
  );
  CREATE INDEX events_shop_position ON "${schema}".events (shop_id, position);

  CREATE TABLE "${schema}".snapshots (
    stream         text   PRIMARY KEY,
    version        bigint NOT NULL,
    schema_version bigint NOT NULL,
    state          json   NOT NULL
  );

  CREATE TABLE "${schema}".projections (
    name           text   PRIMARY KEY,
    position       bigint NOT NULL,
    schema_version bigint NOT NULL,
    state          json   NOT NULL
  );
`;

export const migrations: readonly Migration[] = [
  { version: 1, name: 'tables', sql: initialSchema },
  { version: 2, name: 'append function', sql: appendFunctionSql },
];

/** Brings `schema` up to the latest migration. Throws what the driver throws; the store turns it into a StoreFailure. */
export const migrate = async (pool: Pool, schema: string): Promise<void> => {
  const { client, release } = await checkOut(pool);
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [MIGRATION_LOCK_CLASS, schemaLockKey(schema)]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${schema}".migrations (
         version    integer     PRIMARY KEY,
         name       text        NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const applied = await client.query<{ version: number }>(`SELECT version FROM "${schema}".migrations`);
    const done = new Set(applied.rows.map((row) => row.version));
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql(schema));
      await client.query(`INSERT INTO "${schema}".migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
    }
    await client.query('COMMIT');
    release();
  } catch (error) {
    // Destroying the connection ends the transaction and its lock whatever state it is in.
    release(true);
    throw error;
  }
};
