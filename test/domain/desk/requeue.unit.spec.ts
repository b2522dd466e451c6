/**
 * `whenAgentLeaves`: an agent going offline, disabled or frozen keeps its open
 * sessions (`keep`, the default and the manuals' behaviour) or loses them
 * (`requeue`): each goes back to routing whole (co-agents leave, a pending
 * transfer is cancelled), in the order the sessions first arrived, ahead of
 * every session still waiting for its first agent, and a pinned customer (R7)
 * waits for its own agent. The events name who lost and who gained each session,
 * and the agent board follows them.
 */
import { describe, expect, it } from 'vitest';
import { boardRows, type AgentBoard } from '../../../src/projections/agentBoard.js';
import { waitingIn, type QueueView } from '../../../src/projections/queueView.js';
import { assignments, deskHarness, SHOP, T0 } from './harness.js';

type Harness = ReturnType<typeof deskHarness>;

const loads = (h: Harness) => boardRows(h.engine.projection<AgentBoard>('agent-board'), SHOP).map((r) => [r.agentId, r.load]);

/** a1 holds s1 and s2 (a2 was offline meanwhile); a2 is online with room. */
const twoSessionsOnA1 = async (whenAgentLeaves: 'keep' | 'requeue') => {
  const h = deskHarness();
  await h.ok(h.d.configure({ stickyRecentContact: false, whenAgentLeaves }));
  await h.agents(['a1', 'a2'], { online: false });
  await h.ok(h.d.online('a1'));
  await h.open('c1', { sessionId: 's1' });
  await h.open('c2', { sessionId: 's2' });
  await h.ok(h.d.online('a2'));
  return h;
};

describe('whenAgentLeaves: keep (default)', () => {
  it('leaves the sessions with the agent who went offline', async () => {
    const h = await twoSessionsOnA1('keep');
    expect(await h.ok(h.d.offline('a1'))).toEqual([{ type: 'AgentStatusChanged', data: { agentId: 'a1', from: 'online', to: 'offline', at: T0 } }]);
    expect((await h.state()).sessions.get('s1')?.owner).toBe('a1');
    expect(loads(h)).toEqual([
      ['a1', 2],
      ['a2', 0],
    ]);
  });
});

describe('whenAgentLeaves: requeue', () => {
  it('gives each session to an agent with room at once, saying who lost it and who gained it', async () => {
    const h = await twoSessionsOnA1('requeue');
    await h.clock.advanceBy(1000);
    const events = await h.ok(h.d.offline('a1'));
    const at = T0 + 1000;
    expect(events.map((e) => [e.type, e.data.sessionId ?? e.data.agentId])).toEqual([
      ['AgentStatusChanged', 'a1'],
      ['SessionRequeued', 's1'],
      ['SessionAssigned', 's1'],
      ['SessionRequeued', 's2'],
      ['SessionAssigned', 's2'],
    ]);
    expect(events[1]).toEqual({
      type: 'SessionRequeued',
      data: { sessionId: 's1', customerId: 'c1', channel: 'web-mall', vip: false, from: 'a1', reason: 'agent-offline', target: { kind: 'any' }, via: 'no-agent', at },
    });
    expect(events[2]?.data).toMatchObject({ sessionId: 's1', agentId: 'a2', via: 'requeue', queuedAt: at, decision: { step: 'base-mode', trigger: 'a1 left (agent-offline)' }, at });
    expect(assignments(events)).toEqual([
      ['s1', 'a2', 'requeue'],
      ['s2', 'a2', 'requeue'],
    ]);
    expect(loads(h)).toEqual([
      ['a1', 0],
      ['a2', 2],
    ]);
    expect((await h.state()).agents.get('a1')?.load).toBe(0);
  });

  it.each([
    ['disabled', (h: Harness) => h.d.disableAgent({ agentId: 'a1' }), 'agent-disabled'],
    ['frozen', (h: Harness) => h.d.freezeAgent({ agentId: 'a1' }), 'agent-frozen'],
  ] as const)('does the same when the agent is %s', async (_name, leave, reason) => {
    const h = await twoSessionsOnA1('requeue');
    const events = await h.ok(leave(h));
    expect(events.filter((e) => e.type === 'SessionRequeued').map((e) => [e.data.sessionId, e.data.from, e.data.reason])).toEqual([
      ['s1', 'a1', reason],
      ['s2', 'a1', reason],
    ]);
    expect(assignments(events).map(([s, a]) => [s, a])).toEqual([
      ['s1', 'a2'],
      ['s2', 'a2'],
    ]);
  });

  it('does nothing when the agent only goes busy (it still answers its sessions)', async () => {
    const h = await twoSessionsOnA1('requeue');
    expect((await h.ok(h.d.busy('a1'))).map((e) => e.type)).toEqual(['AgentStatusChanged']);
  });

  it('routes each session again by its own rules: a channel\'s session goes to the channel\'s other agent', async () => {
    const h = deskHarness();
    await h.groups('team');
    await h.ok(h.d.configure({ stickyRecentContact: false, whenAgentLeaves: 'requeue', pinningEnabled: true }));
    await h.agents(['t1', 't2'], { groups: ['team'] });
    await h.agents(['o1']);
    await h.ok(h.d.setChannelRule({ channel: 'app', groups: ['team'], agents: [], enabled: true }));
    await h.open('c1', { channel: 'app', sessionId: 's1' }); // t1
    expect(assignments(await h.ok(h.d.offline('t1')))).toEqual([['s1', 't2', 'requeue']]);
  });
});

describe('whenAgentLeaves: requeue, the order', () => {
  it('requeues in the order the sessions first arrived, and serves them before every other waiter, also under LIFO', async () => {
    const h = deskHarness();
    await h.ok(h.d.configure({ stickyRecentContact: false, whenAgentLeaves: 'requeue', queueOrder: 'lifo', vipFirst: false }));
    await h.agents(['a1'], { maxSessions: 1 });
    await h.open('c1', { sessionId: 's1' }); // a1
    await h.open('c2', { sessionId: 's2' }); // waits
    await h.open('c3', { sessionId: 's3' }); // waits
    expect(assignments(await h.ok(h.d.setMax('a1', 2)))).toEqual([['s3', 'a1', 'queue']]); // LIFO: the latest
    expect(assignments(await h.ok(h.d.setMax('a1', 3)))).toEqual([['s2', 'a1', 'queue']]);
    await h.agents(['a2'], { maxSessions: 1 });
    await h.open('c4', { sessionId: 's4' }); // a2
    await h.open('c5', { sessionId: 's5' }); // waits for its first agent
    const events = await h.ok(h.d.offline('a1'));
    // a1 got them in the order s1, s3, s2; they go back in the order they arrived.
    expect(events.filter((e) => e.type === 'SessionRequeued').map((e) => e.data.sessionId)).toEqual(['s1', 's2', 's3']);
    expect(waitingIn(h.engine.projection<QueueView>('queue-view'), SHOP).map((w) => [w.sessionId, w.requeued ?? false])).toEqual([
      ['s5', false],
      ['s1', true],
      ['s2', true],
      ['s3', true],
    ]);
    // a2 frees slot after slot: the requeued sessions first, in arrival order; then LIFO for the rest.
    const served: string[] = [];
    for (let session = 's4'; ; ) {
      const taken = assignments(await h.ok(h.d.end({ sessionId: session })));
      if (taken.length === 0) break;
      served.push(taken[0]![0]);
      session = taken[0]![0];
    }
    expect(served).toEqual(['s1', 's2', 's3', 's5']);
  });
});

describe('whenAgentLeaves: requeue, what goes with the session', () => {
  it('a pinned customer (R7) waits for its agent, and gets it back when the agent returns', async () => {
    const h = deskHarness();
    await h.ok(h.d.configure({ stickyRecentContact: false, whenAgentLeaves: 'requeue', pinningEnabled: true }));
    await h.agents(['mine', 'free']);
    await h.ok(h.d.pinCustomer({ customerId: 'lucy', agentId: 'mine' }));
    await h.open('lucy', { sessionId: 's1' });
    const events = await h.ok(h.d.offline('mine'));
    expect(events.map((e) => e.type)).toEqual(['AgentStatusChanged', 'SessionRequeued']);
    expect(events[1]?.data).toMatchObject({ from: 'mine', target: { kind: 'agent', agentId: 'mine' }, via: 'customer-pin' });
    expect((await h.state()).agents.get('free')?.load).toBe(0);
    expect(assignments(await h.ok(h.d.online('mine')))).toEqual([['s1', 'mine', 'queue']]);
  });

  it('invited co-agents leave the requeued session, and the leaving agent leaves the sessions it was invited to', async () => {
    const h = deskHarness();
    await h.ok(h.d.configure({ stickyRecentContact: false, whenAgentLeaves: 'requeue' }));
    await h.agents(['a1', 'a2'], { maxSessions: 2 });
    await h.open('c1', { sessionId: 's1' }); // a1
    await h.open('c2', { sessionId: 's2' }); // a2
    await h.ok(h.d.invite({ sessionId: 's1', agentId: 'a2' })); // a2 full: s2 and (invited) s1
    await h.ok(h.d.invite({ sessionId: 's2', agentId: 'a1' }));
    const events = await h.ok(h.d.offline('a1'));
    expect(events.map((e) => [e.type, e.data.sessionId ?? '', e.data.agentId ?? e.data.from])).toEqual([
      ['AgentStatusChanged', '', 'a1'],
      ['CoAgentLeft', 's1', 'a2'],
      ['SessionRequeued', 's1', 'a1'],
      ['SessionAssigned', 's1', 'a2'], // the co-agent's freed slot: it takes the session over
      ['CoAgentLeft', 's2', 'a1'],
    ]);
    const state = await h.state();
    expect([state.sessions.get('s1')?.owner, state.sessions.get('s1')?.coAgents, state.sessions.get('s2')?.coAgents]).toEqual(['a2', [], []]);
    expect(loads(h)).toEqual([
      ['a1', 0],
      ['a2', 2],
    ]);
  });

  it('a transfer waiting for acceptance is cancelled, and its deadline with it', async () => {
    const h = deskHarness();
    await h.ok(h.d.configure({ stickyRecentContact: false, whenAgentLeaves: 'requeue', transferNeedsAcceptance: true, transferAcceptSeconds: 30 }));
    await h.agents(['a1', 'a2']);
    await h.open('c1', { sessionId: 's1' }); // a1
    const [requested] = await h.ok(h.d.transfer({ sessionId: 's1', toAgentId: 'a2' }));
    const events = await h.ok(h.d.offline('a1'));
    expect(events.map((e) => e.type)).toEqual(['AgentStatusChanged', 'TransferCancelled', 'SessionRequeued', 'SessionAssigned']);
    expect(events[1]).toEqual({ type: 'TransferCancelled', data: { sessionId: 's1', requestId: requested!.data.requestId, reason: 'session-requeued', at: T0 } });
    expect(assignments(events)).toEqual([['s1', 'a2', 'requeue']]);
    expect((await h.state()).sessions.get('s1')?.pendingTransfer).toBeUndefined();
    expect(await h.code(h.d.asAgent('a2').accept({ sessionId: 's1', requestId: requested!.data.requestId as string }))).toBe('transfer.unknown');
    expect((await h.advanceBy(60_000)).fired).toBe(0);
  });
});
