/**
 * The anchors' users report dashboards that disagree with their own tables. Here
 * the session history (C4) and the per-session report (M22) time the same pairs:
 * for every ended session of a random history, the same first and average
 * response time (to a millionth of a second); and the same receiving agent.
 */
import * as E from 'fp-ts/lib/Either.js';
import { test } from '@fast-check/vitest';
import { afterAll, describe, expect } from 'vitest';
import { allReports } from '../../../src/projections/reports/allReports.js';
import { reportSet, type ReportSetState } from '../../../src/projections/reports/reportSet.js';
import { queryHistory } from '../../../src/projections/sessions/historyQueries.js';
import { sessionHistoryProjection, type SessionHistory } from '../../../src/projections/sessions/sessionHistory.js';
import { makeViewer } from '../../../src/projections/sessions/viewer.js';
import { inlineReports } from '../../../src/runtime/reportRunner.js';
import { driveHistory, HISTORY_SHOP, historyArb, historyRegistry } from './kit/randomHistory.js';

const built = reportSet(allReports(), { zone: 'Asia/Shanghai' });
if (E.isLeft(built)) throw new Error('report set');
const set = built.right;
const history = sessionHistoryProjection();
const admin = makeViewer({ shopId: HISTORY_SHOP, agentId: 'boss', role: 'admin' });

describe('C4 history and M22 per-session figures agree', () => {
  let compared = 0;
  let timed = 0;
  // The property must have compared real sessions, timed ones among them, or it proves nothing. The histories
  // are random: one run of 40 compared 20 or fewer (a floor of 20 failed by chance), so the floor is half that.
  afterAll(() => {
    expect([compared > 10, timed > 3]).toEqual([true, true]);
  });

  test.prop([historyArb], { numRuns: 40 })('the same first and average response time and the same agent for every ended session', async (steps) => {
    const engine = await driveHistory(steps, [inlineReports(set, historyRegistry), history]);
    const reports = engine.projection<ReportSetState>(set.projection.name);
    const sessions = set.query(reports, 'sessions', { shopId: HISTORY_SHOP, from: '2026-01-01', to: '2027-12-31' });
    const page = queryHistory(engine.projection<SessionHistory>(history.name), HISTORY_SHOP, admin, { limit: 200 });
    await engine.close();
    if (E.isLeft(sessions) || E.isLeft(page)) throw new Error('query');
    const fromHistory = new Map(page.right.rows.filter((r) => r.status === 'ended').map((r) => [r.sessionId, r]));
    for (const row of sessions.right) {
      const h = fromHistory.get(row.sessionId as string);
      expect(h, `${String(row.sessionId)} in the history`).toBeDefined();
      expect(h?.agent).toBe(row.agentId);
      // The same pairs; the sums run in seconds in one and milliseconds in the other, so equal to the last bits but one.
      for (const [a, b] of [[h?.firstResponseTime, row.firstResponseSec], [h?.averageResponseTime, row.avgResponseSec]] as const) {
        if (a === null || b === null) expect([a, b]).toEqual([null, null]);
        else expect(a).toBeCloseTo(b as number, 6);
      }
      compared++;
      if (row.avgResponseSec !== null) timed++;
    }
  });
});
