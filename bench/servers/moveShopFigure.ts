/**
 * The cut-over measured: a shop of 20,000 events (2,000 streams of 10, about 300
 * bytes of data each) written to one server through the sharded store, then moved
 * to another with moveShop (writes paused, copyLog, checksums compared, switched).
 * The figure is how long the shop's writes were paused; the report's counts are checked.
 */
import * as E from 'fp-ts/lib/Either.js';
import { createPostgresEventStore } from '../../src/adapters/postgres/index.js';
import { createPostgresShopMap, createShardedEventStore, moveShop, type MoveShopReport } from '../../src/adapters/sharded/index.js';
import type { EventToAppend } from '../../src/domain/envelope.js';
import type { PgCluster } from '../../test/support/pgClusters.js';
import { check } from '../lib/measure.js';

const STREAMS = 2_000;
const PER_STREAM = 10;
const SHOP = 'moving-shop';

const eventOf = (stream: number, i: number): EventToAppend => ({
  type: 'MessageNoted',
  schemaVersion: 1,
  data: { stream, i, text: 'x'.repeat(240) },
  metadata: { eventId: `e-${stream}-${i}`, shopId: SHOP, actor: { kind: 'system' }, occurredAt: 1_767_600_000_000 + i, correlationId: `c-${stream}`, causationId: `c-${stream}` },
});

export const measureMoveShop = async (from: PgCluster, to: PgCluster): Promise<MoveShopReport> => {
  const schema = 'servers_move';
  const servers = { a: createPostgresEventStore({ connectionString: from.url, schema }), b: createPostgresEventStore({ connectionString: to.url, schema }) };
  for (const store of Object.values(servers)) check(E.isRight(await store.ready()), `migrations of ${schema}`);
  const shopMap = createPostgresShopMap({ connectionString: from.url, schema });
  const store = createShardedEventStore({ servers, shopMap, follow: 'a' });
  try {
    check(E.isRight(await shopMap.assign(SHOP, 'a')), `placing ${SHOP} on a`);
    for (let s = 0; s < STREAMS; s++) {
      const appended = await store.append(`notes-${SHOP}-${s}`, Array.from({ length: PER_STREAM }, (_, i) => eventOf(s, i)), 'no_stream');
      check(E.isRight(appended), `stream ${s} written`);
    }
    const moved = await moveShop({ store, shopId: SHOP, to: 'b' });
    if (E.isLeft(moved)) throw new Error(`moveShop failed: ${JSON.stringify(moved.left)}`);
    check(moved.right.events === STREAMS * PER_STREAM && moved.right.streams === STREAMS, `${moved.right.events} events in ${moved.right.streams} streams moved`);
    return moved.right;
  } finally {
    await store.close();
    await shopMap.close();
    for (const s of Object.values(servers)) await s.close();
  }
};
