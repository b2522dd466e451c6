/**
 * `kefu demo`: the first command to run. A busy day of one shop simulated on the
 * embedded SQLite store (a file in the current folder), then the agent board, the
 * queue, the workload report and a summary printed, and the HTML report written.
 *
 * A second run does not silently append a second day to the first one's log (its
 * reports would mix both): when the file exists it refuses, saying how to go on
 * (`--fresh` deletes it, `--file` picks another), exit 2.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Command, InvalidArgumentError } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '../../adapters/eventStore.js';
import { demoReports } from '../../demo/demoReports.js';
import { printBoard, printQueue, printSummary, printWorkload } from '../../demo/demoTables.js';
import { DEFAULT_DEMO_SEED, runDemo } from '../../demo/runDemo.js';
import { CliError, createProgress, failWith, writeLine, type CliIo } from '../cliKit.js';
import { EXIT_CODES } from '../exitCodes.js';
import { htmlReport } from '../htmlReport/buildHtmlReport.js';

export const DEFAULT_DEMO_FILE = 'kefu-demo.sqlite';
export const DEFAULT_DEMO_HTML = 'kefu-demo.html';
/** The largest scale accepted: 10 is 20,000 customers, minutes of work. */
export const MAX_DEMO_SCALE = 10;

const EXAMPLES = `
The day: tea-house, 2026-12-03 in Asia/Shanghai, open 09:00-22:00. 20 agents in 3 groups on
shifts (early, middle, late; lunch and dinner breaks busy; one starts late, one leaves early),
5 channels, least-load routing with stickiness, 40 pinned customers, VIPs first in the queue,
2,000 customers and over 20,000 messages; welcome, queue and after-hours auto-replies,
no-response timeouts, transfers, ratings, orders, and after-sale tickets with an SLA policy
per priority (reminders and breaches). The same --seed gives the same log.

A second run refuses when the file exists (exit 2): add --fresh to delete it and start clean,
or give another --file. --scale shrinks or grows the number of customers (0.05: about 100).

Examples:
  $ kefu demo                                  # kefu-demo.sqlite and kefu-demo.html in this folder
  $ kefu demo --fresh                          # run again from a clean file
  $ kefu demo --file day2.sqlite --seed 7      # another day beside the first
  $ kefu demo --scale 0.1 --html small.html    # a small day, quickly
  $ kefu replay kefu-demo.sqlite --report fairness   # then any report from the demo's log
`;

interface DemoCliOptions {
  readonly file: string;
  readonly html: string;
  readonly seed: number;
  readonly scale: number;
  readonly fresh?: boolean;
}

const seedArg = (value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n > 2 ** 31 - 1) throw new InvalidArgumentError(`must be an integer from 0 to ${2 ** 31 - 1}, got ${value}`);
  return n;
};

const scaleArg = (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > MAX_DEMO_SCALE) throw new InvalidArgumentError(`must be a number above 0 and at most ${MAX_DEMO_SCALE}, got ${value}`);
  return n;
};

/** The SQLite file and its WAL companions. */
const sqliteFiles = (path: string): readonly string[] => [path, `${path}-wal`, `${path}-shm`];

const openDemoStore = async (path: string): Promise<EventStore> => {
  const { createSqliteEventStore } = await import('../../adapters/sqlite/index.js');
  try {
    // NORMAL: in WAL mode a commit survives a crash of the process; a demo needs no more.
    return createSqliteEventStore({ filename: path, synchronous: 'NORMAL' });
  } catch (error) {
    throw new CliError(EXIT_CODES.StoreFailure, `cannot open ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
};

const runDemoCommand = async (io: CliIo, options: DemoCliOptions): Promise<void> => {
  const file = resolve(io.cwd, options.file);
  const html = resolve(io.cwd, options.html);
  if (existsSync(file)) {
    if (options.fresh !== true) {
      throw new CliError(EXIT_CODES.ValidationError, `${options.file} exists (an earlier demo): add --fresh to delete it and start clean, or pass --file other.sqlite`);
    }
    for (const path of sqliteFiles(file)) rmSync(path, { force: true });
  }
  const started = performance.now();
  const store = await openDemoStore(file);
  try {
    const dayBar = createProgress(io, { label: 'demo day', unit: 'arrivals' });
    const day = await runDemo({ store, seed: options.seed, scale: options.scale, onProgress: (done, total) => dayBar.update(done, total) });
    dayBar.stop();
    if (E.isLeft(day)) throw failWith(day.left, 'the demo day');
    const result = day.right;
    const foldBar = createProgress(io, { label: 'reports ', unit: 'events', total: result.counts.events });
    const reports = await demoReports(store, result, (events) => foldBar.update(events));
    foldBar.update(result.counts.events);
    foldBar.stop();
    if (E.isLeft(reports)) throw failWith(reports.left, 'the demo reports');
    const wallMs = performance.now() - started;

    printBoard(io, result);
    printQueue(io, result);
    printWorkload(io, reports.right);
    printSummary(io, result, wallMs);

    const { set, state, query } = reports.right;
    const page = htmlReport({ title: `kefu demo: ${result.shopId}, ${result.day}`, set, state, query, generatedAt: Date.now() });
    if (E.isLeft(page)) throw failWith(page.left, 'the HTML report');
    try {
      writeFileSync(html, page.right);
    } catch (error) {
      throw new CliError(EXIT_CODES.ValidationError, `cannot write ${options.html}: ${error instanceof Error ? error.message : String(error)}`);
    }
    writeLine(io.stdout, `The log: ${options.file} (${result.counts.events} events; kefu replay ${options.file} --report <name> reads it again)`);
    writeLine(io.stdout, `The HTML report: ${options.html} (open it in a browser; no network needed)`);
  } finally {
    await store.close();
  }
};

export const demoCommand = (io: CliIo): Command =>
  new Command('demo')
    .description('simulate a busy day of one shop on a SQLite file, print the agent board, the queue and the workload report, and write the HTML report')
    .option('--file <path>', 'the SQLite file the day is written to (in the current folder)', DEFAULT_DEMO_FILE)
    .option('--html <path>', 'where the HTML report is written', DEFAULT_DEMO_HTML)
    .option('--seed <n>', 'the seed of the day (the same seed gives the same log)', seedArg, DEFAULT_DEMO_SEED)
    .option('--scale <x>', 'customers as a share of the full day (1: about 2,000)', scaleArg, 1)
    .option('--fresh', 'delete the SQLite file first if it exists (else the demo refuses to run over it)')
    .addHelpText('after', EXAMPLES)
    .action(async (options: DemoCliOptions) => runDemoCommand(io, options));
