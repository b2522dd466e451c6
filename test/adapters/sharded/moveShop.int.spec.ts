/**
 * The cut-over end to end on two clusters of the suite's own: an engine (desk and
 * conversation modules) writes a shop on server a; the shop moves to b while another
 * process keeps writing to it: its writes during the pause are refused with a
 * StoreFailure and succeed afterwards, on b. The checksums match, the desk the engine
 * loads is the same before and after, and the old server keeps its copy. A target
 * that is unreachable, or that goes down mid-copy, leaves the shop active on a.
 */
import * as E from 'fp-ts/lib/Either.js';
import { expect, it } from 'vitest';
import type { EventStore } from '../../../src/adapters/eventStore.js';
import { summarizeLog } from '../../../src/adapters/logChecksum.js';
import { createPostgresEventStore } from '../../../src/adapters/postgres/index.js';
import { createPostgresShopMap, createShardedEventStore, moveShop } from '../../../src/adapters/sharded/index.js';
import { conversationModule } from '../../../src/domain/conversation/conversationModule.js';
import { deskModule, routingStream } from '../../../src/domain/desk/deskModule.js';
import { encodeDesk } from '../../../src/domain/desk/deskSnapshot.js';
import type { DeskState } from '../../../src/domain/desk/deskState.js';
import type { RecordedEvent } from '../../../src/domain/envelope.js';
import type { KefuError } from '../../../src/domain/errors.js';
import { createEngine } from '../../../src/engine.js';
import { desk } from '../../../src/testing/deskInputs.js';
import { asAppended, left, right } from '../../conformance/fixtures.js';
import { freshSchema } from '../postgres/pgTestSupport.js';
import { describeTwoClusters, type TwoClusters } from './shardedPgSupport.js';

const SHOP = 'acme-eu.main';
const CACHE_MS = 300;

/** One process: its own pools on both clusters, its own sharded store over the shared map table. */
const process_ = (clusters: TwoClusters, schemas: { a: string; b: string }, extra: Record<string, EventStore> = {}) => {
  const a = createPostgresEventStore({ connectionString: clusters.a.url, schema: schemas.a, maxConnections: 4 });
  const b = createPostgresEventStore({ connectionString: clusters.b.url, schema: schemas.b, maxConnections: 4 });
  const shopMap = createPostgresShopMap({ connectionString: clusters.a.url, schema: schemas.a });
  const store = createShardedEventStore({ servers: { a, b, ...extra }, shopMap, follow: 'a', cacheMs: CACHE_MS });
  const engine = createEngine({ store, modules: [deskModule, conversationModule], reactor: { mode: 'off' } });
  return {
    a,
    b,
    shopMap,
    store,
    engine,
    close: async () => {
      await engine.close();
      await store.close();
      await Promise.all([a.close(), b.close(), shopMap.close(), ...Object.values(extra).map((s) => s.close())]);
    },
  };
};

const customerMessage = (shopId: string, sessionId: string, n: number) => ({
  type: 'SendCustomerMessage',
  shopId,
  actor: { kind: 'customer', id: `cust-${sessionId}` },
  data: { sessionId, messageId: `m-${n}`, customerId: `cust-${sessionId}`, content: { kind: 'text', text: `hello ${n}` }, channel: 'app' },
});

const writeDesk = async (engine: ReturnType<typeof process_>['engine'], shopId: string) => {
  for (const agentId of ['a1', 'a2']) {
    right(await engine.dispatchUnknown(desk(shopId).registerAgent({ agentId, name: agentId, maxSessions: 3, role: 'agent' })));
    right(await engine.dispatchUnknown(desk(shopId).online(agentId)));
  }
  for (let i = 0; i < 5; i++) {
    right(await engine.dispatchUnknown(desk(shopId).open({ sessionId: `s${i}`, customerId: `c${i}`, channel: 'app' })));
    right(await engine.dispatchUnknown(customerMessage(shopId, `s${i}`, i)));
  }
};

const deskOf = async (engine: ReturnType<typeof process_>['engine'], shopId: string) => {
  const loaded = right(await engine.load(deskModule, routingStream(shopId)));
  return { version: loaded.version, desk: encodeDesk(loaded.state as DeskState) };
};

const shopSummary = (store: EventStore, shopId: string) => summarizeLog({ ...store, readAll: (o = {}) => store.readAll({ ...o, shopId }) });

describeTwoClusters('moveShop on two clusters', (clusters) => {
  it(
    'moves a shop written by an engine while another process keeps writing: refused during the pause, then on the new server, same desk',
    async () => {
      const schemas = { a: freshSchema('mva'), b: freshSchema('mvb') };
      const main = process_(clusters(), schemas);
      const other = process_(clusters(), schemas);
      try {
        right(await main.shopMap.assign(SHOP, 'a'));
        await writeDesk(main.engine, SHOP);
        const before = await deskOf(main.engine, SHOP);
        const sourceBefore = right(await shopSummary(main.a, SHOP));

        // The other process writes to the shop (new conversations) until told to stop.
        const outcomes: { at: number; result: E.Either<KefuError, unknown> }[] = [];
        let writing = true;
        const writer = (async () => {
          for (let n = 0; writing; n++) {
            outcomes.push({ at: Date.now(), result: await other.engine.dispatchUnknown(customerMessage(SHOP, `w${n}`, n)) });
            await new Promise((r) => setTimeout(r, 20));
          }
        })();
        await new Promise((r) => setTimeout(r, 150));
        const movedFrom = Date.now();
        const report = right(await moveShop({ store: main.store, shopMap: main.shopMap, shopId: SHOP, to: 'b' }));
        const movedAt = Date.now();
        // Writes resume in the other process within its cacheMs; a few more, then stop.
        const writtenAfter = () => outcomes.filter((o) => o.at > movedAt && E.isRight(o.result)).length;
        for (const until = Date.now() + 5000; writtenAfter() < 3 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
        writing = false;
        await writer;

        expect(report).toMatchObject({ shopId: SHOP, from: 'a', to: 'b' });
        expect(report.pausedMs).toBeGreaterThanOrEqual(CACHE_MS + 500);
        const refused = outcomes.filter((o) => E.isLeft(o.result));
        expect(refused.length).toBeGreaterThan(0);
        for (const o of refused) {
          expect(o.result).toMatchObject({ _tag: 'Left', left: { _tag: 'StoreFailure', message: `shop ${SHOP} is moving to server b: writes paused` } });
          expect(o.at).toBeGreaterThanOrEqual(movedFrom);
        }
        expect(writtenAfter()).toBeGreaterThanOrEqual(3);
        // Nothing was refused after the switch had reached the other process (its cache bound).
        expect(refused.every((o) => o.at <= movedAt + CACHE_MS)).toBe(true);

        // The copy: the checksum of the shop's log on a (frozen since the pause) equals the report's and b's prefix.
        const onA = right(await shopSummary(main.a, SHOP));
        expect(onA.checksum).toBe(report.checksum);
        expect(onA.events).toBe(report.events);
        expect(report.events).toBeGreaterThanOrEqual(sourceBefore.events);
        // On b: the copy first, in a's order, then only writes made after the switch; no accepted write is lost.
        const aEvents = right(await main.a.readAll({ shopId: SHOP }));
        const bEvents = right(await main.b.readAll({ shopId: SHOP }));
        expect(bEvents.slice(0, aEvents.length).map(asAppended)).toEqual(aEvents.map(asAppended));
        const stored = new Set(bEvents.map((e) => e.metadata.eventId));
        const accepted = outcomes.flatMap((o) => (E.isRight(o.result) ? (o.result.right as { events: readonly RecordedEvent[] }).events : []));
        for (const e of accepted) expect(stored.has(e.metadata.eventId)).toBe(true);

        // The engine's desk after the move (read from b) is the desk before it.
        const fresh = process_(clusters(), schemas);
        try {
          expect(await deskOf(fresh.engine, SHOP)).toEqual(before);
          expect(await deskOf(main.engine, SHOP)).toEqual(before);
          // Reads and writes go to b now.
          right(await main.engine.dispatchUnknown(desk(SHOP).open({ sessionId: 'after', customerId: 'c-after', channel: 'app' })));
          expect(right(await main.b.streamVersion(routingStream(SHOP)))).toBe(before.version + 1);
          expect(right(await main.a.streamVersion(routingStream(SHOP)))).toBe(before.version);
          expect(right(await fresh.store.serverOf(SHOP))).toBe('b');
        } finally {
          await fresh.close();
        }
      } finally {
        await other.close();
        await main.close();
      }
    },
    60_000,
  );

  it(
    'leaves the shop active on its old server when the target is unreachable, or goes down mid-copy',
    async () => {
      const schemas = { a: freshSchema('mfa'), b: freshSchema('mfb') };
      const unreachable = createPostgresEventStore({ connectionString: 'postgres://postgres@127.0.0.1:1/none', schema: 'kefu_gone', connectionTimeoutMs: 500 });
      const main = process_(clusters(), schemas, { gone: unreachable });
      try {
        right(await main.shopMap.assign(SHOP, 'a'));
        await writeDesk(main.engine, SHOP);
        const before = await deskOf(main.engine, SHOP);
        const failed = left(await moveShop({ store: main.store, shopId: SHOP, to: 'gone', pauseMs: 0 }));
        expect(failed._tag).toBe('StoreFailure');
        expect(right(await main.shopMap.lookup(SHOP))).toMatchObject({ server: 'a', state: 'active' });
        right(await main.engine.dispatchUnknown(customerMessage(SHOP, 'after-gone', 1)));

        // Cluster b stops (the crash) once the copy has appended its first stream there.
        const b = clusters().b;
        const crashing = crashAfterFirstAppend(main.b, () => b.stop('immediate'));
        const crashStore = createShardedEventStore({ servers: { a: main.a, b: crashing }, shopMap: main.shopMap, follow: 'a', cacheMs: CACHE_MS });
        const midCopy = left(await moveShop({ store: crashStore, shopMap: main.shopMap, shopId: SHOP, to: 'b', pauseMs: 0, pageSize: 2 }));
        expect(midCopy._tag).toBe('StoreFailure');
        b.start();
        expect(right(await main.shopMap.lookup(SHOP))).toMatchObject({ server: 'a', state: 'active' });
        const after = await deskOf(main.engine, SHOP);
        expect(after).toEqual(before);
        right(await main.engine.dispatchUnknown(desk(SHOP).open({ sessionId: 'still-a', customerId: 'c9', channel: 'app' })));
        expect(right(await main.a.streamVersion(routingStream(SHOP)))).toBe(before.version + 1);
        await crashStore.close();
      } finally {
        await main.close();
      }
    },
    60_000,
  );
});

const crashAfterFirstAppend = (store: EventStore, crash: () => void): EventStore => {
  let appends = 0;
  return {
    ...store,
    append: async (stream, evs, expected) => {
      const result = await store.append(stream, evs, expected);
      if (++appends === 1) crash();
      return result;
    },
  };
};

