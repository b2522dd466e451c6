/**
 * What the PostgreSQL suites share: the server from KEFU_PG_URL (every suite is
 * skipped, saying so, when it is unset; a set but unreachable server fails them),
 * a fresh schema per store so tests never see each other's events, and dropping
 * those schemas afterwards.
 */
import pg from 'pg';
import { afterAll, describe } from 'vitest';
import { createPostgresEventStore, type PostgresEventStore, type PostgresEventStoreOptions } from '../../../src/adapters/postgres/index.js';

export const pgUrl = process.env.KEFU_PG_URL;

const howToRun = 'set KEFU_PG_URL (e.g. KEFU_PG_URL=postgres://postgres@127.0.0.1:5432/test npx vitest run test/adapters/postgres)';

/** A describe that runs only with a server; without one its title says it was skipped and why. */
export const describePg = (name: string, body: () => void): void => {
  if (pgUrl === undefined) {
    console.warn(`[kefu] PostgreSQL suite "${name}" skipped: ${howToRun}`);
  }
  describe.skipIf(pgUrl === undefined)(pgUrl === undefined ? `${name} (skipped: ${howToRun})` : name, body);
};

export const freshSchema = (prefix = 't'): string => `kefu_${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

/**
 * Call inside a describePg body: makes stores on fresh schemas and drops every
 * schema it made once the suite is over.
 */
export const schemaPerStore = () => {
  const made: string[] = [];
  afterAll(async () => {
    if (made.length === 0) return;
    const admin = new pg.Pool({ connectionString: pgUrl, max: 1 });
    try {
      for (const schema of made) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await admin.end();
    }
  });
  return {
    schema: (prefix?: string) => {
      const schema = freshSchema(prefix);
      made.push(schema);
      return schema;
    },
    store: (options: Partial<PostgresEventStoreOptions> = {}, prefix?: string): PostgresEventStore => {
      const schema = options.schema ?? freshSchema(prefix);
      if (!made.includes(schema)) made.push(schema);
      return createPostgresEventStore({ connectionString: pgUrl!, ...options, schema } as PostgresEventStoreOptions);
    },
  };
};

/** A pool for raw SQL in a test; the caller ends it. */
export const rawPool = (max = 4): pg.Pool => new pg.Pool({ connectionString: pgUrl, max });
