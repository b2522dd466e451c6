/**
 * Engines side by side on one PostgreSQL: 1, 2 and 4 engine processes (real OS
 * processes, scale/engineProcess.ts), each serving 4 shops of its own (20 agents
 * online each; a loop per shop opening and ending sessions, every opening an
 * assignment), all in one schema, started together, for a fixed time; two control
 * runs (RUNS); and, in the same run, the bare loop: 8 connections inserting one row
 * per autocommit transaction (scale/bareProcess.ts). Each count a child reports is
 * checked against the database (SessionAssigned events, bare rows).
 *
 * Every run is profiled while it runs (scale/profile.ts): the CPU of the clients
 * and of the server, threads waiting for a CPU, what the backends wait on
 * (pg_stat_activity every 50 ms), WAL flushes per commit. These are figures too:
 * they say where the bound is. PostgreSQL only (KEFU_PG_URL), in a scratch database.
 */
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { createPostgresEventStore } from '../src/adapters/postgres/index.js';
import { BARE_TABLE_SQL } from './compare/pgWork.js';
import { adminUrl, withScratchDatabase } from './compare/scratchDatabase.js';
import { check, type Figure } from './lib/measure.js';
import type { BareArgs } from './scale/bareProcess.js';
import type { ScaleArgs } from './scale/engineProcess.js';
import { startChild } from './scale/processes.js';
import { profileDetail, profileFigures } from './scale/profileFigures.js';
import type { ChildResult } from './scale/protocol.js';
import { timedRun } from './scale/timedRun.js';

const SUITE = 'scale';
const AGENTS = 20;
const BARE_CONNECTIONS = 8;
/**
 * The runs, in this order. Besides 1, 2 and 4 processes of 4 shops: 4 processes with
 * their reactors off (each live reactor follows every process's events), and one
 * process serving 16 shops, the same 16 loops as 4 x 4 in one process, which tells
 * what the processes cost apart from the work.
 */
const RUNS: readonly { readonly processes: number; readonly shops: number; readonly reactor: ScaleArgs['reactor'] }[] = [
  { processes: 1, shops: 4, reactor: 'live' },
  { processes: 2, shops: 4, reactor: 'live' },
  { processes: 4, shops: 4, reactor: 'live' },
  { processes: 4, shops: 4, reactor: 'off' },
  { processes: 1, shops: 16, reactor: 'live' },
];

/**
 * KEFU_BENCH_CPU_PROF=<dir> runs every child under `node --cpu-prof` (profiles in
 * <dir>, one per process, for Chrome DevTools or speedscope): the split of the
 * client's CPU by function. It costs the children some speed; figures from such a
 * run are not the recorded ones.
 */
const childFlags = process.env.KEFU_BENCH_CPU_PROF === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${process.env.KEFU_BENCH_CPU_PROF}`];

const count = async (db: pg.Client, sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0]!.n);

const notesOf = (results: readonly ChildResult[]) =>
  results
    .flatMap((r) => Object.entries(r.notes))
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');

export const scaleBench = async (options: { quick: boolean }): Promise<Figure[]> => {
  if (process.env.KEFU_PG_URL === undefined) {
    process.stderr.write('scale suite skipped: it needs PostgreSQL; set KEFU_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)\n');
    return [];
  }
  const seconds = options.quick ? 3 : 10;
  const warmUpSeconds = options.quick ? 1 : 2;
  return withScratchDatabase('kefu_scale', async (url, database) => {
    const figures: Figure[] = [];
    const figure = (name: string, value: number, unit: string) => figures.push({ suite: SUITE, name, value, unit });
    // The profiler's connection is to the admin database; the checks read the benchmark's.
    const profiler = new pg.Client({ connectionString: adminUrl(), application_name: 'kefu-scale-profiler' });
    const db = new pg.Client({ connectionString: url, application_name: 'kefu-scale-checks' });
    // DROP DATABASE ... WITH (FORCE) may end this connection first: not a failure.
    db.on('error', () => undefined);
    await profiler.connect();
    await db.connect();
    try {
      const rates = new Map<string, number>();
      for (const { processes, shops, reactor } of RUNS) {
        const key = `${processes}x${shops}-${reactor}`;
        const schema = `scale_${processes}x${shops}_${reactor}`;
        // Migrated once here, so the children do not queue on the migration lock.
        const store = createPostgresEventStore({ connectionString: url, schema });
        check(E.isRight(await store.ready()), `migrations of ${schema} ran`);
        await store.close();
        const children = () =>
          Array.from({ length: processes }, (_, index) => {
            const args: ScaleArgs = {
              url,
              schema,
              index,
              shops,
              agentsPerShop: AGENTS,
              seconds,
              warmUpSeconds,
              applicationName: `kefu-scale-${key}-${index}`,
              reactor,
            };
            return startChild('bench/scale/engineProcess.ts', args, childFlags);
          });
        const run = await timedRun(profiler, database, children, seconds);
        const stored = await count(db, `SELECT count(*) AS n FROM ${schema}.events WHERE type = 'SessionAssigned'`);
        const label = `${processes} engine process${processes === 1 ? '' : 'es'} x ${shops} shops${reactor === 'off' ? ', reactors off' : ''}`;
        check(stored === run.lifetime, `${label}: ${run.lifetime} assignments reported, ${stored} SessionAssigned events stored`);
        process.stderr.write(profileDetail(label, run.profile));
        if (notesOf(run.results) !== '') process.stderr.write(`  ${label}: ${notesOf(run.results)}\n`);
        rates.set(key, run.rate);
        figure(`kefu, ${label} (OpenSession + EndSession loops), aggregate`, run.rate, 'assignments/s');
        figures.push(...profileFigures(SUITE, label, run.profile, run.done, run.lifetime, 'assignment'));
      }

      await db.query(BARE_TABLE_SQL);
      const bareArgs: BareArgs = { url, connections: BARE_CONNECTIONS, seconds, warmUpSeconds, applicationName: 'kefu-scale-bare' };
      const bare = await timedRun(profiler, database, () => [startChild('bench/scale/bareProcess.ts', bareArgs, childFlags)], seconds);
      const rows = await count(db, 'SELECT count(*) AS n FROM bare_events');
      check(rows === bare.lifetime, `bare: ${rows} rows stored of ${bare.lifetime} reported`);
      process.stderr.write(profileDetail('bare loop', bare.profile));
      figure(`bare one-row INSERT autocommit, ${BARE_CONNECTIONS} connections (one process)`, bare.rate, 'rows/s');
      figures.push(...profileFigures(SUITE, 'bare loop', bare.profile, bare.done, bare.lifetime, 'row'));

      const rate = (key: string) => rates.get(key)!;
      figure('2 processes / 1 process, aggregate assignments/s', rate('2x4-live') / rate('1x4-live'), 'x');
      figure('4 processes / 1 process, aggregate assignments/s', rate('4x4-live') / rate('1x4-live'), 'x');
      figure('4 processes x 4 shops / 1 process x 16 shops (the same 16 loops), aggregate assignments/s', rate('4x4-live') / rate('1x16-live'), 'x');
      figure('4 processes, reactors off / on, aggregate assignments/s', rate('4x4-off') / rate('4x4-live'), 'x');
      figure(`kefu 4 processes (assignments/s) / bare ${BARE_CONNECTIONS}-connection loop (rows/s)`, rate('4x4-live') / bare.rate, 'x');
      return figures;
    } finally {
      await db.end().catch(() => undefined);
      await profiler.end();
    }
  });
};
