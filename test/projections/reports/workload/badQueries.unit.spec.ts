/**
 * Bad queries to the workload, overview and per-session reports: a typed
 * ValidationError naming the field, never a throw (through queryReport).
 */
import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryReport, type ReportDefinition, type ReportRow } from '../../../../src/projections/reports/reportKit.js';
import { overviewReport } from '../../../../src/projections/reports/workload/overviewReport.js';
import { sessionsReport } from '../../../../src/projections/reports/workload/sessionFigures.js';
import type { WorkloadState } from '../../../../src/projections/reports/workload/workloadFold.js';
import { workloadReport } from '../../../../src/projections/reports/workload/workloadReport.js';
import { driveDay } from './dayHistory.js';
import { SHOP, ZONE } from './workloadHarness.js';

let state: WorkloadState;
beforeAll(async () => {
  state = await (await driveDay()).fold();
});

const pathsOf = <R extends ReportRow>(query: Record<string, unknown>, report: () => ReportDefinition<WorkloadState, R>) => {
  const result = queryReport(report(), state, { shopId: SHOP, from: '2026-12-02', to: '2026-12-02', ...query }, { zone: ZONE });
  if (E.isRight(result)) throw new Error('expected a ValidationError');
  expect(result.left._tag).toBe('ValidationError');
  return result.left.issues.map((i) => i.path);
};

describe('M1-M22: bad queries name their field', () => {
  it('a range that ends before it starts names `to`', () => {
    expect(pathsOf({ from: '2026-12-03', to: '2026-12-02' }, workloadReport)).toEqual(['to']);
  });
  it('an agent the shop never had names `agents.<i>`', () => {
    expect(pathsOf({ agents: ['a1', 'nobody'] }, workloadReport)).toEqual(['agents.1']);
    expect(pathsOf({ agents: ['nobody'] }, overviewReport)).toEqual(['agents.0']);
  });
  it('a channel never seen names `channels.<i>`', () => {
    expect(pathsOf({ channels: ['fax'] }, workloadReport)).toEqual(['channels.0']);
    expect(pathsOf({ channels: ['fax'] }, sessionsReport)).toEqual(['channels.0']);
  });
  it('a shop the report never saw knows no agent', () => {
    expect(pathsOf({ shopId: 'other', agents: ['a1'] }, workloadReport)).toEqual(['agents.0']);
  });
});
