import { describe, expect, it } from 'vitest';
import { isOverCapacity } from '../../../src/routing/eligibility.js';
import { boardRows, type AgentBoard } from '../../../src/projections/agentBoard.js';
import { deskHarness, SHOP, T0 } from './harness.js';

describe('A1 agent statuses', () => {
  it('gives new sessions to online agents only; busy agents keep theirs', async () => {
    const h = deskHarness();
    await h.agents(['a1', 'a2']);
    const first = await h.open('c1');
    await h.ok(h.d.busy(first.agentId));
    const other = first.agentId === 'a1' ? 'a2' : 'a1';
    for (let i = 2; i <= 4; i++) expect((await h.open(`c${i}`)).agentId).toBe(other);
    const s = await h.state();
    expect(s.sessions.get(first.sessionId)?.owner).toBe(first.agentId); // busy keeps its session
    await h.ok(h.d.offline(other));
    expect((await h.open('c9')).agentId).toBe('queued');
  });

  it('records the time of every status change for the attendance clock (A6)', async () => {
    const h = deskHarness();
    await h.agents(['a1'], { online: false });
    await h.clock.advanceBy(60_000);
    const events = await h.ok(h.d.online('a1'));
    expect(events).toEqual([{ type: 'AgentStatusChanged', data: { agentId: 'a1', from: 'offline', to: 'online', at: T0 + 60_000 } }]);
    await h.clock.advanceBy(30_000);
    await h.ok(h.d.busy('a1'));
    const agent = (await h.state()).agents.get('a1')!;
    expect([agent.status, agent.statusSince]).toEqual(['busy', T0 + 90_000]);
  });

  it('treats a repeated status as nothing to do', async () => {
    const h = deskHarness();
    await h.agents(['a1']);
    expect(await h.ok(h.d.online('a1'))).toEqual([]);
  });
});

describe('A2 max concurrent sessions', () => {
  it('skips an agent at max in auto-assignment', async () => {
    const h = deskHarness();
    await h.agents(['a1'], { maxSessions: 2 });
    expect((await h.open('c1')).agentId).toBe('a1');
    expect((await h.open('c2')).agentId).toBe('a1');
    expect((await h.open('c3')).agentId).toBe('queued');
  });

  it('allows lowering max below the load, flags over capacity until load <= max, and assigns nothing meanwhile', async () => {
    const h = deskHarness();
    await h.agents(['a1'], { maxSessions: 3 });
    const sessions = [await h.open('c1'), await h.open('c2'), await h.open('c3')];
    expect(await h.ok(h.d.setMax('a1', 1))).toEqual([
      { type: 'AgentMaxSessionsChanged', data: { agentId: 'a1', from: 3, to: 1, at: T0 } },
    ]);
    let agent = (await h.state()).agents.get('a1')!;
    expect(isOverCapacity(agent)).toBe(true);
    expect(boardRows(h.engine.projection<AgentBoard>('agent-board'), SHOP)[0]).toMatchObject({ load: 3, maxSessions: 1, overCapacity: true });
    expect((await h.open('c4')).agentId).toBe('queued');
    await h.ok(h.d.end({ sessionId: sessions[0]!.sessionId }));
    await h.ok(h.d.end({ sessionId: sessions[1]!.sessionId }));
    agent = (await h.state()).agents.get('a1')!;
    expect([agent.load, isOverCapacity(agent)]).toEqual([1, false]);
    expect(boardRows(h.engine.projection<AgentBoard>('agent-board'), SHOP)[0]).toMatchObject({ load: 1, overCapacity: false });
    expect((await h.state()).queue.entries.size).toBe(1); // still at max: the queued session waits
  });

  it('refuses a max of zero or below with a field path, writing nothing', async () => {
    const h = deskHarness();
    await h.agents(['a1']);
    const before = (await h.state()).agents.get('a1');
    for (const bad of [0, -3, 2.5]) {
      const error = await h.refused(h.d.setMax('a1', bad));
      expect(error).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'data.maxSessions' }] });
    }
    expect((await h.state()).agents.get('a1')).toEqual(before);
  });
});

describe('A3 groups, A4 capability', () => {
  it('puts agents in several groups, refuses unknown groups, and defaults capability to 80', async () => {
    const h = deskHarness();
    await h.groups('night', 'menswear');
    await h.agents(['a1'], { groups: ['night', 'menswear'] });
    const agent = (await h.state()).agents.get('a1')!;
    expect(agent.groups).toEqual(['night', 'menswear']);
    expect(agent.capability).toBe(80);
    expect(await h.code(h.d.setGroups({ agentId: 'a1', groups: ['night', 'ghosts'] }))).toBe('group.unknown');
    expect(await h.code(h.d.registerAgent({ agentId: 'a2', name: 'B', maxSessions: 2, groups: ['ghosts'] }))).toBe('group.unknown');
  });

  it('refuses a capability outside 0..100', async () => {
    const h = deskHarness();
    await h.agents(['a1']);
    expect(await h.refused(h.d.setCapability({ agentId: 'a1', capability: 101 }))).toMatchObject({ issues: [{ path: 'data.capability' }] });
  });
});

describe('A5 admins out of auto-assignment', () => {
  it('leaves admins out of auto-assignment when switched on, while they still receive transfers and pick from the queue', async () => {
    const h = deskHarness();
    await h.agents(['boss'], { role: 'admin' });
    await h.agents(['a1'], { maxSessions: 1 });
    await h.ok(h.d.configure({ adminsExcluded: true }));
    expect((await h.open('c1')).agentId).toBe('a1');
    const waiting = await h.open('c2');
    expect(waiting.agentId).toBe('queued');
    expect((await h.ok(h.d.asAgent('boss').pick({ sessionId: waiting.sessionId, agentId: 'boss' })))[0]).toMatchObject({
      type: 'SessionAssigned',
      data: { agentId: 'boss', via: 'manual-pick' },
    });
    expect((await h.ok(h.d.transfer({ sessionId: 's1', toAgentId: 'boss' })))[0]).toMatchObject({ type: 'SessionTransferred', data: { to: 'boss' } });
  });

  it('lets admins take queued work once the switch is turned off again', async () => {
    const h = deskHarness();
    await h.ok(h.d.configure({ adminsExcluded: true }));
    await h.agents(['boss'], { role: 'admin' });
    expect((await h.open('c1')).agentId).toBe('queued');
    const events = await h.ok(h.d.configure({ adminsExcluded: false }));
    expect(events.map((e) => e.type)).toEqual(['RoutingConfigured', 'SessionAssigned']);
  });
});

describe('A7 lifecycle, enable and disable', () => {
  it('gives nothing to pending, frozen or disabled agents, and takes them offline', async () => {
    const h = deskHarness();
    await h.ok(h.d.registerAgent({ agentId: 'p', name: 'Pending', maxSessions: 3, pending: true }));
    expect(await h.code(h.d.online('p'))).toBe('agent.not-working');
    await h.ok(h.d.activateAgent({ agentId: 'p' }));
    await h.ok(h.d.online('p'));
    expect((await h.ok(h.d.freezeAgent({ agentId: 'p' }))).map((e) => e.type)).toEqual(['AgentLifecycleChanged', 'AgentStatusChanged']);
    expect((await h.open('c1')).agentId).toBe('queued');
    expect(await h.code(h.d.activateAgent({ agentId: 'p' }))).toBe('agent.frozen');
    await h.ok(h.d.unfreezeAgent({ agentId: 'p' }));
    await h.ok(h.d.disableAgent({ agentId: 'p' }));
    expect(await h.code(h.d.online('p'))).toBe('agent.not-working');
    await h.ok(h.d.enableAgent({ agentId: 'p' }));
    const online = await h.ok(h.d.online('p'));
    expect(online.map((e) => e.type)).toEqual(['AgentStatusChanged', 'SessionAssigned']); // takes the waiting customer
  });

  it('does not let a disabled agent act', async () => {
    const h = deskHarness();
    await h.agents(['a1']);
    await h.ok(h.d.disableAgent({ agentId: 'a1' }));
    expect(await h.code(h.d.asAgent('a1').online('a1'))).toBe('actor.not-allowed');
  });
});

describe('P1/P2 permissions', () => {
  it('lets only admins change settings and agents, and agents their own status and max', async () => {
    const h = deskHarness();
    await h.agents(['a1', 'a2']);
    const a1 = h.d.asAgent('a1');
    expect(await h.code(a1.configure({ baseMode: 'random' }))).toBe('actor.not-allowed');
    expect(await h.code(a1.setCapability({ agentId: 'a1', capability: 99 }))).toBe('actor.not-allowed');
    expect(await h.code(a1.busy('a2'))).toBe('actor.not-allowed');
    await h.ok(a1.busy('a1'));
    await h.ok(a1.setMax('a1', 9));
    await h.ok(h.d.setRole({ agentId: 'a2', role: 'admin' }));
    await h.ok(h.d.asAgent('a2').configure({ baseMode: 'random' }));
  });
});
