/**
 * The bare loop of the scale benchmark, in a process of its own like the engines:
 * 8 connections, each inserting one row per autocommit transaction (the prepared
 * INSERT of compare/pgWork.ts, same row shape as kefu's events) for the given time.
 *
 * Run by scale.bench.ts under `node --import tsx`; argument: BareArgs as JSON.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { bareInserts } from '../compare/pgWork.js';
import { childArgs, readyThenGo, runChild } from './protocol.js';

export interface BareArgs {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  readonly warmUpSeconds: number;
  readonly applicationName: string;
}

runChild(async () => {
  const args = childArgs<BareArgs>();
  const pool = new pg.Pool({ connectionString: args.url, max: args.connections, application_name: args.applicationName });
  const bare = bareInserts(pool);
  const loop = async (until: number) => {
    let rows = 0;
    while (performance.now() < until) {
      await bare.oneRow('bare-scale');
      rows++;
    }
    return rows;
  };
  // Each loop holds one connection at a time, so `connections` loops keep that many busy.
  const all = async (seconds: number) => {
    const until = performance.now() + seconds * 1000;
    return (await Promise.all(Array.from({ length: args.connections }, () => loop(until)))).reduce((a, b) => a + b, 0);
  };
  const warmUp = await all(args.warmUpSeconds);
  await readyThenGo();
  const start = performance.now();
  const done = await all(args.seconds);
  const seconds = (performance.now() - start) / 1000;
  await pool.end();
  return { done, warmUp, seconds, notes: {} };
});
