import { describe, expect, it } from 'vitest';
import { deskHarness } from './harness.js';

const DAY = 86_400_000;

describe('R1 sticky recent contact', () => {
  it('sends a returning customer to the agent who served them last, when online with capacity', async () => {
    const h = deskHarness();
    await h.agents(['a1', 'a2', 'a3']);
    const first = await h.open('alice');
    await h.ok(h.d.end({ sessionId: first.sessionId }));
    for (let i = 0; i < 4; i++) await h.open(`other${i}`); // round robin moves on
    const again = await h.open('alice');
    expect(again.agentId).toBe(first.agentId);
    expect(again.events[0]?.data.via).toBe('sticky');
  });

  it('falls back to the base mode when the last agent is away, full, or the contact is older than the window', async () => {
    const h = deskHarness();
    await h.agents(['a1', 'a2'], { maxSessions: 1 });
    await h.ok(h.d.configure({ stickyWindowDays: 30 }));
    const first = await h.open('alice');
    await h.ok(h.d.end({ sessionId: first.sessionId }));
    await h.ok(h.d.offline(first.agentId));
    const away = await h.open('alice');
    expect([away.agentId, away.events[0]?.data.via]).toEqual([first.agentId === 'a1' ? 'a2' : 'a1', 'base-mode']);
    await h.ok(h.d.end({ sessionId: away.sessionId }));
    await h.ok(h.d.online(first.agentId));
    await h.clock.advanceBy(31 * DAY);
    expect((await h.open('alice')).events[0]?.data.via).toBe('base-mode');
  });

  it('is switched off by the setting', async () => {
    const h = deskHarness();
    await h.agents(['a1', 'a2']);
    await h.ok(h.d.configure({ stickyRecentContact: false }));
    const first = await h.open('alice');
    await h.ok(h.d.end({ sessionId: first.sessionId }));
    expect((await h.open('alice')).events[0]?.data.via).toBe('base-mode');
  });
});

describe('R2 least load', () => {
  it('picks the smallest active/max ratio, ties to the agent idle longest', async () => {
    const h = deskHarness();
    await h.ok(h.d.configure({ baseMode: 'least-load', stickyRecentContact: false }));
    await h.agents(['big'], { maxSessions: 10 });
    await h.agents(['small'], { maxSessions: 2 });
    // 0/10 vs 0/2: tie, neither assigned yet, id order: big first.
    expect((await h.open('c1')).agentId).toBe('big');
    // 1/10 < 0/2? no: 0/2 = 0 < 0.1.
    expect((await h.open('c2')).agentId).toBe('small');
    // 1/10 = 0.1 < 1/2: big, big, big... until 5/10 = 1/2, then the tie goes to small (idle longer).
    const next = [];
    for (let i = 3; i <= 7; i++) next.push((await h.open(`c${i}`)).agentId);
    expect(next).toEqual(['big', 'big', 'big', 'big', 'small']);
  });
});

describe('R3 round robin', () => {
  it('deals sessions in turn to agents online the same time', async () => {
    const h = deskHarness();
    await h.agents(['a1', 'a2', 'a3'], { maxSessions: 10 });
    const got = [];
    for (let i = 0; i < 6; i++) got.push((await h.open(`c${i}`)).agentId);
    expect(got).toEqual(['a1', 'a2', 'a3', 'a1', 'a2', 'a3']);
  });
});

describe('R4 weighted capability', () => {
  it('gives a capability-100 agent twice the sessions of a capability-50 agent', async () => {
    const h = deskHarness();
    await h.ok(h.d.configure({ baseMode: 'weighted', stickyRecentContact: false }));
    await h.agents(['strong'], { maxSessions: 1000, capability: 100 });
    await h.agents(['weak'], { maxSessions: 1000, capability: 50 });
    const counts: Record<string, number> = {};
    for (let i = 0; i < 300; i++) {
      const { agentId } = await h.open(`c${i}`);
      counts[agentId] = (counts[agentId] ?? 0) + 1;
    }
    expect(Math.abs(counts.strong! - 200)).toBeLessThanOrEqual(2);
  });

  it('lowers the share of an agent who replies slowly or not at all', async () => {
    const h = deskHarness();
    await h.ok(h.d.configure({ baseMode: 'weighted', stickyRecentContact: false }));
    await h.agents(['fast', 'slow'], { maxSessions: 1000 });
    for (let i = 0; i < 40; i++) {
      const s = await h.open(`warm${i}`);
      const fast = s.agentId === 'fast';
      await h.ok(h.d.end({ sessionId: s.sessionId, stats: fast ? { agentReplied: true, firstResponseSec: 5 } : { agentReplied: false } }));
    }
    const counts: Record<string, number> = { fast: 0, slow: 0 };
    for (let i = 0; i < 200; i++) counts[(await h.open(`c${i}`)).agentId]!++;
    expect(counts.fast).toBeGreaterThan(counts.slow! * 3);
  });
});

describe('R5 random', () => {
  it('spreads first-time customers over the eligible agents, the same way for the same seed', async () => {
    const run = async (seed: number) => {
      const h = deskHarness({ seed });
      await h.ok(h.d.configure({ baseMode: 'random' }));
      await h.agents(['a1', 'a2', 'a3', 'a4'], { maxSessions: 100 });
      const got = [];
      for (let i = 0; i < 200; i++) got.push((await h.open(`c${i}`)).agentId);
      return got;
    };
    const first = await run(1);
    expect(await run(1)).toEqual(first);
    expect(await run(2)).not.toEqual(first);
    for (const agent of ['a1', 'a2', 'a3', 'a4']) {
      const share = first.filter((a) => a === agent).length;
      expect(share).toBeGreaterThan(25);
      expect(share).toBeLessThan(75);
    }
  });
});

describe('R6 channel pinning', () => {
  const setup = async () => {
    const h = deskHarness();
    await h.groups('wechat-team');
    await h.agents(['w1', 'w2'], { groups: ['wechat-team'], maxSessions: 1 });
    await h.agents(['x1'], { maxSessions: 5 });
    await h.ok(h.d.configure({ pinningEnabled: true, stickyRecentContact: false }));
    await h.ok(h.d.setChannelRule({ channel: 'wechat-oa', groups: ['wechat-team'], agents: [], enabled: true }));
    return h;
  };

  it('sends the channel to its group, with the base mode inside the group', async () => {
    const h = await setup();
    expect((await h.open('c1', { channel: 'wechat-oa' })).agentId).toBe('w1');
    expect((await h.open('c2', { channel: 'wechat-oa' })).agentId).toBe('w2');
    expect((await h.open('c3', { channel: 'web-mall' })).agentId).toBe('x1');
  });

  it('queues for the group when its agents are online but full or busy (R13)', async () => {
    const h = await setup();
    await h.open('c1', { channel: 'wechat-oa' });
    await h.ok(h.d.busy('w2'));
    const waiting = await h.open('c2', { channel: 'wechat-oa' });
    expect(waiting.agentId).toBe('queued');
    expect(waiting.events[0]?.data.target).toEqual({ kind: 'pool', groups: ['wechat-team'], agents: [] });
    // x1 has room but is not in the group: it does not take the group's customer.
    expect((await h.state()).agents.get('x1')?.load).toBe(0);
    await h.ok(h.d.online('w2'));
    expect((await h.state()).sessions.get(waiting.sessionId)?.owner).toBe('w2');
  });

  it('falls back to other online agents when none of the pinned agents is online', async () => {
    const h = await setup();
    await h.ok(h.d.offline('w1'));
    await h.ok(h.d.offline('w2'));
    const s = await h.open('c1', { channel: 'wechat-oa' });
    expect([s.agentId, s.events[0]?.data.via]).toEqual(['x1', 'base-mode']);
  });

  it('ignores a rule that is switched off, and every rule when pinning is off', async () => {
    const h = await setup();
    await h.ok(h.d.setChannelRule({ channel: 'wechat-oa', groups: ['wechat-team'], agents: [], enabled: false }));
    expect((await h.open('c1', { channel: 'wechat-oa' })).events[0]?.data.via).toBe('base-mode');
    await h.ok(h.d.setChannelRule({ channel: 'wechat-oa', groups: ['wechat-team'], agents: [], enabled: true }));
    await h.ok(h.d.configure({ pinningEnabled: false }));
    expect((await h.open('c2', { channel: 'wechat-oa' })).events[0]?.data.via).toBe('base-mode');
  });

  it('pins a channel to named agents too', async () => {
    const h = await setup();
    await h.ok(h.d.setChannelRule({ channel: 'app', groups: [], agents: ['x1'], enabled: true }));
    expect((await h.open('c1', { channel: 'app' })).events[0]?.data).toMatchObject({ agentId: 'x1', via: 'channel-pin' });
  });
});

describe('R7 customer pinning', () => {
  it('sends a pinned customer only to their agent, and makes them wait even when others are free', async () => {
    const h = deskHarness();
    await h.agents(['mine', 'free1', 'free2']);
    await h.ok(h.d.configure({ pinningEnabled: true }));
    await h.ok(h.d.pinCustomer({ customerId: 'vip-lucy', agentId: 'mine' }));
    expect((await h.open('vip-lucy')).events[0]?.data).toMatchObject({ agentId: 'mine', via: 'customer-pin' });
    await h.ok(h.d.end({ sessionId: 's1' }));
    await h.ok(h.d.offline('mine'));
    const waiting = await h.open('vip-lucy');
    expect(waiting.agentId).toBe('queued');
    expect(waiting.events[0]?.data.target).toEqual({ kind: 'agent', agentId: 'mine' });
    // Free agents come and go; the customer still waits.
    await h.ok(h.d.offline('free1'));
    await h.ok(h.d.online('free1'));
    expect((await h.state()).queue.entries.has(waiting.sessionId)).toBe(true);
    expect(await h.code(h.d.asAgent('free1').pick({ sessionId: waiting.sessionId, agentId: 'free1' }))).toBe('queue.not-visible');
    const back = await h.ok(h.d.online('mine'));
    expect(back[1]).toMatchObject({ type: 'SessionAssigned', data: { sessionId: waiting.sessionId, agentId: 'mine', via: 'queue' } });
  });
});

describe('R8 the customer chooses', () => {
  it('honours the choice when the shop allows it, and routes normally otherwise', async () => {
    const h = deskHarness();
    await h.agents(['a1', 'a2']);
    expect((await h.open('c1', { requestedAgentId: 'a2' })).events[0]?.data).toMatchObject({ agentId: 'a1', via: 'base-mode' });
    await h.ok(h.d.configure({ customerChoice: true }));
    expect((await h.open('c2', { requestedAgentId: 'a2' })).events[0]?.data).toMatchObject({ agentId: 'a2', via: 'customer-choice' });
    await h.ok(h.d.offline('a2'));
    expect((await h.open('c3', { requestedAgentId: 'a2' })).events[0]?.data.via).toBe('base-mode');
  });
});

describe('R9 precedence', () => {
  it('applies blacklist, customer pin, channel pin, sticky, base mode, queue in that order by default', async () => {
    const h = deskHarness();
    await h.groups('g');
    await h.agents(['pinned', 'grouped'], { groups: ['g'] });
    await h.agents(['last']);
    await h.ok(h.d.configure({ pinningEnabled: true }));
    await h.ok(h.d.setChannelRule({ channel: 'app', groups: ['g'], agents: [], enabled: true }));
    // last contact: 'last'
    await h.ok(h.d.proactive({ sessionId: 'p1', customerId: 'bob', channel: 'app', agentId: 'last' }));
    await h.ok(h.d.end({ sessionId: 'p1' }));
    expect((await h.open('bob', { channel: 'app' })).events[0]?.data.via).toBe('channel-pin'); // channel pin beats sticky
    await h.ok(h.d.end({ sessionId: 's1' }));
    await h.ok(h.d.pinCustomer({ customerId: 'bob', agentId: 'pinned' }));
    expect((await h.open('bob', { channel: 'app' })).events[0]?.data).toMatchObject({ via: 'customer-pin', agentId: 'pinned' });
    await h.ok(h.d.end({ sessionId: 's2' }));
    await h.ok(h.d.blacklist({ customerId: 'bob' }));
    expect((await h.open('bob', { channel: 'app' })).events[0]).toMatchObject({ type: 'SessionDiverted', data: { reason: 'blacklisted' } });
  });

  it('runs a reordered pipeline as configured', async () => {
    const h = deskHarness();
    await h.groups('g');
    await h.agents(['grouped'], { groups: ['g'] });
    await h.agents(['last']);
    await h.ok(h.d.configure({ pinningEnabled: true, pipeline: ['blacklist', 'sticky', 'channel-pin', 'base-mode'] }));
    await h.ok(h.d.setChannelRule({ channel: 'app', groups: ['g'], agents: [], enabled: true }));
    await h.ok(h.d.proactive({ sessionId: 'p1', customerId: 'bob', channel: 'app', agentId: 'last' }));
    await h.ok(h.d.end({ sessionId: 'p1' }));
    expect((await h.open('bob', { channel: 'app' })).events[0]?.data).toMatchObject({ via: 'sticky', agentId: 'last' });
  });

  it('refuses a pipeline with an unknown or repeated step, naming the field', async () => {
    const h = deskHarness();
    const error = await h.refused(h.d.configure({ pipeline: ['sticky', 'sticky'] as never }));
    expect(error).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'data.settings.pipeline', reason: 'a step appears twice' }] });
  });
});

describe('S12 blacklist and R15 bypass', () => {
  it('sends a blacklisted customer to leave-a-message mode, and a bypassed channel past the desk', async () => {
    const h = deskHarness();
    await h.agents(['a1']);
    await h.ok(h.d.blacklist({ customerId: 'spammer' }));
    expect((await h.open('spammer')).events).toEqual([
      { type: 'SessionDiverted', data: { sessionId: 's1', customerId: 'spammer', channel: 'web-mall', reason: 'blacklisted', at: expect.any(Number) } },
    ]);
    await h.ok(h.d.configure({ bypassChannels: ['wechat-oa'], keywordReplyFirst: true }));
    expect((await h.open('c1', { channel: 'wechat-oa' })).events[0]?.data.reason).toBe('bypassed-channel');
    const keyword = await h.ok(h.d.open({ sessionId: 'k1', customerId: 'c2', channel: 'app', keywordReplied: true }));
    expect(keyword[0]?.data.reason).toBe('keyword-reply');
    expect((await h.state()).agents.get('a1')?.load).toBe(0);
  });
});
