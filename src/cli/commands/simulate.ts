/**
 * `kefu simulate`: a simulated shop (a spec file and/or flags over the default
 * one) played on the engine under each routing strategy named, on a virtual
 * clock: the same arrivals and customers for every strategy, so the rows differ
 * by the routing alone. One comparison table, then each strategy's utilisation
 * per agent; `--json` prints one JSON document instead. The same seed gives the
 * same output.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import { generateWorkload } from '../../simulation/generateWorkload.js';
import { playWorkload, SimulationFailure, type PlayOptions } from '../../simulation/playWorkload.js';
import { decodeSimulationSpec, DEFAULT_SIMULATION_SPEC, withSpecOverrides, type SimulationSpec } from '../../simulation/simulationSpec.js';
import { DEFAULT_STRATEGIES, KNOWN_STRATEGIES_TEXT, parseStrategies } from '../../simulation/strategies.js';
import { summarize } from '../../simulation/summarize.js';
import type { StrategySummary, Workload } from '../../simulation/workload.js';
import { createProgress, failWith, printTable, usageError, writeLine, type Cell, type CliIo } from '../cliKit.js';

const EXAMPLES = `
The default shop (DEFAULT_SIMULATION_SPEC): 12 agents of max 2 in 2 groups on two shifts
(08:00-17:00, 13:00-22:00), one weekday in Asia/Shanghai, about 1,100 customers (busiest late
morning and evening, a burst at 20:00), log-normal handle times (median 6 min), customers who
leave the queue after 5 min on average, 5% VIP, 5% pinned, returning customers.
A spec file may give any of its fields (the others keep the default); flags override the file.

Strategies: ${KNOWN_STRATEGIES_TEXT}.
Without +sticky a strategy has stickiness (R1) off; +pinning turns pinning (R6/R7) on.

Examples:
  $ kefu simulate                                          # the default shop, the default strategies
  $ kefu simulate --agents 8 --rate 120 --seed 7           # fewer agents, a busier peak hour
  $ kefu simulate --strategies least-load,round-robin+sticky --days 3
  $ kefu simulate --agent-timeout 180 --strategies least-load,round-robin   # with the conversation and S8 timeouts
  $ kefu simulate --spec shop.json --json > result.json    # a shop of your own, for machines
`;

interface SimulateCliOptions {
  readonly spec?: string;
  readonly seed: number;
  readonly agents?: number;
  readonly maxSessions?: number;
  readonly days?: number;
  readonly rate?: number;
  readonly patience?: number;
  readonly strategies?: string;
  readonly serviceLevel: number;
  readonly sla: number;
  readonly json?: boolean;
  readonly conversation?: boolean;
  readonly agentTimeout?: number;
  readonly customerTimeout?: number;
}

const numberArg = (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`must be a number, got ${value}`);
  return n;
};

const seedArg = (value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n > 2 ** 31 - 1) throw new InvalidArgumentError(`must be an integer from 0 to ${2 ** 31 - 1}, got ${value}`);
  return n;
};

const readSpecFile = (io: CliIo, path: string): Record<string, unknown> => {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    throw usageError(`--spec ${path}: cannot read it (${error instanceof Error ? error.message : String(error)})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw usageError(`--spec ${path}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw usageError(`--spec ${path}: must be a JSON object (a simulation spec)`);
  return parsed as Record<string, unknown>;
};

/** The spec: the default, then the file's fields, then the flags; checked as a whole so errors name the spec's fields. */
const specOf = (io: CliIo, options: SimulateCliOptions): SimulationSpec => {
  const fromFile = options.spec === undefined ? DEFAULT_SIMULATION_SPEC : withSpecOverrides(DEFAULT_SIMULATION_SPEC, readSpecFile(io, options.spec));
  const base = fromFile as SimulationSpec;
  const agents: Record<string, unknown> = {};
  if (options.agents !== undefined) agents.count = options.agents;
  if (options.maxSessions !== undefined) agents.maxSessions = options.maxSessions;
  const flags: Record<string, unknown> = {};
  if (Object.keys(agents).length > 0) flags.agents = agents;
  if (options.days !== undefined) flags.days = options.days;
  if (options.rate !== undefined) {
    // The day's profile kept, scaled so that its busiest hour has `rate` arrivals.
    const perHour = Array.isArray(base.arrivals?.perHour) ? base.arrivals.perHour : DEFAULT_SIMULATION_SPEC.arrivals.perHour;
    const peak = Math.max(0, ...perHour.map((n) => (typeof n === 'number' ? n : 0)));
    flags.arrivals = { perHour: peak > 0 ? perHour.map((n) => (n * options.rate!) / peak) : perHour };
  }
  if (options.patience !== undefined) flags.patience = { meanMs: options.patience * 1000 };
  const decoded = decodeSimulationSpec(withSpecOverrides(base, flags));
  if (E.isLeft(decoded)) throw failWith(decoded.left);
  return decoded.right;
};

/** A no-response timeout of `s` seconds (S8): the prompt at half of it, the end at it. */
const timeoutArg = (flag: string, s: number | undefined) => {
  if (s === undefined) return undefined;
  if (!Number.isInteger(s) || s < 2 || s > 30 * 86_400) throw usageError(`${flag}: must be a whole number of seconds from 2 to ${30 * 86_400}, got ${s}`);
  return { promptAfterSeconds: Math.floor(s / 2), endAfterSeconds: s };
};

/** The conversation's part of the run: off unless asked for (it is slower); a timeout implies it. */
const conversationOf = (options: SimulateCliOptions): NonNullable<PlayOptions['withConversation']> => {
  const agent = timeoutArg('--agent-timeout', options.agentTimeout);
  const customer = timeoutArg('--customer-timeout', options.customerTimeout);
  if (agent === undefined && customer === undefined) return options.conversation === true;
  return {
    timeouts: {
      ...(agent === undefined ? {} : { agentNoResponse: { ...agent, onTimeout: 'end' as const } }),
      ...(customer === undefined ? {} : { customerNoResponse: customer }),
    },
  };
};

const seconds = (ms: number | null): number | null => (ms === null ? null : ms / 1000);
const percent = (share: number | null): string => (share === null ? '-' : `${(share * 100).toFixed(1)}%`);

const utilisationRange = (s: StrategySummary): { mean: number | null; min: number | null; max: number | null } => {
  const values = s.utilisation.map((u) => u.utilisation).filter((u): u is number => u !== null);
  if (values.length === 0) return { mean: null, min: null, max: null };
  return { mean: values.reduce((a, b) => a + b, 0) / values.length, min: Math.min(...values), max: Math.max(...values) };
};

const printComparison = (io: CliIo, workload: Workload, spec: SimulationSpec, seed: number, summaries: readonly StrategySummary[]): void => {
  const levelS = (summaries[0]?.serviceLevelMs ?? 30_000) / 1000;
  writeLine(
    io.stdout,
    `${spec.shopId}: ${workload.agents.length} agents, ${workload.arrivals.length} customers over ${spec.days} day(s) from ${spec.startDate} (${spec.zone}), seed ${seed}`,
  );
  const rows: Cell[][] = summaries.map((s) => {
    const u = utilisationRange(s);
    return [
      s.strategy,
      s.sessions,
      seconds(s.meanWaitMs),
      percent(s.serviceLevel),
      seconds(s.maxWaitMs),
      s.p95Queue,
      percent(u.mean),
      u.min === null || u.max === null ? '-' : `${percent(u.min)}-${percent(u.max)}`,
      s.maxMinShare,
      s.gini,
      `${s.abandoned}/${s.timeouts}`,
      s.slaBreaches,
    ];
  });
  printTable(
    io,
    ['strategy', 'sessions', 'mean wait s', `P(wait<=${levelS}s)`, 'max wait s', 'p95 queue', 'util', 'util min-max', 'max/min', 'Gini', 'abandoned/timeouts', 'SLA breaches'],
    rows,
    { title: 'Routing strategies compared' },
  );
  for (const s of summaries) {
    printTable(
      io,
      ['agent', 'utilisation', 'sessions received'],
      s.utilisation.map((u) => [u.agentId, percent(u.utilisation), u.received]),
      { title: `Utilisation per agent: ${s.strategy}` },
    );
  }
};

const runSimulate = async (io: CliIo, options: SimulateCliOptions): Promise<void> => {
  const strategies = parseStrategies(options.strategies ?? DEFAULT_STRATEGIES.join(','));
  if (E.isLeft(strategies)) throw usageError(`--strategies: ${strategies.left}`);
  if (!(options.serviceLevel >= 0)) throw usageError(`--service-level: must be a number of seconds >= 0, got ${options.serviceLevel}`);
  if (!(options.sla >= 0)) throw usageError(`--sla: must be a number of seconds >= 0, got ${options.sla}`);
  const spec = specOf(io, options);
  const withConversation = conversationOf(options);
  const workload = generateWorkload(spec, options.seed);
  const progress = createProgress(io, { label: 'simulate', unit: 'steps' });
  const summaries: StrategySummary[] = [];
  // Every strategy plays the same workload, so each takes about as many steps as the first.
  let before = 0;
  let perStrategy = 0;
  try {
    for (const strategy of strategies.right) {
      const result = await playWorkload(workload, strategy, {
        seed: options.seed,
        withConversation,
        onProgress: (done, total) => {
          perStrategy = total;
          progress.update(before + done, total * strategies.right.length);
        },
      });
      before += perStrategy;
      summaries.push(summarize(result, { serviceLevelMs: options.serviceLevel * 1000, firstResponseSlaMs: options.sla * 1000 }));
    }
  } catch (error) {
    if (error instanceof SimulationFailure) throw failWith(error.error, 'the simulation stopped');
    throw error;
  } finally {
    progress.stop();
  }
  if (options.json === true) {
    const document = {
      seed: options.seed,
      spec,
      workload: { start: new Date(workload.start).toISOString(), end: new Date(workload.end).toISOString(), agents: workload.agents.length, customers: workload.arrivals.length },
      summaries,
    };
    writeLine(io.stdout, JSON.stringify(document, null, 2));
    return;
  }
  printComparison(io, workload, spec, options.seed, summaries);
};

export const simulateCommand = (io: CliIo): Command =>
  new Command('simulate')
    .description('simulate a shop on the virtual clock under several routing strategies and compare waits, service level, queue, utilisation and fairness')
    .option('--spec <file>', 'a simulation spec (JSON); its fields replace the default shop\'s')
    .option('--seed <n>', 'the seed (the same seed gives the same numbers)', seedArg, 1)
    .option('--agents <n>', 'how many agents (agents.count)', numberArg)
    .option('--max-sessions <n>', 'concurrent sessions per agent (agents.maxSessions)', numberArg)
    .option('--days <n>', 'how many days (days)', numberArg)
    .option('--rate <n>', 'arrivals in the busiest hour; the day\'s profile is scaled to it (arrivals.perHour)', numberArg)
    .option('--patience <seconds>', 'how long customers wait in the queue on average before leaving (patience.meanMs / 1000)', numberArg)
    .option('--strategies <list>', `comma-separated strategy names (default ${DEFAULT_STRATEGIES.join(',')})`)
    .option('--service-level <seconds>', 'the t of P(wait <= t)', numberArg, 30)
    .option('--sla <seconds>', 'the first-response SLA: a session breaches it when its first reply comes later', numberArg, 60)
    .option('--conversation', 'also run the conversation: customers write, holders reply replyMs later (slower; the first response is real)')
    .option('--agent-timeout <seconds>', 'S8: a session whose customer waits this long for a reply ends (timeouts); implies --conversation', numberArg)
    .option('--customer-timeout <seconds>', 'S8: a session whose customer stays silent this long after a reply ends; implies --conversation', numberArg)
    .option('--json', 'print one JSON document (the spec, the seed and each strategy\'s summary) instead of tables')
    .addHelpText('after', EXAMPLES)
    .action(async (options: SimulateCliOptions) => runSimulate(io, options));
