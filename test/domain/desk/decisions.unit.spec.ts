/**
 * The decision an assignment carries (src/routing/trace.ts): the chosen agent's
 * standing, the best runners-up after it (best first, at most `runnersUp`), the
 * filter counts of the scope the step looked at, and what broke the tie. The
 * later ways a session reaches an agent (dequeue, pick, requeue, outreach) are in
 * decisionTriggers.unit.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { deskHarness, T0 } from './harness.js';

type Harness = ReturnType<typeof deskHarness>;

const decisionOf = async (h: Harness, customerId: string, extra: { sessionId?: string; channel?: string } = {}) => {
  const { events } = await h.open(customerId, extra);
  expect(events[0]?.type).toBe('SessionAssigned');
  return events[0]!.data.decision as Record<string, unknown>;
};

const standing = (agentId: string, load: number, lastAssignedAt: number, maxSessions = 4) => ({ agentId, load, maxSessions, lastAssignedAt });

/**
 * Least load, five agents of max 4, one arrival a second: a1..a5 get one each,
 * then a1 and a2 a second. The 8th arrival's candidates are then, best first:
 * a3, a4, a5 (1 of 4, a3 idle longest), a1, a2 (2 of 4).
 */
const leastLoadShop = async (runnersUp?: number) => {
  const h = deskHarness();
  await h.ok(h.d.configure({ stickyRecentContact: false, baseMode: 'least-load', ...(runnersUp === undefined ? {} : { runnersUp }) }));
  await h.agents(['a1', 'a2', 'a3', 'a4', 'a5'], { maxSessions: 4 });
  for (let i = 1; i <= 7; i++) {
    await h.clock.advanceBy(1000);
    await h.open(`warm${i}`);
  }
  await h.clock.advanceBy(1000);
  return h;
};

const at = (second: number) => T0 + second * 1000;

describe('decision: the chosen agent and the runners-up', () => {
  it('records the chosen standing and the best three after it, best first (the default)', async () => {
    const h = await leastLoadShop();
    expect(await decisionOf(h, 'next')).toEqual({
      step: 'base-mode',
      mode: 'least-load',
      chosen: standing('a3', 1, at(3)),
      runnersUp: [standing('a4', 1, at(4)), standing('a5', 1, at(5)), standing('a1', 2, at(6))],
      scopes: [{ scope: { kind: 'shop' }, counts: { 'not-working': 0, offline: 0, busy: 0, 'excluded-admin': 0, 'at-max': 0, eligible: 5 } }],
      tieBreak: 'idle-longest',
    });
  });

  it.each([
    [0, []],
    [2, ['a4', 'a5']],
    [10, ['a4', 'a5', 'a1', 'a2']],
  ])('records at most runnersUp = %i of them', async (k, expected) => {
    const h = await leastLoadShop(k);
    const decision = await decisionOf(h, 'next');
    expect((decision.runnersUp as { agentId: string }[]).map((r) => r.agentId)).toEqual(expected);
  });

  it('never records more than 10, however many agents could have taken it', async () => {
    const h = deskHarness();
    await h.ok(h.d.configure({ runnersUp: 10 }));
    await h.agents(Array.from({ length: 14 }, (_, i) => `x${String(i).padStart(2, '0')}`));
    const decision = await decisionOf(h, 'c1');
    expect((decision.runnersUp as { agentId: string }[]).map((r) => r.agentId)).toEqual(Array.from({ length: 10 }, (_, i) => `x${String(i + 1).padStart(2, '0')}`));
    expect(await h.code(h.d.configure({ runnersUp: 11 }))).toBe('ValidationError');
  });

  it('records the weighted pass and weight in each standing', async () => {
    const h = deskHarness();
    await h.ok(h.d.configure({ stickyRecentContact: false, baseMode: 'weighted' }));
    await h.agents(['strong'], { capability: 100 });
    await h.agents(['weak'], { capability: 50 });
    await decisionOf(h, 'c1'); // both at pass 0: 'strong' by id, whose pass moves on by 1 / 1
    expect(await decisionOf(h, 'c2')).toMatchObject({
      mode: 'weighted',
      chosen: { agentId: 'weak', pass: 0, weight: 0.5 },
      runnersUp: [{ agentId: 'strong', pass: 1, weight: 1 }],
      tieBreak: 'key',
    });
  });
});

describe('decision: what broke the tie', () => {
  it('least load: the ratio (key), then the agent idle longest, then the agent id', async () => {
    const h = deskHarness();
    await h.ok(h.d.configure({ stickyRecentContact: false, baseMode: 'least-load' }));
    await h.agents(['a', 'b'], { maxSessions: 4 });
    await h.agents(['c'], { maxSessions: 2 });
    expect((await decisionOf(h, 'c1')).tieBreak).toBe('agent-id'); // a, b, c all 0, never assigned
    expect((await decisionOf(h, 'c2')).tieBreak).toBe('agent-id'); // b over c: both never assigned
    expect((await decisionOf(h, 'c3')).tieBreak).toBe('key'); // c (0 of 2) over a (1 of 4)
    expect((await decisionOf(h, 'c4')).tieBreak).toBe('idle-longest'); // a and b at 1 of 4: a was given one longer ago
  });

  it('round robin: the agent idle longest, then the agent id', async () => {
    const h = deskHarness();
    await h.ok(h.d.configure({ stickyRecentContact: false }));
    await h.agents(['a', 'b']);
    expect((await decisionOf(h, 'c1')).tieBreak).toBe('agent-id');
    expect((await decisionOf(h, 'c2')).tieBreak).toBe('idle-longest'); // b (never given one) over a
  });

  it('random: a draw, with no runners-up (a uniform draw has no order to report)', async () => {
    const h = deskHarness();
    await h.ok(h.d.configure({ stickyRecentContact: false, baseMode: 'random' }));
    await h.agents(['a', 'b', 'c']);
    expect(await decisionOf(h, 'c1')).toMatchObject({ mode: 'random', runnersUp: [], tieBreak: 'draw' });
  });

  it('a lone candidate, and a designated agent (pin, choice, sticky) compared with nobody', async () => {
    const h = deskHarness();
    await h.ok(h.d.configure({ pinningEnabled: true, customerChoice: true }));
    await h.agents(['only']);
    expect(await decisionOf(h, 'c1', { sessionId: 's1' })).toMatchObject({ step: 'base-mode', runnersUp: [], tieBreak: 'only-candidate' });
    await h.agents(['other']);
    await h.ok(h.d.end({ sessionId: 's1' }));
    expect(await decisionOf(h, 'c1', { sessionId: 's2' })).toEqual({
      step: 'sticky',
      chosen: standing('only', 0, T0, 3),
      runnersUp: [],
      scopes: [],
      tieBreak: 'designated',
      trigger: expect.stringMatching(/^served this customer last, at /), // the time, in words
    });
    await h.ok(h.d.pinCustomer({ customerId: 'lucy', agentId: 'other' }));
    expect(await decisionOf(h, 'lucy', { sessionId: 's3' })).toMatchObject({ step: 'customer-pin', runnersUp: [], scopes: [], tieBreak: 'designated' });
    const chose = await h.ok(h.d.open({ sessionId: 's9', customerId: 'chooser', channel: 'web-mall', requestedAgentId: 'other' }));
    expect(chose[0]?.data.decision).toMatchObject({ step: 'customer-choice', chosen: { agentId: 'other' }, tieBreak: 'designated' });
  });
});

describe('decision: filter counts of the scope', () => {
  it('counts what each rule removed from the shop, in the base mode\'s decision and in a queued session\'s', async () => {
    const h = deskHarness();
    await h.ok(h.d.configure({ stickyRecentContact: false, adminsExcluded: true }));
    await h.agents(['ok1', 'full'], { maxSessions: 1 });
    await h.open('filler'); // ok1 (id order): full is next
    await h.open('filler2'); // full: at max now; ok1 at max too
    await h.ok(h.d.setMax('ok1', 2));
    await h.agents(['frozen', 'lunch', 'boss']);
    await h.agents(['away'], { online: false });
    await h.ok(h.d.freezeAgent({ agentId: 'frozen' }));
    await h.ok(h.d.busy('lunch'));
    await h.ok(h.d.setRole({ agentId: 'boss', role: 'admin' }));
    const counts = { 'not-working': 1, offline: 1, busy: 1, 'excluded-admin': 1, 'at-max': 1, eligible: 1 };
    expect(await decisionOf(h, 'c1')).toMatchObject({ chosen: { agentId: 'ok1' }, scopes: [{ scope: { kind: 'shop' }, counts }] });
    // ok1 is now at max too: the next session waits, and says why.
    const { events } = await h.open('c2');
    expect(events[0]).toMatchObject({
      type: 'SessionQueued',
      data: { via: 'no-agent', decision: { step: 'no-agent', scopes: [{ scope: { kind: 'shop' }, counts: { ...counts, 'at-max': 2, eligible: 0 } }] } },
    });
  });

  it('counts a group\'s members for a group step, and how many agents of the shop were outside it', async () => {
    const h = deskHarness();
    await h.groups('g');
    await h.ok(h.d.configure({ stickyRecentContact: false, adminsExcluded: true }));
    await h.agents(['ok1', 'ok2', 'frozen', 'lunch'], { groups: ['g'] });
    await h.agents(['away'], { groups: ['g'], online: false });
    await h.ok(h.d.freezeAgent({ agentId: 'frozen' }));
    await h.ok(h.d.busy('lunch'));
    await h.agents(['boss'], { role: 'admin' });
    await h.agents(['other']);
    const [assigned] = await h.ok(h.d.open({ sessionId: 'e1', customerId: 'c1', channel: 'web-mall', entryGroupId: 'g' }));
    expect(assigned?.data.decision).toMatchObject({
      step: 'entry-group',
      scopes: [{ scope: { kind: 'group', groupId: 'g' }, counts: { 'not-working': 1, offline: 1, busy: 1, 'excluded-admin': 0, 'at-max': 0, eligible: 2 } }],
      outsideScope: 2, // boss and other
    });
  });

  it('counts the named agents of a channel rule as a scope of their own, beside its groups', async () => {
    const h = deskHarness();
    await h.groups('g');
    await h.ok(h.d.configure({ stickyRecentContact: false, pinningEnabled: true }));
    await h.agents(['m1', 'm2'], { groups: ['g'] });
    await h.agents(['named1', 'named2']);
    await h.ok(h.d.busy('named2'));
    await h.ok(h.d.setChannelRule({ channel: 'app', groups: ['g'], agents: ['named1', 'named2'], enabled: true }));
    expect(await decisionOf(h, 'c1', { channel: 'app' })).toMatchObject({
      step: 'channel-pin',
      chosen: { agentId: 'm1' },
      runnersUp: [{ agentId: 'm2' }, { agentId: 'named1' }],
      scopes: [
        { scope: { kind: 'group', groupId: 'g' }, counts: { busy: 0, eligible: 2 } },
        { scope: { kind: 'agents' }, counts: { busy: 1, eligible: 1 } },
      ],
      outsideScope: 0,
    });
  });
});
