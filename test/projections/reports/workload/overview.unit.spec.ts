/**
 * M20 overview on the hand-computed day (dayHistory.ts; its segments are listed
 * in workloadDay.unit.spec.ts): the team's day, response-time buckets (upper
 * bounds inclusive) and sessions per source channel, from the workload's fold.
 */
import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryReport } from '../../../../src/projections/reports/reportKit.js';
import { overviewChannelsReport, overviewReport } from '../../../../src/projections/reports/workload/overviewReport.js';
import { workloadReport } from '../../../../src/projections/reports/workload/workloadReport.js';
import type { WorkloadState } from '../../../../src/projections/reports/workload/workloadFold.js';
import { driveDay } from './dayHistory.js';
import { SHOP, ZONE } from './workloadHarness.js';

let state: WorkloadState;
beforeAll(async () => {
  state = await (await driveDay()).fold();
});

const ask = <R>(rows: E.Either<unknown, R>): R => {
  if (E.isLeft(rows)) throw new Error(JSON.stringify(rows.left));
  return rows.right;
};

describe('M20 overview', () => {
  it('M20: one fold for workload, overview and channels (the same projection name)', () => {
    const names = [workloadReport(), overviewReport(), overviewChannelsReport()].map((r) => r.projection({ zone: ZONE }).name);
    expect(new Set(names)).toEqual(new Set(['workload-fold']));
  });

  it('M20: daily trends of 12-02 and 12-03: customers, sessions, messages and the response-time buckets', () => {
    const rows = ask(queryReport(overviewReport(), state, { shopId: SHOP, from: '2026-12-02', to: '2026-12-03' }, { zone: ZONE }));
    expect(rows).toEqual([
      {
        day: '2026-12-02',
        customersReceived: 7, // a1 4 + a2 3 (the workload's team total)
        sessions: 8,
        repliedSessions: 7,
        unrepliedSessions: 1, // s4
        customerMessages: 10, // a1 8 + a2 2 (the opening messages of sessions assigned at once count: open point 2)
        agentMessages: 12,
        // first responses: a1 30, 50, 40, 15, 80; a2 60, 20
        firstResponse_0_10: 0,
        firstResponse_10_20: 2, // 15, 20
        firstResponse_20_30: 1, // 30 (inclusive)
        firstResponse_30_45: 1, // 40
        firstResponse_45_60: 2, // 50, 60 (inclusive)
        firstResponse_60_120: 1, // 80
        firstResponse_over_120: 0,
        // segment averages: a1 30, 50, 40, 15, 45; a2 60, 20 (s4 has no pair: no bucket)
        avgResponse_0_10: 0,
        avgResponse_10_20: 2, // 15, 20
        avgResponse_20_30: 1, // 30
        avgResponse_30_45: 2, // 40, 45 (inclusive)
        avgResponse_45_60: 2, // 50, 60
        avgResponse_60_120: 0,
        avgResponse_over_120: 0,
      },
      expect.objectContaining({ day: '2026-12-03', customersReceived: 1, sessions: 1, repliedSessions: 0, unrepliedSessions: 1, agentMessages: 0, firstResponse_0_10: 0 }),
    ]);
  });

  it('M20: sessions by source channel per day', () => {
    const rows = ask(queryReport(overviewChannelsReport(), state, { shopId: SHOP, from: '2026-12-02', to: '2026-12-03' }, { zone: ZONE }));
    expect(rows).toEqual([
      { day: '2026-12-02', channel: 'app', sessions: 4 }, // a1 s2, s7; a2 s2, s4
      { day: '2026-12-02', channel: 'web-mall', sessions: 4 }, // a1 s1, s6, s5; a2 s3
      { day: '2026-12-03', channel: 'web-mall', sessions: 1 }, // a3 s5
    ]);
  });
});
