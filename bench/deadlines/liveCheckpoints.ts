/**
 * What a live reactor's checkpoint costs while many deadlines are pending: N
 * timeouts due tomorrow on a SQLite file, an engine on the system clock (its
 * reactor live) catches up with them, then a trickle of traffic (one command
 * every 100 ms, each one event, for 50 commands). A checkpoint holds every
 * pending deadline, so each save writes all N; the figures count the saves, the
 * bytes and the time spent in them, and the commands per second the process
 * still managed (10 asked).
 */
import * as E from 'fp-ts/lib/Either.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ProjectionStateStore } from '../../src/adapters/projectionStateStore.js';
import { createSqliteEventStore } from '../../src/adapters/sqlite/index.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { check } from '../lib/measure.js';
import { timeoutsModule } from './timeoutsModule.js';

const SHOP = 'live-shop';
const TRICKLE = 50;
const TRICKLE_EVERY_MS = 100;

export interface LiveCheckpointResult {
  readonly pending: number;
  readonly catchUpSeconds: number;
  readonly trickleSeconds: number;
  /** Commands sent during the trickle, one every 100 ms. */
  readonly commands: number;
  readonly saves: number;
  readonly bytesSaved: number;
  readonly saveSeconds: number;
}

const setTimeouts = async (engine: Engine, batchId: string, ats: readonly number[]) => {
  const result = await engine.dispatch({ type: 'SetTimeouts', shopId: SHOP, actor: { kind: 'system' }, data: { batchId, ats } });
  if (E.isLeft(result)) throw new Error(`SetTimeouts failed: ${JSON.stringify(result.left)}`);
  return result.right;
};

export const liveCheckpoints = async (pending: number): Promise<LiveCheckpointResult> => {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-live-checkpoints-'));
  const store = createSqliteEventStore({ filename: join(dir, 'live.sqlite') });
  try {
    // Due tomorrow on the system clock: nothing fires while this runs.
    const due = Date.now() + 24 * 3600 * 1000;
    const writer = createEngine({ store, modules: [timeoutsModule], reactor: { mode: 'off' } });
    let last = 0;
    for (let b = 0; b * 1000 < pending; b++) {
      const { events } = await setTimeouts(writer, `b${b}`, Array.from({ length: 1000 }, (_, i) => due + i));
      check(events.length === 1000, `batch ${b} written whole`);
      last = events[events.length - 1]!.globalPosition;
    }

    let saves = 0;
    let deadlinesSaved = 0;
    let saveSeconds = 0;
    let bytesPerDeadline: number | undefined;
    const counting: ProjectionStateStore = {
      loadProjection: (name) => store.loadProjection(name),
      saveProjection: async (name, checkpoint) => {
        const { deadlines } = checkpoint.state as { deadlines: unknown[] };
        // Sized once (stringifying every save would itself slow the process measured).
        if (bytesPerDeadline === undefined && deadlines.length > 0) bytesPerDeadline = Buffer.byteLength(JSON.stringify(checkpoint.state)) / deadlines.length;
        const start = performance.now();
        const saved = await store.saveProjection(name, checkpoint);
        saveSeconds += (performance.now() - start) / 1000;
        saves++;
        deadlinesSaved += deadlines.length;
        return saved;
      },
    };
    const live = createEngine({ store, modules: [timeoutsModule], reactor: { checkpoints: counting } });
    let start = performance.now();
    check(E.isRight(await live.reactor.waitFor(last)), 'the live reactor caught up');
    const catchUpSeconds = (performance.now() - start) / 1000;
    check(live.reactor.deadlines().length === pending, `${pending} pending once caught up`);

    saves = 0;
    deadlinesSaved = 0;
    saveSeconds = 0;
    start = performance.now();
    for (let i = 0; i < TRICKLE; i++) {
      await setTimeouts(writer, `t${i}`, [due]);
      await new Promise((resolve) => setTimeout(resolve, TRICKLE_EVERY_MS));
    }
    const trickleSeconds = (performance.now() - start) / 1000;
    await live.close();
    await writer.close();
    return { pending, catchUpSeconds, trickleSeconds, commands: TRICKLE, saves, bytesSaved: deadlinesSaved * (bytesPerDeadline ?? 0), saveSeconds };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
};
