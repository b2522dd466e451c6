/**
 * M22 per-session figures on the hand-computed day (dayHistory.ts; its
 * segments are listed in workloadDay.unit.spec.ts): the whole session from its
 * first reception to its end, its receiving (last) agent, the best rating (one
 * that came after the end included), the origin page; bounded per shop.
 */
import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryReport } from '../../../../src/projections/reports/reportKit.js';
import { sessionsReport } from '../../../../src/projections/reports/workload/sessionFigures.js';
import { workloadProjection } from '../../../../src/projections/reports/workload/workloadFold.js';
import { driveDay, local } from './dayHistory.js';
import { SHOP, ZONE } from './workloadHarness.js';

type Harness = Awaited<ReturnType<typeof driveDay>>;
let h: Harness;
beforeAll(async () => {
  h = await driveDay();
});

const rowsOf = async (sessionLimit?: number) => {
  const state = await h.fold(sessionLimit === undefined ? {} : { sessionLimit });
  const rows = queryReport(sessionsReport(), state, { shopId: SHOP, from: '2026-12-01', to: '2026-12-03' }, { zone: ZONE });
  if (E.isLeft(rows)) throw new Error(JSON.stringify(rows.left));
  return rows.right;
};

describe('M22 per-session figures', () => {
  it('M22: duration, average response, rating, entry group and origin page of each ended session', async () => {
    const rows = await rowsOf();
    expect(rows.map((r) => r.sessionId)).toEqual(['s1', 's2', 's3', 's4', 's6', 's7', 's5']);
    expect(rows[0]).toEqual({
      sessionId: 's1',
      agentId: 'a1',
      customerId: 'c1',
      channel: 'web-mall',
      startedAt: local(9, 0),
      day: '2026-12-02',
      durationSec: 120,
      avgResponseSec: 30, // (30 + 30) / 2
      firstResponseSec: 30,
      ratingScore: 5, // rated after the end
      entryGroupId: null,
      originPage: 'product-page',
      originRef: 'p-9',
    });
    // s2: a1 then a2; the whole session 09:05:00-09:10:00; pairs 50 (a1) and 60 (a2).
    expect(rows[1]).toMatchObject({ agentId: 'a2', durationSec: 300, avgResponseSec: 55, firstResponseSec: 50, ratingScore: null, originPage: 'channel', originRef: null });
    // s4: no pair. s6: started at its reception (10:01), not its queueing. s5: across midnight, on its first day.
    expect(rows[3]).toMatchObject({ sessionId: 's4', avgResponseSec: null, firstResponseSec: null, durationSec: 60 });
    expect(rows[4]).toMatchObject({ sessionId: 's6', startedAt: local(10, 1), durationSec: 60, avgResponseSec: 40 });
    expect(rows[6]).toMatchObject({ sessionId: 's5', agentId: 'a3', day: '2026-12-02', durationSec: 180, avgResponseSec: 45, firstResponseSec: 80 });
  });

  it('M22: only the newest sessionLimit ended sessions are kept', async () => {
    expect((await rowsOf(2)).map((r) => r.sessionId)).toEqual(['s7', 's5']);
  });

  it('M22: a sessionLimit that is not a positive integer is a programming error', () => {
    expect(() => workloadProjection({ zone: ZONE, sessionLimit: 0 })).toThrow(RangeError);
  });
});
