/**
 * `kefu whatif SOURCE --shop S --strategy X`: a recorded day replayed on the
 * virtual clock under another routing configuration. The log (an NDJSON file,
 * a SQLite file, a PostgreSQL URL) is read and decoded (desk and conversation
 * events), turned into the day's workload and what really happened
 * (src/simulation/recordedDay.ts), the workload is played under the strategy
 * (playWorkload), and both are summarised the same way and printed side by
 * side, with the assumptions the replay rests on.
 *
 * Bad lines are lenient by default: each is reported with its line number and
 * reason, the rest is read, and the command ends with exit 6. `--strict` stops
 * at the first (exit 2).
 */
import { Command } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import { type LineIssue } from '../../adapters/ndjsonLog.js';
import { isKnownZone, firstReach } from '../../domain/calendar/zone.js';
import { DEFAULT_ZONE } from '../../domain/shopSettings/shopSettingsShape.js';
import { decodeWith } from '../../domain/validation.js';
import type { ProjectedEvent } from '../../projections/projection.js';
import { applySettingsPatch, DEFAULT_ROUTING_SETTINGS, routingSettingsPatchCodec, type RoutingSettings } from '../../routing/settings.js';
import { playWorkload, SimulationFailure } from '../../simulation/playWorkload.js';
import { agentComparisonRows, comparisonRows } from '../../simulation/recordedComparison.js';
import { recordedDay, type RecordedDay } from '../../simulation/recordedDay.js';
import { recordedDayRegistry } from '../../simulation/recordedRegistry.js';
import { decodeForReports, decodeIssue } from '../../runtime/reportRunner.js';
import { KNOWN_STRATEGIES_TEXT, parseStrategy } from '../../simulation/strategies.js';
import { summarize } from '../../simulation/summarize.js';
import type { SimulationResult, Strategy, StrategySummary } from '../../simulation/workload.js';
import { CliError, createProgress, failWith, printTable, usageError, writeLine, type CliIo } from '../cliKit.js';
import { EXIT_CODES } from '../exitCodes.js';
import { describeSource, kefuRegistry, parseSource, passedOverError, readSource, reportLineIssue, type LogSource } from '../sources.js';

interface WhatIfOptions {
  readonly shop: string;
  readonly strategy: string;
  readonly from?: string;
  readonly to?: string;
  readonly zone: string;
  readonly serviceLevel: string;
  readonly sla: string;
  readonly seed: string;
  readonly strict?: boolean;
  readonly json?: boolean;
}

const EXAMPLES = `
Examples:
  kefu whatif day.ndjson --shop shop-1 --strategy least-load
  kefu whatif kefu.sqlite --shop shop-1 --strategy '{"baseMode":"weighted","vipFirst":false}' --from 2026-12-02 --to 2026-12-03
  kefu whatif postgres://kefu@db/kefu --shop shop-1 --strategy round-robin --service-level 20 --json

The strategy is a named one (${KNOWN_STRATEGIES_TEXT})
or JSON routing settings (the fields of RoutingSettings). It changes only the settings it names
(a named one: the base mode, stickiness and pinning); the others stay as recorded.
--from/--to without an offset are wall times in the shop's zone (--zone).
Bad log lines are reported with their line number and passed over (exit 6); --strict stops at the
first (exit 2). An unknown strategy, bad JSON settings or a shop the log does not have: exit 2.
`;

/** A time from the command line: with an offset (or Z) as given, else a wall time (date or date-time) in `zone`. */
export const parseTime = (value: string, zone: string, option: string): number => {
  const text = value.trim();
  if (/(Z|[+-]\d\d:?\d\d)$/i.test(text) && /T/i.test(text)) {
    const at = Date.parse(text);
    if (Number.isFinite(at)) return at;
  }
  const wall = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : `${text}Z`);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || !Number.isFinite(wall)) throw usageError(`${option}: expected a date (2026-12-02) or a date-time (2026-12-02T09:00, 2026-12-02T01:00Z), got ${JSON.stringify(value)}`);
  return firstReach(zone, wall);
};

const positiveSeconds = (value: string, option: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw usageError(`${option}: expected a number of seconds > 0, got ${JSON.stringify(value)}`);
  return n * 1000;
};

/**
 * The what-if strategy: a named one, or JSON routing settings decoded by the
 * settings' own codec (so a bad field is named). Either way it is applied over
 * the settings in force at the start of the recorded day.
 */
export const resolveStrategy = (spec: string, recorded: RoutingSettings): Strategy => {
  const text = spec.trim();
  let name: string;
  let patch: unknown;
  if (text.startsWith('{')) {
    try {
      patch = JSON.parse(text);
    } catch (error) {
      throw usageError(`--strategy: not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const decoded = decodeWith(routingSettingsPatchCodec, '--strategy')(patch);
    if (E.isLeft(decoded)) {
      throw usageError(`--strategy: ${decoded.left.issues.map((i) => `${i.path === '' ? '' : `${i.path}: `}${i.reason}`).join('; ')}`);
    }
    patch = decoded.right;
    name = `custom (${decoded.right.baseMode ?? recorded.baseMode})`;
  } else {
    const named = parseStrategy(text);
    if (E.isLeft(named)) throw usageError(`--strategy: ${named.left}, or JSON routing settings`);
    name = named.right.name;
    patch = named.right.routing;
  }
  return { name, routing: applySettingsPatch(recorded, patch as Parameters<typeof applySettingsPatch>[1]) };
};

interface LoadedLog {
  readonly events: ProjectedEvent[];
  readonly issues: LineIssue[];
}

/**
 * Reads and decodes the source's events of the shop, each bad one reported with
 * its line (an NDJSON file's line number, a store's ordinal).
 */
const loadLog = async (io: CliIo, source: LogSource, shopId: string, strict: boolean): Promise<LoadedLog> => {
  // Every event is checked by its own module (an unknown type or bad data is a bad line, as in kefu replay); the day keeps the desk's and the conversations'.
  const decode = decodeForReports(kefuRegistry());
  const dayRegistry = recordedDayRegistry();
  const events: ProjectedEvent[] = [];
  const issues: LineIssue[] = [];
  const progress = createProgress(io, { label: 'reading', unit: 'events' });
  let read = 0;
  const report = (issue: LineIssue): boolean => {
    issues.push(issue);
    reportLineIssue(io, source, issue);
    return !strict;
  };
  try {
    await readSource(source, {
      shopId,
      onEvent: (event, line) => {
        read++;
        if (read % 1000 === 0) progress.update(read);
        const decoded = decode(event);
        if (E.isLeft(decoded)) return report(decodeIssue(line, event.globalPosition, decoded.left));
        if (dayRegistry.knowsEvent(decoded.right.type)) events.push(decoded.right);
        return true;
      },
      onIssue: report,
    });
  } finally {
    progress.update(read, read);
    progress.stop();
  }
  if (strict && issues.length > 0) {
    throw new CliError(EXIT_CODES.ValidationError, `stopped at the first bad line of ${describeSource(source)} (--strict)`);
  }
  return { events, issues };
};

const printComparison = (io: CliIo, day: RecordedDay, strategy: Strategy, recorded: StrategySummary, whatIf: StrategySummary): void => {
  writeLine(io.stdout, `What if shop ${day.workload.shopId} had run under ${strategy.name}? ${new Date(day.workload.start).toISOString()} to ${new Date(day.workload.end).toISOString()}`);
  writeLine(io.stdout);
  writeLine(io.stdout, 'Assumptions:');
  for (const line of day.assumptions) writeLine(io.stdout, `  - ${line}`);
  writeLine(io.stdout, `  - The what-if strategy changes only the settings it names; the others stay as recorded.`);
  writeLine(io.stdout);
  printTable(io, ['', recorded.strategy, `what-if: ${strategy.name}`], comparisonRows(recorded, whatIf));
  printTable(io, ['agent', 'received (recorded)', 'received (what-if)', 'utilisation (recorded)', 'utilisation (what-if)'], agentComparisonRows(recorded, whatIf), {
    title: 'Per agent',
  });
};

const runWhatIf = async (io: CliIo, sourceSpec: string, options: WhatIfOptions): Promise<void> => {
  if (!isKnownZone(options.zone)) throw usageError(`--zone: unknown time zone ${JSON.stringify(options.zone)}`);
  const source = parseSource(sourceSpec, io.cwd);
  const from = options.from === undefined ? undefined : parseTime(options.from, options.zone, '--from');
  const to = options.to === undefined ? undefined : parseTime(options.to, options.zone, '--to');
  const serviceLevelMs = positiveSeconds(options.serviceLevel, '--service-level');
  const firstResponseSlaMs = positiveSeconds(options.sla, '--sla');
  const seed = Number(options.seed);
  if (!Number.isSafeInteger(seed)) throw usageError(`--seed: expected an integer, got ${JSON.stringify(options.seed)}`);
  // The named strategy is checked before the log is read: a typo should not wait for a big file.
  if (!options.strategy.trim().startsWith('{')) resolveStrategy(options.strategy, DEFAULT_ROUTING_SETTINGS);

  const log = await loadLog(io, source, options.shop, options.strict === true);
  const day = recordedDay(log.events, { shopId: options.shop, zone: options.zone, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) });
  if (E.isLeft(day)) throw usageError(`${describeSource(source)}: ${day.left.issues.map((i) => (i.path === 'shopId' ? i.reason : `${i.path}: ${i.reason}`)).join('; ')}`);
  const strategy = resolveStrategy(options.strategy, day.right.routing.atStart);

  const progress = createProgress(io, { label: 'replaying', unit: 'sessions', total: day.right.workload.arrivals.length });
  let replayed: SimulationResult;
  try {
    replayed = await playWorkload(day.right.workload, strategy, { seed, onProgress: (done, total) => progress.update(done, total) });
  } catch (error) {
    // The desk refused a step of the replay: the recorded day does not fit the strategy (or the desk has a bug).
    if (error instanceof SimulationFailure) throw failWith(error.error, 'the replay stopped');
    throw error;
  } finally {
    progress.stop();
  }
  const summaryOptions = { serviceLevelMs, firstResponseSlaMs };
  const recorded = summarize(day.right.actual, summaryOptions);
  const whatIf = summarize(replayed, summaryOptions);

  if (options.json === true) {
    writeLine(
      io.stdout,
      JSON.stringify(
        {
          shopId: options.shop,
          start: day.right.workload.start,
          end: day.right.workload.end,
          recordedRouting: day.right.routing,
          strategy,
          assumptions: [...day.right.assumptions, 'The what-if strategy changes only the settings it names; the others stay as recorded.'],
          recorded,
          whatIf,
          skippedLines: log.issues,
        },
        null,
        2,
      ),
    );
  } else {
    printComparison(io, day.right, strategy, recorded, whatIf);
  }
  if (log.issues.length > 0) throw passedOverError(log.issues.length);
};

export const whatifCommand = (io: CliIo): Command =>
  new Command('whatif')
    .description('replay a recorded day of a shop under another routing configuration and compare it with what happened')
    .argument('<source>', 'the log: an NDJSON file (*.ndjson, *.jsonl), a SQLite file or a postgres:// URL (?schema=...)')
    .requiredOption('--shop <id>', 'the shop whose day is replayed')
    .requiredOption('--strategy <name|json>', 'a named strategy or JSON routing settings, e.g. \'{"baseMode":"least-load"}\'')
    .option('--from <time>', 'arrivals from this time (a date or date-time; wall time in --zone unless it has an offset)')
    .option('--to <time>', 'arrivals before this time (exclusive)')
    .option('--zone <zone>', 'the shop\'s time zone', DEFAULT_ZONE)
    .option('--service-level <seconds>', 'P(wait <= t) is reported for this t', '30')
    .option('--sla <seconds>', 'a first response later than this after arrival breaches the SLA', '60')
    .option('--seed <n>', 'the replay\'s random seed (random mode, ties)', '1')
    .option('--strict', 'stop at the first bad line (exit 2) instead of passing over it (exit 6)')
    .option('--json', 'print the comparison as JSON')
    .addHelpText('after', EXAMPLES)
    .action((source: string, options: WhatIfOptions) => runWhatIf(io, source, options));
