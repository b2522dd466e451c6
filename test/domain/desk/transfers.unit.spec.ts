import { describe, expect, it } from 'vitest';
import { deskHarness, T0 } from './harness.js';

describe('S5 transfer to an agent', () => {
  it('moves the session and the load, and makes the receiver the customer\'s last contact', async () => {
    const h = deskHarness();
    await h.agents(['a1', 'a2']);
    const s = await h.open('alice');
    expect(await h.ok(h.d.asAgent('a1').transfer({ sessionId: s.sessionId, toAgentId: 'a2', note: 'knows returns' }))).toEqual([
      {
        type: 'SessionTransferred',
        data: {
          sessionId: s.sessionId,
          from: 'a1',
          to: 'a2',
          note: 'knows returns',
          decision: {
            step: 'transfer',
            chosen: { agentId: 'a2', load: 0, maxSessions: 3, lastAssignedAt: -1 },
            runnersUp: [],
            scopes: [],
            tieBreak: 'designated',
            trigger: 'transferred by a1 from a1',
          },
          at: T0,
        },
      },
    ]);
    const state = await h.state();
    expect([state.agents.get('a1')?.load, state.agents.get('a2')?.load]).toEqual([0, 1]);
    expect(state.lastContact.get('alice')?.agentId).toBe('a2');
  });

  it('reaches busy agents but not offline ones, nor the current owner', async () => {
    const h = deskHarness();
    await h.agents(['a1', 'a2', 'a3']);
    const s = await h.open('alice');
    await h.ok(h.d.busy('a2'));
    await h.ok(h.d.offline('a3'));
    expect(await h.code(h.d.transfer({ sessionId: s.sessionId, toAgentId: 'a3' }))).toBe('transfer.target-unavailable');
    expect(await h.code(h.d.transfer({ sessionId: s.sessionId, toAgentId: 'a1' }))).toBe('transfer.same-agent');
    expect(await h.code(h.d.transfer({ sessionId: s.sessionId, toAgentId: 'nobody' }))).toBe('agent.unknown');
    expect(await h.code(h.d.transfer({ sessionId: s.sessionId }))).toBe('transfer.target-required');
    await h.ok(h.d.transfer({ sessionId: s.sessionId, toAgentId: 'a2' }));
  });

  it('waits for the target to accept when acceptance is required: accept', async () => {
    const h = deskHarness();
    await h.ok(h.d.configure({ transferNeedsAcceptance: true, transferAcceptSeconds: 30 }));
    await h.agents(['a1', 'a2']);
    const s = await h.open('alice');
    const [requested] = await h.ok(h.d.transfer({ sessionId: s.sessionId, toAgentId: 'a2' }));
    expect(requested).toMatchObject({ type: 'TransferRequested', data: { from: 'a1', to: 'a2', expiresAt: T0 + 30_000 } });
    expect((await h.state()).sessions.get(s.sessionId)?.owner).toBe('a1');
    const requestId = requested!.data.requestId as string;
    expect(await h.code(h.d.asAgent('a1').accept({ sessionId: s.sessionId, requestId }))).toBe('actor.not-allowed');
    expect(await h.code(h.d.transfer({ sessionId: s.sessionId, toAgentId: 'a2' }))).toBe('transfer.pending');
    const accepted = await h.ok(h.d.asAgent('a2').accept({ sessionId: s.sessionId, requestId }));
    expect(accepted[0]).toMatchObject({ type: 'SessionTransferred', data: { from: 'a1', to: 'a2', requestId } });
    // Accepting cancelled the deadline: nothing is left to fire.
    expect(h.engine.reactor.deadlines()).toEqual([]);
    expect(await h.advanceBy(60_000)).toMatchObject({ fired: 0 });
    expect((await h.state()).sessions.get(s.sessionId)?.owner).toBe('a2');
  });

  it('decline leaves the session where it was', async () => {
    const h = deskHarness();
    await h.ok(h.d.configure({ transferNeedsAcceptance: true }));
    await h.agents(['a1', 'a2']);
    const s = await h.open('alice');
    const [requested] = await h.ok(h.d.transfer({ sessionId: s.sessionId, toAgentId: 'a2' }));
    await h.ok(h.d.asAgent('a2').decline({ sessionId: s.sessionId, requestId: requested!.data.requestId as string }));
    const state = await h.state();
    expect(state.sessions.get(s.sessionId)?.owner).toBe('a1');
    expect(state.sessions.get(s.sessionId)?.pendingTransfer).toBeUndefined();
  });

  it('expires on the clock when the target does not answer in time', async () => {
    const h = deskHarness();
    await h.ok(h.d.configure({ transferNeedsAcceptance: true, transferAcceptSeconds: 45 }));
    await h.agents(['a1', 'a2']);
    const s = await h.open('alice');
    const [requested] = await h.ok(h.d.transfer({ sessionId: s.sessionId, toAgentId: 'a2' }));
    const requestId = requested!.data.requestId as string;
    expect(await h.code(h.d.expire({ sessionId: s.sessionId, requestId }))).toBe('transfer.not-expired');
    expect(await h.advanceBy(44_999)).toMatchObject({ fired: 0 });
    expect(await h.advanceBy(1)).toMatchObject({ fired: 1 });
    const state = await h.state();
    expect(state.sessions.get(s.sessionId)?.pendingTransfer).toBeUndefined();
    expect(state.sessions.get(s.sessionId)?.owner).toBe('a1');
    expect(await h.code(h.d.asAgent('a2').accept({ sessionId: s.sessionId, requestId }))).toBe('transfer.unknown');
  });
});

describe('S5 transfer to a group', () => {
  it('lets the group\'s routing pick the agent, never the current owner', async () => {
    const h = deskHarness();
    await h.groups('returns');
    await h.agents(['a1', 'r1', 'r2'], { groups: ['returns'] });
    const s = await h.open('alice'); // a1
    const [moved] = await h.ok(h.d.transfer({ sessionId: s.sessionId, toGroupId: 'returns' }));
    expect(moved).toMatchObject({ type: 'SessionTransferred', data: { from: 'a1', groupId: 'returns' } });
    expect(['r1', 'r2']).toContain(moved!.data.to);
  });

  it('fails cleanly when no agent of the group can take it, and the session stays', async () => {
    const h = deskHarness();
    await h.groups('returns');
    await h.agents(['a1']);
    await h.agents(['r1'], { groups: ['returns'], maxSessions: 1 });
    const s = await h.open('alice');
    await h.ok(h.d.busy('r1'));
    expect(await h.code(h.d.transfer({ sessionId: s.sessionId, toGroupId: 'returns' }))).toBe('transfer.no-agent-available');
    expect(await h.code(h.d.transfer({ sessionId: s.sessionId, toGroupId: 'nope' }))).toBe('group.unknown');
    expect((await h.state()).sessions.get(s.sessionId)?.owner).toBe('a1');
  });
});

describe('S6 invitations and barge-in', () => {
  it('adds co-agents who share the session (and its load) until they leave', async () => {
    const h = deskHarness();
    await h.agents(['a1', 'a2']);
    const s = await h.open('alice');
    expect(await h.ok(h.d.asAgent('a1').invite({ sessionId: s.sessionId, agentId: 'a2' }))).toEqual([
      { type: 'CoAgentAdded', data: { sessionId: s.sessionId, agentId: 'a2', via: 'invitation', by: 'a1', at: T0 } },
    ]);
    expect((await h.state()).agents.get('a2')?.load).toBe(1);
    expect(await h.code(h.d.invite({ sessionId: s.sessionId, agentId: 'a2' }))).toBe('invite.already-in-session');
    expect(await h.code(h.d.asAgent('a2').end({ sessionId: s.sessionId }))).toBe('actor.not-allowed');
    await h.ok(h.d.asAgent('a2').leave({ sessionId: s.sessionId, agentId: 'a2' }));
    expect((await h.state()).agents.get('a2')?.load).toBe(0);
  });

  it('lets admins and the team lead of the group join, not other agents or other leads', async () => {
    const h = deskHarness();
    await h.groups('g1', 'g2');
    await h.agents(['a1'], { groups: ['g1'] });
    await h.agents(['lead1'], { groups: ['g1'], role: 'team-lead', online: false });
    await h.agents(['lead2'], { groups: ['g2'], role: 'team-lead', online: false });
    await h.agents(['boss'], { role: 'admin', online: false });
    await h.agents(['a2'], { groups: ['g1'], online: false });
    const s = await h.open('alice');
    for (const id of ['lead1', 'lead2', 'boss', 'a2']) await h.ok(h.d.busy(id));
    expect(await h.code(h.d.asAgent('a2').join({ sessionId: s.sessionId, agentId: 'a2' }))).toBe('actor.not-allowed');
    expect(await h.code(h.d.asAgent('lead2').join({ sessionId: s.sessionId, agentId: 'lead2' }))).toBe('actor.not-allowed');
    expect(await h.code(h.d.asAgent('lead1').join({ sessionId: s.sessionId, agentId: 'boss' }))).toBe('actor.not-allowed');
    expect((await h.ok(h.d.asAgent('lead1').join({ sessionId: s.sessionId, agentId: 'lead1' })))[0]?.data.via).toBe('barge-in');
    await h.ok(h.d.asAgent('boss').join({ sessionId: s.sessionId, agentId: 'boss' }));
    expect((await h.state()).sessions.get(s.sessionId)?.coAgents).toEqual(['lead1', 'boss']);
  });

  it('lets a co-agent take the session over by transfer without counting it twice', async () => {
    const h = deskHarness();
    await h.agents(['a1', 'a2']);
    const s = await h.open('alice');
    await h.ok(h.d.invite({ sessionId: s.sessionId, agentId: 'a2' }));
    const events = await h.ok(h.d.transfer({ sessionId: s.sessionId, toAgentId: 'a2' }));
    expect(events.map((e) => e.type)).toEqual(['CoAgentLeft', 'SessionTransferred']);
    const state = await h.state();
    expect([state.agents.get('a1')?.load, state.agents.get('a2')?.load]).toEqual([0, 1]);
  });
});

describe('S7 ending sessions', () => {
  it('frees capacity for the owner and the co-agents, single or in batch, by agent or system', async () => {
    const h = deskHarness();
    await h.agents(['a1', 'a2'], { maxSessions: 5 });
    const one = await h.open('c1');
    const two = await h.open('c2');
    const three = await h.open('c3');
    await h.ok(h.d.invite({ sessionId: one.sessionId, agentId: 'a2' }));
    const ended = await h.ok(h.d.asAgent('a1').end({ sessionId: one.sessionId }));
    expect(ended[0]).toMatchObject({ type: 'SessionEnded', data: { reason: 'agent', agents: ['a1', 'a2'] } });
    const batch = await h.ok(h.d.endMany({ sessionIds: [two.sessionId, three.sessionId], reason: 'timeout' }));
    expect(batch.map((e) => [e.type, e.data.reason])).toEqual([
      ['SessionEnded', 'timeout'],
      ['SessionEnded', 'timeout'],
    ]);
    const state = await h.state();
    expect([state.agents.get('a1')?.load, state.agents.get('a2')?.load, state.sessions.size]).toEqual([0, 0, 0]);
  });

  it('refuses a batch with one unknown session and ends none of them', async () => {
    const h = deskHarness();
    await h.agents(['a1']);
    const one = await h.open('c1');
    expect(await h.code(h.d.endMany({ sessionIds: [one.sessionId, 'ghost'] }))).toBe('session.unknown');
    expect((await h.state()).sessions.has(one.sessionId)).toBe(true);
  });

  it('starts a new session on the next message after the end, with stickiness', async () => {
    const h = deskHarness();
    await h.agents(['a1', 'a2']);
    const first = await h.open('alice');
    expect(await h.code(h.d.open({ sessionId: 'dup', customerId: 'alice', channel: 'app' }))).toBe('customer.session-active');
    await h.ok(h.d.asCustomer('alice').end({ sessionId: first.sessionId }));
    const next = await h.open('alice');
    expect([next.agentId, next.events[0]?.data.via]).toEqual([first.agentId, 'sticky']);
  });
});
