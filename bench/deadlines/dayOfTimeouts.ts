/**
 * A shop's day of timeouts on one store, end to end: write N timeouts (batches of
 * 1,000 on their own streams, due at seeded times over one day), fold them into a
 * fresh engine's reactor, fire them all on a virtual clock, then fold the whole
 * log again in another fresh engine. Each step is timed; the heap the engine holds
 * is measured after each (forced GC), relative to a baseline taken just before the
 * engine was created, so the store's own memory (the in-memory log) is not counted.
 *
 * Checked against the store, not taken on trust: exactly N TimeoutFired events,
 * their due times non-decreasing in log order (fired in order), each fired at its
 * own due time, none twice, 0 pending afterwards, and the saved checkpoint empty
 * and at the end of the log.
 */
import * as E from 'fp-ts/lib/Either.js';
import { performance } from 'node:perf_hooks';
import type { EventStore } from '../../src/adapters/eventStore.js';
import type { ProjectionStateStore } from '../../src/adapters/projectionStateStore.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { virtualClock } from '../../src/runtime/virtualClock.js';
import { canMeasureHeap, settledHeap } from '../lib/heap.js';
import { check } from '../lib/measure.js';
import { timeoutsModule } from './timeoutsModule.js';

export const SHOP = 'big-shop';
export const T0 = Date.UTC(2026, 11, 1);
export const DAY = 24 * 3600 * 1000;
const BATCH = 1_000;

export interface DayResult {
  readonly deadlines: number;
  readonly foldSeconds: number;
  readonly fireSeconds: number;
  /** Folding the whole log (set + fired) with nothing left pending. */
  readonly refoldSeconds: number;
  readonly logEvents: number;
  /**
   * The checkpoint saved after the fold (every pending deadline, as JSON) and how long
   * saving the same checkpoint again takes; undefined for a store that keeps no real one.
   */
  readonly checkpoint?: { readonly bytes: number; readonly saveSeconds: number };
  /** Bytes the engine holds; undefined without --expose-gc. */
  readonly heap?: { readonly pending: number; readonly afterFiring: number; readonly afterRefold: number };
}

/** Seeded due times (mulberry32): the same day on every store and every run. */
const dueTimes = (count: number, seed: number): number[] => {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return Array.from({ length: count }, () => T0 + 1 + Math.floor(next() * (DAY - 1)));
};

const engineOn = (store: EventStore, checkpoints: ProjectionStateStore, name: string): Engine =>
  createEngine({ store, clock: virtualClock(T0), modules: [timeoutsModule], reactor: { name, checkpoints } });

const must = <T>(result: E.Either<unknown, T>, what: string): T => {
  if (E.isLeft(result)) throw new Error(`${what} failed: ${JSON.stringify(result.left)}`);
  return result.right;
};

/** Writes the day's timeouts: one SetTimeouts command (one append of 1,000 events) per batch. Untimed. */
const writeDay = async (store: EventStore, count: number): Promise<void> => {
  // No reactor here: the engines measured below do the folding.
  const writer = createEngine({ store, clock: virtualClock(T0), modules: [timeoutsModule], reactor: { mode: 'off' } });
  const ats = dueTimes(count, 20261201);
  for (let b = 0; b * BATCH < count; b++) {
    const batch = ats.slice(b * BATCH, (b + 1) * BATCH);
    const done = must(await writer.dispatch({ type: 'SetTimeouts', shopId: SHOP, actor: { kind: 'system' }, data: { batchId: `b${b}`, ats: batch } }), 'SetTimeouts');
    check(done.events.length === batch.length, `batch ${b} wrote one event per timeout`);
  }
  await writer.close();
};

/** Reads the whole log back and checks the firing: count, order, due time, no repeats. Answers the log's length and last position. */
const checkLog = async (store: EventStore, count: number): Promise<{ events: number; last: number }> => {
  let after = 0;
  let events = 0;
  let last = 0;
  let fired = 0;
  let lastAt = -Infinity;
  const seen = new Set<string>();
  for (;;) {
    const page = must(await store.readAll({ after, maxCount: 1000 }), 'readAll');
    for (const event of page) {
      events++;
      last = event.globalPosition;
      if (event.type !== 'TimeoutFired') continue;
      const data = event.data as { batchId: string; timeoutId: number; at: number; firedAt: number };
      fired++;
      check(data.at >= lastAt, `TimeoutFired at position ${event.globalPosition} is due at ${data.at}, before the one fired ahead of it (${lastAt})`);
      check(data.firedAt === data.at, `timeout ${data.batchId}/${data.timeoutId} fired at its due time`);
      const id = `${data.batchId}/${data.timeoutId}`;
      check(!seen.has(id), `timeout ${id} fired once`);
      seen.add(id);
      lastAt = data.at;
    }
    if (page.length < 1000) break;
    after = page[page.length - 1]!.globalPosition;
  }
  check(fired === count, `the log holds ${count} TimeoutFired events (found ${fired})`);
  check(events === 2 * count, `the log holds ${2 * count} events (found ${events})`);
  return { events, last };
};

/** The size of the checkpoint the fold saved, and the time to save it once more (under another name). */
const checkpointCost = async (checkpoints: ProjectionStateStore): Promise<DayResult['checkpoint']> => {
  const saved = must(await checkpoints.loadProjection('bench-fold'), 'loadProjection');
  const deadlines = (saved?.state as { deadlines?: unknown[] } | undefined)?.deadlines;
  if (saved === undefined || deadlines === undefined || deadlines[0] === null) return undefined;
  const start = performance.now();
  must(await checkpoints.saveProjection('bench-save-probe', saved), 'saveProjection');
  return { bytes: Buffer.byteLength(JSON.stringify(saved.state)), saveSeconds: (performance.now() - start) / 1000 };
};

const heapNow = () => (canMeasureHeap() ? settledHeap() : Promise.resolve(undefined));
const delta = (after: number | undefined, before: number | undefined) => (after === undefined || before === undefined ? undefined : after - before);

export const dayOfTimeouts = async (store: EventStore, checkpoints: ProjectionStateStore, count: number): Promise<DayResult> => {
  await writeDay(store, count);

  // (a) Fold: a fresh engine reads the log and holds every deadline; advanceTo(t0) fires nothing.
  // The log does not change while it folds, so the heap taken before it is the baseline.
  const base = await heapNow();
  let engine: Engine | undefined = engineOn(store, checkpoints, 'bench-fold');
  let start = performance.now();
  const folded = must(await engine.advanceTo(T0), 'advanceTo(t0)');
  const foldSeconds = (performance.now() - start) / 1000;
  check(folded.fired === 0, 'nothing is due at t0');
  const pendingHeap = delta(await heapNow(), base);
  check(engine.reactor.deadlines().length === count, `${count} deadlines pending after the fold`);
  const checkpoint = await checkpointCost(checkpoints);

  // (b) Fire: every deadline, in time order, up to the end of the day.
  start = performance.now();
  const fired = must(await engine.advanceTo(T0 + DAY), 'advanceTo(end of day)');
  const fireSeconds = (performance.now() - start) / 1000;
  check(fired.fired === count, `advanceTo fired ${count} deadlines (said ${fired.fired})`);
  check(engine.reactor.deadlines().length === 0 && engine.reactor.nextDeadline() === undefined, '0 pending after firing');
  // Firing grew the log (in the heap, for the in-memory store): what the engine holds is
  // the heap with it minus the heap once it is closed and unreachable.
  const withEngine = await heapNow();
  await engine.close();
  engine = undefined;
  const firedHeap = delta(withEngine, await heapNow());

  const log = await checkLog(store, count);
  const saved = must(await checkpoints.loadProjection('bench-fold'), 'loadProjection');
  check(saved?.position === log.last, `the checkpoint is at the end of the log (${saved?.position} of ${log.last})`);
  check((saved?.state as { deadlines: unknown[] } | undefined)?.deadlines.length === 0, 'the saved checkpoint holds no deadline');

  // Boundedness: a fresh engine folding the whole log (every deadline set, then settled) holds nothing.
  const base2 = await heapNow();
  const refold = engineOn(store, checkpoints, 'bench-refold');
  start = performance.now();
  const again = must(await refold.advanceTo(T0 + DAY), 'refold');
  const refoldSeconds = (performance.now() - start) / 1000;
  check(again.fired === 0 && refold.reactor.deadlines().length === 0, 'the whole log folds to 0 pending and fires nothing');
  check(refold.reactor.position() === log.last, 'the refold read the whole log');
  const refoldHeap = delta(await heapNow(), base2);
  await refold.close();

  const heap =
    pendingHeap === undefined || firedHeap === undefined || refoldHeap === undefined
      ? undefined
      : { pending: pendingHeap, afterFiring: firedHeap, afterRefold: refoldHeap };
  return {
    deadlines: count,
    foldSeconds,
    fireSeconds,
    refoldSeconds,
    logEvents: log.events,
    ...(checkpoint === undefined ? {} : { checkpoint }),
    ...(heap === undefined ? {} : { heap }),
  };
};
