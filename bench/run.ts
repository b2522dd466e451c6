/**
 * `npm run bench [-- --quick] [-- --only kernel,routing]`: runs the benchmark
 * suites one after another in this process and prints one markdown table, ready
 * for BENCHMARKS.md. Each suite checks its counts against the store it wrote to.
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { markdownTable } from 'markdown-table';
import { calendarBench } from './calendar.bench.js';
import { conversationBench } from './conversation.bench.js';
import { deadlinesBench } from './deadlines.bench.js';
import { demoBench } from './demo.bench.js';
import { kernelBench } from './kernel.bench.js';
import { moderationBench } from './moderation.bench.js';
import { postgresBench } from './postgres.bench.js';
import { retentionBench } from './retention.bench.js';
import { quickRepliesBench } from './quickReplies.bench.js';
import { reportsBench } from './reports/reportsBench.js';
import { routingBench } from './routing.bench.js';
import { scaleBench } from './scale.bench.js';
import { serversBench } from './servers.bench.js';
import { simulationBench } from './simulation.bench.js';
import { sqliteBench } from './sqlite.bench.js';
import { ticketsBench } from './tickets.bench.js';
import { formatRate, type Figure } from './lib/measure.js';

type Suite = (options: { quick: boolean }) => Promise<Figure[]>;

const suites: Record<string, Suite> = {
  kernel: kernelBench,
  routing: routingBench,
  sqlite: sqliteBench,
  postgres: postgresBench,
  deadlines: deadlinesBench,
  scale: scaleBench,
  calendar: calendarBench,
  conversation: conversationBench,
  moderation: moderationBench,
  quickReplies: quickRepliesBench,
  retention: retentionBench,
  tickets: ticketsBench,
  reports: reportsBench,
  demo: demoBench,
  simulation: simulationBench,
  servers: serversBench,
};

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } },
});
// PostgreSQL is measured when a server is named (KEFU_PG_URL), or when asked for by name.
const chosen = values.only
  ? values.only.split(',')
  : Object.keys(suites).filter((name) => name !== 'postgres' || process.env.KEFU_PG_URL !== undefined);
if (!chosen.includes('postgres') && values.only === undefined) {
  process.stderr.write('postgres suite skipped: set KEFU_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) to run it\n');
}
const unknown = chosen.filter((name) => !(name in suites));
if (unknown.length > 0) {
  console.error(`unknown suite(s): ${unknown.join(', ')}; known: ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}

const figures: Figure[] = [];
for (const name of chosen) {
  process.stderr.write(`running ${name}...\n`);
  figures.push(...(await suites[name]!({ quick: values.quick })));
}

const cpu = cpus()[0]?.model ?? 'unknown cpu';
console.log(`${new Date().toISOString().slice(0, 10)} · Node ${process.version} · ${cpus().length} × ${cpu} · ${Math.round(totalmem() / 2 ** 30)} GiB${values.quick ? ' · quick' : ''}\n`);
console.log(markdownTable([['suite', 'figure', 'value', 'unit'], ...figures.map((f) => [f.suite, f.name, formatRate(f.value), f.unit])]));
