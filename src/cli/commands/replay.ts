/**
 * `kefu replay SRC --report NAME`: any report rebuilt in one pass from a log (an
 * NDJSON file streamed, a SQLite file, a PostgreSQL URL), for a shop, a range of
 * natural days in the shop's zone, some agents and channels, as a table, CSV,
 * JSON or the HTML report. Every bad line is reported with its number and why;
 * --strict stops at the first (exit 2), otherwise the replay goes on and ends with
 * exit 6 and the count of what it passed over.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Command, Option } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '../../adapters/eventStore.js';
import type { ValidationError } from '../../domain/errors.js';
import { allReports } from '../../projections/reports/allReports.js';
import { exportReport } from '../../projections/reports/export.js';
import { dayClock, dayName, type ReportQuery } from '../../projections/reports/reportKit.js';
import { reportSet, type ReportSet } from '../../projections/reports/reportSet.js';
import { rebuildReports } from '../../runtime/reportRunner.js';
import { CliError, createProgress, failWith, printTable, usageError, writeLine, type CliIo } from '../cliKit.js';
import { EXIT_CODES } from '../exitCodes.js';
import { htmlReport } from '../htmlReport/buildHtmlReport.js';
import { describeSource, kefuRegistry, openStore, parseSource, passedOverError, reportLineIssue, type LogSource } from '../sources.js';

export const REPORT_NAMES: readonly string[] = allReports().map((r) => r.name);
const FORMATS = ['table', 'csv', 'json', 'html'] as const;
type Format = (typeof FORMATS)[number];

const EXAMPLES = `
Reports: ${REPORT_NAMES.join(', ')}

Examples:
  $ kefu replay tea-house.ndjson --report workload --from 2026-12-01 --to 2026-12-07
  $ kefu replay kefu-demo.sqlite --report overview --shop tea-house --format csv --out overview.csv
  $ kefu replay postgres://kefu@db/kefu?schema=kefu --report workload --agents a-01,a-02 --channels app --format json
  $ kefu replay tea-house.ndjson --format html --out tea-house.html
  $ kefu replay tea-house.ndjson --report sla --strict      # stop at the first bad line (exit 2)

Dates are natural days YYYY-MM-DD in --zone, both ends included; without them, every day the log covers.
A bad line (not JSON, an unknown event type, data that does not decode, a position out of order) is
printed on stderr with its line number and the reason; the replay goes on and exits 6 with the count.
`;

interface ReplayCliOptions {
  readonly report?: string;
  readonly shop?: string;
  readonly from?: string;
  readonly to?: string;
  readonly agents?: string;
  readonly channels?: string;
  readonly zone: string;
  readonly format: Format;
  readonly out?: string;
  readonly strict?: boolean;
}

const list = (value: string | undefined) => (value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter((s) => s.length > 0));

const OPTION_OF: Record<string, string> = { from: '--from', to: '--to', agents: '--agents', channels: '--channels', shopId: '--shop', zone: '--zone', report: '--report', format: '--format' };

/** A refused query as one line naming the option at fault (`--to: the range ends ...`). */
const queryError = (error: ValidationError): CliError => {
  const first = error.issues[0];
  const field = first?.path.split('.')[0] ?? '';
  const option = OPTION_OF[field] ?? field;
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return usageError(`${option}: ${first?.path === field ? '' : `${first?.path ?? ''}: `}${first?.reason ?? 'refused'}${more}`);
};

/** The set's fold, also noting the shops and the natural days the log covers (for the defaults). */
const observed = (set: ReportSet) => {
  const shops = new Set<string>();
  const clock = dayClock(set.options.zone);
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const watched: ReportSet = {
    ...set,
    projection: {
      ...set.projection,
      apply: (state, event) => {
        shops.add(event.metadata.shopId);
        const at = event.metadata.occurredAt;
        if (at < first) first = at;
        if (at > last) last = at;
        return set.projection.apply(state, event);
      },
    },
  };
  const days = () => (first > last ? undefined : { from: dayName(clock.dayOf(first)), to: dayName(clock.dayOf(last)) });
  return { watched, shops, days };
};

const shopOf = (options: ReplayCliOptions, shops: ReadonlySet<string>): string => {
  if (options.shop !== undefined) return options.shop;
  if (shops.size === 1) return [...shops][0] as string;
  if (shops.size === 0) throw usageError('the log holds no events to report on');
  throw usageError(`the log holds several shops (${[...shops].sort().join(', ')}): name one with --shop`);
};

/** A table as text, for --out: printTable through an io that keeps what it writes. */
const tableText = (io: CliIo, head: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string => {
  let text = '';
  printTable({ ...io, stdout: { write: (s: string) => (text += s) } }, head, rows);
  return text;
};

const strictError = (source: LogSource, error: ValidationError): CliError => {
  const first = error.issues[0];
  const where = source.kind === 'postgres' ? describeSource(source) : basename(source.path);
  return usageError(`${where}: ${error.source}: ${first?.path ? `${first.path}: ` : ''}${first?.reason ?? 'a bad event'} (--strict stops at the first bad line)`);
};

export const replayCommand = (io: CliIo): Command =>
  new Command('replay')
    .description('rebuild a report from a log (NDJSON file, SQLite file or PostgreSQL URL) for a range of days, agents and channels')
    .argument('<source>', 'the log: an NDJSON file (*.ndjson, *.jsonl), a SQLite file or a postgres:// URL (?schema=name)')
    .option('--report <name>', `the report (${REPORT_NAMES.join(', ')}); not needed with --format html`)
    .option('--shop <shop>', 'the shop (default: the only shop of the log)')
    .option('--from <date>', 'the first natural day, YYYY-MM-DD (default: the log\'s first)')
    .option('--to <date>', 'the last natural day, YYYY-MM-DD, included (default: the log\'s last)')
    .option('--agents <ids>', 'only these agents, comma-separated')
    .option('--channels <ids>', 'only these channels, comma-separated')
    .option('--zone <zone>', 'the shop\'s IANA time zone: natural days are its days', 'Asia/Shanghai')
    .addOption(new Option('--format <format>', 'the output').choices([...FORMATS]).default('table'))
    .option('--out <file>', 'write the output to this file instead of stdout (needed with --format html)')
    .option('--strict', 'stop at the first bad line (exit 2) instead of passing over it (exit 6 at the end)')
    .addHelpText('after', EXAMPLES)
    .action(async (spec: string, options: ReplayCliOptions) => {
      if (options.format !== 'html' && options.report === undefined) throw usageError(`--report: name a report (${REPORT_NAMES.join(', ')})`);
      if (options.report !== undefined && !REPORT_NAMES.includes(options.report)) throw usageError(`--report: unknown report ${JSON.stringify(options.report)}; known: ${REPORT_NAMES.join(', ')}`);
      if (options.format === 'html' && options.out === undefined) throw usageError('--format html writes a file: add --out report.html');
      const built = reportSet(allReports(), { zone: options.zone });
      if (E.isLeft(built)) throw queryError(built.left);
      const set = built.right;
      const source = parseSource(spec, io.cwd);
      let store: EventStore | undefined;
      if (source.kind !== 'ndjson') store = await openStore(source, { mustExist: true });
      else if (!existsSync(source.path)) throw usageError(`no such NDJSON file: ${source.path}`);

      const { watched, shops, days } = observed(set);
      const progress = createProgress(io, { label: 'replay', unit: 'events' });
      let rebuilt: Awaited<ReturnType<typeof rebuildReports>>;
      try {
        rebuilt = await rebuildReports({
          source: store ?? (source as { readonly path: string }).path,
          registry: kefuRegistry(),
          set: watched,
          strict: options.strict === true,
          ...(options.shop === undefined ? {} : { shopId: options.shop }),
          onProgress: (events) => progress.update(events),
        });
      } finally {
        progress.stop();
        await store?.close();
      }
      if (E.isLeft(rebuilt)) {
        const error = rebuilt.left;
        if (error._tag === 'ValidationError' && error.source.startsWith('log line')) throw strictError(source, error);
        throw failWith(error, `reading ${describeSource(source)}`);
      }
      const { state, skipped } = rebuilt.right;
      for (const issue of skipped) reportLineIssue(io, source, issue);

      const covered = days();
      const query: ReportQuery = {
        shopId: shopOf(options, shops),
        from: options.from ?? covered?.from ?? '',
        to: options.to ?? covered?.to ?? '',
        ...(list(options.agents) === undefined ? {} : { agents: list(options.agents) as string[] }),
        ...(list(options.channels) === undefined ? {} : { channels: list(options.channels) as string[] }),
      };
      if (query.from === '' || query.to === '') throw usageError('--from/--to: the log holds no events of this shop; name the days');

      let text: string;
      let rowCount: number | undefined;
      if (options.format === 'html') {
        const page = htmlReport({ title: `kefu report: ${query.shopId}, ${query.from} to ${query.to}`, set, state, query, generatedAt: Date.now() });
        if (E.isLeft(page)) throw queryError(page.left);
        text = page.right;
      } else {
        const name = options.report as string;
        const rows = set.query(state, name, query);
        if (E.isLeft(rows)) throw queryError(rows.left);
        rowCount = rows.right.length;
        if (options.format === 'table') {
          const columns = E.getOrElse((): readonly string[] => [])(set.columns(name));
          const cells = rows.right.map((row) => columns.map((c) => row[c] ?? null));
          if (options.out === undefined) {
            printTable(io, columns, cells, { title: `${name}: shop ${query.shopId}, ${query.from} to ${query.to} (${options.zone})` });
            text = '';
          } else text = tableText(io, columns, cells);
        } else {
          const exported = exportReport(set, state, name, query, options.format);
          if (E.isLeft(exported)) throw queryError(exported.left);
          text = options.format === 'json' ? `${exported.right}\n` : exported.right;
        }
      }
      if (options.out !== undefined) {
        const path = resolve(io.cwd, options.out);
        try {
          writeFileSync(path, text);
        } catch (error) {
          throw new CliError(EXIT_CODES.StoreFailure, `cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`);
        }
        writeLine(io.stdout, `wrote ${options.format === 'html' ? 'the HTML report' : `${options.report as string} (${rowCount ?? 0} rows)`} to ${path}`);
      } else if (text !== '') io.stdout.write(text);
      if (skipped.length > 0) throw passedOverError(skipped.length);
    });
