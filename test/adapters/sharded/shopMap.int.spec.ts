/**
 * The shop map contract over the PostgreSQL map (the shared server, a fresh schema
 * per map, two pools over one table standing for two processes), and its options.
 */
import { afterAll, expect, it } from 'vitest';
import { createPostgresShopMap, type PostgresShopMap, type ShopMap } from '../../../src/adapters/sharded/index.js';
import { left, right } from '../../conformance/fixtures.js';
import { describePg, pgUrl, schemaPerStore } from '../postgres/pgTestSupport.js';
import { shopMapContract } from './shopMapContract.js';

describePg('postgres shop map', () => {
  const schemas = schemaPerStore();
  const opened: ShopMap[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((m) => m.close()));
  });
  const open = (schema: string): PostgresShopMap => {
    const map = createPostgresShopMap({ connectionString: pgUrl!, schema, maxConnections: 2 });
    opened.push(map);
    return map;
  };
  shopMapContract('postgres', async () => open(schemas.schema('map')), async (map) => open((map as PostgresShopMap).schema));

  it('makes its table once when processes start together, and refuses bad options by name', async () => {
    const schema = schemas.schema('map');
    const maps = Array.from({ length: 4 }, () => open(schema));
    const ready = await Promise.all(maps.map((m) => m.ready()));
    for (const r of ready) right(r);
    for (const [options, path] of [
      [{ connectionString: pgUrl!, schema: 'Bad-Schema' }, 'schema'],
      [{ schema: 'ok' }, 'connectionString'],
      [{ connectionString: pgUrl!, maxConnections: 0 }, 'maxConnections'],
    ] as const) {
      const map = createPostgresShopMap(options as never);
      expect(left(await map.lookup('shop-1'))).toMatchObject({ _tag: 'ValidationError', issues: [{ path }] });
      await map.close();
    }
  });

  it('answers a StoreFailure, not a throw, when its server is unreachable', async () => {
    const lost = createPostgresShopMap({ connectionString: 'postgres://postgres@127.0.0.1:1/none', connectionTimeoutMs: 500 });
    expect(left(await lost.claim('shop-1', 'a'))).toMatchObject({ _tag: 'StoreFailure' });
    await lost.close();
  });
});
