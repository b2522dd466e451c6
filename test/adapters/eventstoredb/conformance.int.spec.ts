/**
 * The EventStoreDB store against a real server: the shared conformance suites,
 * then what only this adapter promises (positions are commit positions,
 * snapshots keep one event and stay out of the log, namespaces isolate stores).
 *
 * Runs only when KEFU_ESDB_URL names a server, e.g.
 *   docker run -d --name kefu-esdb -p 2113:2113 eventstore/eventstore:24.10 --insecure --run-projections=All --enable-atom-pub-over-http
 *   KEFU_ESDB_URL='esdb://localhost:2113?tls=false' npx vitest run test/adapters/eventstoredb
 * Every store gets a namespace of its own, so runs never see each other's events.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BACKWARDS,
  END,
  connectWith,
  jsonEvent,
  type EsdbClient,
} from '../../../src/adapters/eventstoredb/client.js';
import { binaryEvent } from './clientForTests.js';
import { createEventStoreDbEventStore, type EventStoreDbEventStore } from '../../../src/adapters/eventstoredb/index.js';
import { eventStoreConformance } from '../../conformance/eventStore.conformance.js';
import { events, left, metadata, readEverything, right, uniqueStream } from '../../conformance/fixtures.js';
import { projectionStateStoreConformance } from '../../conformance/projectionStateStore.conformance.js';

const url = process.env['KEFU_ESDB_URL'];
const HOW_TO_RUN =
  "set KEFU_ESDB_URL to a server, e.g. KEFU_ESDB_URL='esdb://localhost:2113?tls=false' npx vitest run test/adapters/eventstoredb (docs/storage/eventstoredb.md)";
if (!url) console.warn(`EventStoreDB conformance suite skipped: KEFU_ESDB_URL is not set; ${HOW_TO_RUN}`);

// Created on first use, so that nothing connects when the suite is skipped.
let client: EsdbClient | undefined;
const shared = (): EsdbClient => (client ??= connectWith(url as string));

const run = Math.random().toString(36).slice(2, 10);
let stores = 0;
const freshNamespace = () => `kefu-test-${run}-${++stores}-`;
const freshStore = (): EventStoreDbEventStore => createEventStoreDbEventStore({ client: shared() }, { namespace: freshNamespace() });

const title = url ? `EventStoreDB at ${url}` : `EventStoreDB (skipped: KEFU_ESDB_URL is not set; ${HOW_TO_RUN})`;

describe.skipIf(!url)(title, () => {
  afterAll(async () => {
    await client?.dispose();
  });

  eventStoreConformance({
    name: 'eventstoredb',
    create: async () => freshStore(),
    // A binary event of bytes that are not JSON, written past the adapter into the store's event stream.
    insertCorruptEvent: async (store, stream) => {
      const { naming } = store as EventStoreDbEventStore;
      await shared().appendToStream(
        naming.eventStream(stream),
        binaryEvent({ type: 'Corrupt', data: Buffer.from('{not json'), metadata: { ...metadata(), schemaVersion: 1 } }),
      );
    },
    propertyRuns: 10,
  });

  projectionStateStoreConformance('eventstoredb', async () => freshStore());

  describe('eventstoredb specifics', () => {
    it('uses the EventStoreDB commit position of each event as its global position', async () => {
      const store = freshStore();
      const stream = uniqueStream();
      const appended = right(await store.append(stream, events(3), 'no_stream'));
      const seen = new Map<string, bigint>();
      for await (const resolved of shared().readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1000 })) {
        if (resolved.event?.streamId === store.naming.eventStream(stream)) seen.set(String(resolved.event.revision), resolved.event.position.commit);
      }
      expect(appended.events.map((e) => e.globalPosition)).toEqual(['0', '1', '2'].map((r) => Number(seen.get(r))));
      await store.close();
    });

    it('keeps one snapshot per stream, limited by $maxCount, out of the global log', async () => {
      const store = freshStore();
      const stream = uniqueStream();
      right(await store.append(stream, events(2), 'no_stream'));
      for (const version of [1, 2, 3]) right(await store.saveSnapshot(stream, { version, schemaVersion: 1, state: { version } }));
      right(await store.saveProjection('board', { position: 9, schemaVersion: 1, state: [] }));
      expect(right(await store.loadSnapshot(stream))).toEqual({ version: 3, schemaVersion: 1, state: { version: 3 } });
      const limits = await shared().getStreamMetadata(store.naming.snapshotStream(stream));
      expect(limits.metadata?.maxCount).toBe(1);
      expect((await shared().getStreamMetadata(store.naming.projectionStream('board'))).metadata?.maxCount).toBe(1);
      expect((await readEverything(store)).map((e) => e.stream)).toEqual([stream, stream]);
      await store.close();
    });

    it('keeps stores with different namespaces apart on one server', async () => {
      const a = freshStore();
      const b = freshStore();
      right(await a.append('shared-name', events(2), 'no_stream'));
      right(await b.append('shared-name', events(1), 'no_stream'));
      expect(right(await a.streamVersion('shared-name'))).toBe(2);
      expect(await readEverything(b)).toHaveLength(1);
      await Promise.all([a.close(), b.close()]);
    });

    it('names the metadata of an event written without it', async () => {
      const store = freshStore();
      const stream = uniqueStream();
      await shared().appendToStream(store.naming.eventStream(stream), jsonEvent({ type: 'Bare', data: { n: 1 } }));
      expect(left(await store.readStream(stream))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'metadata' }] });
      await store.close();
    });

    it('uses a UUID eventId as the EventStoreDB event id, so resending the same append is idempotent', async () => {
      const store = freshStore();
      const stream = uniqueStream();
      const batch = [{ type: 'Once', schemaVersion: 1, data: { n: 1 }, metadata: metadata('shop-1', { eventId: randomUUID() }) }];
      const first = right(await store.append(stream, batch, 'no_stream'));
      const again = right(await store.append(stream, batch, 'no_stream'));
      expect(again).toEqual(first);
      expect(right(await store.readStream(stream))).toHaveLength(1);
      const ids: string[] = [];
      for await (const resolved of shared().readStream(store.naming.eventStream(stream))) ids.push(resolved.event?.id ?? '');
      expect(ids).toEqual([batch[0]!.metadata.eventId]);
      await store.close();
    });

    it('disposes a client it created, and answers with StoreFailure afterwards', async () => {
      const store = createEventStoreDbEventStore({ connectionString: url as string }, { namespace: freshNamespace() });
      right(await store.append(uniqueStream(), events(1), 'no_stream'));
      await store.close();
      await store.close();
      expect(left(await store.readAll())).toMatchObject({ _tag: 'StoreFailure', message: 'the store is closed' });
    });
  });
});
