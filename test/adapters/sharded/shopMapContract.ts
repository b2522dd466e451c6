/**
 * What every shop map does, for the in-memory and the PostgreSQL one alike: the
 * first claim wins, assign replaces, each step of a move only from the state it
 * expects (saying what the entry is otherwise), bad input named, never a throw.
 */
import { describe, expect, it } from 'vitest';
import type { ShopMap } from '../../../src/adapters/sharded/index.js';
import { left, right, uniqueShop } from '../../conformance/fixtures.js';

/** `create()` gives a new map; `twin(map)` another process's map over the same table (or the map itself, in memory). */
export const shopMapContract = (name: string, create: () => Promise<ShopMap>, twin: (map: ShopMap) => Promise<ShopMap>): void => {
  describe(`${name} shop map`, () => {
    it('records the first claim and answers it to every later or concurrent one, in every process', async () => {
      const map = await create();
      const other = await twin(map);
      const shop = uniqueShop();
      expect(right(await map.lookup(shop))).toBeUndefined();
      expect(right(await map.has(shop))).toBe(false);
      const claims = await Promise.all([map.claim(shop, 'a'), other.claim(shop, 'b'), map.claim(shop, 'c')]);
      const servers = claims.map((c) => right(c).server);
      expect(new Set(servers).size).toBe(1);
      expect(right(await other.lookup(shop))).toEqual({ shopId: shop, server: servers[0], state: 'active', movingTo: undefined });
      expect(right(await other.has(shop))).toBe(true);
    });

    it('places a shop with assign, over a claim, and looks several up at once', async () => {
      const map = await create();
      const [s1, s2, s3] = [uniqueShop(), uniqueShop(), uniqueShop()];
      right(await map.claim(s1, 'a'));
      expect(right(await map.assign(s1, 'b')).server).toBe('b');
      right(await map.assign(s2, 'c'));
      const found = right(await map.lookupMany([s1, s2, s3, 'x-never']));
      expect([...found].sort((x, y) => x.server.localeCompare(y.server)).map((e) => [e.shopId, e.server])).toEqual([
        [s1, 'b'],
        [s2, 'c'],
      ]);
      expect(right(await map.lookupMany([]))).toEqual([]);
      const all = right(await map.entries()).filter((e) => [s1, s2].includes(e.shopId));
      expect(all).toHaveLength(2);
    });

    it('moves only active -> moving -> active on the target, or back on cancel, saying what it is otherwise', async () => {
      const map = await create();
      const shop = uniqueShop();
      right(await map.claim(shop, 'a'));
      expect(left(await map.beginMove(shop, 'b', 'c'))).toMatchObject({ _tag: 'StoreFailure', message: `shop ${shop}: a move needs it active on b, but it is active on a` });
      expect(right(await map.beginMove(shop, 'a', 'b'))).toEqual({ shopId: shop, server: 'a', state: 'moving', movingTo: 'b' });
      expect(left(await map.beginMove(shop, 'a', 'c'))).toMatchObject({ _tag: 'StoreFailure' });
      expect(left(await map.assign(shop, 'c'))).toMatchObject({ _tag: 'StoreFailure', message: expect.stringMatching(/moving/) });
      expect(left(await map.finishMove(shop, 'a', 'c'))).toMatchObject({ _tag: 'StoreFailure' });
      right(await map.cancelMove(shop, 'a'));
      expect(right(await map.lookup(shop))).toMatchObject({ server: 'a', state: 'active' });
      right(await map.beginMove(shop, 'a', 'b'));
      expect(right(await map.finishMove(shop, 'a', 'b'))).toEqual({ shopId: shop, server: 'b', state: 'active', movingTo: undefined });
      expect(left(await map.cancelMove(shop, 'a'))).toMatchObject({ _tag: 'StoreFailure' });
      expect(left(await map.beginMove('never-there', 'a', 'b'))).toMatchObject({ _tag: 'StoreFailure', message: expect.stringMatching(/it has no entry/) });
    });

    it('refuses bad shop ids and server names, naming them, and answers StoreFailure once closed', async () => {
      const map = await create();
      expect(left(await map.claim('not a shop', 'a'))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'shopId' }] });
      expect(left(await map.assign('shop-1', 'bad server'))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'server' }] });
      expect(left(await map.beginMove('shop-1', 'a', ''))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'to' }] });
      expect(left(await map.lookup(7 as never))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'shopId' }] });
      await map.close();
      expect(left(await map.lookup('shop-1'))).toMatchObject({ _tag: 'StoreFailure' });
    });
  });
};
