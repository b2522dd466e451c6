/**
 * The conformance suite of the SQL read-model runners (runSqliteProjection,
 * runPostgresProjection): what a read model kept as tables next to the log may
 * count on, whichever database keeps it. Each adapter's spec gives a factory; the
 * read model here writes one row per event it is handed (position, stream, type,
 * decoded data), so an event applied twice, skipped, out of order or rolled back
 * shows in the table, which must always equal a fold of the log.
 */
import * as E from 'fp-ts/lib/Either.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/adapters/eventStore.js';
import type { Runner } from '../../src/adapters/progress.js';
import type { ProjectionStateStore } from '../../src/adapters/projectionStateStore.js';
import type { EventToAppend, RecordedEvent } from '../../src/domain/envelope.js';
import { createRegistry, type Registry } from '../../src/domain/registry.js';
import type { ProjectedEvent } from '../../src/projections/projection.js';
import { counterModule } from '../../src/testing/counterModule.js';
import { left, metadata, readEverything, right, uniqueShop, uniqueStream } from './fixtures.js';

export interface ReadModelRow {
  readonly position: number;
  readonly stream: string;
  readonly type: string;
  readonly data: unknown;
}

export interface ReadModelRun {
  readonly name: string;
  readonly registry: Registry;
  readonly batchSize?: number;
  readonly shopId?: string;
  /** Called for each event inside the batch's transaction, before its row is written; a throw fails the batch. */
  readonly onEvent?: (event: ProjectedEvent) => void;
}

export interface SqlReadModelFactory<S extends EventStore & ProjectionStateStore> {
  readonly name: string;
  /** A new, empty store, and a way to open another instance on the same file or schema (another process's). */
  readonly create: () => Promise<{ readonly store: S; readonly twin: () => Promise<S> }>;
  /** Creates the table of read model `name` (one row per event) next to the store's log. */
  readonly createTable: (store: S, name: string) => Promise<void>;
  /** Starts the adapter's runner on `store`, writing each event it is handed as a row of `name`'s table. */
  readonly start: (store: S, run: ReadModelRun) => Runner;
  /** The rows of read model `name`, in the order they were written. */
  readonly rows: (store: S, name: string) => Promise<ReadModelRow[]>;
}

const registry = createRegistry([counterModule]);

/** A counter event as the engine writes it today (schema version 2). */
const incremented = (by: number, shopId = 'shop-1'): EventToAppend => ({
  type: 'Incremented',
  schemaVersion: 2,
  data: { by, total: by },
  metadata: metadata(shopId),
});

/** Well formed for a store, refused by the registry (`by` must be a number). */
const undecodable = (): EventToAppend => ({ type: 'Incremented', schemaVersion: 2, data: { by: 'lots', total: 0 }, metadata: metadata() });

const counts = (n: number, shopId?: string) => Array.from({ length: n }, (_, i) => incremented(i + 1, shopId));

/** The rows a correct read model holds after folding `log`: every event once, in order, decoded. */
const foldOf = (log: readonly RecordedEvent[]): ReadModelRow[] =>
  log.map((recorded) => {
    const { globalPosition, stream, type, data } = right(registry.decodeRecorded(recorded));
    return { position: globalPosition, stream, type, data };
  });

export const sqlReadModelConformance = <S extends EventStore & ProjectionStateStore>(factory: SqlReadModelFactory<S>): void => {
  const opened: S[] = [];
  const runners: Runner[] = [];
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  const fresh = async (name: string) => {
    const made = await factory.create();
    opened.push(made.store);
    await factory.createTable(made.store, name);
    return {
      store: made.store,
      twin: async () => {
        const twin = await made.twin();
        opened.push(twin);
        return twin;
      },
    };
  };
  const start = (store: S, run: Omit<ReadModelRun, 'registry'> & { registry?: Registry }) => {
    const runner = factory.start(store, { registry, ...run });
    runners.push(runner);
    return runner;
  };
  const checkpointOf = async (store: S, name: string) => right(await store.loadProjection(name))?.position ?? 0;

  describe(`${factory.name} SQL read models: applying the log`, () => {
    it('applies every event once, in log order, in batches, then follows live appends: its table is a fold of the log', async () => {
      const { store } = await fresh('totals');
      right(await store.append(uniqueStream(), counts(3), 'no_stream'));
      const stored = right(await store.append(uniqueStream(), counts(2), 'no_stream'));
      const running = start(store, { name: 'totals', batchSize: 2 });
      right(await running.waitFor(stored.lastPosition));
      expect(await factory.rows(store, 'totals')).toEqual(foldOf(await readEverything(store)));
      expect(await checkpointOf(store, 'totals')).toBe(stored.lastPosition);

      const live = right(await store.append(uniqueStream(), counts(3), 'no_stream'));
      right(await running.waitFor(live.lastPosition));
      expect(await factory.rows(store, 'totals')).toEqual(foldOf(await readEverything(store)));
      expect(running.position()).toBe(live.lastPosition);
    });

    it('restarted from its checkpoint, misses nothing and repeats nothing', async () => {
      const { store } = await fresh('totals');
      const first = right(await store.append(uniqueStream(), counts(4), 'no_stream'));
      const one = start(store, { name: 'totals', batchSize: 3 });
      right(await one.waitFor(first.lastPosition));
      await one.stop();
      const missed = right(await store.append(uniqueStream(), counts(3), 'no_stream'));
      const handed: number[] = [];
      const two = start(store, { name: 'totals', batchSize: 2, onEvent: (e) => void handed.push(e.globalPosition) });
      right(await two.waitFor(missed.lastPosition));
      expect(handed).toEqual(missed.events.map((e) => e.globalPosition));
      expect(await factory.rows(store, 'totals')).toEqual(foldOf(await readEverything(store)));
    });

    it('follows one shop only when asked', async () => {
      const { store } = await fresh('mine');
      const mine = uniqueShop();
      right(await store.append(uniqueStream(), counts(2, uniqueShop()), 'no_stream'));
      const last = right(await store.append(uniqueStream(), counts(2, mine), 'no_stream'));
      const running = start(store, { name: 'mine', shopId: mine });
      right(await running.waitFor(last.lastPosition));
      expect(await factory.rows(store, 'mine')).toEqual(foldOf(await readEverything(store, mine)));
    });
  });

  describe(`${factory.name} SQL read models: decoding`, () => {
    it('hands handle decoded events, upcast to the current schema version', async () => {
      const { store } = await fresh('decoded');
      const stream = uniqueStream();
      // Written as version 1 of Incremented (no total), the way an older engine wrote it.
      right(await store.append(stream, [{ type: 'Incremented', schemaVersion: 1, data: { by: 5 }, metadata: metadata() }], 'no_stream'));
      const current = right(await store.append(stream, [incremented(2)], 1));
      const running = start(store, { name: 'decoded' });
      right(await running.waitFor(current.lastPosition));
      const rows = await factory.rows(store, 'decoded');
      expect(rows.map((r) => r.data)).toEqual([{ by: 5, total: -1 }, { by: 2, total: 2 }]);
    });

    it('ends the run with a ValidationError at an event that does not decode, applying those before it, the checkpoint just before it', async () => {
      const { store } = await fresh('strict');
      const stream = uniqueStream();
      const stored = right(await store.append(stream, [incremented(1), incremented(2), undecodable(), incremented(4)], 'no_stream'));
      const beforeBad = stored.events[1]!.globalPosition;
      // One page holds all four: the two before the bad one are applied and committed.
      const running = start(store, { name: 'strict', batchSize: 10 });
      expect(left(await running.done)).toMatchObject({ _tag: 'ValidationError', source: `event ${stream}@3`, issues: [{ path: 'data.by' }] });
      expect(running.position()).toBe(beforeBad);
      expect(await checkpointOf(store, 'strict')).toBe(beforeBad);
      expect(left(await running.waitFor(stored.lastPosition))).toMatchObject({ _tag: 'ValidationError' });
      const applied = foldOf(stored.events.slice(0, 2));
      expect(await factory.rows(store, 'strict')).toEqual(applied);

      // Restarted, with the bad event first on its page: nothing applied, nothing moved.
      const again = start(store, { name: 'strict', batchSize: 2 });
      expect(left(await again.done)).toMatchObject({ _tag: 'ValidationError', source: `event ${stream}@3` });
      expect(await checkpointOf(store, 'strict')).toBe(beforeBad);
      expect(await factory.rows(store, 'strict')).toEqual(applied);
    });
  });

  describe(`${factory.name} SQL read models: failures`, () => {
    it('rolls back a batch and its checkpoint together when handle throws, and ends the run with a StoreFailure', async () => {
      const { store } = await fresh('failing');
      const stored = right(await store.append(uniqueStream(), counts(6), 'no_stream'));
      const [third, fifth] = [stored.events[2]!.globalPosition, stored.events[4]!.globalPosition];
      const failing = start(store, {
        name: 'failing',
        batchSize: 3,
        // The second batch writes the 4th event's row, then fails on the 5th: both must be undone.
        onEvent: (e) => {
          if (e.globalPosition === fifth) throw new Error('read model bug');
        },
      });
      expect(left(await failing.done)).toMatchObject({ _tag: 'StoreFailure', message: 'read model bug' });
      expect(failing.position()).toBe(third);
      expect(await checkpointOf(store, 'failing')).toBe(third);
      expect(await factory.rows(store, 'failing')).toEqual(foldOf(stored.events.slice(0, 3)));
      expect(left(await failing.waitFor(stored.lastPosition))).toMatchObject({ _tag: 'StoreFailure', message: 'read model bug' });

      const fixed = start(store, { name: 'failing', batchSize: 3 });
      right(await fixed.waitFor(stored.lastPosition));
      expect(await factory.rows(store, 'failing')).toEqual(foldOf(stored.events));
    });

    it.each([0, -1, 1.5])('refuses batch size %s with a ValidationError naming batchSize, applying nothing', async (batchSize) => {
      const { store } = await fresh('sized');
      right(await store.append(uniqueStream(), counts(2), 'no_stream'));
      // A loop with batch size 0 would read empty pages forever: if it started, done would never settle.
      const running = start(store, { name: 'sized', batchSize });
      expect(left(await running.done)).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'batchSize' }] });
      expect(await factory.rows(store, 'sized')).toEqual([]);
    });

    it('refuses to run without a registry, naming it', async () => {
      const { store } = await fresh('unregistered');
      right(await store.append(uniqueStream(), counts(1), 'no_stream'));
      const running = start(store, { name: 'unregistered', registry: undefined as unknown as Registry });
      expect(left(await running.done)).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'registry' }] });
      expect(await factory.rows(store, 'unregistered')).toEqual([]);
    });
  });

  describe(`${factory.name} SQL read models: runners and their lifetime`, () => {
    it('never applies a batch twice with two runners of one read model on two store instances', async () => {
      const { store, twin } = await fresh('shared');
      const other = await twin();
      for (let i = 0; i < 10; i++) right(await store.append(`s-${i % 3}`, counts(4), 'any'));
      const head = (await readEverything(store)).at(-1)!.globalPosition;
      // Both start from checkpoint 0 and read the same first page before either commits.
      const runners = [store, other].map((s) => start(s, { name: 'shared', batchSize: 3 }));
      for (const outcome of await Promise.all(runners.map((r) => r.waitFor(head)))) right(outcome);
      const more = right(await other.append('s-late', counts(5), 'no_stream'));
      for (const outcome of await Promise.all(runners.map((r) => r.waitFor(more.lastPosition)))) right(outcome);
      expect(await factory.rows(store, 'shared')).toEqual(foldOf(await readEverything(store)));
    });

    it('settles done Right after stop(), keeping its checkpoint, and answers a later waitFor with a Left', async () => {
      const { store } = await fresh('stopped');
      const stored = right(await store.append(uniqueStream(), counts(3), 'no_stream'));
      const running = start(store, { name: 'stopped' });
      right(await running.waitFor(stored.lastPosition));
      // Now waiting for events that do not come: stop must end that wait.
      await running.stop();
      expect(await running.done).toEqual(E.right(undefined));
      expect(await checkpointOf(store, 'stopped')).toBe(stored.lastPosition);
      expect(left(await running.waitFor(stored.lastPosition + 1))).toMatchObject({ _tag: 'StoreFailure' });
      right(await running.waitFor(stored.lastPosition));
    });

    it('answers a waitFor that the run will never reach with a Left once the run ends', async () => {
      const { store } = await fresh('ending');
      const stored = right(await store.append(uniqueStream(), counts(2), 'no_stream'));
      const running = start(store, { name: 'ending' });
      right(await running.waitFor(stored.lastPosition));
      const waiting = running.waitFor(stored.lastPosition + 1_000);
      await running.stop();
      expect(left(await waiting)).toMatchObject({ _tag: 'StoreFailure' });
    });
  });
};
