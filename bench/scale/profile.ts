/**
 * Where a scale run's time goes, measured while it runs (not guessed after):
 * - CPU seconds of the client processes (the benchmark's children), of the
 *   PostgreSQL backends serving the benchmark's database, of the rest of the
 *   server (WAL writer, checkpointer, other databases), of the profiler itself, and
 *   the machine's idle time, from /proc (procCpu.ts); plus the time their threads
 *   spent runnable but waiting for a CPU;
 * - what the benchmark's backends are doing, sampled every `intervalMs` from
 *   pg_stat_activity: on a CPU (active, no wait event), waiting on a Lock, an
 *   LWLock, IO, IPC..., or idle waiting for the client's next command (ClientRead);
 * - WAL written and flushed (pg_stat_wal) and transactions committed in the
 *   benchmark's database (pg_stat_database), from `countersBefore` to the end:
 *   these cover the children's whole life (set-up and warm-up too), because an
 *   idle backend may keep its statistics unflushed for up to 10 s
 *   (PGSTAT_IDLE_INTERVAL), so counters read at the window's edges would be off;
 *   a backend flushes everything as it exits.
 */
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { machineCpu, postgresPids, processCpu, type ProcessCpu } from './procCpu.js';

type Group = 'client' | 'server' | 'serverOther' | 'profiler';

export interface RunProfile {
  readonly seconds: number;
  /** CPU seconds by group; `capacity` is CPUs x seconds. */
  readonly cpu: Readonly<Record<Group | 'otherMachine' | 'idle' | 'iowait' | 'steal' | 'capacity', number>>;
  /** Of `cpu`, the seconds in the kernel, by group. */
  readonly system: Readonly<Record<Group, number>>;
  /** Seconds spent runnable, waiting for a CPU, by group. */
  readonly runQueue: Readonly<Record<Group, number>>;
  /** Times a thread was put on a CPU, by group. */
  readonly slices: Readonly<Record<Group, number>>;
  readonly samples: number;
  /** Backends seen in each state, summed over the samples (divide by `samples` for a mean). */
  readonly states: Readonly<Record<string, number>>;
  /** Active waits by `type:event`, summed over the samples. */
  readonly waitEvents: Readonly<Record<string, number>>;
  /** Over the children's whole life (see above). */
  readonly wal: { readonly records: number; readonly bytes: number; readonly writes: number; readonly syncs: number };
  readonly commits: number;
}

interface Tracked {
  readonly group: Group;
  readonly first: ProcessCpu;
  last: ProcessCpu;
}

export interface Counters {
  readonly records: number;
  readonly bytes: number;
  readonly writes: number;
  readonly syncs: number;
  readonly commits: number;
}

/** WAL (cluster-wide) and commits (of `database`) so far. */
export const readCounters = async (db: pg.Client, database: string): Promise<Counters> => {
  const { rows } = await db.query<Record<keyof Counters, string>>(
    `SELECT w.wal_records AS records, w.wal_bytes AS bytes, w.wal_write AS writes, w.wal_sync AS syncs, d.xact_commit AS commits
       FROM pg_stat_wal w, pg_stat_database d WHERE d.datname = $1`,
    [database],
  );
  const row = rows[0]!;
  return { records: Number(row.records), bytes: Number(row.bytes), writes: Number(row.writes), syncs: Number(row.syncs), commits: Number(row.commits) };
};

const ZERO: ProcessCpu = { cpu: 0, system: 0, runQueue: 0, slices: 0 };

export interface ProfileOptions {
  /** A connection of the profiler's own, to another database of the server (its queries are not the benchmark's commits). */
  readonly db: pg.Client;
  readonly database: string;
  readonly clientPids: readonly number[];
  readonly intervalMs: number;
  /** readCounters before the children started. */
  readonly countersBefore: Counters;
}

export const startProfile = async (options: ProfileOptions) => {
  const { db, database } = options;
  const own = Number((await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
  const tracked = new Map<number, Tracked>();
  const track = (pid: number, group: Group, fromZero: boolean) => {
    if (tracked.has(pid)) return;
    const now = processCpu(pid);
    if (now !== undefined) tracked.set(pid, { group, first: fromZero ? ZERO : now, last: now });
  };
  const activity = () =>
    db.query<{ pid: number; state: string | null; wait_event_type: string | null; wait_event: string | null; application_name: string }>(
      `SELECT pid, state, wait_event_type, wait_event, application_name FROM pg_stat_activity
        WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      [database],
    );

  const before = options.countersBefore;
  const serving = new Set((await activity()).rows.map((r) => r.pid));
  for (const pid of options.clientPids) track(pid, 'client', false);
  // The parent does nothing but sample during a run: its CPU is the profiler's.
  track(process.pid, 'profiler', false);
  track(own, 'profiler', false);
  for (const pid of postgresPids()) track(pid, serving.has(pid) ? 'server' : 'serverOther', false);
  const machineBefore = machineCpu();
  const start = performance.now();

  const states: Record<string, number> = {};
  const waitEvents: Record<string, number> = {};
  let samples = 0;
  let stopping = false;
  const add = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);
  const loop = (async () => {
    while (!stopping) {
      const tick = performance.now();
      for (const row of (await activity()).rows) {
        // A backend first seen now was opened during the run: all its CPU is the run's.
        track(row.pid, 'server', true);
        // LISTEN connections only wait for notifications; they serve no command.
        if (row.application_name.startsWith('kefu-listen-')) continue;
        if (row.state === 'active') {
          add(states, row.wait_event_type ?? 'CPU');
          if (row.wait_event_type !== null) add(waitEvents, `${row.wait_event_type}:${row.wait_event ?? '?'}`);
        } else {
          add(states, row.state === 'idle' ? 'ClientRead (idle)' : (row.state ?? 'unknown'));
        }
      }
      samples++;
      // CPU every 10th sample: enough to keep a process that exits mid-run counted up to then.
      if (samples % 10 === 0) for (const [pid, t] of tracked) t.last = processCpu(pid) ?? t.last;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, options.intervalMs - (performance.now() - tick))));
    }
  })();

  /** Ends the sampling at the end of the timed window. */
  const stop = async () => {
    stopping = true;
    await loop;
    const seconds = (performance.now() - start) / 1000;
    for (const [pid, t] of tracked) t.last = processCpu(pid) ?? t.last;
    const machineAfter = machineCpu();
    const cpu = { client: 0, server: 0, serverOther: 0, profiler: 0 };
    const system = { client: 0, server: 0, serverOther: 0, profiler: 0 };
    const runQueue = { client: 0, server: 0, serverOther: 0, profiler: 0 };
    const slices = { client: 0, server: 0, serverOther: 0, profiler: 0 };
    for (const t of tracked.values()) {
      slices[t.group] += t.last.slices - t.first.slices;
      cpu[t.group] += t.last.cpu - t.first.cpu;
      system[t.group] += t.last.system - t.first.system;
      runQueue[t.group] += t.last.runQueue - t.first.runQueue;
    }
    const busy = machineAfter.busy - machineBefore.busy;
    const idle = machineAfter.idle - machineBefore.idle;
    const iowait = machineAfter.iowait - machineBefore.iowait;
    const steal = machineAfter.steal - machineBefore.steal;
    const known = cpu.client + cpu.server + cpu.serverOther + cpu.profiler;
    return {
      /** Reads the WAL and commit counters once the children have exited (their last statistics flushed). */
      finish: async (): Promise<RunProfile> => {
        const after = await readCounters(db, database);
        return {
          seconds,
          cpu: { ...cpu, otherMachine: Math.max(0, busy - known), idle, iowait, steal, capacity: busy + idle + iowait + steal },
          system,
          runQueue,
          slices,
          samples,
          states,
          waitEvents,
          wal: { records: after.records - before.records, bytes: after.bytes - before.bytes, writes: after.writes - before.writes, syncs: after.syncs - before.syncs },
          commits: after.commits - before.commits,
        };
      },
    };
  };
  return { stop };
};
