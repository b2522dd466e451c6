/**
 * `kefu replay` in-process on a history driven through a real engine (desk,
 * conversation, review, orders), from an NDJSON file and a SQLite file: the rows
 * equal the report kit's own, as a table, CSV, JSON and the HTML page; a bad
 * query names its option; every bad line is reported with its number (exit 6),
 * --strict stops at the first (exit 2).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyLog } from '../../src/adapters/copyLog.js';
import { writeNdjsonLog } from '../../src/adapters/ndjsonLog.js';
import { createSqliteEventStore } from '../../src/adapters/sqlite/index.js';
import { allReports } from '../../src/projections/reports/allReports.js';
import { exportReport } from '../../src/projections/reports/export.js';
import { reportSet, type ReportSet, type ReportSetState } from '../../src/projections/reports/reportSet.js';
import { rebuildReports } from '../../src/runtime/reportRunner.js';
import { driveHistory, HISTORY_SHOP, historyRegistry, type Step } from '../projections/reports/kit/randomHistory.js';
import { cliIn } from '../support/runCliInProcess.js';

let dir = '';
let set: ReportSet;
let state: ReportSetState;
const RANGE = { shopId: HISTORY_SHOP, from: '2026-12-02', to: '2026-12-03' };

const run = cliIn(() => dir);

const STEPS: Step[] = [
  { kind: 'customer', who: 0, channel: 0 },
  { kind: 'customer', who: 1, channel: 1 },
  { kind: 'reply', who: 0, to: 0 },
  { kind: 'customer', who: 2, channel: 0 },
  { kind: 'reply', who: 1, to: 0 },
  { kind: 'transfer', who: 1, to: 2 },
  { kind: 'order', who: 0, amount: 1999, refund: false },
  { kind: 'later', ms: 3_600_000 },
  { kind: 'end', who: 0, to: 0 },
  { kind: 'rate', who: 0, score: 5, previous: true },
  { kind: 'later', ms: 4 * 3_600_000 },
  { kind: 'customer', who: 3, channel: 1 },
  { kind: 'reply', who: 3, to: 0 },
  { kind: 'end', who: 3, to: 0 },
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kefu-replay-'));
  const engine = await driveHistory(STEPS, []);
  const written = await writeNdjsonLog(engine.store, join(dir, 'shop.ndjson'));
  if (E.isLeft(written)) throw new Error('export failed');
  const sqlite = createSqliteEventStore({ filename: join(dir, 'shop.sqlite') });
  if (E.isLeft(await copyLog(engine.store, sqlite))) throw new Error('copy failed');
  await sqlite.close();
  set = (reportSet(allReports(), { zone: 'Asia/Shanghai' }) as E.Right<ReportSet>).right;
  const rebuilt = await rebuildReports({ source: engine.store, registry: historyRegistry, set });
  if (E.isLeft(rebuilt)) throw new Error('rebuild failed');
  state = rebuilt.right.state;
  await engine.close();
  // A log with three bad lines: line 3 is not JSON, line 6 an unknown event type, line 9 a position out of order.
  const lines = readFileSync(join(dir, 'shop.ndjson'), 'utf8').trimEnd().split('\n');
  const unknown = { ...(JSON.parse(lines[4] as string) as Record<string, unknown>), type: 'NoSuchEvent' };
  const bad = [lines[0], lines[1], '{"type": not json', lines[2], lines[3], JSON.stringify(unknown), lines[5], lines[6], lines[0], ...lines.slice(7)];
  writeFileSync(join(dir, 'bad.ndjson'), `${bad.join('\n')}\n`);
}, 60_000);

const expected = (name: string, format: 'json' | 'csv', query: object = RANGE) => (exportReport(set, state, name, query, format) as E.Right<string>).right;

describe('kefu replay: the report kit\'s rows from any log (M1-M22)', () => {
  it('JSON from an NDJSON file and from a SQLite file equals the kit\'s rows', async () => {
    for (const source of ['shop.ndjson', 'shop.sqlite']) {
      for (const name of ['workload', 'overview', 'sales']) {
        const { code, out, err } = await run('replay', source, '--report', name, '--from', RANGE.from, '--to', RANGE.to, '--format', 'json');
        expect({ code, err }).toEqual({ code: 0, err: '' });
        expect(JSON.parse(out)).toEqual(JSON.parse(expected(name, 'json')));
      }
    }
  });

  it('a table on stdout, nothing on stderr; without --shop/--from/--to the log\'s only shop and the days it covers', async () => {
    const { code, out, err } = await run('replay', 'shop.ndjson', '--report', 'workload');
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toContain(`workload: shop ${HISTORY_SHOP}, 2026-12-02 to 2026-12-02 (Asia/Shanghai)`);
    expect(out).toMatch(/│ a1 +│ +2 │/);
    expect(out).toContain('(team-total)');
  });

  it('CSV and JSON with --agents/--channels, written to --out', async () => {
    const query = { ...RANGE, agents: ['a1', 'a2'], channels: ['app'] };
    const { code, out } = await run('replay', 'shop.sqlite', '--report', 'workload', '--from', RANGE.from, '--to', RANGE.to, '--agents', 'a1,a2', '--channels', 'app', '--format', 'csv', '--out', 'w.csv');
    expect(code).toBe(0);
    expect(out).toMatch(/^wrote workload \(\d+ rows\) to .*w\.csv\n$/);
    expect(readFileSync(join(dir, 'w.csv'), 'utf8')).toBe(expected('workload', 'csv', query));
  });

  it('the HTML report to a file', async () => {
    const { code, err } = await run('replay', 'shop.ndjson', '--format', 'html', '--out', 'r.html');
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const page = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(page.slice(0, 200).toLowerCase()).toContain('<!doctype html>');
    expect(page).toContain(HISTORY_SHOP);
  });

  it('an unknown report is exit 2, naming the known ones; a bad query names its option', async () => {
    const unknown = await run('replay', 'shop.ndjson', '--report', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^kefu: --report: unknown report "nope"; known: workload, workload-days, .*sla/);
    const backwards = await run('replay', 'shop.ndjson', '--report', 'workload', '--from', '2026-12-03', '--to', '2026-12-01');
    expect(backwards).toMatchObject({ code: 2, out: '' });
    expect(backwards.err).toMatch(/^kefu: --to: the range ends \(2026-12-01\) before it starts \(2026-12-03\)\n$/);
    const agent = await run('replay', 'shop.ndjson', '--report', 'workload', '--agents', 'a1,ghost');
    expect(agent.err).toMatch(/^kefu: --agents: agents\.1: unknown agent "ghost"/);
    const date = await run('replay', 'shop.ndjson', '--report', 'workload', '--from', '2026-02-30');
    expect(date.err).toMatch(/^kefu: --from: expected a date YYYY-MM-DD/);
    const zone = await run('replay', 'shop.ndjson', '--report', 'workload', '--zone', 'Mars/Olympus');
    expect(zone.err).toMatch(/^kefu: --zone: unknown time zone/);
    const missing = await run('replay', 'none.ndjson', '--report', 'workload');
    expect(missing.err).toMatch(/^kefu: no such NDJSON file: .*none\.ndjson\n$/);
  });

  it('lenient: each bad line on stderr with its number and reason, the rest folded, exit 6 with the count', async () => {
    const { code, out, err } = await run('replay', 'bad.ndjson', '--report', 'workload', '--format', 'json');
    expect(code).toBe(6);
    expect(JSON.parse(out)).toBeInstanceOf(Array);
    const lines = err.trimEnd().split('\n');
    expect(lines).toEqual([
      'kefu: bad.ndjson: line 3: not JSON',
      expect.stringMatching(/^kefu: bad\.ndjson: line 6: type: .*NoSuchEvent/),
      expect.stringMatching(/^kefu: bad\.ndjson: line 9: globalPosition: position 1 out of order after \d+$/),
      'kefu: passed over 3 bad lines (listed above); nothing else was left out',
    ]);
  });

  it('--strict stops at the first bad line: exit 2, that line only, no rows', async () => {
    const { code, out, err } = await run('replay', 'bad.ndjson', '--report', 'workload', '--strict');
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err).toBe('kefu: bad.ndjson: log line 3: not JSON (--strict stops at the first bad line)\n');
  });
});
