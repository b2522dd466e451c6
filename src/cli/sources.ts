/**
 * Where a `kefu` command reads a log from or writes one to, named on the command
 * line as one string: a PostgreSQL URL (`postgres://...`, `postgresql://...`),
 * an NDJSON log (`*.ndjson`, `*.jsonl`), or else a SQLite file. Drivers are
 * loaded only when their kind is named, so reading an NDJSON file needs neither.
 */
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '../adapters/eventStore.js';
import { describeLineIssue, readNdjsonLog, type LineIssue } from '../adapters/ndjsonLog.js';
import type { RecordedEvent } from '../domain/envelope.js';
import { createRegistry, type Registry } from '../domain/registry.js';
import { KEFU_MODULES } from '../kefuModules.js';
import { CliError, failWith, usageError, writeLine, type CliIo } from './cliKit.js';
import { EXIT_CODES } from './exitCodes.js';

export type LogSource =
  | { readonly kind: 'ndjson'; readonly path: string }
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema?: string };

const NDJSON = /\.(ndjson|jsonl)$/i;

/** Reads the kind of a source from its spelling; `cwd` resolves relative paths. */
export const parseSource = (spec: string, cwd: string): LogSource => {
  if (spec.trim() === '') throw usageError('the source is empty: name an NDJSON file, a SQLite file or a postgres:// URL');
  if (/^postgres(ql)?:\/\//i.test(spec)) {
    const url = new URL(spec);
    const schema = url.searchParams.get('schema') ?? undefined;
    url.searchParams.delete('schema');
    return { kind: 'postgres', url: url.toString(), ...(schema === undefined ? {} : { schema }) };
  }
  const path = resolve(cwd, spec);
  return NDJSON.test(spec) ? { kind: 'ndjson', path } : { kind: 'sqlite', path };
};

export const describeSource = (source: LogSource): string =>
  source.kind === 'postgres' ? `PostgreSQL ${new URL(source.url).host}${source.schema === undefined ? '' : ` (schema ${source.schema})`}` : `${source.kind === 'ndjson' ? 'NDJSON log' : 'SQLite file'} ${source.path}`;

/**
 * Opens a store on a SQLite file or a PostgreSQL database. `mustExist` (reading)
 * refuses a SQLite file that is not there rather than creating an empty one.
 */
export const openStore = async (source: LogSource, options: { readonly mustExist: boolean }): Promise<EventStore> => {
  if (source.kind === 'ndjson') throw usageError(`${source.path} is an NDJSON log, not a store: use kefu import to load it into one`);
  if (source.kind === 'sqlite') {
    if (options.mustExist && !existsSync(source.path)) throw usageError(`no such SQLite file: ${source.path}`);
    const { createSqliteEventStore } = await import('../adapters/sqlite/index.js');
    return createSqliteEventStore({ filename: source.path });
  }
  const { createPostgresEventStore } = await import('../adapters/postgres/index.js');
  return createPostgresEventStore({ connectionString: source.url, ...(source.schema === undefined ? {} : { schema: source.schema }) });
};

export interface ReadSourceOptions {
  /** Only this shop's events. */
  readonly shopId?: string;
  /**
   * Handed every event in log order with its line: the NDJSON file's line number,
   * or the event's ordinal in a store's read. Answer false to stop reading (strict).
   */
  readonly onEvent: (event: RecordedEvent, line: number) => boolean | void;
  /** Handed every NDJSON line that is not a recorded event; answer false to stop (strict). */
  readonly onIssue?: (issue: LineIssue) => boolean | void;
  readonly pageSize?: number;
}

/**
 * Every event of a source in order, one at a time (an NDJSON file streamed, a
 * store read in pages), without decoding the events' data: callers decode with
 * their registry. Answers how many events were handed over.
 */
export const readSource = async (source: LogSource, options: ReadSourceOptions): Promise<number> => {
  let count = 0;
  if (source.kind === 'ndjson') {
    if (!existsSync(source.path)) throw usageError(`no such NDJSON file: ${source.path}`);
    const read = await readNdjsonLog(source.path, {
      onEvent: (event, line) => {
        if (options.shopId !== undefined && event.metadata.shopId !== options.shopId) return true;
        count++;
        return options.onEvent(event, line);
      },
      onIssue: (issue) => (options.onIssue === undefined ? false : options.onIssue(issue)),
    });
    if (E.isLeft(read)) throw failWith(read.left);
    return count;
  }
  const store = await openStore(source, { mustExist: true });
  try {
    for (let after = 0; ; ) {
      const page = await store.readAll({ after, maxCount: options.pageSize ?? 5000, ...(options.shopId === undefined ? {} : { shopId: options.shopId }) });
      if (E.isLeft(page)) throw failWith(page.left, `reading ${describeSource(source)}`);
      if (page.right.length === 0) return count;
      for (const event of page.right) {
        count++;
        if (options.onEvent(event, count) === false) return count;
      }
      after = (page.right[page.right.length - 1] as RecordedEvent).globalPosition;
    }
  } finally {
    await store.close();
  }
};

/** The exit code of a lenient read that passed over `skipped` lines. */
export const passedOverError = (skipped: number): CliError =>
  new CliError(EXIT_CODES.passedOver, `passed over ${skipped} bad line${skipped === 1 ? '' : 's'} (listed above); nothing else was left out`);

let registry: Registry | undefined;

/** The registry of every module kefu ships: what a log's events are decoded (and checked) with. */
export const kefuRegistry = (): Registry => (registry ??= createRegistry(KEFU_MODULES));

/** A bad line on stderr, one line each (`kefu: tea.ndjson: line 12: not JSON`), so nothing is passed over silently. */
export const reportLineIssue = (io: CliIo, source: LogSource, issue: LineIssue): void =>
  writeLine(io.stderr, `kefu: ${source.kind === 'postgres' ? 'event' : basename(source.path)}: ${describeLineIssue(issue)}`);
