/**
 * 100,000 pending deadlines (a big shop's day of timeouts) on each store: how fast
 * a fresh engine folds them from the log, the heap it holds for them, how fast
 * advanceTo fires them all in order on a virtual clock, and that the heap goes
 * back down once they have fired (it follows the deadlines pending, not the log).
 * The work and its checks are in deadlines/dayOfTimeouts.ts. Then, on SQLite, what
 * a live reactor's checkpoints cost with that many pending (deadlines/liveCheckpoints.ts).
 * `--quick`: 10,000.
 *
 * Stores: in memory, SQLite (a temp file), PostgreSQL when KEFU_PG_URL is set (a
 * scratch database, created and dropped).
 */
import * as E from 'fp-ts/lib/Either.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '../src/adapters/eventStore.js';
import { createInMemoryEventStore } from '../src/adapters/memory/inMemoryEventStore.js';
import { createPostgresEventStore } from '../src/adapters/postgres/index.js';
import type { ProjectionStateStore } from '../src/adapters/projectionStateStore.js';
import { createSqliteEventStore } from '../src/adapters/sqlite/index.js';
import { withScratchDatabase } from './compare/scratchDatabase.js';
import { checkpointSummaries } from './deadlines/checkpointSummaries.js';
import { dayOfTimeouts, type DayResult } from './deadlines/dayOfTimeouts.js';
import { liveCheckpoints, type LiveCheckpointResult } from './deadlines/liveCheckpoints.js';
import { canMeasureHeap } from './lib/heap.js';
import { check, type Figure } from './lib/measure.js';

const SUITE = 'deadlines';
const MiB = 2 ** 20;

const figuresOf = (store: string, r: DayResult, firedLabel = ''): Figure[] => {
  const n = r.deadlines.toLocaleString('en-US');
  const f = (name: string, value: number, unit: string): Figure => ({ suite: SUITE, name: `${store}: ${name}`, value, unit });
  const out = [
    f(`fold ${n} pending deadlines from the log (fresh engine, advanceTo(t0))`, r.deadlines / r.foldSeconds, 'events/s'),
    f(`fire ${n} deadlines in order (advanceTo(end of day))${firedLabel}`, r.deadlines / r.fireSeconds, 'deadlines/s'),
    f(`fold the whole ${r.logEvents.toLocaleString('en-US')}-event log again, 0 pending`, r.logEvents / r.refoldSeconds, 'events/s'),
  ];
  if (r.checkpoint !== undefined) {
    out.push(
      f(`reactor checkpoint with ${n} pending (JSON, saved whole each time)`, r.checkpoint.bytes / MiB, 'MiB'),
      f('time to save that checkpoint once', r.checkpoint.saveSeconds * 1000, 'ms'),
    );
  }
  if (r.heap !== undefined) {
    out.push(
      f(`heap held per pending deadline (${n} pending)`, r.heap.pending / r.deadlines, 'bytes'),
      f(`heap held with ${n} pending`, r.heap.pending / MiB, 'MiB'),
      f('heap held after all fired, checkpoint saved (0 pending)', r.heap.afterFiring / MiB, 'MiB'),
      f(`heap held after folding the whole ${r.logEvents.toLocaleString('en-US')}-event log (0 pending)`, r.heap.afterRefold / MiB, 'MiB'),
    );
  }
  return out;
};

const liveFigures = (r: LiveCheckpointResult): Figure[] => {
  const f = (name: string, value: number, unit: string): Figure => ({
    suite: SUITE,
    name: `SQLite, live reactor, ${r.pending.toLocaleString('en-US')} pending, one event every 100 ms: ${name}`,
    value,
    unit,
  });
  return [
    f('catch up from the log (live subscription)', r.pending / r.catchUpSeconds, 'events/s'),
    f('checkpoint saves', r.saves / r.trickleSeconds, 'saves/s'),
    f('checkpoint written', r.bytesSaved / MiB / r.trickleSeconds, 'MiB/s'),
    f("wall time in the store's saveProjection (encoding not counted)", (100 * r.saveSeconds) / r.trickleSeconds, '%'),
    f('commands dispatched (10/s asked)', r.commands / r.trickleSeconds, 'commands/s'),
  ];
};

const onMemory = async (count: number): Promise<DayResult> => {
  const store = createInMemoryEventStore();
  // The in-memory store keeps no checkpoints: these summaries let the saved one be checked, out of the heap measured.
  const result = await dayOfTimeouts(store, checkpointSummaries(), count);
  await store.close();
  return result;
};

const onSqlite = async (count: number): Promise<DayResult> => {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-deadlines-bench-'));
  const store = createSqliteEventStore({ filename: join(dir, 'deadlines.sqlite') });
  try {
    return await dayOfTimeouts(store, store, count);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

const onPostgres = (count: number): Promise<DayResult> =>
  withScratchDatabase('kefu_deadlines', async (url) => {
    const store = createPostgresEventStore({ connectionString: url, schema: 'kefu' });
    try {
      check(E.isRight(await store.ready()), 'migrations ran');
      return await dayOfTimeouts(store as EventStore & ProjectionStateStore, store, count);
    } finally {
      await store.close();
    }
  });

export const deadlinesBench = async (options: { quick: boolean }): Promise<Figure[]> => {
  const count = options.quick ? 10_000 : 100_000;
  if (!canMeasureHeap()) process.stderr.write('deadlines: heap figures skipped (run node with --expose-gc, as npm run bench does)\n');
  const figures: Figure[] = [];
  process.stderr.write('  deadlines: memory\n');
  figures.push(...figuresOf('memory', await onMemory(count)));
  process.stderr.write('  deadlines: SQLite\n');
  figures.push(...figuresOf('SQLite', await onSqlite(count)));
  process.stderr.write('  deadlines: SQLite, live reactor checkpoints\n');
  figures.push(...liveFigures(await liveCheckpoints(count)));
  if (process.env.KEFU_PG_URL === undefined) {
    process.stderr.write('deadlines: PostgreSQL skipped (set KEFU_PG_URL)\n');
  } else {
    process.stderr.write('  deadlines: PostgreSQL\n');
    figures.push(...figuresOf('PostgreSQL', await onPostgres(count)));
  }
  return figures;
};
