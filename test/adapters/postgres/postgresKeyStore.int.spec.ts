/** S16: the PostgreSQL key store through the shared suite (KEFU_PG_URL; skipped, saying so, without it). */
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { createPostgresKeyStore, type PostgresKeyStore } from '../../../src/adapters/postgres/index.js';
import { keyStoreConformance } from '../../conformance/keyStore.conformance.js';
import { left, right, uniqueShop } from '../../conformance/fixtures.js';
import { describePg, freshSchema, pgUrl } from './pgTestSupport.js';

describePg('postgres key store', () => {
  const made: string[] = [];
  afterAll(async () => {
    const admin = new pg.Pool({ connectionString: pgUrl, max: 1 });
    try {
      for (const schema of made) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await admin.end();
    }
  });
  const at = (schema = freshSchema('keys')): PostgresKeyStore => {
    if (!made.includes(schema)) made.push(schema);
    return createPostgresKeyStore({ connectionString: pgUrl!, schema });
  };

  keyStoreConformance({
    name: 'postgres',
    create: async () => at(),
    reopen: async (keys) => {
      await keys.close();
      return at((keys as PostgresKeyStore).schema);
    },
    propertyRuns: 10,
  });

  it('S16: keeps one live key per subject against two stores (two processes) creating it at once', async () => {
    const schema = freshSchema('keys');
    const [a, b] = [at(schema), at(schema)];
    const shopId = uniqueShop();
    const keys = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).keyForWrite({ shopId, subject: 'session:race' }, 1_767_600_000_000 + i)));
    expect(new Set(keys.map((k) => Buffer.from(right(k).material).toString('hex'))).size).toBe(1);
    expect(right(await a.listKeys(shopId))).toHaveLength(1);
    await Promise.all([a.close(), b.close()]);
  });

  it('compacts with VACUUM: the destroyed key is gone from the table', async () => {
    const keys = at();
    const shopId = uniqueShop();
    const key = right(await keys.keyForWrite({ shopId, subject: 'session:s1' }, 1_767_600_000_000));
    right(await keys.destroy(key, 1_767_600_000_001, 1_767_600_000_002));
    right(await keys.compact());
    const pool = new pg.Pool({ connectionString: pgUrl, max: 1 });
    try {
      const rows = await pool.query(`SELECT material, destroyed_at FROM "${keys.schema}".content_keys WHERE shop_id = $1`, [shopId]);
      expect(rows.rows).toEqual([{ material: null, destroyed_at: '1767600000002' }]);
    } finally {
      await pool.end();
      await keys.close();
    }
  });

  it('answers a bad schema name with a ValidationError naming it', async () => {
    const keys = createPostgresKeyStore({ connectionString: pgUrl!, schema: 'Bad-Name' });
    expect(left(await keys.keyForWrite({ shopId: 'shop-1', subject: 'session:x' }, 1))).toMatchObject({ _tag: 'ValidationError', issues: [expect.objectContaining({ path: 'schema' })] });
    await keys.close();
  });

  it('follows the primary of a multi-host URL, as the event store does: a host that refuses is passed over', async () => {
    const url = new URL(pgUrl!);
    // Port 1 refuses at once; the shared server, listed second, is the primary.
    const twoHosts = `postgres://${url.username}@127.0.0.1:1,${url.host}${url.pathname}?target_session_attrs=read-write`;
    const schema = freshSchema('keys');
    made.push(schema);
    const keys = createPostgresKeyStore({ connectionString: twoHosts, schema });
    const shopId = uniqueShop();
    const key = right(await keys.keyForWrite({ shopId, subject: 'session:multi' }, 1_767_600_000_000));
    expect(right(await keys.listKeys(shopId)).map((k) => [k.subject, k.generation])).toEqual([[key.subject, key.generation]]);
    expect(key.material).toHaveLength(32);
    await keys.close();
  });

  it('answers a bad multi-host URL with a ValidationError naming connectionString', async () => {
    const keys = createPostgresKeyStore({ connectionString: 'postgres://u@h1:5432,h2:notaport/db', schema: freshSchema('keys') });
    expect(left(await keys.keyForWrite({ shopId: 'shop-1', subject: 'session:x' }, 1))).toMatchObject({ _tag: 'ValidationError', issues: [expect.objectContaining({ path: 'connectionString' })] });
    await keys.close();
  });
});
