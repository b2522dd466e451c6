/**
 * Engine tests (driven through createEngine, as a backend would): what the read
 * models folded inline by the engine show of the desk: the agent board's
 * over-capacity flag (A2) and what each agent sees waiting in the queue view
 * (R12/R13). The decisions behind them are decider tests in agents.unit.spec.ts
 * and queue.unit.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { boardRows, type AgentBoard } from '../../../src/projections/agentBoard.js';
import { visibleQueue, waitingIn, type QueueView } from '../../../src/projections/queueView.js';
import { deskHarness, SHOP } from './harness.js';

describe('A2 the agent board', () => {
  it('flags an agent over capacity while its load is above a lowered max, and clears the flag once load <= max', async () => {
    const h = deskHarness();
    await h.agents(['a1'], { maxSessions: 3 });
    const sessions = [await h.open('c1'), await h.open('c2'), await h.open('c3')];
    await h.ok(h.d.setMax('a1', 1));
    const board = () => boardRows(h.engine.projection<AgentBoard>('agent-board'), SHOP)[0];
    expect(board()).toMatchObject({ load: 3, maxSessions: 1, overCapacity: true });
    await h.ok(h.d.end({ sessionId: sessions[0]!.sessionId }));
    expect(board()).toMatchObject({ load: 2, overCapacity: true });
    await h.ok(h.d.end({ sessionId: sessions[1]!.sessionId }));
    expect(board()).toMatchObject({ load: 1, overCapacity: false });
  });
});

describe('R12/R13 the queue view', () => {
  it('shows admins the whole queue and agents what waits for them, their groups or anyone', async () => {
    const h = deskHarness();
    await h.groups('g1', 'g2');
    await h.agents(['boss'], { role: 'admin', online: false });
    await h.agents(['x1'], { groups: ['g1'], online: false });
    await h.agents(['x2'], { groups: ['g2'], maxSessions: 1 });
    await h.ok(h.d.configure({ pinningEnabled: true, stickyRecentContact: false }));
    await h.ok(h.d.setChannelRule({ channel: 'app', groups: ['g2'], agents: [], enabled: true }));
    await h.open('c0', { channel: 'app' }); // x2 full now
    await h.open('c1', { channel: 'app' }); // waits for g2
    await h.ok(h.d.busy('x2')); // still there (busy): s2 keeps waiting for g2 (gone offline, it would fall back: R6)
    await h.open('c2'); // waits for anyone
    const waiting = waitingIn(h.engine.projection<QueueView>('queue-view'), SHOP);
    expect(waiting.map((w) => w.sessionId)).toEqual(['s2', 's3']);
    expect(visibleQueue(waiting, { agentId: 'boss', role: 'admin', groups: [] }).length).toBe(2);
    expect(visibleQueue(waiting, { agentId: 'x1', role: 'agent', groups: ['g1'] }).map((w) => w.sessionId)).toEqual(['s3']);
    expect(visibleQueue(waiting, { agentId: 'x2', role: 'agent', groups: ['g2'] }).map((w) => w.sessionId)).toEqual(['s2', 's3']);
    // A pick takes the session out of every view.
    await h.ok(h.d.busy('x1'));
    await h.ok(h.d.asAgent('x1').pick({ sessionId: 's3', agentId: 'x1' }));
    expect(waitingIn(h.engine.projection<QueueView>('queue-view'), SHOP).map((w) => w.sessionId)).toEqual(['s2']);
  });
});
