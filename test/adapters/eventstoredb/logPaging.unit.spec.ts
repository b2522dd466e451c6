/**
 * Paging through kefu's events in `$all`, checked on a synthetic `$all` that
 * mixes kefu's events with snapshots, other namespaces and system streams. The
 * synthetic reader does what the server's forward read does (reading from a
 * position includes the event at that position, AllReader.ReadAllEventsForward);
 * the real server is exercised by the conformance suite.
 */
import { fc, test } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { START, jsonEvent, type Position } from '../../../src/adapters/eventstoredb/client.js';
import { binaryEvent } from './clientForTests.js';
import { toEsdbEvent } from '../../../src/adapters/eventstoredb/eventMapping.js';
import { MIN_BATCH, readLogPage, type BatchReader, type PageRequest } from '../../../src/adapters/eventstoredb/logPaging.js';
import { streamNaming } from '../../../src/adapters/eventstoredb/naming.js';
import type { StoredEvent } from '../../../src/adapters/eventstoredb/storedEvent.js';
import { readBack } from './wire.js';

const naming = streamNaming('kefu-t-');
const SHOPS = ['shop-a', 'shop-b', 'shop-c'];

type Entry = { readonly kind: 'kefu'; readonly stream: number; readonly shop: number } | { readonly kind: 'other'; readonly which: number };

const entryArb: fc.Arbitrary<Entry> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('kefu' as const), stream: fc.nat(3), shop: fc.nat(SHOPS.length - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('other' as const), which: fc.nat(3) }) },
);

const metadataOf = (shop: string, n: number) => ({
  eventId: `evt-${n}`,
  shopId: shop,
  actor: { kind: 'system' as const },
  occurredAt: n,
  correlationId: `c-${n}`,
  causationId: `c-${n}`,
});

/** Builds a synthetic `$all` from `entries`, positions growing by uneven steps as byte offsets do. */
const buildLog = (entries: readonly Entry[], gaps: readonly number[] = []): StoredEvent[] => {
  const revisions = new Map<string, bigint>();
  let commit = 100n;
  return entries.map((entry, i) => {
    commit += BigInt(1 + (gaps[i] ?? 37));
    const position: Position = { commit, prepare: commit };
    const next = (stream: string) => {
      const revision = revisions.get(stream) ?? 0n;
      revisions.set(stream, revision + 1n);
      return revision;
    };
    if (entry.kind === 'kefu') {
      const streamId = naming.eventStream(`s${entry.stream}`);
      const written = toEsdbEvent({ type: 'Happened', schemaVersion: 1, data: { i }, metadata: metadataOf(SHOPS[entry.shop]!, i) });
      return readBack(written, { streamId, revision: next(streamId), position });
    }
    // Streams that are not this store's events: its snapshots, another namespace (also undecodable), system streams.
    const streamId = [naming.snapshotStream('s0'), 'kefu-other-stream-s0', '$stats-127.0.0.1:2113', '$$kefu-t-snapshot-s0'][entry.which]!;
    const written =
      entry.which === 1
        ? binaryEvent({ type: 'Foreign', data: Buffer.from('not json at all') })
        : jsonEvent({ type: entry.which === 2 ? '$statsCollected' : 'kefu-snapshot', data: { version: 1 } });
    return readBack(written, { streamId, revision: next(streamId), position });
  });
};

/**
 * A reader over `log` that records each batch asked for and how much of it was
 * consumed. Like the server, it reads from the start or from the exact position
 * of a record; any other position is refused (the server cannot read from the
 * middle of a record).
 */
const readerOver = (log: readonly StoredEvent[]) => {
  const batches: { count: number; served: number; consumed: number }[] = [];
  const readBatch: BatchReader = (from, count) => {
    const start = from === START ? 0 : log.findIndex((e) => e.position!.commit === (from as Position).commit);
    if (start < 0) throw new Error(`no record at ${JSON.stringify(from, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`);
    const slice = log.slice(start, start + count);
    const batch = { count, served: slice.length, consumed: 0 };
    batches.push(batch);
    return (async function* () {
      for (const event of slice) {
        batch.consumed++;
        yield { event };
      }
    })();
  };
  return { readBatch, batches };
};

const positionsOf = (log: readonly StoredEvent[], shopId?: string) =>
  log
    .filter((e) => naming.kefuStream(e.streamId) !== undefined)
    .filter((e) => shopId === undefined || (e.metadata as { shopId: string }).shopId === shopId)
    .map((e) => Number(e.position!.commit));

const right = <A>(either: E.Either<unknown, A>): A => {
  if (E.isLeft(either)) throw new Error(`expected Right, got ${JSON.stringify(either.left)}`);
  return either.right;
};

describe('paging through $all', () => {
  test.prop([
    fc.array(entryArb, { maxLength: 3 * MIN_BATCH }),
    fc.array(fc.nat(5000), { maxLength: 3 * MIN_BATCH }),
    fc.option(fc.integer({ min: 1, max: 2 * MIN_BATCH }), { nil: undefined }),
    fc.option(fc.constantFrom(...SHOPS), { nil: undefined }),
  ])('returns every event of the store (of the shop) once, in order, whatever the page size (property)', async (entries, gaps, pageSize, shopId) => {
    const log = buildLog(entries, gaps);
    const { readBatch, batches } = readerOver(log);
    const seen: number[] = [];
    let after = 0;
    for (;;) {
      const request: PageRequest = { after, limit: pageSize, shopId };
      const page = right(await readLogPage(readBatch, naming, request));
      seen.push(...page.events.map((e) => e.globalPosition));
      for (const e of page.events) expect(shopId === undefined || e.metadata.shopId === shopId).toBe(true);
      const last = page.events[page.events.length - 1];
      // Everything of the shop up to scannedThrough has been returned by now.
      expect(page.scannedThrough).toBeGreaterThanOrEqual(last?.globalPosition ?? after);
      expect(positionsOf(log, shopId).filter((p) => p > after && p <= page.scannedThrough)).toEqual(page.events.map((e) => e.globalPosition));
      if (pageSize === undefined || page.events.length < pageSize) break;
      after = last!.globalPosition;
    }
    expect(seen).toEqual(positionsOf(log, shopId));
    // Every batch is read to its end, so no read is left open on the client.
    for (const batch of batches) expect(batch.consumed).toBe(batch.served);
  });

  it('reads as many batches as it takes to fill a page past other streams', async () => {
    const entries: Entry[] = [
      { kind: 'kefu', stream: 0, shop: 0 },
      ...Array.from({ length: 3 * MIN_BATCH }, (): Entry => ({ kind: 'other', which: 2 })),
      { kind: 'kefu', stream: 0, shop: 0 },
    ];
    const log = buildLog(entries);
    const { readBatch, batches } = readerOver(log);
    const page = right(await readLogPage(readBatch, naming, { after: 0, limit: 2, shopId: undefined }));
    expect(page.events.map((e) => e.streamVersion)).toEqual([1, 2]);
    expect(batches.length).toBeGreaterThan(1);
  });

  it('reads nothing for a page of 0 events', async () => {
    const { readBatch, batches } = readerOver(buildLog([{ kind: 'kefu', stream: 0, shop: 0 }]));
    expect(right(await readLogPage(readBatch, naming, { after: 0, limit: 0, shopId: undefined })).events).toEqual([]);
    expect(batches).toEqual([]);
  });

  it('names an undecodable event of the store, and ignores other streams it cannot decode', async () => {
    const log = buildLog([
      { kind: 'other', which: 1 },
      { kind: 'kefu', stream: 1, shop: 0 },
    ]);
    expect(right(await readLogPage(readerOver(log).readBatch, naming, { after: 0, limit: undefined, shopId: undefined })).events).toHaveLength(1);
    const damaged = { ...log[1]!, metadata: undefined };
    const result = await readLogPage(readerOver([log[0]!, damaged]).readBatch, naming, { after: 0, limit: undefined, shopId: undefined });
    expect(result).toMatchObject(E.left({ _tag: 'ValidationError', source: 'event kefu-t-stream-s1@0', issues: [{ path: 'metadata' }] }));
  });

  it('turns a failing read into a StoreFailure of the operation', async () => {
    const failing: BatchReader = () => ({
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(Object.assign(new Error('connection lost'), { type: 'unavailable' })) }),
    });
    expect(await readLogPage(failing, naming, { after: 0, limit: 10, shopId: undefined }, 'subscribe')).toEqual(
      E.left({ _tag: 'StoreFailure', operation: 'subscribe', message: 'EventStoreDB unavailable: connection lost' }),
    );
  });
});
