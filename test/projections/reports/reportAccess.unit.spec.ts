/**
 * Reports asked for by staff (M1-M22 with [003] §6.1 and the read models' rule):
 * an admin sees every report; a team lead its team's agents; an agent itself;
 * the shop-wide SLA report is the admins'; another shop sees nothing.
 */
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine.js';
import { allReports } from '../../../src/projections/reports/allReports.js';
import { queryReportAs } from '../../../src/projections/reports/reportAccess.js';
import { reportSet, type ReportSet, type ReportSetState } from '../../../src/projections/reports/reportSet.js';
import { makeViewer } from '../../../src/projections/sessions/viewer.js';
import { inlineReports } from '../../../src/runtime/reportRunner.js';
import { driveHistory, HISTORY_SHOP, historyRegistry, type Step } from './kit/randomHistory.js';

const history: Step[] = [
  { kind: 'customer', who: 0, channel: 0 },
  { kind: 'reply', who: 0, to: 0 },
  { kind: 'customer', who: 1, channel: 1 },
  { kind: 'reply', who: 1, to: 0 },
  { kind: 'customer', who: 2, channel: 0 },
  { kind: 'transfer', who: 0, to: 2 },
];
const day = { shopId: HISTORY_SHOP, from: '2026-12-02', to: '2026-12-02' };
const admin = makeViewer({ shopId: HISTORY_SHOP, agentId: 'boss', role: 'admin' });
const lead = makeViewer({ shopId: HISTORY_SHOP, agentId: 'a1', role: 'team-lead', groups: ['g'], team: ['a2'] });
const agent = makeViewer({ shopId: HISTORY_SHOP, agentId: 'a3', role: 'agent' });

let engine: Engine;
let set: ReportSet;
let state: ReportSetState;
beforeAll(async () => {
  const built = reportSet(allReports(), { zone: 'Asia/Shanghai' });
  if (E.isLeft(built)) throw new Error('set');
  set = built.right;
  engine = await driveHistory(history, [inlineReports(set, historyRegistry)]);
  state = engine.projection<ReportSetState>(set.projection.name);
});
afterAll(async () => engine.close());

const agentsOf = (rows: E.Either<unknown, readonly { readonly agentId?: unknown }[]>) => (E.isRight(rows) ? rows.right.map((r) => r.agentId) : rows.left);
const refusal = (result: E.Either<unknown, unknown>) => (E.isLeft(result) ? [(result.left as { code?: string }).code, (result.left as { details?: { field?: string } }).details?.field] : 'allowed');

describe('reports asked for by staff', () => {
  it('M1-M16: an admin sees every agent, as the set answers it', () => {
    expect(queryReportAs(set, state, admin, 'workload', day)).toEqual(set.query(state, 'workload', day));
    expect(agentsOf(queryReportAs(set, state, admin, 'workload', day))).toEqual(['a1', 'a2', 'a3', '(team-average)', '(team-total)']);
  });

  it('M1-M16: a team lead sees its team, its team rows are its team\'s; an agent sees itself', () => {
    const forLead = queryReportAs(set, state, lead, 'workload', day);
    expect(agentsOf(forLead)).toEqual(['a1', 'a2', '(team-average)', '(team-total)']);
    expect(forLead).toEqual(set.query(state, 'workload', { ...day, agents: ['a1', 'a2'] }));
    expect(agentsOf(queryReportAs(set, state, agent, 'attendance', day))).not.toContain('a1');
    expect(agentsOf(queryReportAs(set, state, agent, 'workload', day))).toEqual(['a3', '(team-average)', '(team-total)']);
  });

  it('naming an agent outside the reach is refused, naming its place; the SLA report and another shop are refused', () => {
    expect(refusal(queryReportAs(set, state, lead, 'workload', { ...day, agents: ['a2', 'a3'] }))).toEqual(['actor.not-allowed', 'agents.1']);
    expect(refusal(queryReportAs(set, state, agent, 'sales', { ...day, agents: ['a3'] }))).toBe('allowed');
    expect(refusal(queryReportAs(set, state, lead, 'sla', day))).toEqual(['actor.not-allowed', 'report']);
    expect(refusal(queryReportAs(set, state, admin, 'sla', day))).toBe('allowed');
    expect(refusal(queryReportAs(set, state, admin, 'workload', { ...day, shopId: 'other-shop' }))).toEqual(['actor.not-allowed', 'shopId']);
  });

  it('a bad query is still the query\'s own typed error', () => {
    const bad = queryReportAs(set, state, lead, 'workload', { ...day, from: '2026-12-03' });
    expect(E.isLeft(bad) && (bad.left as { issues?: { path: string }[] }).issues?.map((i) => i.path)).toEqual(['to']);
  });
});
