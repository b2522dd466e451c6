/**
 * The kefu bin itself, built from source, in a child process (`node --import tsx
 * src/cli/bin.ts`, cwd a temp folder): a replay over an NDJSON file with a corrupt
 * line, an unknown event type and a position out of order reports each line number
 * and exits 6, --strict stops at the first; export then import round-trips a
 * SQLite file; and one replay from PostgreSQL when KEFU_PG_URL is set.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyLog } from '../../src/adapters/copyLog.js';
import type { LogSummary } from '../../src/adapters/logChecksum.js';
import { writeNdjsonLog } from '../../src/adapters/ndjsonLog.js';
import { createPostgresEventStore } from '../../src/adapters/postgres/index.js';
import { createSqliteEventStore } from '../../src/adapters/sqlite/index.js';
import type { Engine } from '../../src/engine.js';
import { driveHistory, type Step } from '../projections/reports/kit/randomHistory.js';
import { sqliteFileSummary } from '../support/sqliteFileSummary.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const TSX = pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;
const BIN = join(REPO, 'src/cli/bin.ts');
const dir = mkdtempSync(join(tmpdir(), 'kefu-e2e-'));
let engine: Engine;

const kefu = (...args: string[]) => {
  const { status, stdout, stderr } = spawnSync(process.execPath, ['--import', TSX, BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: status, out: stdout, err: stderr };
};

const sqliteSummary = (file: string): Promise<LogSummary> => sqliteFileSummary(join(dir, file));

const STEPS: Step[] = [
  { kind: 'customer', who: 0, channel: 0 },
  { kind: 'customer', who: 1, channel: 1 },
  { kind: 'reply', who: 0, to: 0 },
  { kind: 'transfer', who: 1, to: 2 },
  { kind: 'reply', who: 1, to: 0 },
  { kind: 'order', who: 0, amount: 1999, refund: false },
  { kind: 'end', who: 0, to: 0 },
];

beforeAll(async () => {
  engine = await driveHistory(STEPS, []);
  if (E.isLeft(await writeNdjsonLog(engine.store, join(dir, 'shop.ndjson')))) throw new Error('export failed');
  const lines = readFileSync(join(dir, 'shop.ndjson'), 'utf8').trimEnd().split('\n');
  const unknown = { ...(JSON.parse(lines[4] as string) as Record<string, unknown>), type: 'NoSuchEvent' };
  // Line 3: not JSON; line 6: an event type no module knows; line 9: a position already passed.
  const bad = [lines[0], lines[1], '{"type": oops', lines[2], lines[3], JSON.stringify(unknown), lines[5], lines[6], lines[0], ...lines.slice(7)];
  writeFileSync(join(dir, 'bad.ndjson'), `${bad.join('\n')}\n`);
  const sqlite = createSqliteEventStore({ filename: join(dir, 'source.sqlite') });
  if (E.isLeft(await copyLog(engine.store, sqlite))) throw new Error('copy failed');
  await sqlite.close();
}, 60_000);

afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the kefu bin in a child process', () => {
  it('replay over bad lines: each line number and reason on stderr, the table on stdout, exit 6 with the count', () => {
    const { code, out, err } = kefu('replay', 'bad.ndjson', '--report', 'workload');
    expect(code).toBe(6);
    expect(out).toContain('(team-total)');
    expect(err.trimEnd().split('\n')).toEqual([
      'kefu: bad.ndjson: line 3: not JSON',
      expect.stringMatching(/^kefu: bad\.ndjson: line 6: type: .*NoSuchEvent/),
      expect.stringMatching(/^kefu: bad\.ndjson: line 9: globalPosition: position 1 out of order after \d+$/),
      'kefu: passed over 3 bad lines (listed above); nothing else was left out',
    ]);
  });

  it('replay --strict stops at the first bad line: exit 2, one line, no table', () => {
    const { code, out, err } = kefu('replay', 'bad.ndjson', '--report', 'workload', '--strict');
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err).toBe('kefu: bad.ndjson: log line 3: not JSON (--strict stops at the first bad line)\n');
  });

  it('export then import: a SQLite file to NDJSON to a new SQLite file, the same log by checksum', async () => {
    const original = await sqliteSummary('source.sqlite');
    const exported = kefu('export', 'source.sqlite', 'log.ndjson');
    expect({ code: exported.code, err: exported.err }).toEqual({ code: 0, err: '' });
    const imported = kefu('import', 'log.ndjson', 'copy.sqlite');
    expect({ code: imported.code, err: imported.err }).toEqual({ code: 0, err: '' });
    expect(imported.out).toContain(`checksum ${original.checksum}`);
    expect(await sqliteSummary('copy.sqlite')).toEqual(original);
  });

  it('an unknown command: exit 2, one line', () => {
    const { code, out, err } = kefu('replai');
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err).toMatch(/^kefu: unknown command 'replai'[^\n]*\n$/);
  });
});

const pgUrl = process.env.KEFU_PG_URL;
describe.skipIf(pgUrl === undefined)(`replay from PostgreSQL${pgUrl === undefined ? ' (skipped: set KEFU_PG_URL=postgres://user@host:port/db to run it)' : ''}`, () => {
  const schema = `kefu_cli_e2e_${Date.now().toString(36)}`;
  afterAll(async () => {
    const admin = new pg.Pool({ connectionString: pgUrl, max: 1 });
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  it('the same rows from a postgres:// URL (?schema=) as from the NDJSON file', async () => {
    const store = createPostgresEventStore({ connectionString: pgUrl as string, schema });
    const copied = await copyLog(engine.store, store);
    await store.close();
    expect(E.isRight(copied)).toBe(true);
    const url = new URL(pgUrl as string);
    url.searchParams.set('schema', schema);
    const fromPg = kefu('replay', url.toString(), '--report', 'workload', '--format', 'json');
    expect({ code: fromPg.code, err: fromPg.err }).toEqual({ code: 0, err: '' });
    const fromFile = kefu('replay', 'shop.ndjson', '--report', 'workload', '--format', 'json');
    expect(JSON.parse(fromPg.out)).toEqual(JSON.parse(fromFile.out));
    expect((JSON.parse(fromPg.out) as unknown[]).length).toBeGreaterThan(2);
  });
});
