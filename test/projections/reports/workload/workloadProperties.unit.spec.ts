/**
 * Workload properties (M1-M16, M20) over random histories driven through a
 * real engine (randomHistory.ts), across midnight in Shanghai.
 */
import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { CheckedQuery } from '../../../../src/projections/reports/reportKit.js';
import { channelDistribution, overviewRows } from '../../../../src/projections/reports/workload/overviewReport.js';
import type { WorkloadState } from '../../../../src/projections/reports/workload/workloadFold.js';
import { workloadDays, workloadRows } from '../../../../src/projections/reports/workload/workloadReport.js';
import type { WorkloadRow } from '../../../../src/projections/reports/workload/workloadRows.js';
import { drive, historyArb } from './randomHistory.js';
import { SHOP } from './workloadHarness.js';

const DAY2 = Date.UTC(2026, 11, 2) / 86_400_000;
const RANGE: CheckedQuery = { shopId: SHOP, fromDay: DAY2, toDay: DAY2 + 1 };
const RUNS = { numRuns: 100 };

const COUNTS = ['customersReceived', 'totalSessions', 'repliedSessions', 'unrepliedSessions', 'transferredOut', 'transferredIn', 'proactiveSessions', 'autoAssignedSessions', 'totalMessages', 'agentMessages', 'customerMessages'] as const;
const RATES = ['replyRate', 'proactiveShare', 'answeredWithin30sRate', 'over50sUnansweredRate'] as const;

const agentRows = (rows: readonly WorkloadRow[]) => rows.filter((r) => !r.agentId.startsWith('('));
const team = (rows: readonly WorkloadRow[], id: string) => rows.find((r) => r.agentId === id)!;
const replayed = async (steps: Parameters<typeof drive>[0]): Promise<WorkloadState> => (await drive(steps)).fold();

describe('workload properties over random histories', () => {
  test.prop([historyArb], RUNS)('M2: total = replied + unreplied = transferred-in + proactive + auto-assigned on every row; rates within [0, 1]', async (steps) => {
    const rows = workloadRows(await replayed(steps), RANGE);
    for (const r of rows) {
      expect(r.totalSessions).toBeCloseTo((r.repliedSessions ?? 0) + (r.unrepliedSessions ?? 0), 9);
      expect(r.totalSessions).toBeCloseTo((r.transferredIn ?? 0) + (r.proactiveSessions ?? 0) + (r.autoAssignedSessions ?? 0), 9);
      expect(r.totalMessages).toBeCloseTo((r.agentMessages ?? 0) + (r.customerMessages ?? 0), 9);
      for (const rate of RATES) {
        const v = r[rate];
        if (v !== null) expect(v >= 0 && v <= 1).toBe(true);
        else expect(r.totalSessions).toBe(0);
      }
      // M14 and M15 count the same segments at most once each.
      if (r.answeredWithin30sRate !== null && r.over50sUnansweredRate !== null) expect(r.answeredWithin30sRate + r.over50sUnansweredRate).toBeLessThanOrEqual(1 + 1e-9);
    }
  });

  test.prop([historyArb], RUNS)('open point 7: team total = the sum of the agent rows; team average = that sum / the number of agents', async (steps) => {
    const rows = workloadRows(await replayed(steps), RANGE);
    const agents = agentRows(rows);
    for (const count of COUNTS) {
      const sum = agents.reduce((s, r) => s + (r[count] ?? 0), 0);
      expect(team(rows, '(team-total)')[count]).toBe(sum);
      expect(team(rows, '(team-average)')[count]).toBeCloseTo(sum / agents.length, 9);
    }
    for (const rate of RATES) expect(team(rows, '(team-average)')[rate]).toBe(team(rows, '(team-total)')[rate]);
  });

  test.prop([historyArb], RUNS)('M1-M10: the per-day rows summed over the days = the range row, for every count', async (steps) => {
    const state = await replayed(steps);
    const range = agentRows(workloadRows(state, RANGE));
    const days = workloadDays(state, RANGE);
    for (const r of range) {
      for (const count of COUNTS) expect(days.filter((d) => d.agentId === r.agentId).reduce((s, d) => s + (d[count] ?? 0), 0)).toBe(r[count]);
    }
  });

  test.prop([historyArb], RUNS)('M20: each overview day is the team total of that day; the channel distribution adds up to its sessions', async (steps) => {
    const state = await replayed(steps);
    const days = workloadDays(state, RANGE);
    const channels = channelDistribution(state, RANGE);
    for (const o of overviewRows(state, RANGE)) {
      const ofDay = days.filter((d) => d.day === o['day']);
      expect(o['sessions']).toBe(ofDay.reduce((s, d) => s + (d.totalSessions ?? 0), 0));
      expect(o['customerMessages']).toBe(ofDay.reduce((s, d) => s + (d.customerMessages ?? 0), 0));
      expect(channels.filter((c) => c.day === o['day']).reduce((s, c) => s + c.sessions, 0)).toBe(o['sessions']);
    }
  });

  test.prop([historyArb], RUNS)('live == replay: the fold kept inline by the engine equals the fold of the log', async (steps) => {
    const h = await drive(steps);
    expect(JSON.parse(JSON.stringify(h.live()))).toEqual(JSON.parse(JSON.stringify(await h.fold())));
  });
});
