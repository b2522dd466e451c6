/**
 * S16 on PostgreSQL (KEFU_PG_URL; skipped, saying so, without it): a protected store
 * (keys in a table of their own schema) passes the event store suite, never stores a
 * text, and a SQL read model run on it reads contents open, expired once swept.
 */
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { createPostgresKeyStore, runPostgresProjection, type PostgresEventStore, type PostgresKeyStore } from '../../../src/adapters/postgres/index.js';
import { EXPIRED_CONTENT } from '../../../src/domain/conversation/messages.js';
import { eventStoreConformance } from '../../conformance/eventStore.conformance.js';
import { right } from '../../conformance/fixtures.js';
import { protectFixtures } from '../../runtime/contentProtection/sealedFixtures.js';
import { DAY, retention, retentionHarness, says, T0 } from '../../runtime/contentProtection/retentionHarness.js';
import { describePg, freshSchema, pgUrl, rawPool, schemaPerStore } from './pgTestSupport.js';

const SECRET = '我的手机号是13800138000';

describePg('protected postgres store', () => {
  const stores = schemaPerStore();
  const keySchemas: string[] = [];
  const keyStores: PostgresKeyStore[] = [];
  const keysAt = () => {
    const schema = freshSchema('k');
    keySchemas.push(schema);
    const keys = createPostgresKeyStore({ connectionString: pgUrl!, schema });
    keyStores.push(keys);
    return keys;
  };
  afterAll(async () => {
    await Promise.all(keyStores.map((k) => k.close()));
    const admin = new pg.Pool({ connectionString: pgUrl, max: 1 });
    try {
      for (const schema of keySchemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await admin.end();
    }
  });

  eventStoreConformance({ name: 'protected postgres', create: async () => protectFixtures(stores.store(), keysAt()), propertyRuns: 10 });

  it('S16: no text in the events table; a SQL read model on the protected store reads it open, rebuilt after the sweep reads it expired', async () => {
    const store = stores.store();
    const h = retentionHarness({ store, keys: keysAt() });
    await h.ok(retention('1-month'));
    await h.ok(says('alice', 's1', 'm1', SECRET));
    const pool = rawPool(2);
    try {
      const rows = await pool.query(`SELECT data::text AS data FROM "${store.schema}".events`);
      expect(rows.rows.some((r: { data: string }) => r.data.includes(SECRET) || r.data.includes('13800138000'))).toBe(false);
      await pool.query(`CREATE TABLE "${store.schema}".texts (name text NOT NULL, content text NOT NULL)`);
      const readModel = async (name: string) => {
        const running = runPostgresProjection({
          store: h.engine.store as PostgresEventStore,
          registry: h.engine.registry,
          name,
          handle: async (client, batch) => {
            for (const e of batch) if (e.type === 'MessageSent') await client.query(`INSERT INTO "${store.schema}".texts VALUES ($1, $2)`, [name, JSON.stringify((e.data as { content: unknown }).content)]);
          },
        });
        const head = right(await h.engine.store.readAll()).at(-1)!.globalPosition;
        expect(E.isRight(await running.waitFor(head))).toBe(true);
        await running.stop();
        const texts = await pool.query(`SELECT content FROM "${store.schema}".texts WHERE name = $1`, [name]);
        return texts.rows.map((r: { content: string }) => JSON.parse(r.content) as unknown);
      };
      expect(await readModel('before')).toEqual([{ kind: 'text', text: SECRET }]);
      await h.at(T0 + 40 * DAY);
      expect(await readModel('after')).toEqual([EXPIRED_CONTENT]);
    } finally {
      await pool.end();
      await h.engine.close();
      await store.close();
    }
  });
});
