/**
 * `kefu export SRC OUT.ndjson`: a store's log (or one shop's) as an NDJSON file,
 * one recorded event a line in global order, with the checksum of what the file
 * holds (read back from the file itself, so it verifies what was written).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import { logDigest } from '../../adapters/logChecksum.js';
import { readNdjsonLog, writeNdjsonLog } from '../../adapters/ndjsonLog.js';
import { failWith, usageError, writeLine, type CliIo } from '../cliKit.js';
import { describeSource, openStore, parseSource } from '../sources.js';

const EXAMPLES = `
Examples:
  $ kefu export kefu-demo.sqlite tea-house.ndjson
  $ kefu export kefu-demo.sqlite tea-house.ndjson --shop tea-house --force
  $ kefu export postgres://kefu@db/kefu?schema=kefu backup.ndjson

Sample output:
  exported 48210 events (last position 48210) from SQLite file /home/me/kefu-demo.sqlite to /home/me/tea-house.ndjson
  checksum 3f1c...e9 (48210 events, 2361 streams): kefu import checks the same
`;

interface ExportCliOptions {
  readonly shop?: string;
  readonly force?: boolean;
}

export const exportCommand = (io: CliIo): Command =>
  new Command('export')
    .description('write a store\'s log (SQLite file or PostgreSQL URL) to an NDJSON file, in order, with its checksum')
    .argument('<source>', 'the store: a SQLite file or a postgres:// URL (?schema=name)')
    .argument('<out>', 'the NDJSON file to write')
    .option('--shop <shop>', 'only this shop\'s events')
    .option('--force', 'overwrite the output file when it exists')
    .addHelpText('after', EXAMPLES)
    .action(async (spec: string, out: string, options: ExportCliOptions) => {
      const source = parseSource(spec, io.cwd);
      const path = resolve(io.cwd, out);
      if (existsSync(path) && options.force !== true) throw usageError(`${path} exists: remove it, name another file or add --force`);
      const store = await openStore(source, { mustExist: true });
      let written: Awaited<ReturnType<typeof writeNdjsonLog>>;
      try {
        written = await writeNdjsonLog(store, path, options.shop === undefined ? {} : { shopId: options.shop });
      } finally {
        await store.close();
      }
      if (E.isLeft(written)) throw failWith(written.left, `exporting ${describeSource(source)}`);
      const digest = logDigest();
      const read = await readNdjsonLog(path, { onEvent: (e) => digest.add(e), onIssue: () => false });
      if (E.isLeft(read)) throw failWith(read.left);
      const summary = digest.summary();
      writeLine(io.stdout, `exported ${written.right.events} event${written.right.events === 1 ? '' : 's'} (last position ${written.right.position}) from ${describeSource(source)} to ${path}`);
      writeLine(io.stdout, `checksum ${summary.checksum} (${summary.events} event${summary.events === 1 ? '' : 's'}, ${summary.streams} stream${summary.streams === 1 ? '' : 's'})`);
    });
