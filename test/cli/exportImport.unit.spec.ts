/**
 * `kefu export` and `kefu import` in-process: a store to NDJSON and back into an
 * empty SQLite file keeps every stream, version and the order (summarizeLog equal,
 * the checksum printed is the store's); a non-empty target is refused before
 * anything is written; bad lines are reported by number, --strict writes nothing.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyLog } from '../../src/adapters/copyLog.js';
import type { LogSummary } from '../../src/adapters/logChecksum.js';
import { createSqliteEventStore } from '../../src/adapters/sqlite/index.js';
import { readEverything } from '../conformance/fixtures.js';
import { driveHistory, type Step } from '../projections/reports/kit/randomHistory.js';
import { cliIn } from '../support/runCliInProcess.js';
import { sqliteFileSummary } from '../support/sqliteFileSummary.js';

let dir = '';
let original: LogSummary;

const run = cliIn(() => dir);

const summaryOf = (file: string): Promise<LogSummary> => sqliteFileSummary(join(dir, file));

const STEPS: Step[] = [
  { kind: 'customer', who: 0, channel: 0 },
  { kind: 'customer', who: 1, channel: 1 },
  { kind: 'reply', who: 0, to: 0 },
  { kind: 'transfer', who: 1, to: 2 },
  { kind: 'order', who: 0, amount: 1999, refund: true },
  { kind: 'end', who: 0, to: 0 },
  { kind: 'customer', who: 0, channel: 1 },
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kefu-export-'));
  const engine = await driveHistory(STEPS, []);
  const sqlite = createSqliteEventStore({ filename: join(dir, 'source.sqlite') });
  if (E.isLeft(await copyLog(engine.store, sqlite))) throw new Error('copy failed');
  await sqlite.close();
  await engine.close();
  original = await summaryOf('source.sqlite');
}, 60_000);

describe('kefu export and kefu import', () => {
  it('round trip: store -> NDJSON -> empty SQLite file gives the same log (streams, versions, order)', async () => {
    const exported = await run('export', 'source.sqlite', 'log.ndjson');
    expect({ code: exported.code, err: exported.err }).toEqual({ code: 0, err: '' });
    expect(exported.out).toContain(`exported ${original.events} events`);
    expect(exported.out).toContain(`checksum ${original.checksum} (${original.events} events, ${original.streams} streams)`);
    const imported = await run('import', 'log.ndjson', 'copy.sqlite');
    expect({ code: imported.code, err: imported.err }).toEqual({ code: 0, err: '' });
    expect(imported.out).toBe(`imported ${original.events} events in ${original.streams} streams into SQLite file ${join(dir, 'copy.sqlite')}\nchecksum ${original.checksum} (the store read back gives the same)\n`);
    expect(await summaryOf('copy.sqlite')).toEqual(original);
    const a = createSqliteEventStore({ filename: join(dir, 'source.sqlite') });
    const b = createSqliteEventStore({ filename: join(dir, 'copy.sqlite') });
    const strip = (events: Awaited<ReturnType<typeof readEverything>>) => events.map((e) => [e.stream, e.streamVersion, e.type, e.globalPosition]);
    expect(strip(await readEverything(b))).toEqual(strip(await readEverything(a)));
    await a.close();
    await b.close();
  });

  it('export --shop writes one shop; an existing output is refused without --force', async () => {
    const again = await run('export', 'source.sqlite', 'log.ndjson');
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/log\.ndjson exists: remove it, name another file or add --force\n$/);
    const other = await run('export', 'source.sqlite', 'none.ndjson', '--shop', 'no-such-shop');
    expect(other.code).toBe(0);
    expect(other.out).toContain('exported 0 events');
    expect(readFileSync(join(dir, 'none.ndjson'), 'utf8')).toBe('');
    const missing = await run('export', 'missing.sqlite', 'x.ndjson');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^kefu: no such SQLite file: /);
    expect(existsSync(join(dir, 'missing.sqlite'))).toBe(false);
  });

  it('import refuses a target that holds events, before writing anything', async () => {
    await run('export', 'source.sqlite', 'again.ndjson');
    const refused = await run('import', 'again.ndjson', 'source.sqlite');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/^kefu: SQLite file .*source\.sqlite already holds events: import into an empty store\n$/);
    expect(await summaryOf('source.sqlite')).toEqual(original);
  });

  it('bad lines: lenient writes the good ones and exits 6; a broken stream loses its later events, each reported; --strict writes nothing', async () => {
    const lines = readFileSync(join(dir, 'log.ndjson'), 'utf8').trimEnd().split('\n');
    const unknown = { ...(JSON.parse(lines[1] as string) as Record<string, unknown>), type: 'NoSuchEvent' };
    const bad = [lines[0], 'nope', JSON.stringify(unknown), ...lines.slice(2)];
    writeFileSync(join(dir, 'bad.ndjson'), `${bad.join('\n')}\n`);
    const strict = await run('import', 'bad.ndjson', 'strict.sqlite', '--strict');
    expect(strict).toMatchObject({ code: 2, out: '' });
    expect(strict.err).toBe('kefu: bad.ndjson: line 2: not JSON\nkefu: a bad line (above): nothing was written (--strict stops at the first bad line)\n');
    expect((await summaryOf('strict.sqlite')).events).toBe(0);
    const lenient = await run('import', 'bad.ndjson', 'lenient.sqlite');
    expect(lenient.code).toBe(6);
    const reported = lenient.err.trimEnd().split('\n');
    expect(reported[0]).toBe('kefu: bad.ndjson: line 2: not JSON');
    expect(reported[1]).toMatch(/^kefu: bad\.ndjson: line 3: type: .*NoSuchEvent/);
    const brokenStream = (JSON.parse(lines[1] as string) as { stream: string }).stream;
    const later = lines.slice(2).filter((l) => (JSON.parse(l) as { stream: string }).stream === brokenStream).length;
    expect(reported.slice(2, -1)).toHaveLength(later);
    for (const line of reported.slice(2, -1)) expect(line).toMatch(new RegExp(`streamVersion: stream ${brokenStream} is at version \\d+: version \\d+ does not follow on`));
    expect(reported.at(-1)).toBe(`kefu: passed over ${2 + later} bad lines (listed above); nothing else was left out`);
    expect((await summaryOf('lenient.sqlite')).events).toBe(original.events - 1 - later);
  });
});
