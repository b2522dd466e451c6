/**
 * No stranded waiters (R6, R8, R13): a session waits for its rule's agents only
 * while some of them are there. When the last of them leaves, in any way (offline,
 * disabled, frozen, out of the group, made an admin left out of auto-assignment),
 * the waiter is routed again at once, as a new arrival would be; and when the rules
 * themselves change (the channel rule, the settings, a pin), waiters are routed
 * again by the new rules.
 */
import { describe, expect, it } from 'vitest';
import { assignments, deskHarness, T0 } from './harness.js';

type Harness = ReturnType<typeof deskHarness>;

const CHANNEL_POOL = { kind: 'pool', groups: [], agents: ['p1', 'p2'] };

/**
 * The case from the issue: the channel 'app' is pinned to p1 and p2, both full,
 * so s1 waits for them while o1 sits online with nothing to do.
 */
const issueCase = async (oMax = 3) => {
  const h = deskHarness();
  await h.ok(h.d.configure({ pinningEnabled: true, stickyRecentContact: false }));
  await h.agents(['p1', 'p2'], { maxSessions: 1 });
  await h.ok(h.d.setChannelRule({ channel: 'app', groups: [], agents: ['p1', 'p2'], enabled: true }));
  await h.open('busy1', { channel: 'app', sessionId: 'b1' });
  await h.open('busy2', { channel: 'app', sessionId: 'b2' });
  await h.agents(['o1'], { maxSessions: oMax });
  const waiting = await h.open('stuck', { channel: 'app', sessionId: 's1' });
  expect(waiting.events[0]).toMatchObject({ type: 'SessionQueued', data: { target: CHANNEL_POOL, via: 'channel-pin' } });
  return h;
};

const queued = async (h: Harness) => [...(await h.state()).queue.entries.keys()];

describe('R6 a channel waiter whose pinned agents all leave', () => {
  it('keeps waiting while one of them is still there, and goes to a free agent at once when the last one leaves', async () => {
    const h = await issueCase();
    expect(await h.ok(h.d.offline('p1'))).toEqual([{ type: 'AgentStatusChanged', data: { agentId: 'p1', from: 'online', to: 'offline', at: T0 } }]);
    expect(await queued(h)).toEqual(['s1']);
    const events = await h.ok(h.d.offline('p2'));
    expect(events.map((e) => e.type)).toEqual(['AgentStatusChanged', 'SessionAssigned']);
    expect(events[1]?.data).toMatchObject({
      sessionId: 's1',
      agentId: 'o1',
      via: 'queue',
      queuedAt: T0,
      decision: { step: 'base-mode', chosen: { agentId: 'o1', load: 0 }, trigger: 'rule-agents-absent' },
    });
    expect(await queued(h)).toEqual([]);
  });

  it('when nobody has room, waits for anyone, and a new customer of the same channel does not overtake it', async () => {
    const h = await issueCase(1);
    await h.open('o-busy', { sessionId: 'b3' }); // o1 full
    await h.ok(h.d.offline('p1'));
    const events = await h.ok(h.d.offline('p2'));
    expect(events[1]).toEqual({
      type: 'QueueTargetChanged',
      data: { sessionId: 's1', from: CHANNEL_POOL, to: { kind: 'any' }, reason: 'rule-agents-absent', via: 'no-agent', at: T0 },
    });
    const later = await h.open('newcomer', { channel: 'app', sessionId: 's2' });
    expect(later.events[0]).toMatchObject({ type: 'SessionQueued', data: { target: { kind: 'any' }, via: 'no-agent' } });
    expect(assignments(await h.ok(h.d.end({ sessionId: 'b3' })))).toEqual([['s1', 'o1', 'queue']]);
    expect(await queued(h)).toEqual(['s2']);
  });

  it('lets an agent outside the rule pick it once the rule has fallen back, not before', async () => {
    const h = await issueCase();
    await h.agents(['q1'], { online: false });
    await h.ok(h.d.busy('q1')); // there, but given nothing automatically
    await h.ok(h.d.busy('o1')); // so that s1 stays queued when the rule falls back
    expect(await h.code(h.d.asAgent('q1').pick({ sessionId: 's1', agentId: 'q1' }))).toBe('queue.not-visible');
    await h.ok(h.d.offline('p1'));
    await h.ok(h.d.offline('p2'));
    expect(assignments(await h.ok(h.d.asAgent('q1').pick({ sessionId: 's1', agentId: 'q1' })))).toEqual([['s1', 'q1', 'manual-pick']]);
  });
});

describe('R6 every way the last agent of a rule leaves routes its waiters again', () => {
  /** The channel 'app' pinned to group g, whose only member p1 is full; o1 has room. */
  const groupRule = async (settings: Parameters<Harness['d']['configure']>[0] = {}) => {
    const h = deskHarness();
    await h.groups('g');
    await h.ok(h.d.configure({ pinningEnabled: true, stickyRecentContact: false, ...settings }));
    await h.agents(['p1'], { groups: ['g'], maxSessions: 1 });
    await h.ok(h.d.setChannelRule({ channel: 'app', groups: ['g'], agents: [], enabled: true }));
    await h.open('busy', { channel: 'app', sessionId: 'b1' });
    await h.agents(['o1']);
    const waiting = await h.open('stuck', { channel: 'app', sessionId: 's1' });
    expect(waiting.agentId).toBe('queued');
    return h;
  };

  const leaving: [string, (h: Harness) => unknown, Parameters<Harness['d']['configure']>[0]][] = [
    ['goes offline', (h) => h.d.offline('p1'), {}],
    ['is disabled', (h) => h.d.disableAgent({ agentId: 'p1' }), {}],
    ['is frozen', (h) => h.d.freezeAgent({ agentId: 'p1' }), {}],
    ['leaves the group', (h) => h.d.setGroups({ agentId: 'p1', groups: [] }), {}],
    ['becomes an admin while admins are left out (A5)', (h) => h.d.setRole({ agentId: 'p1', role: 'admin' }), { adminsExcluded: true }],
  ];

  it.each(leaving)('when the last member %s', async (_name, leave, settings) => {
    const h = await groupRule(settings);
    const events = await h.ok(leave(h));
    expect(assignments(events)).toEqual([['s1', 'o1', 'queue']]);
    expect(events.find((e) => e.type === 'SessionAssigned')?.data).toMatchObject({ decision: { trigger: 'rule-agents-absent' } });
  });

  it('does not route them again when the member only goes busy (still there: they keep waiting for it)', async () => {
    const h = await groupRule();
    expect((await h.ok(h.d.busy('p1'))).map((e) => e.type)).toEqual(['AgentStatusChanged']);
    expect(await queued(h)).toEqual(['s1']);
  });
});

describe('R8 and R13 waiters whose agents leave', () => {
  it('R8: a session waiting for the agent the customer chose goes on to routing when that agent leaves', async () => {
    const h = deskHarness();
    await h.ok(h.d.configure({ customerChoice: true, stickyRecentContact: false }));
    await h.agents(['x1'], { maxSessions: 1 });
    await h.open('first', { requestedAgentId: 'x1' });
    await h.agents(['o1']);
    const waiting = await h.open('chooser', { requestedAgentId: 'x1', sessionId: 's2' });
    expect(waiting.events[0]).toMatchObject({ type: 'SessionQueued', data: { target: { kind: 'agent', agentId: 'x1' }, via: 'customer-choice' } });
    expect(assignments(await h.ok(h.d.offline('x1')))).toEqual([['s2', 'o1', 'queue']]);
  });

  it('R13: a session waiting for its entry group falls back when the last member leaves, unless fallback is off', async () => {
    const run = async (entryGroupFallback: boolean) => {
      const h = deskHarness();
      await h.groups('g1');
      await h.ok(h.d.configure({ stickyRecentContact: false, entryGroupFallback }));
      await h.agents(['m1'], { groups: ['g1'], maxSessions: 1 });
      await h.ok(h.d.open({ sessionId: 's1', customerId: 'c1', channel: 'web-mall', entryGroupId: 'g1' }));
      await h.agents(['o1']);
      await h.ok(h.d.open({ sessionId: 's2', customerId: 'c2', channel: 'web-mall', entryGroupId: 'g1' }));
      return (await h.ok(h.d.offline('m1'))).map((e) => [e.type, e.data.sessionId ?? e.data.agentId, e.data.agentId]);
    };
    expect(await run(true)).toEqual([
      ['AgentStatusChanged', 'm1', 'm1'],
      ['SessionAssigned', 's2', 'o1'],
    ]);
    expect(await run(false)).toEqual([['AgentStatusChanged', 'm1', 'm1']]);
  });
});

describe('R6/R7/R13 rule changes route waiters again', () => {
  it('a channel rule switched off sends its waiter to a free agent (rule-changed)', async () => {
    const h = await issueCase();
    const events = await h.ok(h.d.setChannelRule({ channel: 'app', groups: [], agents: ['p1', 'p2'], enabled: false }));
    expect(events.map((e) => e.type)).toEqual(['ChannelRuleSet', 'SessionAssigned']);
    expect(events[1]?.data).toMatchObject({ sessionId: 's1', agentId: 'o1', via: 'queue', decision: { step: 'base-mode', trigger: 'rule-changed' } });
  });

  it('pinning switched off in the settings does the same', async () => {
    const h = await issueCase();
    expect(assignments(await h.ok(h.d.configure({ pinningEnabled: false })))).toEqual([['s1', 'o1', 'queue']]);
  });

  it('a pin makes a waiting customer wait for its agent, and an unpin lets it go to whoever frees a slot', async () => {
    const h = deskHarness();
    await h.ok(h.d.configure({ pinningEnabled: true, stickyRecentContact: false }));
    await h.agents(['a1', 'a2'], { maxSessions: 1 });
    await h.open('c1', { sessionId: 'b1' });
    await h.open('c2', { sessionId: 'b2' });
    await h.open('lucy', { sessionId: 's1' }); // waits for anyone
    expect(await h.ok(h.d.pinCustomer({ customerId: 'lucy', agentId: 'a2' }))).toEqual([
      { type: 'CustomerPinned', data: { customerId: 'lucy', agentId: 'a2', at: T0 } },
      { type: 'QueueTargetChanged', data: { sessionId: 's1', from: { kind: 'any' }, to: { kind: 'agent', agentId: 'a2' }, reason: 'rule-changed', via: 'customer-pin', at: T0 } },
    ]);
    // a1 frees a slot: lucy is a2's alone now.
    expect(assignments(await h.ok(h.d.end({ sessionId: 'b1' })))).toEqual([]);
    const unpinned = await h.ok(h.d.unpinCustomer({ customerId: 'lucy' }));
    expect(unpinned.map((e) => e.type)).toEqual(['CustomerUnpinned', 'SessionAssigned']);
    expect(unpinned[1]?.data).toMatchObject({ sessionId: 's1', agentId: 'a1', decision: { trigger: 'rule-changed' } });
  });

  it('entryGroupFallback switched off sends a fallen-back waiter back to waiting for its group', async () => {
    const h = deskHarness();
    await h.groups('g1');
    await h.ok(h.d.configure({ stickyRecentContact: false }));
    await h.agents(['m1'], { groups: ['g1'], online: false });
    await h.agents(['o1'], { maxSessions: 1 });
    await h.open('c0', { sessionId: 'b1' }); // o1 full
    await h.ok(h.d.open({ sessionId: 's1', customerId: 'c1', channel: 'web-mall', entryGroupId: 'g1' })); // fell back: waits for anyone
    const events = await h.ok(h.d.configure({ entryGroupFallback: false }));
    expect(events[1]).toEqual({
      type: 'QueueTargetChanged',
      data: { sessionId: 's1', from: { kind: 'any' }, to: { kind: 'pool', groups: ['g1'], agents: [] }, reason: 'rule-changed', via: 'entry-group', at: T0 },
    });
    // o1's freed slot no longer takes it.
    expect(assignments(await h.ok(h.d.end({ sessionId: 'b1' })))).toEqual([]);
  });
});
