/**
 * `kefu import IN.ndjson DEST`: an NDJSON log into an empty store (a SQLite file,
 * a PostgreSQL schema), keeping every stream's versions and the global order.
 * Every line is checked first (JSON, envelope, order, the event's type and data
 * against kefu's modules, each stream's versions following on), so --strict writes
 * nothing when a line is bad; lenient writes the good lines and reports each bad
 * one (a stream whose version chain broke loses its later events, each reported).
 * Ends with the checksum of what was written, checked against the store read back.
 */
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '../../adapters/eventStore.js';
import { logDigest, summarizeLog } from '../../adapters/logChecksum.js';
import { readNdjsonLog, type LineIssue } from '../../adapters/ndjsonLog.js';
import type { EventToAppend, RecordedEvent } from '../../domain/envelope.js';
import { decodeIssue } from '../../runtime/reportRunner.js';
import { CliError, createProgress, failWith, usageError, writeLine, type CliIo } from '../cliKit.js';
import { EXIT_CODES } from '../exitCodes.js';
import { describeSource, kefuRegistry, openStore, parseSource, passedOverError, reportLineIssue, type LogSource } from '../sources.js';

const EXAMPLES = `
Examples:
  $ kefu import tea-house.ndjson restored.sqlite
  $ kefu import tea-house.ndjson postgres://kefu@db/kefu?schema=restored --strict

Sample output:
  imported 48210 events in 2361 streams into SQLite file /home/me/restored.sqlite
  checksum 3f1c...e9 (the store read back gives the same)

The target must be empty (a new SQLite file, an empty schema). A bad line is printed on stderr with its
number and the reason; --strict stops at the first and writes nothing (exit 2), otherwise the good lines are
written and the command exits 6 with the count of the lines passed over.
`;

interface ImportCliOptions {
  readonly strict?: boolean;
}

const toAppend = (e: RecordedEvent): EventToAppend => ({ type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: e.metadata });

/** Reads and checks the whole file: the events to write, in order, and every line passed over. */
const checkedEvents = async (io: CliIo, source: LogSource & { readonly path: string }, strict: boolean) => {
  const registry = kefuRegistry();
  const events: RecordedEvent[] = [];
  const skipped: LineIssue[] = [];
  const versions = new Map<string, number>();
  const issue = (found: LineIssue): boolean => {
    skipped.push(found);
    reportLineIssue(io, source, found);
    return !strict;
  };
  const read = await readNdjsonLog(source.path, {
    onEvent: (event, line) => {
      const decoded = registry.decodeRecorded(event);
      if (E.isLeft(decoded)) return issue(decodeIssue(line, event.globalPosition, decoded.left));
      const expected = (versions.get(event.stream) ?? 0) + 1;
      if (event.streamVersion !== expected) {
        return issue({ line, position: event.globalPosition, path: 'streamVersion', reason: `stream ${event.stream} is at version ${expected - 1}: version ${event.streamVersion} does not follow on${expected > 1 ? ' (a line of it was passed over)' : ''}` });
      }
      versions.set(event.stream, expected);
      events.push(event);
      return true;
    },
    onIssue: issue,
  });
  if (E.isLeft(read)) throw failWith(read.left);
  return { events, skipped };
};

/** Appends runs of one stream at once, with the exact expected version, answering the digest of what was written. */
const writeAll = async (io: CliIo, store: EventStore, events: readonly RecordedEvent[], target: string) => {
  const digest = logDigest();
  const progress = createProgress(io, { label: 'import', unit: 'events', total: events.length });
  try {
    for (let i = 0; i < events.length; ) {
      const first = events[i] as RecordedEvent;
      let j = i + 1;
      while (j < events.length && (events[j] as RecordedEvent).stream === first.stream && j - i < 1000) j++;
      const run = events.slice(i, j);
      const appended = await store.append(first.stream, run.map(toAppend), first.streamVersion - 1);
      if (E.isLeft(appended)) throw failWith(appended.left, `writing to ${target}`);
      for (const e of run) digest.add(e);
      i = j;
      progress.update(i);
    }
  } finally {
    progress.stop();
  }
  return digest.summary();
};

export const importCommand = (io: CliIo): Command =>
  new Command('import')
    .description('load an NDJSON log into an empty store (SQLite file or PostgreSQL schema), keeping streams, versions and order')
    .argument('<in>', 'the NDJSON file to read')
    .argument('<dest>', 'the empty store: a SQLite file or a postgres:// URL (?schema=name)')
    .option('--strict', 'stop at the first bad line and write nothing (exit 2) instead of passing over it (exit 6 at the end)')
    .addHelpText('after', EXAMPLES)
    .action(async (input: string, dest: string, options: ImportCliOptions) => {
      const from = parseSource(input, io.cwd);
      if (from.kind !== 'ndjson') throw usageError(`${input} is not an NDJSON file (*.ndjson, *.jsonl): kefu import reads one`);
      if (!existsSync(from.path)) throw usageError(`no such NDJSON file: ${from.path}`);
      const to = parseSource(dest, io.cwd);
      if (to.kind === 'ndjson') throw usageError(`${dest} is an NDJSON file: import into a SQLite file or a postgres:// URL`);
      const target = describeSource(to);
      const store = await openStore(to, { mustExist: false });
      try {
        const existing = await store.readAll({ maxCount: 1 });
        if (E.isLeft(existing)) throw failWith(existing.left, `reading ${target}`);
        if (existing.right.length > 0) throw usageError(`${target} already holds events: import into an empty store`);
        const { events, skipped } = await checkedEvents(io, from, options.strict === true);
        if (options.strict === true && skipped.length > 0) {
          throw usageError(`${skipped.length === 1 ? 'a bad line' : 'bad lines'} (above): nothing was written (--strict stops at the first bad line)`);
        }
        const written = await writeAll(io, store, events, target);
        const back = await summarizeLog(store);
        if (E.isLeft(back)) throw failWith(back.left, `reading ${target} back`);
        if (back.right.checksum !== written.checksum) {
          throw new CliError(EXIT_CODES.StoreFailure, `${target} read back does not match what was written (checksum ${back.right.checksum}, written ${written.checksum})`);
        }
        writeLine(io.stdout, `imported ${written.events} event${written.events === 1 ? '' : 's'} in ${written.streams} stream${written.streams === 1 ? '' : 's'} into ${target}`);
        writeLine(io.stdout, `checksum ${written.checksum} (the store read back gives the same)`);
        if (skipped.length > 0) throw passedOverError(skipped.length);
      } finally {
        await store.close();
      }
    });
