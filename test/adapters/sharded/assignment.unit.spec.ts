/**
 * Where shops go: the documented hash (rendezvous over SHA-1 of `${server}\0${shop}`),
 * stable across processes, even over 2 and 4 servers, moving only shops onto a
 * server that is added; the first append records the answer, and an explicit
 * assign wins over the hash.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../../src/adapters/memory/inMemoryEventStore.js';
import { createInMemoryShopMap, createShardedEventStore, rendezvousServer } from '../../../src/adapters/sharded/index.js';
import { events, readEverything, right, uniqueStream } from '../../conformance/fixtures.js';

const shopIdArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:@-]{0,30}$/);
const shops = (n: number) => Array.from({ length: n }, (_, i) => `shop-${i}.eu:x@${i % 7}`);

describe('the assignment of new shops', () => {
  it('is the documented hash: the server with the highest first 8 bytes of SHA-1(server NUL shop)', () => {
    const weight = (server: string, shop: string) => createHash('sha1').update(`${server}\u0000${shop}`).digest().readBigUInt64BE(0);
    for (const shop of shops(200)) {
      const servers = ['pg-1', 'pg-2', 'pg-3'];
      const heaviest = [...servers].sort((x, y) => (weight(y, shop) > weight(x, shop) ? 1 : -1))[0];
      expect(rendezvousServer(shop, servers)).toBe(heaviest);
    }
  });

  it('is stable: two stores (two processes) with the same server names, in any order, put a shop on the same server', async () => {
    const make = (names: string[]) =>
      createShardedEventStore({ servers: Object.fromEntries(names.map((n) => [n, createInMemoryEventStore()])), shopMap: createInMemoryShopMap() });
    const one = make(['a', 'b', 'c']);
    const other = make(['c', 'a', 'b']);
    for (const shop of shops(300)) expect(right(await one.serverOf(shop))).toBe(right(await other.serverOf(shop)));
  });

  it.each([2, 4])('spreads 20,000 shops over %i servers within 5%% of an even share', (n) => {
    const servers = Array.from({ length: n }, (_, i) => `server-${i}`);
    const counts = new Map<string, number>();
    for (const shop of shops(20_000)) {
      const server = rendezvousServer(shop, servers)!;
      counts.set(server, (counts.get(server) ?? 0) + 1);
    }
    const even = 20_000 / n;
    for (const server of servers) expect(Math.abs((counts.get(server) ?? 0) - even) / even).toBeLessThan(0.05);
  });

  it('moves only shops onto a server that is added, never between the old ones (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), { minLength: 1, maxLength: 6 }), fc.stringMatching(/^[A-Z][A-Z0-9]{0,8}$/), fc.array(shopIdArb, { maxLength: 60 }), (old, added, shopIds) => {
        for (const shop of shopIds) {
          const after = rendezvousServer(shop, [...old, added]);
          expect([rendezvousServer(shop, old), added]).toContain(after);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is recorded at the first append, so a server added later does not move a shop already written', async () => {
    const map = createInMemoryShopMap();
    const a = createInMemoryEventStore();
    const b = createInMemoryEventStore();
    const two = createShardedEventStore({ servers: { a, b }, shopMap: map, follow: 'a' });
    const written = shops(40);
    for (const shop of written) right(await two.append(`routing-${shop}`, events(1, shop), 'no_stream'));
    const three = createShardedEventStore({ servers: { a, b, c: createInMemoryEventStore() }, shopMap: map, follow: 'a' });
    for (const shop of written) {
      expect(right(await three.serverOf(shop))).toBe(right(await two.serverOf(shop)));
      expect(right(await three.readStream(`routing-${shop}`))).toHaveLength(1);
    }
    // A shop never written goes where the new list's hash says; some go to c.
    const fresh = shops(400).slice(40);
    const onC = (await Promise.all(fresh.map(async (s) => right(await three.serverOf(s))))).filter((s) => s === 'c');
    expect(onC.length).toBeGreaterThan(50);
  });

  it('places a shop explicitly with assign, over the hash', async () => {
    const map = createInMemoryShopMap();
    const a = createInMemoryEventStore();
    const b = createInMemoryEventStore();
    const store = createShardedEventStore({ servers: { a, b }, shopMap: map, follow: 'a' });
    const shop = shops(100).find((s) => rendezvousServer(s, ['a', 'b']) === 'a')!;
    right(await map.assign(shop, 'b'));
    right(await store.append(uniqueStream(), events(2, shop), 'no_stream'));
    expect(await readEverything(b, shop)).toHaveLength(2);
    expect(await readEverything(a)).toHaveLength(0);
    expect(right(await map.lookup(shop))).toMatchObject({ server: 'b', state: 'active' });
  });

  it('answers the first record to every process claiming a shop at once', async () => {
    const map = createInMemoryShopMap();
    const claims = await Promise.all([map.claim('shop-x', 'a'), map.claim('shop-x', 'b')]);
    expect(claims.map((c) => right(c).server)).toEqual(['a', 'a']);
  });
});
