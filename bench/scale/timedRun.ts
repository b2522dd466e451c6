/**
 * One timed window of the scale benchmark: lets ready children go together,
 * profiles the window (profile.ts) while they work, and collects what each
 * reports. The profile covers exactly the window the parent timed; the WAL and
 * commit counters are read once the children have closed their connections (a
 * backend flushes its statistics as it exits). `db` is the profiler's connection,
 * to another database than the benchmark's, so its own queries are not counted.
 */
import type pg from 'pg';
import { goTogether, type Child } from './processes.js';
import { startProfile, type RunProfile } from './profile.js';
import type { ChildResult } from './protocol.js';

export interface Timed {
  readonly results: readonly ChildResult[];
  readonly profile: RunProfile;
  /** Sum of each child's operations over its own timed seconds. */
  readonly rate: number;
  /** Operations in the timed windows, all children together. */
  readonly done: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const timedRun = async (db: pg.Client, database: string, children: readonly Child[], seconds: number): Promise<Timed> => {
  try {
    await Promise.all(children.map((c) => c.ready));
    // An idle backend flushes its statistics within a second: the warm-up's commits and WAL
    // must land before the counters are read, not inside the window.
    await sleep(1_200);
    const profile = await startProfile({ db, database, clientPids: children.map((c) => c.pid), intervalMs: 50 });
    await goTogether(children);
    await sleep(seconds * 1000);
    const stopped = await profile.stop();
    const results = await Promise.all(children.map((c) => c.result));
    await sleep(500);
    return {
      results,
      profile: await stopped.finish(),
      rate: results.reduce((a, r) => a + r.done / r.seconds, 0),
      done: results.reduce((a, r) => a + r.done, 0),
    };
  } finally {
    // Harmless for a child that has exited; ends one that hangs after a failure.
    for (const c of children) c.kill();
  }
};
