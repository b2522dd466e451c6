/**
 * R10 across lanes: a session may wait in the shop's lane, a group's lane, an
 * agent's own lane, and the lanes of rules it fell back from. An agent with a
 * free slot compares the heads of every lane it serves, so the queue order holds
 * across them: an earlier waiter is not overtaken by a later arrival that the
 * same agent may serve (FIFO), the later goes first under LIFO, VIP first still
 * applies.
 */
import { describe, expect, it } from 'vitest';
import { assignments, deskHarness } from './harness.js';

type Harness = ReturnType<typeof deskHarness>;

const enter = async (h: Harness, sessionId: string, customerId: string, channel = 'web-mall', vip = false) =>
  h.ok(h.d.open({ sessionId, customerId, channel, vip, entryGroupId: 'g1' }));

/** m1 (member of g1) and o1, each full; then s1 waits for anyone and s2 (later) for g1. */
const shopThenGroup = async (settings: Parameters<Harness['d']['configure']>[0], s2vip = false) => {
  const h = deskHarness();
  await h.groups('g1');
  await h.ok(h.d.configure({ stickyRecentContact: false, ...settings }));
  await h.agents(['m1'], { groups: ['g1'], maxSessions: 1 });
  await h.agents(['o1'], { maxSessions: 1 });
  await h.open('c-m', { sessionId: 'bm' }); // m1
  await h.open('c-o', { sessionId: 'bo' }); // o1
  expect((await h.open('anyone', { sessionId: 's1' })).agentId).toBe('queued');
  const [second] = await enter(h, 's2', 'grouped', 'web-mall', s2vip);
  expect(second).toMatchObject({ type: 'SessionQueued', data: { target: { kind: 'pool', groups: ['g1'] } } });
  return h;
};

describe('R10 queue order across lanes', () => {
  it('FIFO: a member freeing a slot takes the earlier waiter of the shop lane before the later one of its group', async () => {
    const h = await shopThenGroup({ vipFirst: false });
    expect(assignments(await h.ok(h.d.end({ sessionId: 'bm' })))).toEqual([['s1', 'm1', 'queue']]);
  });

  it('LIFO: the same member takes the later one first', async () => {
    const h = await shopThenGroup({ vipFirst: false, queueOrder: 'lifo' });
    expect(assignments(await h.ok(h.d.end({ sessionId: 'bm' })))).toEqual([['s2', 'm1', 'queue']]);
  });

  it('VIP first holds across lanes: a later VIP in the group lane goes before an earlier customer of the shop lane', async () => {
    const h = await shopThenGroup({ vipFirst: true }, true);
    expect(assignments(await h.ok(h.d.end({ sessionId: 'bm' })))).toEqual([['s2', 'm1', 'queue']]);
  });

  it('a session that fell back from its entry group keeps its place in the group\'s lane ahead of later arrivals for the group', async () => {
    const h = deskHarness();
    await h.groups('g1');
    await h.ok(h.d.configure({ pinningEnabled: true, stickyRecentContact: false, vipFirst: false }));
    await h.agents(['m1'], { groups: ['g1'], maxSessions: 2, online: false });
    await h.agents(['c1'], { maxSessions: 1 });
    await h.ok(h.d.setChannelRule({ channel: 'app', groups: [], agents: ['c1'], enabled: true }));
    await h.open('c-c', { channel: 'app', sessionId: 'bc' }); // c1 full
    // Nobody of g1 is there: s1 falls back to the channel's agent, who is full: it waits for c1 (and in g1's lane).
    const [first] = await enter(h, 's1', 'early', 'app');
    expect(first).toMatchObject({ type: 'SessionQueued', data: { target: { kind: 'pool', groups: [], agents: ['c1'] }, via: 'channel-pin' } });
    // m1 is back but busy: s2 waits for the group itself.
    await h.ok(h.d.busy('m1'));
    const [second] = await enter(h, 's2', 'late', 'app');
    expect(second).toMatchObject({ type: 'SessionQueued', data: { target: { kind: 'pool', groups: ['g1'], agents: [] }, via: 'entry-group' } });
    // m1 comes online: s1 first (the earlier, though it waits for c1 rather than for g1), then s2.
    expect(assignments(await h.ok(h.d.online('m1')))).toEqual([
      ['s1', 'm1', 'queue'],
      ['s2', 'm1', 'queue'],
    ]);
  });
});
