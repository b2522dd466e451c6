/**
 * The report runners (issue 18's kit, M1-M22): one decode path for the three ways
 * to run a report set, and the NDJSON log with its bad lines reported by number.
 * The four-ways property: over random histories through a real engine, inline,
 * a one-pass rebuild (store and NDJSON), a rebuild in two halves with a checkpoint
 * between, and the CSV and JSON exports read back all give the same rows.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { writeNdjsonLog, describeLineIssue } from '../../src/adapters/ndjsonLog.js';
import { createInMemoryEventStore } from '../../src/adapters/memory/inMemoryEventStore.js';
import { createInMemoryProjectionStateStore } from '../../src/adapters/projectionStateStore.js';
import { exportReport } from '../../src/projections/reports/export.js';
import { dayClock, dayName, type Cell } from '../../src/projections/reports/reportKit.js';
import { reportSet, type ReportSet, type ReportSetState } from '../../src/projections/reports/reportSet.js';
import { inlineReports, rebuildReports, runReports } from '../../src/runtime/reportRunner.js';
import { readEverything } from '../conformance/fixtures.js';
import { parseCsvExport } from '../projections/reports/kit/csvBack.js';
import { FOUR_WAYS_REPORTS } from '../projections/reports/kit/fourWaysReports.js';
import { appendRecorded, driveHistory, historyArb, HISTORY_SHOP, HISTORY_T0, type Step, historyRegistry } from '../projections/reports/kit/randomHistory.js';

const ZONE = 'Asia/Shanghai';
const dir = mkdtempSync(join(tmpdir(), 'kefu-report-runner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const tempFile = () => join(dir, `log-${++files}.ndjson`);

const newSet = (): ReportSet => {
  const built = reportSet(FOUR_WAYS_REPORTS, { zone: ZONE });
  if (E.isLeft(built)) throw new Error(JSON.stringify(built.left));
  return built.right;
};

const right = <A>(value: E.Either<unknown, A>): A => {
  if (E.isLeft(value)) throw new Error(JSON.stringify(value.left));
  return value.right;
};

/** Every report's rows over the whole history (a day before to a few days after). */
const QUERY = { shopId: HISTORY_SHOP, from: dayName(dayClock(ZONE).dayOf(HISTORY_T0) - 1), to: dayName(dayClock(ZONE).dayOf(HISTORY_T0) + 6) };
const allRows = (set: ReportSet, state: ReportSetState) => Object.fromEntries(set.names.map((name) => [name, right(set.query(state, name, QUERY))]));

const fixedHistory: Step[] = [
  { kind: 'customer', who: 0, channel: 0 },
  { kind: 'reply', who: 0, to: 0 },
  { kind: 'customer', who: 1, channel: 1 },
  { kind: 'later', ms: 3_600_000 },
  { kind: 'transfer', who: 0, to: 2 },
  { kind: 'reply', who: 0, to: 0 },
  { kind: 'end', who: 1, to: 0 },
  { kind: 'status', agent: 1, status: 'offline' },
];

describe('the four ways give the same rows (M1-M22 kit)', () => {
  test.prop([historyArb, fc.double({ min: 0, max: 1, noNaN: true })], { numRuns: 50 })(
    'property: inline = one-pass rebuild (store, NDJSON) = two halves with a checkpoint = CSV and JSON exports read back',
    async (steps, split) => {
      const set = newSet();
      const engine = await driveHistory(steps, [inlineReports(set, historyRegistry)]);
      try {
        const inline = allRows(set, engine.projection<ReportSetState>(set.projection.name));

        const whole = right(await rebuildReports({ source: engine.store, registry: engine.registry, set, pageSize: 17 }));
        expect(whole.skipped).toEqual([]);
        expect(allRows(set, whole.state)).toEqual(inline);

        const file = tempFile();
        const written = right(await writeNdjsonLog(engine.store, file));
        expect(written.position).toBe(whole.position);
        const fromFile = right(await rebuildReports({ source: file, registry: engine.registry, set }));
        expect(fromFile.events).toBe(whole.events);
        expect(allRows(set, fromFile.state)).toEqual(inline);

        // Two halves: up to a random position, through a checkpoint as saved (a JSON copy), then the rest.
        const p = Math.floor(split * whole.position);
        const first = right(await rebuildReports({ source: engine.store, registry: engine.registry, set, upTo: p }));
        expect(first.position).toBe(p);
        const checkpoint = right(set.durable.decode(JSON.parse(JSON.stringify(set.durable.encode(first.state)))));
        const second = right(await rebuildReports({ source: file, registry: engine.registry, set, after: first.position, from: checkpoint }));
        expect(first.events + second.events).toBe(whole.events);
        expect(allRows(set, second.state)).toEqual(inline);

        for (const name of set.names) {
          const columns = right(set.columns(name));
          const json = JSON.parse(right(exportReport(set, whole.state, name, QUERY, 'json'))) as Record<string, Cell>[];
          expect(json).toEqual(inline[name]);
          const csv = parseCsvExport(right(exportReport(set, whole.state, name, QUERY, 'csv')));
          expect(csv.header).toEqual(columns);
          expect(csv.rows.map((cells) => Object.fromEntries(columns.map((c, i) => [c, cells[i]])))).toEqual(inline[name]);
        }
      } finally {
        await engine.close();
      }
    },
  );

  it('a fixed history gives rows at all (the property compares something)', async () => {
    const set = newSet();
    const engine = await driveHistory(fixedHistory, [inlineReports(set, historyRegistry)]);
    const rows = allRows(set, engine.projection<ReportSetState>(set.projection.name));
    expect(rows['kit-test-agent-day']?.length).toBeGreaterThan(0);
    expect(rows['kit-test-agent-day']).toContainEqual(expect.objectContaining({ transfersIn: 1, agentName: '客服3号' }));
    await engine.close();
  });
});

describe('runReports: from a subscription with a checkpoint', () => {
  it('run on the first half of a log, stopped (checkpoint saved there), restarted once the rest is appended: the rows of a rebuild', async () => {
    const set = newSet();
    const engine = await driveHistory(fixedHistory, []);
    const store = createInMemoryEventStore();
    try {
      const log = await readEverything(engine.store);
      const cut = Math.floor(log.length / 2);
      await appendRecorded(store, log.slice(0, cut));
      const checkpoints = createInMemoryProjectionStateStore();
      const firstRun = right(await runReports({ store, checkpoints, registry: engine.registry, set, saveEvery: 5 }));
      right(await firstRun.waitFor(log[cut - 1]!.globalPosition));
      right(await firstRun.stop());
      expect(right(await checkpoints.loadProjection(set.durable.name))?.position).toBe(log[cut - 1]!.globalPosition);

      await appendRecorded(store, log.slice(cut));
      const secondRun = right(await runReports({ store, checkpoints, registry: engine.registry, set }));
      right(await secondRun.waitFor(log[log.length - 1]!.globalPosition));
      const rebuilt = right(await rebuildReports({ source: engine.store, registry: engine.registry, set }));
      expect(allRows(set, secondRun.state())).toEqual(allRows(set, rebuilt.state));
      right(await secondRun.stop());
    } finally {
      await store.close();
      await engine.close();
    }
  });
});

describe('NDJSON log: bad lines reported with their line numbers', () => {
  /** A clean log renumbered by tens, so lines can be inserted between events. */
  const prepared = async () => {
    const set = newSet();
    const engine = await driveHistory(fixedHistory, []);
    const clean = tempFile();
    right(await writeNdjsonLog(engine.store, clean));
    const lines = readFileSync(clean, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown> & { globalPosition: number; data: Record<string, unknown>; metadata: Record<string, unknown> });
    for (const l of lines) l.globalPosition *= 10;
    return { set, engine, lines };
  };

  const tampered = (lines: Record<string, unknown>[]) => {
    const good = lines.map((l) => JSON.stringify(l));
    const registered = lines.find((l) => l.type === 'AgentRegistered') as { data: Record<string, unknown>; globalPosition: number };
    const { name: _dropped, ...withoutName } = registered.data;
    const bad = [
      '{not json',
      JSON.stringify({ ...lines[2], type: 'NoSuchEvent', globalPosition: 35 }),
      JSON.stringify({ ...registered, data: withoutName, globalPosition: 36 }),
      JSON.stringify({ ...lines[3], metadata: { ...(lines[3]?.metadata as object), shopId: undefined }, globalPosition: 37 }),
    ];
    // Lines 1-3, the four bad ones (4-7), then the rest, with line 2 again (position 20) after position 40 (line 9).
    return [...good.slice(0, 3), ...bad, ...good.slice(3, 4), good[1], ...good.slice(4)].join('\n') + '\n';
  };

  it('lenient: every bad line is skipped and reported (not JSON, bad envelope, unknown type, failed decoding, out of order); the rest folds as the clean log', async () => {
    const { set, engine, lines } = await prepared();
    try {
      const file = tempFile();
      writeFileSync(file, tampered(lines));
      const clean = right(await rebuildReports({ source: engine.store, registry: engine.registry, set }));
      const result = right(await rebuildReports({ source: file, registry: engine.registry, set, strict: false }));
      expect(result.skipped.map((s) => [s.line, s.path])).toEqual([
        [4, undefined],
        [5, 'type'],
        [6, 'data.name'],
        [7, 'metadata.shopId'],
        [9, 'globalPosition'],
      ]);
      expect(describeLineIssue(result.skipped[0]!)).toBe('line 4: not JSON');
      expect(result.skipped[1]!.reason).toBe('unknown event type NoSuchEvent');
      expect(describeLineIssue(result.skipped[4]!)).toBe('line 9: globalPosition: position 20 out of order after 40');
      expect(result.events).toBe(clean.events);
      expect(allRows(set, result.state)).toEqual(allRows(set, clean.state));
    } finally {
      await engine.close();
    }
  });

  it('strict (the default): stops at the first bad line, a ValidationError naming it', async () => {
    const { set, engine, lines } = await prepared();
    try {
      const file = tempFile();
      writeFileSync(file, tampered(lines));
      const result = await rebuildReports({ source: file, registry: engine.registry, set });
      expect(E.isLeft(result) && result.left).toMatchObject({ _tag: 'ValidationError', source: 'log line 4', issues: [{ reason: 'not JSON' }] });
      const decodeOnly = tempFile();
      writeFileSync(decodeOnly, tampered(lines).split('\n').filter((l) => l !== '{not json').join('\n'));
      const second = await rebuildReports({ source: decodeOnly, registry: engine.registry, set });
      expect(E.isLeft(second) && second.left).toMatchObject({ source: 'log line 4', issues: [{ path: 'type', reason: 'unknown event type NoSuchEvent' }] });
    } finally {
      await engine.close();
    }
  });

  it('a missing file is a StoreFailure, not a throw', async () => {
    const set = newSet();
    const engine = await driveHistory([], []);
    const result = await rebuildReports({ source: join(dir, 'absent.ndjson'), registry: engine.registry, set });
    expect(E.isLeft(result) && result.left._tag).toBe('StoreFailure');
    await engine.close();
  });
});
