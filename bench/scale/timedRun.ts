/**
 * One timed window of the scale benchmark: starts the children, lets them go
 * together once all are ready, profiles the window (profile.ts) while they work,
 * and collects what each reports. The CPU and wait figures cover exactly the
 * window the parent timed; the WAL and commit counters cover the children's whole
 * life (read before they start and after they have exited; see profile.ts).
 * `db` is the profiler's connection, to another database than the benchmark's, so
 * its own queries are not counted.
 */
import type pg from 'pg';
import { goTogether, type Child } from './processes.js';
import { readCounters, startProfile, type RunProfile } from './profile.js';
import type { ChildResult } from './protocol.js';

export interface Timed {
  readonly results: readonly ChildResult[];
  readonly profile: RunProfile;
  /** Sum of each child's operations over its own timed seconds. */
  readonly rate: number;
  /** Operations in the timed windows, all children together. */
  readonly done: number;
  /** Operations over the children's life (warm-up and timed window), for the counters. */
  readonly lifetime: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const timedRun = async (db: pg.Client, database: string, start: () => readonly Child[], seconds: number): Promise<Timed> => {
  const countersBefore = await readCounters(db, database);
  const children = start();
  try {
    await Promise.all(children.map((c) => c.ready));
    const profile = await startProfile({ db, database, clientPids: children.map((c) => c.pid), intervalMs: 50, countersBefore });
    await goTogether(children);
    await sleep(seconds * 1000);
    const stopped = await profile.stop();
    const results = await Promise.all(children.map((c) => c.result));
    // Their backends flush their statistics as they exit, just after the children close their pools.
    await sleep(500);
    return {
      results,
      profile: await stopped.finish(),
      rate: results.reduce((a, r) => a + r.done / r.seconds, 0),
      done: results.reduce((a, r) => a + r.done, 0),
      lifetime: results.reduce((a, r) => a + r.done + r.warmUp, 0),
    };
  } finally {
    // Harmless for a child that has exited; ends one that hangs after a failure.
    for (const c of children) c.kill();
  }
};
