/**
 * The example in docs/storage/postgres.md, run as a test so the page cannot drift:
 * the code between the markers is the snippet (with `kefu/postgres` and `kefu`
 * imports in place of the source paths), checked against the page line for line.
 * It runs in a database of its own, created and dropped here, so its `kefu` schema
 * and `totals` table meet nobody else's. Dropping it (WITH FORCE) ends connections
 * pg-pool's end() has not finished closing: the snippet's 'error' listener is what
 * keeps that from ending the test run.
 */
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { expect, it } from 'vitest';
import { createPostgresEventStore, runPostgresProjection } from '../../../src/adapters/postgres/index.js';
import { describeError } from '../../../src/domain/errors.js';
import { createEngine } from '../../../src/engine.js';
import { counterModule } from '../../../src/testing/counterModule.js';
import { exampleOfPage, snippetOfSpec } from '../docSnippets.js';
import { describePg, pgUrl } from './pgTestSupport.js';

it('is the example of docs/storage/postgres.md, line for line', () => {
  expect(snippetOfSpec(import.meta.url)).toBe(exampleOfPage('docs/storage/postgres.md'));
});

describePg('docs/storage/postgres.md', () => {
  it('runs its example', async () => {
    const database = `kefu_doc_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    const url = new URL(pgUrl!);
    url.pathname = `/${database}`;
    try {
      expect(await example(url.toString())).toEqual([{ stream: 'counter-shop-1-c1', total: 2 }]);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
  });
});

const example = async (databaseUrl: string) => {
  // --- snippet start
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // pg requires a listener: an idle connection the server drops (a restart, an admin
  // ending sessions) is reported as a pool 'error', which would otherwise end the process.
  pool.on('error', (error) => console.warn('idle PostgreSQL connection lost:', error.message));
  const store = createPostgresEventStore({ pool, schema: 'kefu' });
  const ready = await store.ready(); // runs the migrations; a wrong URL or missing rights show here
  if (E.isLeft(ready)) throw new Error(describeError(ready.left));
  const engine = createEngine({ store, modules: [counterModule] });

  const result = await engine.dispatch({
    type: 'Increment',
    shopId: 'shop-1',
    actor: { kind: 'system' },
    data: { counterId: 'c1', by: 2 },
  });
  if (E.isLeft(result)) throw new Error(describeError(result.left));

  // A read model kept as a table in the same database: each batch of events and the
  // projection's checkpoint are saved in one transaction.
  await pool.query('CREATE TABLE IF NOT EXISTS totals (stream text PRIMARY KEY, total integer NOT NULL)');
  const totals = runPostgresProjection({
    store,
    registry: engine.registry, // hands handle decoded events, upcast to their current version
    name: 'totals',
    handle: async (client, events) => {
      for (const event of events) {
        if (event.type !== 'Incremented') continue;
        await client.query(
          'INSERT INTO totals VALUES ($1, $2) ON CONFLICT (stream) DO UPDATE SET total = totals.total + excluded.total',
          [event.stream, (event.data as { by: number }).by],
        );
      }
    },
  });
  await totals.waitFor(result.right.events[0]!.globalPosition); // read your own write
  const { rows } = await pool.query('SELECT stream, total FROM totals');

  await totals.stop();
  await engine.close(); // stops its reactor (saving its checkpoint); a store you passed in is yours to close
  await store.close();
  await pool.end(); // the pool is yours: close() leaves it open
  // --- snippet end
  return rows;
};
