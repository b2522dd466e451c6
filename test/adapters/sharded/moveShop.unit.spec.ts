/**
 * The cut-over on in-memory stores: the shop's events copied with their checksum,
 * reads and writes on the new server afterwards, writes refused during the pause;
 * every failure (a target failing mid-copy, an event slipping onto the old server
 * after the copy) puts the shop back active on its old server; bad requests named.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { EventStore } from '../../../src/adapters/eventStore.js';
import { createInMemoryEventStore } from '../../../src/adapters/memory/inMemoryEventStore.js';
import { summarizeLog } from '../../../src/adapters/logChecksum.js';
import { createInMemoryShopMap, createShardedEventStore, moveShop } from '../../../src/adapters/sharded/index.js';
import { events, left, readEverything, right } from '../../conformance/fixtures.js';

const SHOP = 'acme-eu';

const setup = (wrapB: (b: EventStore) => EventStore = (b) => b, wrapA: (a: EventStore) => EventStore = (a) => a) => {
  const a = createInMemoryEventStore();
  const b = createInMemoryEventStore();
  const shopMap = createInMemoryShopMap({ [SHOP]: 'a' });
  const store = createShardedEventStore({ servers: { a: wrapA(a), b: wrapB(b) }, shopMap, follow: 'a', cacheMs: 50 });
  return { a, b, shopMap, store };
};

const writeShop = async (store: EventStore) => {
  right(await store.append(`routing-${SHOP}`, events(5, SHOP), 'no_stream'));
  right(await store.append(`ticket-settings-${SHOP}`, events(2, SHOP), 'no_stream'));
  right(await store.append(`routing-${SHOP}`, events(3, SHOP), 5));
  right(await store.append('routing-other', events(4, 'other'), 'no_stream'));
};

const shopLog = (store: EventStore) => summarizeLog({ ...store, readAll: (o = {}) => store.readAll({ ...o, shopId: SHOP }) });

describe('moveShop', () => {
  it('copies the shop with an equal checksum, refuses its writes while paused, then serves it from the new server', async () => {
    const { a, b, shopMap, store } = setup();
    await writeShop(store);
    const before = right(await shopLog(a));
    const moving = moveShop({ store, shopMap, shopId: SHOP, to: 'b', pauseMs: 80 });
    await new Promise((r) => setTimeout(r, 10));
    expect(left(await store.append(`routing-${SHOP}`, events(1, SHOP), 'any'))).toMatchObject({ _tag: 'StoreFailure', message: `shop ${SHOP} is moving to server b: writes paused` });
    const report = right(await moving);
    expect(report).toMatchObject({ shopId: SHOP, from: 'a', to: 'b', events: 10, streams: 2, checksum: before.checksum });
    expect(report.pausedMs).toBeGreaterThanOrEqual(80);
    expect(right(await shopLog(b))).toEqual(before);
    expect(right(await shopMap.lookup(SHOP))).toMatchObject({ server: 'b', state: 'active' });
    expect(right(await store.append(`routing-${SHOP}`, events(1, SHOP), 8)).nextVersion).toBe(9);
    expect(right(await b.readStream(`routing-${SHOP}`))).toHaveLength(9);
    expect(right(await a.readStream(`routing-${SHOP}`))).toHaveLength(8);
    expect(await readEverything(b)).toHaveLength(11);
    // The other shop did not move.
    expect(right(await store.readStream('routing-other'))).toHaveLength(4);
    expect(await readEverything(b, 'other')).toEqual([]);
  });

  it('refuses to move a shop back onto a server still holding its old copy, leaving it active where it is', async () => {
    const { shopMap, store } = setup();
    await writeShop(store);
    right(await moveShop({ store, shopMap, shopId: SHOP, to: 'b', pauseMs: 0 }));
    const refused = left(await moveShop({ store, shopMap, shopId: SHOP, to: 'a', pauseMs: 0 }));
    expect(refused).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'to', reason: expect.stringMatching(/already holds events/) }] });
    expect(right(await shopMap.lookup(SHOP))).toMatchObject({ server: 'b', state: 'active' });
    expect(right(await store.append(`routing-${SHOP}`, events(1, SHOP), 8)).nextVersion).toBe(9);
  });

  it('puts the shop back active on its old server when the target fails mid-copy', async () => {
    let appends = 0;
    const failing = (b: EventStore): EventStore => ({
      ...b,
      append: async (stream, evs, expected) => (++appends > 1 ? E.left({ _tag: 'StoreFailure', operation: 'append', message: 'connection lost' }) : b.append(stream, evs, expected)),
    });
    const { shopMap, store } = setup(failing);
    await writeShop(store);
    const failed = left(await moveShop({ store, shopMap, shopId: SHOP, to: 'b', pauseMs: 0 }));
    expect(failed).toMatchObject({ _tag: 'StoreFailure', message: 'connection lost' });
    expect(right(await shopMap.lookup(SHOP))).toMatchObject({ server: 'a', state: 'active' });
    expect(right(await store.append(`routing-${SHOP}`, events(1, SHOP), 8)).nextVersion).toBe(9);
  });

  it('does not switch when an event slipped onto the old server after the copy (the checksums differ)', async () => {
    let shopReads = 0;
    let inner: EventStore | undefined;
    const slipping = (a: EventStore): EventStore => {
      inner = a;
      return {
        ...a,
        readAll: async (o = {}) => {
          // The read after the copy's: a late append lands just before it.
          if (o.shopId === SHOP && ++shopReads === 2) right(await a.append(`routing-${SHOP}`, events(1, SHOP), 'any'));
          return a.readAll(o);
        },
      };
    };
    const { shopMap, store } = setup((b) => b, slipping);
    await writeShop(store);
    const failed = left(await moveShop({ store, shopMap, shopId: SHOP, to: 'b', pauseMs: 0 }));
    expect(failed).toMatchObject({ _tag: 'StoreFailure', message: expect.stringMatching(/checksums differ .*not switched/) });
    expect(right(await shopMap.lookup(SHOP))).toMatchObject({ server: 'a', state: 'active' });
    expect(right(await inner!.readStream(`routing-${SHOP}`))).toHaveLength(9);
  });

  it('refuses a target it cannot move to, a second move at once, and a store that is not sharded, naming each', async () => {
    const { shopMap, store, a } = setup();
    await writeShop(store);
    expect(left(await moveShop({ store, shopMap, shopId: SHOP, to: 'a' }))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'to' }] });
    expect(left(await moveShop({ store, shopMap, shopId: SHOP, to: 'z' }))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'to' }] });
    expect(left(await moveShop({ store, shopMap, shopId: 'not a shop!', to: 'b' }))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'shopId' }] });
    expect(left(await moveShop({ store, shopMap, shopId: SHOP, to: 'b', pauseMs: -5 }))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'pauseMs' }] });
    expect(left(await moveShop({ store: a as never, shopMap, shopId: SHOP, to: 'b' }))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'store' }] });
    expect(left(await moveShop({ store, shopMap: createInMemoryShopMap(), shopId: SHOP, to: 'b' }))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'shopMap' }] });
    const first = moveShop({ store, shopMap, shopId: SHOP, to: 'b', pauseMs: 50 });
    expect(left(await moveShop({ store, shopMap, shopId: SHOP, to: 'b' }))).toMatchObject({ _tag: 'StoreFailure', message: expect.stringMatching(/a move needs it active on a, but it is moving from a to b/) });
    right(await first);
  });

  it('moves a shop never written (its entry recorded first), with nothing to copy', async () => {
    const { shopMap, store } = setup();
    const report = right(await moveShop({ store, shopMap, shopId: 'brand-new', to: right(await store.serverOf('brand-new')) === 'a' ? 'b' : 'a', pauseMs: 0 }));
    expect(report.events).toBe(0);
    expect(right(await shopMap.lookup('brand-new'))).toMatchObject({ server: report.to, state: 'active' });
  });
});
