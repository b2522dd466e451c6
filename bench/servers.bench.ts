/**
 * Shops over several PostgreSQL servers (issue 21): clusters of the benchmark's
 * own on this machine (test/support/pgClusters.ts: initdb in temporary folders,
 * ports of their own), 1, 2 and 4 of them, one engine process per server on a
 * sharded store over all of them (the shop map on the first server), following
 * its server's log and serving 4 shops placed there; plus the same 4 processes on
 * one server, the load the 4 servers carry, on one. Aggregate assignments/s and
 * the ratios to one server, measured in this run; each count checked against the
 * servers' logs.
 *
 * The cut-over: a shop of 20,000 events moved from one server to another with
 * moveShop (servers/moveShopFigure.ts), how long its writes were paused.
 *
 * The replica figures: a hot standby (asynchronous streaming) of the one server
 * under the 4-process load, its lag sampled every 100 ms through the replica store
 * (events and seconds behind the primary).
 *
 * On a machine of 2 cores the servers and the engines share the same two CPUs:
 * the ratios say what spreading costs and gains here, not on separate machines;
 * the machine's CPU per assignment says what each server would need of its own.
 */
import * as E from 'fp-ts/lib/Either.js';
import { createPostgresEventStore, createPostgresReplicaStore } from '../src/adapters/postgres/index.js';
import { createPostgresShopMap } from '../src/adapters/sharded/index.js';
import { clustersUnavailable, removeAllClusters, startPrimary, startStandby, type PgCluster } from '../test/support/pgClusters.js';
import { check, median, type Figure } from './lib/measure.js';
import { measureMoveShop } from './servers/moveShopFigure.js';
import type { ServersArgs } from './servers/shardedEngineProcess.js';
import { machineCpu } from './scale/procCpu.js';
import { goTogether, startChild } from './scale/processes.js';

const SUITE = 'servers';
const AGENTS = 20;
const SHOPS_PER_PROCESS = 4;
/**
 * The second run is the control: one server's PostgreSQL store itself, no sharded store
 * (what the shop map costs). The last repeats 1 x 4 with a hot standby attached, for its
 * lag (the ratios use the one without).
 */
const RUNS: readonly { readonly servers: number; readonly processes: number; readonly standby: boolean; readonly plain?: boolean }[] = [
  { servers: 1, processes: 1, standby: false },
  { servers: 1, processes: 1, standby: false, plain: true },
  { servers: 2, processes: 2, standby: false },
  { servers: 4, processes: 4, standby: false },
  { servers: 1, processes: 4, standby: false },
  { servers: 1, processes: 4, standby: true },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface LagSample {
  readonly events: number;
  readonly seconds: number;
}

/** Samples the standby's lag every 100 ms until stopped. */
const sampleLag = (primary: PgCluster, standby: PgCluster, schema: string) => {
  const primaryStore = createPostgresEventStore({ connectionString: primary.url, schema });
  const replica = createPostgresReplicaStore({ connectionString: standby.url, primary: primaryStore, schema });
  const samples: LagSample[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const lag = await replica.lag();
      if (E.isRight(lag)) samples.push({ events: lag.right.events, seconds: lag.right.seconds });
      await sleep(100);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await replica.close();
      await primaryStore.close();
      return samples;
    },
  };
};

const countAssigned = async (clusters: readonly PgCluster[], schema: string): Promise<number> => {
  let total = 0;
  for (const c of clusters) total += Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.events WHERE type = 'SessionAssigned'`))[0]!.n);
  return total;
};

export const serversBench = async (options: { quick: boolean }): Promise<Figure[]> => {
  const unavailable = clustersUnavailable();
  if (unavailable !== undefined) {
    process.stderr.write(`servers suite skipped: ${unavailable}\n`);
    return [];
  }
  const seconds = options.quick ? 3 : 10;
  const warmUpSeconds = options.quick ? 1 : 2;
  const figures: Figure[] = [];
  const figure = (name: string, value: number, unit: string) => figures.push({ suite: SUITE, name, value, unit });
  const rates = new Map<string, number>();
  try {
    const clusters: PgCluster[] = [];
    for (let i = 0; i < 4; i++) clusters.push(await startPrimary(`bench-s${i}`));
    for (const [runIndex, { servers, processes, standby: withStandby, plain = false }] of RUNS.entries()) {
      const key = `${servers}x${processes}${withStandby ? '-standby' : ''}${plain ? '-plain' : ''}`;
      const schema = `servers_${key.replaceAll('-', '_')}`;
      const used = clusters.slice(0, servers);
      const names = used.map((_, i) => `s${i}`);
      const urls = Object.fromEntries(used.map((c, i) => [names[i]!, c.url]));
      for (const c of used) {
        const store = createPostgresEventStore({ connectionString: c.url, schema });
        check(E.isRight(await store.ready()), `migrations of ${schema} on ${c.name}`);
        await store.close();
      }
      // The shops of process p live on server p mod servers: placed in the map before they write.
      const map = createPostgresShopMap({ connectionString: used[0]!.url, schema });
      const shopsOf = (p: number) => Array.from({ length: SHOPS_PER_PROCESS }, (_, s) => `r${runIndex}-p${p}-shop${s}`);
      for (let p = 0; p < processes; p++) for (const shop of shopsOf(p)) check(E.isRight(await map.assign(shop, names[p % servers]!)), `placing ${shop}`);
      await map.close();

      const standby = withStandby ? await startStandby(used[0]!, 'bench-standby') : undefined;
      const lag = standby === undefined ? undefined : sampleLag(used[0]!, standby, schema);
      const children = Array.from({ length: processes }, (_, p) => {
        const args: ServersArgs = { servers: urls, schema, follow: names[p % servers]!, shops: shopsOf(p), agentsPerShop: AGENTS, seconds, warmUpSeconds, seed: 2100 + p, plain };
        return startChild('bench/servers/shardedEngineProcess.ts', args);
      });
      try {
        await Promise.all(children.map((c) => c.ready));
        const cpuBefore = machineCpu();
        await goTogether(children);
        const results = await Promise.all(children.map((c) => c.result));
        const cpuAfter = machineCpu();
        const rate = results.reduce((a, r) => a + r.done / r.seconds, 0);
        const lifetime = results.reduce((a, r) => a + r.done + r.warmUp, 0);
        const stored = await countAssigned(used, schema);
        const label = `${servers} server${servers === 1 ? '' : 's'}, ${processes} engine process${processes === 1 ? '' : 'es'} x ${SHOPS_PER_PROCESS} shops${withStandby ? ', hot standby attached' : ''}${plain ? ', its PostgreSQL store itself (no shop map)' : ''}`;
        check(stored === lifetime, `${label}: ${lifetime} assignments reported, ${stored} SessionAssigned events stored`);
        rates.set(key, rate);
        figure(`kefu, ${label} (OpenSession + EndSession loops), aggregate`, rate, 'assignments/s');
        // The whole machine's CPU over the timed window (servers, engines, everything): whether the CPUs were the bound, and what one assignment costs.
        const busy = cpuAfter.busy - cpuBefore.busy;
        const idle = cpuAfter.idle - cpuBefore.idle + (cpuAfter.iowait - cpuBefore.iowait);
        const done = results.reduce((a, r) => a + r.done, 0);
        figure(`${label}: the machine's CPUs busy`, (100 * busy) / (busy + idle), '%');
        figure(`${label}: machine CPU per assignment`, (1000 * busy) / done, 'ms');
        if (lag !== undefined) {
          const samples = await lag.stop();
          check(samples.length > 0, 'the replica lag was sampled');
          figure(`${label}: the standby's replay lag, median`, median(samples.map((s) => s.seconds)), 's');
          figure(`${label}: the standby's replay lag, max`, Math.max(...samples.map((s) => s.seconds)), 's');
          figure(`${label}: events the standby is behind, median`, median(samples.map((s) => s.events)), 'events');
          figure(`${label}: events the standby is behind, max`, Math.max(...samples.map((s) => s.events)), 'events');
        }
      } finally {
        for (const c of children) c.kill();
        standby?.remove();
      }
    }
    const rate = (key: string) => rates.get(key)!;
    figure('the sharded store over 1 server / that server\'s store itself, aggregate assignments/s', rate('1x1') / rate('1x1-plain'), 'x');
    figure('2 servers / 1 server (one process per server), aggregate assignments/s', rate('2x2') / rate('1x1'), 'x');
    figure('4 servers / 1 server (one process per server), aggregate assignments/s', rate('4x4') / rate('1x1'), 'x');
    figure('4 servers, 4 processes / 1 server, the same 4 processes, aggregate assignments/s', rate('4x4') / rate('1x4'), 'x');
    figure('1 server, 4 processes: with a hot standby attached / without, aggregate assignments/s', rate('1x4-standby') / rate('1x4'), 'x');
    const moved = await measureMoveShop(clusters[0]!, clusters[1]!);
    figure(`moveShop of a shop of ${moved.events.toLocaleString('en-US')} events (${moved.streams.toLocaleString('en-US')} streams) between two servers: its writes paused`, moved.pausedMs / 1000, 's');
    return figures;
  } finally {
    removeAllClusters();
  }
};
