/**
 * The workload report (M1-M16) on one hand-computed day (dayHistory.ts), from a
 * real engine's log. Every figure below is worked out from the history by hand.
 *
 * Segments of 2026-12-02 (Shanghai), per agent (open point 4: a transfer ends the sender's segment):
 *  a1 s1 web-mall desk-assigned 09:00:00-09:02:00 (120 s). The opening message is before the
 *        assignment; the session never queued, so it counts for a1 (open point 2) and its clock
 *        starts at the reception, 09:00:00. The welcome notice answers nothing (open point 1). Reply 09:00:30:
 *        pair 30 s. c1 writes 09:01:00 and 09:01:10 (one pair, from the first, open point 3),
 *        reply 09:01:30: pair 30 s; a second reply 09:01:35 starts nothing.
 *        agent 3, customer 3; pairs 30+30, first 30, avg 30 (<= 30: M14 yes, open point 5).
 *  a1 s2 app desk-assigned 09:05:00-09:07:00 (120 s, transferred out). The FAQ auto answer at
 *        09:05:05 answers the opening question (no pair, M12). c2 09:06:00, reply 09:06:50: pair
 *        50 s (exactly 50: not over 50, open point 5). agent 1, customer 2 (the opening one counts).
 *  a2 s2 app transferred-in 09:07:00-09:10:00 (180 s). c2 09:07:20, reply 09:08:20: pair 60 s
 *        (over 50). agent 1, customer 1.
 *  a2 s3 web-mall proactive 09:20:00-09:25:00 (300 s). a2 writes 09:20:10 (not a reply yet,
 *        M3), c3 09:21:00, a2 09:21:20: pair 20 s, replied. agent 2, customer 1.
 *  a2 s4 app proactive 09:30:00-09:31:00 (60 s). a2 writes, c4 never answers: unreplied (M3),
 *        no pair, in M15's numerator as unreplied (open point 6). agent 1, customer 0.
 *  a1 s6 web-mall queued 10:00:00, assigned 10:01:00-10:02:00 (60 s). Two messages in the queue
 *        (M10: not counted); the clock starts at the reception 10:01:00; reply 10:01:40: pair 40 s.
 *        agent 1, customer 0.
 *  a1 s7 app (c1 again) 11:00:00-11:00:30 (30 s). Reply 11:00:15: pair 15 s. agent 1, customer 1 (its opening message).
 *  a1 s5 web-mall 23:59:00 - 00:01:00 next day (120 s, transferred out), all on 12-02 (open point
 *        8). An internal note 23:59:40 (nothing); reply 00:00:20: pair 80 s; c5 00:00:30, reply
 *        00:00:40: pair 10 s; avg 45. agent 2, customer 2.
 *  a3 s5 web-mall transferred-in 00:01:00-00:02:00 on 12-03 (60 s): nothing written, unreplied.
 */
import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryReport } from '../../../../src/projections/reports/reportKit.js';
import type { WorkloadState } from '../../../../src/projections/reports/workload/workloadFold.js';
import { workloadDays, workloadReport } from '../../../../src/projections/reports/workload/workloadReport.js';
import type { WorkloadRow } from '../../../../src/projections/reports/workload/workloadRows.js';
import { driveDay } from './dayHistory.js';
import { SHOP, ZONE } from './workloadHarness.js';

const report = workloadReport();
let state: WorkloadState;
beforeAll(async () => {
  state = await (await driveDay()).fold();
});

const rowsOf = (query: Record<string, unknown>): readonly WorkloadRow[] => {
  const result = queryReport(report, state, { shopId: SHOP, ...query }, { zone: ZONE });
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
  return result.right;
};
const byAgent = (rows: readonly WorkloadRow[]) => Object.fromEntries(rows.map((r) => [r.agentId, r]));

describe('workload report on a hand-computed day (M1-M16)', () => {
  it('M1-M16: a1 on 2026-12-02 (s1, s2 out, s6, s7, s5 out)', () => {
    expect(byAgent(rowsOf({ from: '2026-12-02', to: '2026-12-02' }))['a1']).toEqual({
      agentId: 'a1',
      customersReceived: 4, // M1: c1 (s1 web-mall, s7 app: once across channels), c2, c6, c5
      totalSessions: 5, // M2: s1 s2 s6 s7 s5
      repliedSessions: 5, // M3: a1 wrote in each
      unrepliedSessions: 0, // M4: 5 - 5
      replyRate: 1, // M5: 5 / 5
      transferredOut: 2, // M6: s2, s5
      transferredIn: 0, // M7
      proactiveSessions: 0, // M8
      proactiveShare: 0, // M9: 0 / 5
      autoAssignedSessions: 5, // M2 = 0 in + 0 proactive + 5 assigned (s6 from the queue: open point 10)
      totalMessages: 16, // M10: 8 + 8
      agentMessages: 8, // s1 3 + s2 1 + s6 1 + s7 1 + s5 2 (the note not counted)
      customerMessages: 8, // s1 3 + s2 2 + s6 0 (both sent while queued) + s7 1 + s5 2 (opening messages of sessions assigned at once count)
      answerQuestionRatio: 1, // M11: 8 / 8
      avgFirstResponseSec: 43, // M12: (30 + 50 + 40 + 15 + 80) / 5 = 215 / 5
      avgResponseSec: 255 / 7, // M13: (30 + 30 + 50 + 40 + 15 + 80 + 10) / 7
      answeredWithin30sRate: 0.4, // M14: s1 (avg 30) and s7 (15) of 5
      over50sUnansweredRate: 0, // M15: averages 30, 50, 40, 15, 45: none over 50, none unreplied
      avgSessionDurationSec: 90, // M16: (120 + 120 + 60 + 30 + 120) / 5
    });
  });

  it('M1-M16: a2 on 2026-12-02 (s2 in, s3 and s4 proactive)', () => {
    expect(byAgent(rowsOf({ from: '2026-12-02', to: '2026-12-02' }))['a2']).toEqual({
      agentId: 'a2',
      customersReceived: 3, // M1: c2, c3, c4
      totalSessions: 3, // M2
      repliedSessions: 2, // M3: s2, s3 (after c3 answered); s4 not
      unrepliedSessions: 1, // M4: 3 - 2
      replyRate: 2 / 3, // M5
      transferredOut: 0, // M6
      transferredIn: 1, // M7: s2
      proactiveSessions: 2, // M8: s3, s4
      proactiveShare: 2 / 3, // M9
      autoAssignedSessions: 0, // M2 = 1 + 2 + 0
      totalMessages: 6, // M10: 4 + 2
      agentMessages: 4, // s2 1 + s3 2 + s4 1
      customerMessages: 2, // s2 1 + s3 1
      answerQuestionRatio: 2, // M11: 4 / 2
      avgFirstResponseSec: 40, // M12: (60 + 20) / 2
      avgResponseSec: 40, // M13: (60 + 20) / 2
      answeredWithin30sRate: 1 / 3, // M14: s3 (20) of 3
      over50sUnansweredRate: 2 / 3, // M15: s2 (60 > 50) and s4 (unreplied) of 3
      avgSessionDurationSec: 180, // M16: (180 + 300 + 60) / 3
    });
  });

  it('M1-M16, open point 7: a3 has a row of zeros on 12-02; team total sums, team average divides counts by 3 and pools rates', () => {
    const rows = rowsOf({ from: '2026-12-02', to: '2026-12-02' });
    expect(rows.map((r) => r.agentId)).toEqual(['a1', 'a2', 'a3', '(team-average)', '(team-total)']);
    const { a3, '(team-total)': total, '(team-average)': average } = byAgent(rows);
    expect(a3).toMatchObject({ customersReceived: 0, totalSessions: 0, replyRate: null, avgFirstResponseSec: null, answeredWithin30sRate: null, avgSessionDurationSec: null });
    const pooled = {
      replyRate: 7 / 8, // (5 + 2) / (5 + 3)
      proactiveShare: 2 / 8,
      answerQuestionRatio: 12 / 10,
      avgFirstResponseSec: 295 / 7, // (215 + 80) / (5 + 2)
      avgResponseSec: 335 / 9, // (255 + 80) / (7 + 2)
      answeredWithin30sRate: 3 / 8, // (2 + 1) / 8
      over50sUnansweredRate: 2 / 8, // (0 + 2) / 8
      avgSessionDurationSec: 990 / 8, // (450 + 540) / 8
    };
    expect(total).toEqual({
      agentId: '(team-total)',
      customersReceived: 7, // 4 + 3 + 0 (per agent, as the manual's 9 = the rows' sum)
      totalSessions: 8,
      repliedSessions: 7,
      unrepliedSessions: 1,
      transferredOut: 2,
      transferredIn: 1,
      proactiveSessions: 2,
      autoAssignedSessions: 5,
      totalMessages: 22,
      agentMessages: 12,
      customerMessages: 10,
      ...pooled,
    });
    expect(average).toEqual({
      agentId: '(team-average)',
      customersReceived: 7 / 3,
      totalSessions: 8 / 3,
      repliedSessions: 7 / 3,
      unrepliedSessions: 1 / 3,
      transferredOut: 2 / 3,
      transferredIn: 1 / 3,
      proactiveSessions: 2 / 3,
      autoAssignedSessions: 5 / 3,
      totalMessages: 22 / 3,
      agentMessages: 12 / 3,
      customerMessages: 10 / 3,
      ...pooled,
    });
  });

  it('open point 8: the segment after midnight is on 12-03 for a3; a1 has nothing on 12-03', () => {
    const next = byAgent(rowsOf({ from: '2026-12-03', to: '2026-12-03' }));
    expect(next['a1']).toMatchObject({ totalSessions: 0, agentMessages: 0, customerMessages: 0 });
    expect(next['a3']).toMatchObject({
      customersReceived: 1,
      totalSessions: 1,
      transferredIn: 1,
      repliedSessions: 0,
      unrepliedSessions: 1,
      totalMessages: 0,
      answeredWithin30sRate: 0,
      over50sUnansweredRate: 1, // open point 6: unreplied, no pair
      avgSessionDurationSec: 60,
    });
  });

  it('M1: over two days the per-day de-duplicated counts are summed (c5 with a1 on 12-02, with a3 on 12-03)', () => {
    const both = byAgent(rowsOf({ from: '2026-12-02', to: '2026-12-03' }));
    expect([both['a1']?.customersReceived, both['a3']?.customersReceived, both['(team-total)']?.customersReceived]).toEqual([4, 1, 8]);
  });

  it('filters: agents gives only their rows (team rows over them); channels keeps those cells (M1 de-duplicated within them)', () => {
    const some = rowsOf({ from: '2026-12-02', to: '2026-12-02', agents: ['a2'] });
    expect(some.map((r) => [r.agentId, r.totalSessions])).toEqual([
      ['a2', 3],
      ['(team-average)', 3],
      ['(team-total)', 3],
    ]);
    const app = byAgent(rowsOf({ from: '2026-12-02', to: '2026-12-02', channels: ['app'] }));
    // a1 on app: s2 (c2) and s7 (c1); a2 on app: s2 (c2), s4 (c4).
    expect(app['a1']).toMatchObject({ customersReceived: 2, totalSessions: 2, transferredOut: 1, agentMessages: 2, customerMessages: 3, avgFirstResponseSec: 32.5 });
    expect(app['a2']).toMatchObject({ customersReceived: 2, totalSessions: 2, proactiveSessions: 1, transferredIn: 1 });
  });

  it('the per-day variant: a row per day and agent, the day first', () => {
    const q = { shopId: SHOP, fromDay: 20_789, toDay: 20_790 };
    const rows = workloadDays(state, q);
    expect(rows.map((r) => `${r.day} ${r.agentId} ${r.totalSessions}`)).toEqual(['2026-12-02 a1 5', '2026-12-02 a2 3', '2026-12-02 a3 0', '2026-12-03 a1 0', '2026-12-03 a2 0', '2026-12-03 a3 1']);
  });
});
