/**
 * `npm run bench:compare [-- --quick]`: kefu against Emmett (and the bare driver
 * loops) on the same work, in one process, in one run, and one table: figure,
 * kefu, reference, ratio, target, met. Only ratios taken inside one run mean
 * anything on this machine; each section alternates its sides round by round.
 *
 * Sections: in memory (a trivial decider at 100 to 100,000 events per stream, and
 * 1,000 streams round robin), routing (100 vs 10,000 agents on each store), SQLite
 * appends, PostgreSQL appends and reads. PostgreSQL runs in a database of its own,
 * `kefu_compare_<random>`, created on the server named by KEFU_PG_URL (the admin
 * connection; default postgres://postgres@127.0.0.1:5432/postgres) and dropped at
 * the end, even on failure. `--only in-memory,routing,sqlite,postgres` runs some.
 *
 * The table is printed on stdout and written as JSON to .bench-tmp/compare-latest.json.
 * Run node with --expose-gc (the npm script does) so garbage is collected between
 * timed parts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { inMemoryRows } from './inMemory.js';
import { postgresRows } from './postgres.js';
import { renderTable, reported, type Row } from './report.js';
import { routingRows } from './routing.js';
import { adminUrl, withScratchDatabase } from './scratchDatabase.js';
import { sqliteRows } from './sqlite.js';

const SECTIONS = ['in-memory', 'routing', 'sqlite', 'postgres'] as const;
type Section = (typeof SECTIONS)[number];

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } } });
const quick = values.quick;
const chosen = (values.only?.split(',') ?? [...SECTIONS]) as Section[];
const unknown = chosen.filter((name) => !SECTIONS.includes(name));
if (unknown.length > 0) {
  console.error(`unknown section(s): ${unknown.join(', ')}; known: ${SECTIONS.join(', ')}`);
  process.exit(2);
}

const started = performance.now();
const progress = (line: string) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${line}\n`);

const serverVersion = async (url: string): Promise<string> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return String((await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version);
  } finally {
    await client.end();
  }
};

const needsPostgres = chosen.includes('routing') || chosen.includes('postgres');
const rows: Row[] = [];
let postgresVersion: string | null = null;
const run = async (url: string | undefined) => {
  if (chosen.includes('in-memory')) rows.push(...(await inMemoryRows({ quick }, progress)));
  if (chosen.includes('routing')) rows.push(...(await routingRows({ quick, postgresUrl: url }, progress)));
  if (chosen.includes('sqlite')) rows.push(...(await sqliteRows({ quick }, progress)));
  if (chosen.includes('postgres') && url !== undefined) rows.push(...(await postgresRows(url, { quick }, progress)));
};

if (needsPostgres) {
  postgresVersion = await serverVersion(adminUrl());
  await withScratchDatabase('kefu_compare', async (url, database) => {
    progress(`PostgreSQL ${postgresVersion}: database ${database} created`);
    await run(url);
  });
  progress('database dropped');
} else {
  await run(undefined);
}

const seconds = (performance.now() - started) / 1000;
const table = rows.map(reported);
const header = {
  date: new Date().toISOString().slice(0, 10),
  node: process.version,
  postgres: postgresVersion,
  cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown cpu'}`,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  mode: quick ? 'quick' : 'full',
  command: `npm run bench:compare${quick ? ' -- --quick' : ''}${values.only === undefined ? '' : ` -- --only ${values.only}`}`,
  wallSeconds: Math.round(seconds),
};
mkdirSync('.bench-tmp', { recursive: true });
writeFileSync('.bench-tmp/compare-latest.json', `${JSON.stringify({ ...header, rows: table }, null, 2)}\n`);
const missed = table.filter((row) => row.met === false);
console.log(
  `${header.date} · Node ${header.node}${postgresVersion === null ? '' : ` · PostgreSQL ${postgresVersion}`} · ${header.cpu} · ${header.memoryGiB} GiB · ${header.mode} · ${header.wallSeconds} s\n`,
);
console.log(renderTable(table));
console.log(`\n${missed.length === 0 ? 'every target met' : `${missed.length} target(s) missed: ${missed.map((row) => row.figure).join('; ')}`}`);
