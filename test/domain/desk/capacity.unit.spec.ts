/**
 * A2 on the manual paths: each path (a pick from the queue, a transfer, an
 * invitation, a barge-in, an outreach) has its capacity rule. `strict` refuses an
 * agent at max with `capacity.at-max` naming the agent, its load, its max and the
 * path; `allow-over` takes the agent above max and the board raises its
 * over-capacity flag. Defaults: the pick strict, the others allow-over.
 * Auto-assignment never takes an agent above max, whatever the rules.
 */
import { describe, expect, it } from 'vitest';
import { boardRows, type AgentBoard } from '../../../src/projections/agentBoard.js';
import type { CapacitySettings } from '../../../src/routing/settings.js';
import { assignments, deskHarness, SHOP } from './harness.js';

type Harness = ReturnType<typeof deskHarness>;
type Path = keyof CapacitySettings;

/** Agents with max 1, each already holding one session (s-<id>). */
const fullAgents = async (capacity: Partial<CapacitySettings> = {}, ids = ['a1', 'a2']) => {
  const h = deskHarness();
  await h.ok(h.d.configure({ stickyRecentContact: false, capacity }));
  for (const id of ids) {
    await h.agents([id], { maxSessions: 1 });
    await h.open(`c-${id}`, { sessionId: `s-${id}` });
  }
  return h;
};

const row = (h: Harness, agentId: string) => boardRows(h.engine.projection<AgentBoard>('agent-board'), SHOP).find((r) => r.agentId === agentId);

/** The refusal every strict path gives for an agent holding one session of one. */
const atMax = (agentId: string, path: Path) => ({
  _tag: 'DomainError',
  code: 'capacity.at-max',
  message: expect.stringContaining(`agent ${agentId} is at max (load 1 of 1)`),
  details: { agentId, load: 1, maxSessions: 1, path },
});

const expectOver = (h: Harness, agentId: string) => expect(row(h, agentId)).toMatchObject({ load: 2, maxSessions: 1, overCapacity: true });

describe('A2 manual pick from the queue', () => {
  const withWaiter = async (capacity: Partial<CapacitySettings>) => {
    const h = await fullAgents(capacity, ['a1']);
    await h.open('waiting', { sessionId: 'w1' });
    return h;
  };

  it('is strict by default: an agent at max is refused', async () => {
    const h = await withWaiter({});
    expect(await h.refused(h.d.asAgent('a1').pick({ sessionId: 'w1', agentId: 'a1' }))).toEqual(atMax('a1', 'manualPick'));
    expect((await h.state()).queue.entries.has('w1')).toBe(true);
  });

  it('allow-over takes the agent above max and raises the flag', async () => {
    const h = await withWaiter({ manualPick: 'allow-over' });
    expect(assignments(await h.ok(h.d.asAgent('a1').pick({ sessionId: 'w1', agentId: 'a1' })))).toEqual([['w1', 'a1', 'manual-pick']]);
    expectOver(h, 'a1');
  });
});

describe('A2/S5 transfer to an agent at max', () => {
  it('is allowed over max by default, and the board shows the receiver over capacity', async () => {
    const h = await fullAgents();
    await h.ok(h.d.transfer({ sessionId: 's-a1', toAgentId: 'a2' }));
    expectOver(h, 'a2');
    expect(row(h, 'a1')).toMatchObject({ load: 0, overCapacity: false });
  });

  it('strict refuses it and the session stays where it was', async () => {
    const h = await fullAgents({ transfer: 'strict' });
    expect(await h.refused(h.d.transfer({ sessionId: 's-a1', toAgentId: 'a2' }))).toEqual(atMax('a2', 'transfer'));
    expect((await h.state()).sessions.get('s-a1')?.owner).toBe('a1');
  });

  it('strict still lets a co-agent at max take the session over: it gains no load', async () => {
    const h = await fullAgents({ transfer: 'strict', invitation: 'allow-over' });
    await h.ok(h.d.invite({ sessionId: 's-a1', agentId: 'a2' })); // a2: 2 of 1 (the invitation may go over)
    const moved = await h.ok(h.d.transfer({ sessionId: 's-a1', toAgentId: 'a2' }));
    expect(moved.map((e) => e.type)).toEqual(['CoAgentLeft', 'SessionTransferred']);
    expect([row(h, 'a1')?.load, row(h, 'a2')?.load]).toEqual([0, 2]);
  });
});

describe('A2/S5 transfer that needs the target\'s acceptance', () => {
  /** a2 has room when the transfer is requested, and is full by the time it answers. */
  const fullBeforeAccepting = async (transfer: 'strict' | 'allow-over') => {
    const h = deskHarness();
    await h.ok(h.d.configure({ stickyRecentContact: false, transferNeedsAcceptance: true, capacity: { transfer } }));
    await h.agents(['a1', 'a2'], { maxSessions: 1 });
    await h.open('c1', { sessionId: 's1' }); // a1
    const [requested] = await h.ok(h.d.transfer({ sessionId: 's1', toAgentId: 'a2' }));
    expect(requested?.type).toBe('TransferRequested');
    await h.open('c2', { sessionId: 's2' }); // a2, now at max
    return { h, accept: h.d.asAgent('a2').accept({ sessionId: 's1', requestId: requested!.data.requestId as string }) };
  };

  it('strict refuses the request to an agent already at max', async () => {
    const h = await fullAgents({ transfer: 'strict' });
    await h.ok(h.d.configure({ transferNeedsAcceptance: true }));
    expect(await h.refused(h.d.transfer({ sessionId: 's-a1', toAgentId: 'a2' }))).toEqual(atMax('a2', 'transfer'));
  });

  it('strict refuses the acceptance when the target filled up meanwhile; the transfer stays pending', async () => {
    const { h, accept } = await fullBeforeAccepting('strict');
    expect(await h.refused(accept)).toEqual(atMax('a2', 'transfer'));
    expect((await h.state()).sessions.get('s1')).toMatchObject({ owner: 'a1', pendingTransfer: { to: 'a2' } });
  });

  it('allow-over accepts at max and flags the receiver', async () => {
    const { h, accept } = await fullBeforeAccepting('allow-over');
    expect((await h.ok(accept)).map((e) => e.type)).toEqual(['SessionTransferred']);
    expectOver(h, 'a2');
  });
});

describe('A2/S5 transfer to a group', () => {
  it('never goes above max, whatever the transfer rule: the group\'s routing picks only agents with room', async () => {
    const h = deskHarness();
    await h.groups('g');
    await h.ok(h.d.configure({ stickyRecentContact: false, capacity: { transfer: 'allow-over' } }));
    await h.agents(['a1'], { maxSessions: 1 });
    await h.open('c1', { sessionId: 's1' });
    await h.agents(['g1'], { maxSessions: 1, groups: ['g'] });
    await h.open('c2', { sessionId: 's2' }); // g1, full
    expect(await h.code(h.d.transfer({ sessionId: 's1', toGroupId: 'g' }))).toBe('transfer.no-agent-available');
  });
});

describe('A2/S6 invitation and barge-in', () => {
  it('an invitation is allowed over max by default and refused when strict', async () => {
    const over = await fullAgents();
    expect((await over.ok(over.d.invite({ sessionId: 's-a1', agentId: 'a2' }))).map((e) => e.type)).toEqual(['CoAgentAdded']);
    expectOver(over, 'a2');
    const strict = await fullAgents({ invitation: 'strict' });
    expect(await strict.refused(strict.d.invite({ sessionId: 's-a1', agentId: 'a2' }))).toEqual(atMax('a2', 'invitation'));
  });

  it('a barge-in by an admin at max is allowed by default and refused when strict', async () => {
    const run = async (capacity: Partial<CapacitySettings>) => {
      const h = await fullAgents(capacity, ['a1']);
      await h.agents(['boss'], { role: 'admin', maxSessions: 1 });
      await h.open('c-boss', { sessionId: 's-boss' }); // round robin: boss, who is now at max
      return { h, join: h.d.asAgent('boss').join({ sessionId: 's-a1', agentId: 'boss' }) };
    };
    const allowed = await run({});
    expect((await allowed.h.ok(allowed.join))[0]).toMatchObject({ type: 'CoAgentAdded', data: { agentId: 'boss', via: 'barge-in' } });
    expectOver(allowed.h, 'boss');
    const strict = await run({ bargeIn: 'strict' });
    expect(await strict.h.refused(strict.join)).toEqual(atMax('boss', 'bargeIn'));
  });
});

describe('A2/S1 outreach (proactive session)', () => {
  it('is allowed over max by default and refused when strict', async () => {
    const over = await fullAgents({}, ['a1']);
    expect(assignments(await over.ok(over.d.asAgent('a1').proactive({ sessionId: 'p1', customerId: 'old-friend', channel: 'app', agentId: 'a1' })))).toEqual([
      ['p1', 'a1', 'proactive'],
    ]);
    expectOver(over, 'a1');
    const strict = await fullAgents({ proactive: 'strict' }, ['a1']);
    expect(await strict.refused(strict.d.asAgent('a1').proactive({ sessionId: 'p1', customerId: 'old-friend', channel: 'app', agentId: 'a1' }))).toEqual(
      atMax('a1', 'proactive'),
    );
  });
});

describe('A2 auto-assignment after a manual path went over max', () => {
  it('gives the agent nothing until its load is below max again', async () => {
    const h = await fullAgents({}, ['a1']);
    await h.ok(h.d.asAgent('a1').proactive({ sessionId: 'p1', customerId: 'friend', channel: 'app', agentId: 'a1' })); // 2 of 1
    expect((await h.open('waiting', { sessionId: 'w1' })).agentId).toBe('queued');
    expect(assignments(await h.ok(h.d.end({ sessionId: 'p1' })))).toEqual([]); // 1 of 1: still no room
    expect(row(h, 'a1')).toMatchObject({ load: 1, overCapacity: false });
    expect(assignments(await h.ok(h.d.end({ sessionId: 's-a1' })))).toEqual([['w1', 'a1', 'queue']]);
  });
});
