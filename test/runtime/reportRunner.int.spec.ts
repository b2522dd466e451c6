/**
 * The report runners on SQLite (a temp file): the set followed by a subscription
 * with its checkpoint in the same file, stopped halfway and restarted from the
 * checkpoint, gives the rows of a one-pass rebuild; so does a rebuild from the
 * SQLite store, and a copy of the in-memory log gives the same rows as it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import { copyLog } from '../../src/adapters/copyLog.js';
import { createSqliteEventStore } from '../../src/adapters/sqlite/index.js';
import { dayClock, dayName } from '../../src/projections/reports/reportKit.js';
import { reportSet, type ReportSet, type ReportSetState } from '../../src/projections/reports/reportSet.js';
import { inlineReports, rebuildReports, runReports } from '../../src/runtime/reportRunner.js';
import { readEverything } from '../conformance/fixtures.js';
import { FOUR_WAYS_REPORTS } from '../projections/reports/kit/fourWaysReports.js';
import { appendRecorded, driveHistory, HISTORY_SHOP, HISTORY_T0, type Step, historyRegistry } from '../projections/reports/kit/randomHistory.js';

const ZONE = 'Asia/Shanghai';
const dir = mkdtempSync(join(tmpdir(), 'kefu-report-runner-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const right = <A>(value: E.Either<unknown, A>): A => {
  if (E.isLeft(value)) throw new Error(JSON.stringify(value.left));
  return value.right;
};
const newSet = (): ReportSet => right(reportSet(FOUR_WAYS_REPORTS, { zone: ZONE }));
const day = dayClock(ZONE).dayOf(HISTORY_T0);
const QUERY = { shopId: HISTORY_SHOP, from: dayName(day - 1), to: dayName(day + 6) };
const allRows = (set: ReportSet, state: ReportSetState) => Object.fromEntries(set.names.map((name) => [name, right(set.query(state, name, QUERY))]));

const history: Step[] = [
  { kind: 'customer', who: 0, channel: 0 },
  { kind: 'reply', who: 0, to: 0 },
  { kind: 'customer', who: 1, channel: 1 },
  { kind: 'later', ms: 5 * 3_600_000 },
  { kind: 'transfer', who: 0, to: 2 },
  { kind: 'reply', who: 0, to: 0 },
  { kind: 'customer', who: 2, channel: 0 },
  { kind: 'end', who: 1, to: 0 },
  { kind: 'status', agent: 1, status: 'offline' },
  { kind: 'reply', who: 2, to: 0 },
];

describe('report runners on SQLite (M1-M22 kit)', () => {
  it('an engine on SQLite with the set inline; the subscription stopped halfway and restarted from its checkpoint; a rebuild: the same rows', async () => {
    const store = createSqliteEventStore({ filename: join(dir, 'reports.sqlite') });
    try {
      const set = newSet();
      const engine = await driveHistory(history, [inlineReports(set, historyRegistry)], store);
      const inline = allRows(set, engine.projection<ReportSetState>(set.projection.name));
      expect(inline['kit-test-agent-day']?.length).toBeGreaterThan(0);

      const rebuilt = right(await rebuildReports({ source: store, registry: engine.registry, set }));
      expect(allRows(set, rebuilt.state)).toEqual(inline);

      // The subscription on a second SQLite file written in two goes: stopped at the end of the first, resumed from its checkpoint.
      const log = await readEverything(store);
      const cut = Math.floor(log.length / 2);
      const halves = createSqliteEventStore({ filename: join(dir, 'halves.sqlite') });
      try {
        await appendRecorded(halves, log.slice(0, cut));
        const first = right(await runReports({ store: halves, checkpoints: halves, registry: engine.registry, set, saveEvery: 3 }));
        right(await first.waitFor(log[cut - 1]!.globalPosition));
        right(await first.stop());
        expect(right(await halves.loadProjection(set.durable.name))?.position).toBe(log[cut - 1]!.globalPosition);
        await appendRecorded(halves, log.slice(cut));
        const second = right(await runReports({ store: halves, checkpoints: halves, registry: engine.registry, set }));
        right(await second.waitFor(log[log.length - 1]!.globalPosition));
        expect(allRows(set, second.state())).toEqual(inline);
        right(await second.stop());
      } finally {
        await halves.close();
      }

      const copy = createSqliteEventStore({ filename: join(dir, 'copy.sqlite') });
      try {
        right(await copyLog(store, copy));
        const fromCopy = right(await rebuildReports({ source: copy, registry: engine.registry, set, pageSize: 4 }));
        expect(allRows(set, fromCopy.state)).toEqual(inline);
      } finally {
        await copy.close();
      }
      await engine.close();
    } finally {
      await store.close();
    }
  });
});
