/**
 * Where a PostgreSQL append's time goes, for the notes of BENCHMARKS.md: client
 * and server CPU per append, kefu against the bare loop and against a bare insert
 * into a table shaped and indexed like kefu's (its three indexes, position from a
 * sequence, the transaction id), in alternating rounds. Client CPU is this
 * process's (process.cpuUsage); server CPU is the time the serving backend spent
 * on a CPU (/proc/<pid>/schedstat, so the server must run on this machine). Every
 * side uses one pool of one connection. Run it under `node --cpu-prof` to see the
 * client's share by function:
 *
 *   npx esbuild bench/compare/appendCost.ts --bundle --platform=node --format=esm --packages=external --outfile=.bench-tmp/append-cost.mjs
 *   node --cpu-prof --cpu-prof-dir=.bench-tmp .bench-tmp/append-cost.mjs [--size 100] [--count 40] [--rounds 9] [--notify]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { createPostgresEventStore } from '../../src/adapters/postgres/index.js';
import { median } from '../lib/measure.js';
import { BARE_TABLE_SQL, bareInserts, bareLoop, messages } from './pgWork.js';
import { interleave, type Round } from './rounds.js';
import { withScratchDatabase } from './scratchDatabase.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '100' },
    count: { type: 'string', default: '40' },
    rounds: { type: 'string', default: '9' },
    notify: { type: 'boolean', default: false },
  },
});
const size = Number(values.size);
const count = Number(values.count);
const rounds = Number(values.rounds);

/** A pool of one connection, and the CPU time its backend has used so far (ns), when readable. */
const onePool = async (url: string) => {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on('error', () => undefined);
  const pid = (await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const cpuNs = () => {
    try {
      return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      return Number.NaN;
    }
  };
  return { pool, cpuNs };
};

await withScratchDatabase('kefu_append_cost', async (url) => {
  const kefu = await onePool(url);
  const bare = await onePool(url);
  const shaped = await onePool(url);
  // notify off by default: its NOTIFY would run on the same one-connection pool (see --notify).
  const store = createPostgresEventStore({ pool: kefu.pool, schema: 'kefu', notify: values.notify });
  try {
    if (E.isLeft(await store.ready())) throw new Error('migrations failed');
    await bare.pool.query(BARE_TABLE_SQL);
    await shaped.pool.query('CREATE TABLE shaped (LIKE kefu.events INCLUDING ALL); CREATE SEQUENCE shaped_positions');
    const inserts = bareInserts(bare.pool);
    const shapedText = `INSERT INTO shaped (position, transaction_id, stream, version, type, schema_version, shop_id, data, metadata) VALUES ${Array.from(
      { length: size },
      (_, i) => `(nextval('shaped_positions'), pg_current_xact_id(), $${i * 7 + 1}, $${i * 7 + 2}, $${i * 7 + 3}, $${i * 7 + 4}, $${i * 7 + 5}, $${i * 7 + 6}, $${i * 7 + 7})`,
    ).join(', ')}`;

    let streams = 0;
    const sides: Record<string, { round: Round; cpuNs: () => number }> = {
      kefu: {
        cpuNs: kefu.cpuNs,
        round: async () => {
          const stream = `kefu-${streams++}`;
          let version = 0;
          for (let i = 0; i < count; i++) {
            const result = await store.append(stream, messages(stream, size), version);
            if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
            version = result.right.nextVersion;
          }
          return count;
        },
      },
      bare: { cpuNs: bare.cpuNs, round: () => bareLoop(inserts, 'bare', count, size) },
      'bare, kefu-shaped table': {
        cpuNs: shaped.cpuNs,
        round: async () => {
          const stream = `shaped-${streams++}`;
          let version = 0;
          for (let i = 0; i < count; i++) {
            const values = messages(stream, size).flatMap((e) => [stream, ++version, e.type, e.schemaVersion, e.metadata.shopId, JSON.stringify(e.data), JSON.stringify(e.metadata)]);
            await shaped.pool.query({ name: `shaped-${size}`, text: shapedText, values });
          }
          return count;
        },
      },
    };
    const client = new Map<string, number[]>();
    const server = new Map<string, number[]>();
    const measured = Object.fromEntries(
      Object.entries(sides).map(([name, side]) => [
        name,
        async (round: number) => {
          const server0 = side.cpuNs();
          const client0 = process.cpuUsage();
          const ops = await side.round(round);
          const used = process.cpuUsage(client0);
          if (round >= 0) {
            client.set(name, [...(client.get(name) ?? []), (used.user + used.system) / ops]);
            server.set(name, [...(server.get(name) ?? []), (side.cpuNs() - server0) / 1000 / ops]);
          }
          return ops;
        },
      ]),
    );
    const result = await interleave(rounds, measured);
    console.log(`${size}-event appends, ${count} a round, ${rounds} rounds (medians)`);
    console.log('side | appends/s | / bare | client CPU us | server CPU us');
    for (const name of Object.keys(sides)) {
      console.log(
        `${name} | ${Math.round(result.rate[name]!)} | ${result.ratio(name, 'bare').toFixed(3)} | ${Math.round(median(client.get(name)!))} | ${Math.round(median(server.get(name)!))}`,
      );
    }
  } finally {
    await store.close();
    await Promise.all([kefu.pool.end(), bare.pool.end(), shaped.pool.end()]);
  }
});
