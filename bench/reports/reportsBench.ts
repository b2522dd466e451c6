/**
 * The report kit at scale (issue 18): a generated log of N events (1,000,000;
 * `--quick`: 100,000) folded into every report of BENCH_REPORTS in one pass, each
 * way beside the bare loop it cannot beat, in the same rounds (taking turns):
 * (1) decoding every event with the registry; (2) the rebuild from an in-memory
 * store, ratio to (1) (target >= 0.5); (3) SQLite (a temp file) beside a bare
 * readAll + decode; (4) PostgreSQL (KEFU_PG_URL) likewise; (5) an NDJSON file
 * beside a bare line split + JSON.parse (and + decode); (6) the rebuild's peak
 * heap at two sizes, from the NDJSON file so the log itself is not in the heap.
 * Checked: every generated event decodes; each rebuild folds exactly N events and
 * skips none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '../../src/adapters/eventStore.js';
import { createInMemoryEventStore } from '../../src/adapters/memory/inMemoryEventStore.js';
import { copyLog } from '../../src/adapters/copyLog.js';
import { forEachLines } from '../../src/adapters/ndjsonLog.js';
import { createPostgresEventStore } from '../../src/adapters/postgres/index.js';
import { createSqliteEventStore } from '../../src/adapters/sqlite/index.js';
import { createRegistry, type Registry } from '../../src/domain/registry.js';
import { reportSet, type AnyReportDefinition, type ReportSet } from '../../src/projections/reports/reportSet.js';
import { rebuildReports } from '../../src/runtime/reportRunner.js';
import { interleave } from '../compare/rounds.js';
import { withScratchDatabase } from '../compare/scratchDatabase.js';
import { canMeasureHeap, settledHeap } from '../lib/heap.js';
import { check, type Figure } from '../lib/measure.js';
import { BENCH_REPORTS } from './benchReports.js';
import { BENCH_ZONE, generateLog } from './generateLog.js';
import { decodes, fillStore, writeLogFile } from './logFiles.js';
import { BENCH_MODULES, recordTemplates } from './templates.js';

const SUITE = 'reports';
const say = (line: string) => process.stderr.write(`  reports: ${line}\n`);
const n = (count: number) => count.toLocaleString('en-US');

const rebuildRound = (source: EventStore | string, registry: Registry, set: ReportSet, expected: number) => async () => {
  const rebuilt = await rebuildReports({ source, registry, set });
  if (E.isLeft(rebuilt)) throw new Error(`benchmark check failed: rebuild: ${JSON.stringify(rebuilt.left)}`);
  check(rebuilt.right.events === expected && rebuilt.right.skipped.length === 0, `rebuild folded ${rebuilt.right.events} of ${expected} events`);
  return rebuilt.right.events;
};

/** readAll in pages of 5,000 (as the rebuild reads) and decode each event: what a rebuild from this store cannot beat. */
const bareStoreRound = (store: EventStore, registry: Registry, expected: number) => async () => {
  let decoded = 0;
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: 5000 });
    if (E.isLeft(page)) throw new Error(`benchmark check failed: readAll: ${JSON.stringify(page.left)}`);
    for (const e of page.right) if (E.isRight(registry.decodeRecorded(e))) decoded++;
    const tail = page.right[page.right.length - 1];
    if (tail === undefined) break;
    after = tail.globalPosition;
  }
  check(decoded === expected, `bare loop decoded ${decoded} of ${expected}`);
  return decoded;
};

/** The bench's reports grouped by the fold they read. */
const byFold = (set: ReportSet): Map<string, AnyReportDefinition[]> => {
  const groups = new Map<string, AnyReportDefinition[]>();
  for (const definition of BENCH_REPORTS) {
    const fold = definition.projection(set.options).name;
    groups.set(fold, [...(groups.get(fold) ?? []), definition]);
  }
  return groups;
};

const peakHeap = async (file: string, registry: Registry, set: ReportSet, expected: number) => {
  const baseline = await settledHeap();
  let peak = baseline;
  const rebuilt = await rebuildReports({ source: file, registry, set, progressEvery: 10_000, onProgress: () => (peak = Math.max(peak, process.memoryUsage().heapUsed)) });
  if (E.isLeft(rebuilt)) throw new Error(`benchmark check failed: rebuild: ${JSON.stringify(rebuilt.left)}`);
  check(rebuilt.right.events === expected, `heap rebuild folded ${rebuilt.right.events} of ${expected}`);
  const retained = (await settledHeap()) - baseline;
  // Keep the state reachable until after the second measurement.
  check(Object.keys(rebuilt.right.state).length === set.folds.length, 'the state holds every fold');
  return { peak: peak - baseline, retained };
};

export const reportsBench = async (options: { quick: boolean }): Promise<Figure[]> => {
  const count = options.quick ? 100_000 : 1_000_000;
  const heapSizes = options.quick ? [10_000, 100_000] : [100_000, 1_000_000];
  const rounds = 3;
  const figures: Figure[] = [];
  const figure = (name: string, value: number, unit: string) => figures.push({ suite: SUITE, name, value, unit });
  const templates = await recordTemplates();
  const registry = createRegistry(BENCH_MODULES);
  const built = reportSet(BENCH_REPORTS, { zone: BENCH_ZONE });
  if (E.isLeft(built)) throw new Error(`benchmark check failed: report set: ${JSON.stringify(built.left)}`);
  const set = built.right;
  const dir = mkdtempSync(join(tmpdir(), 'kefu-reports-bench-'));
  const fileOf = (size: number) => join(dir, `log-${size}.ndjson`);
  try {
    // The files, streamed from the generator with every event checked to decode.
    for (const size of [...new Set([...heapSizes, count])]) {
      say(`writing ${n(size)} events to NDJSON`);
      const checkAll = decodes(registry);
      const written = await writeLogFile((function* () { for (const e of generateLog(size, templates)) yield checkAll(e); })(), fileOf(size));
      check(written === size, `generated ${written} of ${size} events`);
    }

    // (6) First, while nothing else is in the heap.
    if (canMeasureHeap()) {
      for (const size of heapSizes) {
        say(`peak heap, rebuild of ${n(size)} events from NDJSON`);
        const heap = await peakHeap(fileOf(size), registry, set, size);
        figure(`peak heap during the rebuild of ${n(size)} events (NDJSON; sampled every 10,000, minus the heap before)`, heap.peak / 2 ** 20, 'MiB');
        figure(`heap still held by the reports' state after the rebuild of ${n(size)} events`, heap.retained / 2 ** 20, 'MiB');
      }
    } else {
      process.stderr.write('reports suite: heap figures skipped; run node with --expose-gc\n');
    }

    // (5) NDJSON beside a bare line split + JSON.parse, and + decode.
    say(`NDJSON, ${n(count)} events`);
    const file = fileOf(count);
    const bareLines = (decode: boolean) => async () => {
      let parsed = 0;
      const read = await forEachLines(file, (lines) => {
        for (const line of lines) {
          if (line === '') continue;
          const e = JSON.parse(line) as Parameters<Registry['decodeRecorded']>[0];
          if (!decode || E.isRight(registry.decodeRecorded(e))) parsed++;
        }
        return true;
      });
      check(E.isRight(read) && parsed === count, `bare NDJSON loop read ${parsed} of ${count}`);
      return parsed;
    };
    const ndjson = await interleave(rounds, { split: bareLines(false), decode: bareLines(true), rebuild: rebuildRound(file, registry, set, count) });
    figure(`bare NDJSON loop: line split + JSON.parse, ${n(count)} events`, ndjson.rate.split, 'events/s');
    figure('bare NDJSON loop: line split + JSON.parse + registry decode', ndjson.rate.decode, 'events/s');
    figure('rebuild all reports from the NDJSON file (envelope checked, decoded, folded)', ndjson.rate.rebuild, 'events/s');
    figure('NDJSON rebuild / bare split + parse + decode', ndjson.ratio('rebuild', 'decode'), 'ratio');

    // (1), (2): in memory.
    say(`in-memory store, ${n(count)} events`);
    const memory = createInMemoryEventStore();
    check((await fillStore(memory, generateLog(count, templates))) === count, 'every event in the in-memory store');
    const all = await memory.readAll();
    if (E.isLeft(all)) throw new Error('readAll');
    const decodeAll = async () => {
      let decoded = 0;
      for (const e of all.right) if (E.isRight(registry.decodeRecorded(e))) decoded++;
      check(decoded === count, `decoded ${decoded} of ${count}`);
      return decoded;
    };
    const inMemory = await interleave(rounds, { decode: decodeAll, rebuild: rebuildRound(memory, registry, set, count) });
    figure(`bare loop: decode every event with the registry, ${n(count)} events`, inMemory.rate.decode, 'events/s');
    figure(`rebuild all reports (${set.names.length} reports, ${set.folds.length} folds) from the in-memory store`, inMemory.rate.rebuild, 'events/s');
    figure('in-memory rebuild / bare decode loop (target >= 0.5)', inMemory.ratio('rebuild', 'decode'), 'ratio');
    // Where the time goes: each fold alone (the reports reading it), one timed pass each after the warm ones above.
    for (const [fold, definitions] of byFold(set)) {
      const alone = reportSet(definitions, { zone: BENCH_ZONE });
      if (E.isLeft(alone)) throw new Error('report set of one fold');
      const start = performance.now();
      const folded = await rebuildRound(memory, registry, alone.right, count)();
      const seconds = (performance.now() - start) / 1000;
      const foldMicros = Math.max(0, (seconds / folded - 1 / inMemory.rate.decode) * 1e6);
      figure(`in memory: rebuild of ${fold} alone (${definitions.map((d) => d.name).join(', ')})`, folded / seconds, 'events/s');
      figure(`  ${fold}: fold time per event (rebuild alone minus the bare decode)`, foldMicros, 'µs');
    }

    /** A store's rebuild beside its bare readAll + decode loop, in the same rounds. */
    const beside = async (label: string, store: EventStore) => {
      const sides = await interleave(rounds, { bare: bareStoreRound(store, registry, count), rebuild: rebuildRound(store, registry, set, count) });
      figure(`${label}: bare readAll (pages of 5,000) + decode`, sides.rate.bare, 'events/s');
      figure(`${label}: rebuild all reports`, sides.rate.rebuild, 'events/s');
      figure(`${label} rebuild / bare readAll + decode`, sides.ratio('rebuild', 'bare'), 'ratio');
    };

    // (3) SQLite.
    say(`SQLite: copying ${n(count)} events`);
    const sqlite = createSqliteEventStore({ filename: join(dir, 'reports.sqlite') });
    try {
      check(E.isRight(await copyLog(memory, sqlite, { pageSize: 5000 })), 'copy into SQLite');
      await beside('SQLite', sqlite);
    } finally {
      await sqlite.close();
    }

    // (4) PostgreSQL, in a scratch database.
    if (process.env.KEFU_PG_URL === undefined) {
      process.stderr.write('reports suite: PostgreSQL skipped; set KEFU_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) to run it\n');
    } else {
      await withScratchDatabase('kefu_reports_bench', async (url) => {
        const pgStore = createPostgresEventStore({ connectionString: url, schema: 'kefu' });
        try {
          check(E.isRight(await pgStore.ready()), 'PostgreSQL migrations ran');
          say(`PostgreSQL: copying ${n(count)} events`);
          check(E.isRight(await copyLog(memory, pgStore, { pageSize: 5000 })), 'copy into PostgreSQL');
          await beside('PostgreSQL', pgStore);
        } finally {
          await pgStore.close();
        }
      });
    }
    await memory.close();
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
