/**
 * The decision of the later ways a session reaches an agent: taken from the queue
 * (what freed the slot, how long it waited), picked by hand, sent back to routing
 * because its agent left, an outreach, a transfer. None of these compares agents
 * (except a transfer to a group), so they name the agent and say why.
 */
import { describe, expect, it } from 'vitest';
import { deskHarness, T0 } from './harness.js';

type Harness = ReturnType<typeof deskHarness>;
type Emitted = Awaited<ReturnType<Harness['ok']>>;

const decisionOf = (events: Emitted, sessionId: string) => events.find((e) => e.type === 'SessionAssigned' && e.data.sessionId === sessionId)?.data.decision;

/** a1 (max 1) full with s1; w1 queued at T0; the clock then moves 5 s on. */
const oneWaiting = async (settings: Parameters<Harness['d']['configure']>[0] = {}) => {
  const h = deskHarness();
  await h.groups('g');
  await h.ok(h.d.configure({ stickyRecentContact: false, ...settings }));
  await h.agents(['a1'], { maxSessions: 1 });
  await h.open('c1', { sessionId: 's1' });
  expect((await h.open('waiting', { sessionId: 'w1' })).agentId).toBe('queued');
  await h.clock.advanceBy(5000);
  return h;
};

const dequeued = (agentId: string, trigger: string, load = 0, lastAssignedAt = T0) => ({
  step: 'dequeue',
  chosen: { agentId, load, maxSessions: 1, lastAssignedAt },
  runnersUp: [],
  scopes: [],
  tieBreak: 'designated',
  trigger,
  waitedMs: 5000,
});

describe('decision of a dequeue (R11): what freed the slot and how long the session waited', () => {
  it('a session ended', async () => {
    const h = await oneWaiting();
    expect(decisionOf(await h.ok(h.d.end({ sessionId: 's1' })), 'w1')).toEqual(dequeued('a1', 'session-ended'));
  });

  it('an agent came online', async () => {
    const h = await oneWaiting();
    await h.agents(['a2'], { maxSessions: 1, online: false });
    expect(decisionOf(await h.ok(h.d.online('a2')), 'w1')).toEqual(dequeued('a2', 'went-online', 0, -1));
  });

  it('max was raised', async () => {
    const h = await oneWaiting();
    const events = await h.ok(h.d.setMax('a1', 2));
    expect(decisionOf(events, 'w1')).toEqual({ ...dequeued('a1', 'max-raised', 1), chosen: { agentId: 'a1', load: 1, maxSessions: 2, lastAssignedAt: T0 } });
  });

  it('the agent joined a group, or became a non-admin while admins are left out (A5)', async () => {
    const joined = await oneWaiting();
    await joined.ok(joined.d.configure({ entryGroupFallback: false }));
    await joined.ok(joined.d.end({ sessionId: 'w1' })); // the waiter for anyone is gone; one for the group comes
    await joined.ok(joined.d.open({ sessionId: 'g1', customerId: 'grouped', channel: 'web-mall', entryGroupId: 'g' }));
    await joined.ok(joined.d.end({ sessionId: 's1' }));
    expect(decisionOf(await joined.ok(joined.d.setGroups({ agentId: 'a1', groups: ['g'] })), 'g1')).toMatchObject({ trigger: 'groups-changed' });

    const admin = await oneWaiting({ adminsExcluded: true });
    await admin.agents(['boss'], { role: 'admin', maxSessions: 1 });
    expect(decisionOf(await admin.ok(admin.d.setRole({ agentId: 'boss', role: 'team-lead' })), 'w1')).toMatchObject({ trigger: 'role-changed', waitedMs: 5000 });
  });

  it('admins let back in (A5) is a rule change: the waiters are routed again by the base mode', async () => {
    const h = await oneWaiting({ adminsExcluded: true });
    await h.agents(['boss'], { role: 'admin', maxSessions: 1 });
    const events = await h.ok(h.d.configure({ adminsExcluded: false }));
    expect(events.find((e) => e.type === 'SessionAssigned')?.data).toMatchObject({ agentId: 'boss', via: 'queue', queuedAt: T0 });
    expect(decisionOf(events, 'w1')).toMatchObject({ step: 'base-mode', chosen: { agentId: 'boss' }, trigger: 'rule-changed' });
  });

  it('a session was transferred away, or a co-agent left', async () => {
    const moved = await oneWaiting();
    await moved.agents(['a2'], { maxSessions: 2, online: false });
    await moved.ok(moved.d.busy('a2')); // there to receive the transfer, given nothing automatically
    expect(decisionOf(await moved.ok(moved.d.transfer({ sessionId: 's1', toAgentId: 'a2' })), 'w1')).toEqual(dequeued('a1', 'transferred-away'));

    const left = await oneWaiting({ capacity: { invitation: 'allow-over' } });
    await left.agents(['a2'], { maxSessions: 1, online: false });
    await left.ok(left.d.busy('a2'));
    await left.ok(left.d.proactive({ sessionId: 'p1', customerId: 'friend', channel: 'app', agentId: 'a2' }));
    await left.ok(left.d.invite({ sessionId: 'p1', agentId: 'a1' })); // a1 now 2 of 1
    await left.ok(left.d.end({ sessionId: 's1' })); // 1 of 1: still no room
    await left.ok(left.d.online('a2')); // a2 is full: takes nothing
    expect(decisionOf(await left.ok(left.d.leave({ sessionId: 'p1', agentId: 'a1' })), 'w1')).toMatchObject({ trigger: 'co-agent-left', waitedMs: 5000 });
  });
});

describe('decision of the manual and system ways', () => {
  it('a manual pick names who picked and how long the session waited', async () => {
    const h = await oneWaiting();
    await h.agents(['a2'], { online: false });
    await h.ok(h.d.busy('a2'));
    const events = await h.ok(h.d.asAgent('a2').pick({ sessionId: 'w1', agentId: 'a2' }));
    expect(decisionOf(events, 'w1')).toEqual({
      step: 'manual-pick',
      chosen: { agentId: 'a2', load: 0, maxSessions: 3, lastAssignedAt: -1 },
      runnersUp: [],
      scopes: [],
      tieBreak: 'designated',
      trigger: 'picked by a2',
      waitedMs: 5000,
    });
  });

  it('an outreach names who started it', async () => {
    const h = deskHarness();
    await h.agents(['a1']);
    const events = await h.ok(h.d.asAgent('a1').proactive({ sessionId: 'p1', customerId: 'friend', channel: 'app', agentId: 'a1' }));
    expect(decisionOf(events, 'p1')).toEqual({
      step: 'proactive',
      chosen: { agentId: 'a1', load: 0, maxSessions: 3, lastAssignedAt: -1 },
      runnersUp: [],
      scopes: [],
      tieBreak: 'designated',
      trigger: 'started by a1',
    });
  });

  it('a requeue keeps the routing step\'s decision and says who left and why', async () => {
    const h = deskHarness();
    await h.ok(h.d.configure({ stickyRecentContact: false, whenAgentLeaves: 'requeue' }));
    await h.agents(['a1', 'a2']);
    await h.open('c1', { sessionId: 's1' }); // a1
    expect(decisionOf(await h.ok(h.d.freezeAgent({ agentId: 'a1' })), 's1')).toEqual({
      step: 'base-mode',
      mode: 'round-robin',
      chosen: { agentId: 'a2', load: 0, maxSessions: 3, lastAssignedAt: -1 },
      runnersUp: [],
      scopes: [{ scope: { kind: 'shop' }, counts: { 'not-working': 1, offline: 0, busy: 0, 'excluded-admin': 0, 'at-max': 0, eligible: 1 } }],
      tieBreak: 'only-candidate',
      trigger: 'a1 left (agent-frozen)',
    });
  });

  it('a transfer to a group carries the group routing\'s decision; the current owner is not a candidate', async () => {
    const h = deskHarness();
    await h.groups('g');
    await h.ok(h.d.configure({ stickyRecentContact: false, baseMode: 'least-load' }));
    await h.agents(['a1', 'a2', 'a3'], { groups: ['g'], maxSessions: 4 });
    await h.open('c1', { sessionId: 's1' }); // a1
    await h.open('c2', { sessionId: 's2' }); // a2
    const [moved] = await h.ok(h.d.asAgent('a1').transfer({ sessionId: 's1', toGroupId: 'g' }));
    expect(moved).toMatchObject({ type: 'SessionTransferred', data: { from: 'a1', to: 'a3', groupId: 'g' } });
    expect(moved?.data.decision).toMatchObject({
      step: 'transfer',
      mode: 'least-load',
      chosen: { agentId: 'a3', load: 0 },
      runnersUp: [{ agentId: 'a2', load: 1 }],
      tieBreak: 'key',
      trigger: 'transferred to group g by a1 from a1',
    });
  });
});
