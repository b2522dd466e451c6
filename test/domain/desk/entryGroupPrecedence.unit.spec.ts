/**
 * R9 with R13: where an entry group stands among the other rules in the default
 * pipeline. A customer pin (R7) and the customer's own choice (R8) come before it;
 * the channel rule (R6) comes after it and does not apply to a session that
 * entered with a group, unless the session fell back from the group; inside the
 * group, the customer's last agent (R1) is preferred.
 */
import { describe, expect, it } from 'vitest';
import { assignments, deskHarness } from './harness.js';

type Harness = ReturnType<typeof deskHarness>;

/** Members m1, m2 of g1; c1 named in the channel rule of 'app'; o1 outside everything. */
const setup = async (settings: Parameters<Harness['d']['configure']>[0] = {}, memberMax = 3) => {
  const h = deskHarness();
  await h.groups('g1');
  await h.ok(h.d.configure({ pinningEnabled: true, ...settings }));
  await h.agents(['m1', 'm2'], { groups: ['g1'], maxSessions: memberMax });
  await h.agents(['c1', 'o1'], { maxSessions: 3 });
  await h.ok(h.d.setChannelRule({ channel: 'app', groups: [], agents: ['c1'], enabled: true }));
  return h;
};

const enter = async (h: Harness, sessionId: string, customerId: string, extra: { requestedAgentId?: string } = {}) =>
  h.ok(h.d.open({ sessionId, customerId, channel: 'app', entryGroupId: 'g1', ...extra }));

const loadOf = async (h: Harness, agentId: string) => (await h.state()).agents.get(agentId)?.load;

describe('R9/R13 entry group and channel rule (R6)', () => {
  it('the entry group wins over the channel rule: the channel\'s agent does not take the session', async () => {
    const h = await setup({ stickyRecentContact: false });
    expect(assignments(await enter(h, 's1', 'x1'))).toEqual([['s1', 'm1', 'entry-group']]);
    // The same channel without an entry group goes to the channel's agent.
    expect(assignments(await h.ok(h.d.open({ sessionId: 's2', customerId: 'x2', channel: 'app' })))).toEqual([['s2', 'c1', 'channel-pin']]);
  });

  it('while the group is full the session waits for the group, not for the channel\'s agent who has room', async () => {
    const h = await setup({ stickyRecentContact: false }, 1);
    await enter(h, 's1', 'x1');
    await enter(h, 's2', 'x2');
    const [queued] = await enter(h, 's3', 'x3');
    expect(queued).toMatchObject({ type: 'SessionQueued', data: { target: { kind: 'pool', groups: ['g1'], agents: [] }, via: 'entry-group' } });
    expect(await loadOf(h, 'c1')).toBe(0);
  });

  it('once it falls back from the group (nobody of it there), the channel rule applies to it', async () => {
    const h = await setup({ stickyRecentContact: false }, 1);
    await enter(h, 's1', 'x1');
    await enter(h, 's2', 'x2');
    await enter(h, 's3', 'x3'); // waits for g1
    await h.ok(h.d.offline('m1'));
    // The last member leaving routes the waiter again: it falls back to the channel's agent.
    const events = await h.ok(h.d.offline('m2'));
    expect(events.map((e) => e.type)).toEqual(['AgentStatusChanged', 'SessionAssigned']);
    expect(events[1]?.data).toMatchObject({ sessionId: 's3', agentId: 'c1', via: 'queue', decision: { step: 'channel-pin', trigger: 'rule-agents-absent' } });
    // A new arrival with the group away goes the same way.
    expect(assignments(await enter(h, 's4', 'x4'))).toEqual([['s4', 'c1', 'channel-pin']]);
  });
});

describe('R9/R13 entry group and customer pin (R7)', () => {
  it('the pin wins: the pinned agent takes it, and the customer waits for that agent rather than go to the group', async () => {
    const h = await setup({ stickyRecentContact: false });
    await h.ok(h.d.pinCustomer({ customerId: 'vip', agentId: 'o1' }));
    expect(assignments(await enter(h, 's1', 'vip'))).toEqual([['s1', 'o1', 'customer-pin']]);
    await h.ok(h.d.end({ sessionId: 's1' }));
    await h.ok(h.d.offline('o1'));
    const [queued] = await enter(h, 's2', 'vip');
    expect(queued).toMatchObject({ type: 'SessionQueued', data: { target: { kind: 'agent', agentId: 'o1' }, via: 'customer-pin' } });
    expect([await loadOf(h, 'm1'), await loadOf(h, 'm2')]).toEqual([0, 0]);
  });
});

describe('R9/R13 entry group and customer choice (R8)', () => {
  it('the customer\'s choice comes first; a chosen agent who is not there leaves the session to the group', async () => {
    const h = await setup({ stickyRecentContact: false, customerChoice: true });
    expect(assignments(await enter(h, 's1', 'x1', { requestedAgentId: 'o1' }))).toEqual([['s1', 'o1', 'customer-choice']]);
    await h.ok(h.d.offline('c1'));
    expect(assignments(await enter(h, 's2', 'x2', { requestedAgentId: 'c1' }))).toEqual([['s2', 'm1', 'entry-group']]);
  });
});

describe('R9/R13 entry group and sticky recent contact (R1) inside the group', () => {
  it('prefers the customer\'s last agent when it is a member and can take the session', async () => {
    const h = await setup();
    expect(assignments(await enter(h, 's1', 'back'))).toEqual([['s1', 'm1', 'entry-group']]);
    await h.ok(h.d.end({ sessionId: 's1' }));
    // Round robin would now choose m2 (idle longer); the returning customer goes back to m1.
    const [again] = await enter(h, 's2', 'back');
    expect(again?.data).toMatchObject({
      agentId: 'm1',
      via: 'entry-group',
      decision: { step: 'entry-group', runnersUp: [], scopes: [], tieBreak: 'designated', trigger: 'recent contact, a member of the group' },
    });
    expect(again?.data).not.toHaveProperty('mode');
  });

  it('does not follow a last agent outside the group (sticky comes after the entry group)', async () => {
    const h = await setup();
    await h.ok(h.d.proactive({ sessionId: 'p1', customerId: 'back', channel: 'web-mall', agentId: 'o1' }));
    await h.ok(h.d.end({ sessionId: 'p1' }));
    expect(assignments(await enter(h, 's1', 'back'))).toEqual([['s1', 'm1', 'entry-group']]);
  });

  it('routes in the group by the base mode when the last agent (a member) is full', async () => {
    const h = await setup({}, 1);
    await enter(h, 's1', 'back'); // m1
    await h.ok(h.d.end({ sessionId: 's1' }));
    await enter(h, 's2', 'someone'); // round robin: m2
    await h.ok(h.d.end({ sessionId: 's2' }));
    await h.ok(h.d.open({ sessionId: 's3', customerId: 'filler', channel: 'web-mall', entryGroupId: 'g1' })); // m1 again (idle longest): full
    expect(assignments(await enter(h, 's4', 'back'))).toEqual([['s4', 'm2', 'entry-group']]);
  });
});
