/**
 * The event store conformance suite. Every adapter's spec calls
 * `eventStoreConformance(factory)`; nothing here knows which adapter it tests.
 * `create()` must return a new, empty store each time.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventStore, Snapshot } from '../../src/adapters/eventStore.js';
import { appendArb, readBackChecker } from '../adapters/appendableInputs.js';
import type { EventToAppend } from '../../src/domain/envelope.js';
import type { ExpectedVersion } from '../../src/domain/errors.js';
import {
  asAppended,
  collector,
  event,
  events,
  left,
  metadata,
  readEverything,
  right,
  uniqueShop,
  uniqueStream,
  unsavableRecords,
} from './fixtures.js';

export interface StoreFactory {
  readonly name: string;
  readonly create: () => Promise<EventStore>;
  /** Writes a row that cannot be decoded, bypassing the adapter's checks; absent where that is impossible. */
  readonly insertCorruptEvent?: (store: EventStore, stream: string) => Promise<void>;
  /** Fewer fast-check runs for slow (networked) stores. */
  readonly propertyRuns?: number;
}

export const eventStoreConformance = (factory: StoreFactory): void => {
  const open: EventStore[] = [];
  const fresh = async () => {
    const store = await factory.create();
    open.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  const runs = factory.propertyRuns ?? 25;

  describe(`${factory.name}: appending and reading a stream`, () => {
    it('numbers a new stream from version 1 and returns the stored events', async () => {
      const store = await fresh();
      const stream = uniqueStream();
      const batch = events(3);
      const result = right(await store.append(stream, batch, 'no_stream'));
      expect(result.nextVersion).toBe(3);
      expect(result.events.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      expect(result.lastPosition).toBe(result.events[2]!.globalPosition);
      expect(result.events.map(asAppended)).toEqual(batch);
      const read = right(await store.readStream(stream));
      expect(read).toEqual(result.events);
      expect(right(await store.streamVersion(stream))).toBe(3);
    });

    it('reads a missing stream as empty at version 0', async () => {
      const store = await fresh();
      expect(right(await store.readStream(uniqueStream()))).toEqual([]);
      expect(right(await store.streamVersion(uniqueStream()))).toBe(0);
    });

    it('reads a range of a stream from a version, at most maxCount events', async () => {
      const store = await fresh();
      const stream = uniqueStream();
      right(await store.append(stream, events(10), 'no_stream'));
      const range = right(await store.readStream(stream, { fromVersion: 4, maxCount: 3 }));
      expect(range.map((e) => e.streamVersion)).toEqual([4, 5, 6]);
      expect(right(await store.readStream(stream, { fromVersion: 11 }))).toEqual([]);
      expect(right(await store.readStream(stream, { fromVersion: 9 })).map((e) => e.streamVersion)).toEqual([9, 10]);
    });

    it('treats appending no events as a version check that writes nothing', async () => {
      const store = await fresh();
      const stream = uniqueStream();
      right(await store.append(stream, events(2), 'no_stream'));
      expect(right(await store.append(stream, [], 2)).nextVersion).toBe(2);
      expect(left(await store.append(stream, [], 5))).toMatchObject({ _tag: 'ConcurrencyConflict', actual: 2 });
      expect(right(await store.streamVersion(stream))).toBe(2);
      expect(await readEverything(store)).toHaveLength(2);
    });

    it("answers an empty append with the position of the stream's last event, not the head of the log (AppendResult.lastPosition)", async () => {
      // PostgreSQL answered the stream's last position, memory and SQLite the head of the whole log.
      const store = await fresh();
      const stream = uniqueStream();
      const stored = right(await store.append(stream, events(3), 'no_stream'));
      right(await store.append(uniqueStream(), events(2), 'no_stream'));
      expect(right(await store.append(stream, [], 'exists'))).toEqual({ nextVersion: 3, lastPosition: stored.lastPosition, events: [] });
      expect(right(await store.append(stream, [], 'any'))).toEqual({ nextVersion: 3, lastPosition: stored.lastPosition, events: [] });
      expect(right(await store.append(uniqueStream(), [], 'no_stream'))).toEqual({ nextVersion: 0, lastPosition: 0, events: [] });
      expect(left(await store.append(uniqueStream(), [], 'exists'))).toMatchObject({ _tag: 'ConcurrencyConflict', actual: 0 });
    });
  });

  describe(`${factory.name}: expected versions`, () => {
    // [stream version before, expected, accepted?]
    const matrix: [number, ExpectedVersion, boolean][] = [
      [0, 'any', true],
      [0, 'no_stream', true],
      [0, 'exists', false],
      [0, 0, true],
      [0, 1, false],
      [2, 'any', true],
      [2, 'no_stream', false],
      [2, 'exists', true],
      [2, 2, true],
      [2, 1, false],
      [2, 3, false],
      [2, 0, false],
    ];
    it.each(matrix)('a stream at version %s with expected %s: accepted = %s', async (before, expected, accepted) => {
      const store = await fresh();
      const stream = uniqueStream();
      if (before > 0) right(await store.append(stream, events(before), 'no_stream'));
      const result = await store.append(stream, events(1), expected);
      if (accepted) {
        expect(right(result).nextVersion).toBe(before + 1);
      } else {
        const conflict = left(result);
        expect(conflict).toMatchObject({ _tag: 'ConcurrencyConflict', stream, expected, actual: before });
        expect(right(await store.streamVersion(stream))).toBe(before);
        expect(right(await store.readStream(stream))).toHaveLength(before);
      }
    });

    it('lets exactly one of many concurrent appends with the same expected version win', async () => {
      const store = await fresh();
      const stream = uniqueStream();
      right(await store.append(stream, events(1), 'no_stream'));
      const contenders = Array.from({ length: 8 }, (_, i) => [event('Contended', { contender: i }), event('Contended', { contender: i })]);
      const results = await Promise.all(contenders.map((batch) => store.append(stream, batch, 1)));
      const winners = results.filter((r) => r._tag === 'Right');
      const losers = results.filter((r) => r._tag === 'Left');
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(7);
      for (const l of losers) expect(left(l)).toMatchObject({ _tag: 'ConcurrencyConflict', actual: 3 });
      const stored = right(await store.readStream(stream));
      expect(stored.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      const winner = results.indexOf(winners[0]!);
      expect(stored.slice(1).map(asAppended)).toEqual(contenders[winner]);
      const all = await readEverything(store);
      expect(all).toHaveLength(3);
    });

    it('lets concurrent appends to different streams all succeed with distinct positions', async () => {
      const store = await fresh();
      const streams = Array.from({ length: 12 }, () => uniqueStream());
      const results = await Promise.all(streams.map((s) => store.append(s, events(3), 'no_stream')));
      const positions = results.flatMap((r) => right(r).events.map((e) => e.globalPosition));
      expect(new Set(positions).size).toBe(36);
      const all = await readEverything(store);
      expect(all.map((e) => e.globalPosition)).toEqual([...positions].sort((a, b) => a - b));
    });
  });

  describe(`${factory.name}: the global log`, () => {
    it('pages through every event in strictly increasing positions', async () => {
      const store = await fresh();
      const a = uniqueStream('a');
      const b = uniqueStream('b');
      right(await store.append(a, events(5), 'no_stream'));
      right(await store.append(b, events(4), 'no_stream'));
      right(await store.append(a, events(3), 5));
      const all = await readEverything(store, undefined, 4);
      expect(all).toHaveLength(12);
      for (let i = 1; i < all.length; i++) expect(all[i]!.globalPosition).toBeGreaterThan(all[i - 1]!.globalPosition);
      expect(all.map((e) => e.stream)).toEqual([...Array(5).fill(a), ...Array(4).fill(b), ...Array(3).fill(a)]);
      const tail = right(await store.readAll({ after: all[8]!.globalPosition }));
      expect(tail).toEqual(all.slice(9));
    });

    it('keeps every stream intact and the log strictly ordered over any sequence of appends (property)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 15 }),
          async (plan) => {
            const store = await fresh();
            const names = [0, 1, 2, 3].map((i) => uniqueStream(`p${i}`));
            const expected = new Map<string, unknown[]>();
            for (const [which, size] of plan) {
              const stream = names[which]!;
              const batch = events(size);
              const before = expected.get(stream) ?? [];
              right(await store.append(stream, batch, before.length));
              expected.set(stream, [...before, ...batch]);
            }
            const all = await readEverything(store, undefined, 7);
            for (let i = 1; i < all.length; i++) expect(all[i]!.globalPosition).toBeGreaterThan(all[i - 1]!.globalPosition);
            for (const [stream, batch] of expected) {
              expect(all.filter((e) => e.stream === stream).map(asAppended)).toEqual(batch);
              expect(right(await store.readStream(stream)).map(asAppended)).toEqual(batch);
            }
            await store.close();
          },
        ),
        { numRuns: runs },
      );
    });

    it('isolates shops: a shop reads only its own events', async () => {
      const store = await fresh();
      const shopA = uniqueShop();
      const shopB = uniqueShop();
      right(await store.append(uniqueStream(), events(3, shopA), 'no_stream'));
      right(await store.append(uniqueStream(), events(2, shopB), 'no_stream'));
      right(await store.append(uniqueStream(), events(1, shopA), 'no_stream'));
      const ofA = await readEverything(store, shopA, 2);
      expect(ofA).toHaveLength(4);
      expect(ofA.every((e) => e.metadata.shopId === shopA)).toBe(true);
      const ofB = right(await store.readAll({ shopId: shopB, after: ofA[0]!.globalPosition }));
      expect(ofB).toHaveLength(2);
    });
  });

  describe(`${factory.name}: data and metadata round-trip unchanged`, () => {
    it('keeps unicode, control characters, large and nested payloads', async () => {
      const store = await fresh();
      const stream = uniqueStream();
      const payloads = [
        { text: '你好，欢迎光临 👋🏽 e\u0301 \u202e עברית', nul: 'a\u0000b', newline: 'x\ny\r\tz', quote: `"'\\` },
        { big: 'x'.repeat(1_000_000) },
        { deep: { a: [1, { b: [2, { c: [3, { d: null }] }] }], e: true, f: false }, empty: {}, list: [] },
        { numbers: [0, -1, 1.5, -2.25, 1e21, 2 ** 53 - 1, -(2 ** 53 - 1), 0.1 + 0.2] },
        ['a', 1, null, { k: 'v' }],
        'just a string',
        12345,
        null,
      ];
      const batch = payloads.map((data, i) => ({
        type: `Payload${i}`,
        schemaVersion: 3,
        data,
        metadata: metadata('shop-unicode', { actor: { kind: 'customer', id: 'c-1' } }),
      }));
      right(await store.append(stream, batch, 'no_stream'));
      const read = right(await store.readStream(stream));
      expect(read.map(asAppended)).toEqual(batch);
    });

    it('returns any JSON value as it was given (property)', async () => {
      const store = await fresh();
      const stream = uniqueStream();
      let version = 0;
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), async (data) => {
          const one = { type: 'Any', schemaVersion: 1, data, metadata: metadata() };
          right(await store.append(stream, [one], version));
          version++;
          const [read] = right(await store.readStream(stream, { fromVersion: version }));
          // JSON has no negative zero: every durable store gives back 0.
          expect(asAppended(read!)).toEqual(JSON.parse(JSON.stringify(one)));
        }),
        { numRuns: runs * 4 },
      );
    });
  });

  describe(`${factory.name}: what it accepts, its reader reads back`, () => {
    it('reads back every append it accepted, equal and decodable, over inputs at the edges of every check (property)', async () => {
      // A blank stream name and metadata read twice were accepted and then refused by the store's own reader.
      const store = await fresh();
      const check = readBackChecker(store);
      await fc.assert(fc.asyncProperty(appendArb, check), { numRuns: runs * 8 });
    });
  });

  describe(`${factory.name}: subscriptions`, () => {
    it('catches up with stored events, then delivers live ones, in order', async () => {
      const store = await fresh();
      const stream = uniqueStream();
      right(await store.append(stream, events(5), 'no_stream'));
      const got = collector();
      const sub = store.subscribe({ handler: got.handler, batchSize: 2 });
      await got.until(5);
      right(await store.append(stream, events(3), 5));
      await got.until(8);
      await sub.stop();
      expect(got.seen.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(right(await sub.done)).toBeUndefined();
    });

    it('delivers events appended during catch-up exactly once', async () => {
      const store = await fresh();
      const stream = uniqueStream();
      right(await store.append(stream, events(6), 'no_stream'));
      let appendedDuringCatchUp = false;
      const got = collector();
      const sub = store.subscribe({
        batchSize: 2,
        handler: async (e) => {
          got.handler(e);
          if (e.streamVersion === 2 && !appendedDuringCatchUp) {
            appendedDuringCatchUp = true;
            right(await store.append(stream, events(4), 'exists'));
          }
        },
      });
      await got.until(10);
      await sub.stop();
      expect(got.seen.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });

    it('restarted from its checkpoint, misses nothing and repeats nothing', async () => {
      const store = await fresh();
      const stream = uniqueStream();
      right(await store.append(stream, events(4), 'no_stream'));
      const first = collector();
      const sub1 = store.subscribe({ handler: first.handler });
      await first.until(4);
      await sub1.stop();
      const checkpoint = sub1.position();
      expect(checkpoint).toBe(first.seen[3]!.globalPosition);
      right(await store.append(stream, events(3), 4));
      const second = collector();
      const sub2 = store.subscribe({ after: checkpoint, handler: second.handler });
      await second.until(3);
      right(await store.append(stream, events(1), 7));
      await second.until(4);
      await sub2.stop();
      const versions = [...first.seen, ...second.seen].map((e) => e.streamVersion);
      expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    });

    it('stops on a failing handler, before the failing event', async () => {
      const store = await fresh();
      right(await store.append(uniqueStream(), events(3), 'no_stream'));
      const seen: number[] = [];
      const sub = store.subscribe({
        handler: (e) => {
          if (e.streamVersion === 2) throw new Error('projection bug');
          seen.push(e.streamVersion);
        },
      });
      const outcome = left(await sub.done);
      expect(outcome).toMatchObject({ _tag: 'StoreFailure' });
      expect(outcome._tag === 'StoreFailure' && outcome.message).toBe('projection bug');
      expect(seen).toEqual([1]);
      const all = await readEverything(store);
      expect(sub.position()).toBe(all[0]!.globalPosition);
    });

    it('follows one shop only when asked', async () => {
      const store = await fresh();
      const mine = uniqueShop();
      const got = collector();
      const sub = store.subscribe({ shopId: mine, handler: got.handler });
      right(await store.append(uniqueStream(), events(2, uniqueShop()), 'no_stream'));
      right(await store.append(uniqueStream(), events(2, mine), 'no_stream'));
      await got.until(2);
      await sub.stop();
      expect(got.seen.every((e) => e.metadata.shopId === mine)).toBe(true);
    });

    it('follows one shop when another shop writes first, while it waits', async () => {
      // The in-memory store lost a waiting one-shop subscription this way: woken by the other
      // shop's append, it waited again and was dropped with the woken set.
      const store = await fresh();
      const mine = uniqueShop();
      const got = collector();
      let waiting!: () => void;
      const caughtUp = new Promise<void>((resolve) => (waiting = resolve));
      const sub = store.subscribe({ shopId: mine, handler: got.handler, onCaughtUp: () => waiting() });
      await caughtUp;
      right(await store.append(uniqueStream(), events(1, uniqueShop()), 'no_stream'));
      right(await store.append(uniqueStream(), events(2, mine), 'no_stream'));
      await got.until(2);
      await sub.stop();
      expect(got.seen.map((e) => e.metadata.shopId)).toEqual([mine, mine]);
    });

    it('reports caught-up with the checkpoint reached', async () => {
      const store = await fresh();
      const r = right(await store.append(uniqueStream(), events(3), 'no_stream'));
      const caughtUp = new Promise<number>((resolve) => {
        const sub = store.subscribe({
          handler: () => undefined,
          onCaughtUp: (position) => {
            resolve(position);
            void sub.stop();
          },
        });
      });
      expect(await caughtUp).toBe(r.lastPosition);
    });

    it('refuses a batch size it would loop on (0, negative, fractional) as bad input, naming it, without reading', async () => {
      const store = await fresh();
      await store.append(uniqueStream(), events(2), 'no_stream');
      for (const batchSize of [0, -1, 1.5, Number.NaN]) {
        let handled = 0;
        const sub = store.subscribe({ handler: () => void handled++, batchSize });
        // A loop with batch size 0 never yields: if it started, this await would never return.
        expect(left(await sub.done)).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'batchSize' }] });
        expect(handled).toBe(0);
      }
    });
  });

  describe(`${factory.name}: snapshots`, () => {
    it('saves, replaces and loads a snapshot per stream', async () => {
      const store = await fresh();
      const stream = uniqueStream();
      expect(right(await store.loadSnapshot(stream))).toBeUndefined();
      right(await store.saveSnapshot(stream, { version: 10, schemaVersion: 1, state: { agents: ['a', '客服'], n: 1 } }));
      right(await store.saveSnapshot(stream, { version: 20, schemaVersion: 2, state: { agents: [], n: 2 } }));
      expect(right(await store.loadSnapshot(stream))).toEqual({ version: 20, schemaVersion: 2, state: { agents: [], n: 2 } });
      expect(right(await store.loadSnapshot(uniqueStream()))).toBeUndefined();
    });

    it.each(unsavableRecords('version'))('refuses a snapshot that is %s with a Left, never a throw, and keeps the saved one', async (_what, bad) => {
      // PostgreSQL threw a TypeError on null (it read .version of it); a getter that threw escaped every store.
      const store = await fresh();
      const stream = uniqueStream();
      const saved = { version: 2, schemaVersion: 1, state: { kept: true } };
      right(await store.saveSnapshot(stream, saved));
      const refused = left(await store.saveSnapshot(stream, bad as Snapshot));
      expect(['StoreFailure', 'ValidationError']).toContain(refused._tag);
      expect(right(await store.loadSnapshot(stream))).toEqual(saved);
    });
  });

  describe(`${factory.name}: bad input`, () => {
    it('refuses a batch with one malformed event, naming the field, and writes nothing', async () => {
      const store = await fresh();
      const stream = uniqueStream();
      const bad = { ...event(), metadata: { ...metadata(), occurredAt: 'yesterday' } };
      const error = left(await store.append(stream, [event(), bad as never, event()], 'any'));
      expect(error).toMatchObject({ _tag: 'ValidationError' });
      expect(error._tag === 'ValidationError' && error.issues[0]!.path).toBe('events.1.metadata.occurredAt');
      expect(right(await store.streamVersion(stream))).toBe(0);
      expect(await readEverything(store)).toEqual([]);
    });

    it('refuses an invalid expected version and an empty stream name', async () => {
      const store = await fresh();
      const wrongVersion = left(await store.append(uniqueStream(), events(1), -1 as never));
      expect(wrongVersion).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'expected' }] });
      const noName = left(await store.append('', events(1), 'any'));
      expect(noName).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'stream' }] });
      // Blank names used to be stored, and then every read of them was refused by the reader's codec.
      for (const blank of [' ', '\t\n ', '\u3000']) {
        expect(left(await store.append(blank, events(1), 'any'))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'stream' }] });
      }
      expect(await readEverything(store)).toEqual([]);
    });

    it('stores what it checked: a field read once, so a getter answering otherwise the second time changes nothing', async () => {
      // The metadata was checked on the caller's object and copied afterwards: the second,
      // unchecked answer was stored, and the store's own reader then refused the event.
      const store = await fresh();
      const stream = uniqueStream();
      let reads = 0;
      const shifty = Object.defineProperty({ ...metadata() }, 'shopId', {
        enumerable: true,
        get: () => (reads++ === 0 ? 'shop-1' : 'not a shop id!'),
      });
      right(await store.append(stream, [{ ...event(), metadata: shifty }], 'no_stream'));
      expect(reads).toBe(1);
      const [stored] = right(await store.readStream(stream));
      expect(stored!.metadata.shopId).toBe('shop-1');
      expect(right(await store.readAll())).toHaveLength(1);
    });

    it('refuses an event a getter or a Proxy throws on while it is read, naming the field, and writes nothing', async () => {
      // copyJson rethrew what the getter threw: the append rejected instead of answering.
      const store = await fresh();
      const throwing = (path: string) => () => {
        throw new Error(`cannot read ${path}`);
      };
      const cases: [unknown, string][] = [
        [{ ...event(), data: Object.defineProperty({}, 'x', { enumerable: true, get: throwing('x') }) }, 'events.1.data.x'],
        [Object.defineProperty({ ...event() }, 'type', { enumerable: true, get: throwing('type') }), 'events.1.type'],
        [{ ...event(), metadata: new Proxy(metadata(), { ownKeys: throwing('keys') }) }, 'events.1.metadata'],
        [new Proxy(event(), { get: throwing('anything') }), 'events.1.type'], // its first field
      ];
      for (const [bad, path] of cases) {
        const refused = left(await store.append(uniqueStream(), [event(), bad as EventToAppend], 'any'));
        expect(refused).toMatchObject({ _tag: 'ValidationError', issues: [{ path, reason: expect.stringMatching(/could not be read: cannot read/) }] });
      }
      expect(await readEverything(store)).toEqual([]);
    });

    it('refuses read options it would read differently (negative or fractional counts), naming them', async () => {
      const store = await fresh();
      expect(left(await store.readAll({ maxCount: -1 }))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'maxCount' }] });
      expect(left(await store.readAll({ after: 1.5 }))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'after' }] });
      expect(left(await store.readStream(uniqueStream(), { maxCount: 2.5 }))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'maxCount' }] });
    });

    it('refuses stream names and event types no store can keep unchanged (NUL, a lone surrogate)', async () => {
      const store = await fresh();
      expect(left(await store.append('bad\u0000name', events(1), 'any'))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'stream' }] });
      expect(left(await store.append('half\uD800', events(1), 'any'))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'stream' }] });
      expect(left(await store.append(uniqueStream(), [event('Type\uDC00')], 'any'))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'events.0.type' }] });
      expect(await readEverything(store)).toEqual([]);
    });

    it('refuses data that JSON cannot hold or would change, naming the field', async () => {
      const store = await fresh();
      const cyclic: Record<string, unknown> = { ok: 1 };
      cyclic.self = cyclic;
      const cases: [unknown, string][] = [
        [cyclic, 'events.1.data.self'],
        [{ at: new Date(0) }, 'events.1.data.at'],
        [{ list: [1, Number.NaN] }, 'events.1.data.list.1'],
        [{ n: 10n }, 'events.1.data.n'],
        [{ m: new Map() }, 'events.1.data.m'],
      ];
      for (const [data, path] of cases) {
        const error = left(await store.append(uniqueStream(), [event(), event('Bad', data)], 'any'));
        expect(error).toMatchObject({ _tag: 'ValidationError', issues: [{ path }] });
      }
      expect(await readEverything(store)).toEqual([]);
    });

    it('reports an undecodable stored event as a typed error naming the field', async (context) => {
      if (factory.insertCorruptEvent === undefined) {
        context.skip('this store validates every write and offers no way to store a corrupt row');
        return;
      }
      const store = await fresh();
      const stream = uniqueStream();
      right(await store.append(stream, events(1), 'no_stream'));
      await factory.insertCorruptEvent(store, stream);
      const failure = left(await store.readStream(stream));
      expect(failure).toMatchObject({ _tag: 'ValidationError' });
      const all = left(await store.readAll());
      expect(all).toMatchObject({ _tag: 'ValidationError' });
    });

    it('answers with a StoreFailure, not a throw, once closed', async () => {
      const store = await factory.create();
      await store.close();
      expect(left(await store.append(uniqueStream(), events(1), 'any'))).toMatchObject({ _tag: 'StoreFailure' });
      expect(left(await store.readAll())).toMatchObject({ _tag: 'StoreFailure' });
    });
  });
};
