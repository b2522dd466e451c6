/**
 * What is still open shows at once (a segment counts at its reception; its
 * messages and pairs as they happen): M2, M3, M12-M14 of a session not ended
 * yet; and a requeue (the agent went offline) ends the segment, the next
 * agent's reception being the desk's (open point 10). Ids such as
 * `constructor` or `toString` are keys like any other, also in a checkpoint read back.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { ProjectedEvent } from '../../../../src/projections/projection.js';
import { sessionRows } from '../../../../src/projections/reports/workload/sessionFigures.js';
import { reviveWorkloadState, workloadProjection } from '../../../../src/projections/reports/workload/workloadFold.js';
import { workloadRows } from '../../../../src/projections/reports/workload/workloadReport.js';
import { SEC, SHOP, workloadHarness, ZONE } from './workloadHarness.js';

const T = Date.UTC(2026, 11, 2, 2, 0, 0); // 10:00 in Shanghai
const DAY = Date.UTC(2026, 11, 2) / 86_400_000;
const rowOf = (rows: ReturnType<typeof workloadRows>, agentId: string) => rows.find((r) => r.agentId === agentId);

describe('open sessions and requeues', () => {
  it('M2, M3, M12, M14, M16: an open session counts as it goes; its duration waits for the end', async () => {
    const h = workloadHarness(T);
    await h.agents(['a1']);
    await h.says('c1', 's1');
    await h.at(T + 20 * SEC);
    await h.replies('a1', 's1');
    const rows = workloadRows(h.live(), { shopId: SHOP, fromDay: DAY, toDay: DAY });
    expect(rowOf(rows, 'a1')).toMatchObject({ totalSessions: 1, repliedSessions: 1, agentMessages: 1, avgFirstResponseSec: 20, answeredWithin30sRate: 1, over50sUnansweredRate: 0, avgSessionDurationSec: null });
  });

  it('open point 10, M16: a requeue ends the segment of a1; a2 receives it as auto-assigned, the waiting question timed from its reception', async () => {
    const h = workloadHarness(T);
    await h.run(h.d.configure({ whenAgentLeaves: 'requeue' }));
    await h.agents(['a1']);
    await h.agents(['a2'], false);
    await h.says('c1', 's1');
    await h.at(T + 30 * SEC);
    await h.run(h.d.online('a2'));
    await h.run(h.d.offline('a1'));
    await h.at(T + 45 * SEC);
    await h.replies('a2', 's1');
    const rows = workloadRows(await h.fold(), { shopId: SHOP, fromDay: DAY, toDay: DAY });
    // a1: 10:00:00-10:00:30, unreplied, no pair.
    expect(rowOf(rows, 'a1')).toMatchObject({ totalSessions: 1, autoAssignedSessions: 1, unrepliedSessions: 1, transferredOut: 0, avgSessionDurationSec: 30, over50sUnansweredRate: 1 });
    // a2: received 10:00:30 (the desk's, not a transfer), replied 10:00:45: 15 s.
    expect(rowOf(rows, 'a2')).toMatchObject({ totalSessions: 1, autoAssignedSessions: 1, transferredIn: 0, repliedSessions: 1, avgFirstResponseSec: 15 });
  });
});

describe('ids from outside are keys like any other', () => {
  it('M1, M22: a session `constructor` of a customer `toString` counts and is kept; a checkpoint read back from JSON folds on the same', async () => {
    const h = workloadHarness(T);
    await h.agents(['a1']);
    await h.says('toString', 'constructor');
    await h.at(T + 10 * SEC);
    await h.replies('a1', 'constructor');
    const checkpoint = reviveWorkloadState(JSON.parse(JSON.stringify(h.live())));
    await h.run(h.d.end({ sessionId: 'constructor' }));
    const ended = (await h.events()).filter((e) => e.type === 'ConversationEnded');
    const decoded = h.engine.registry.decodeRecorded(ended[0]!);
    if (E.isLeft(decoded)) throw new Error('undecodable');
    const resumed = workloadProjection({ zone: ZONE }).apply(checkpoint, decoded.right as ProjectedEvent);
    for (const state of [await h.fold(), resumed]) {
      expect(rowOf(workloadRows(state, { shopId: SHOP, fromDay: DAY, toDay: DAY }), 'a1')).toMatchObject({ customersReceived: 1, totalSessions: 1, repliedSessions: 1, avgSessionDurationSec: 10 });
      expect(sessionRows(state, { shopId: SHOP, fromDay: DAY, toDay: DAY }).map((r) => [r.sessionId, r.customerId])).toEqual([['constructor', 'toString']]);
    }
  });
});

describe('ids named like Object properties', () => {
  const event = (type: string, shopId: string, data: Record<string, unknown>) =>
    ({ type, data, metadata: { shopId, actor: { kind: 'system' }, occurredAt: T }, stream: 'x', streamVersion: 1, globalPosition: 1 }) as unknown as ProjectedEvent;
  it('a shop `constructor` is a shop like any other; a rating of an unknown session `toString` changes nothing', () => {
    const projection = workloadProjection({ zone: ZONE });
    let state = projection.initialState();
    state = projection.apply(state, event('AgentRegistered', 'constructor', { agentId: 'a1', at: T }));
    state = projection.apply(state, event('SessionRated', 'constructor', { sessionId: 'toString', score: 5, counts: true, at: T }));
    expect(Object.keys(state.shops)).toEqual(['constructor']);
    expect(workloadRows(state, { shopId: 'constructor', fromDay: DAY, toDay: DAY }).map((r) => r.agentId)).toEqual(['a1', '(team-average)', '(team-total)']);
    expect(sessionRows(state, { shopId: 'constructor', fromDay: DAY, toDay: DAY })).toEqual([]);
  });
});
