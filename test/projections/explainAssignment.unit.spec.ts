/**
 * explainAssignment on histories built by hand (commands through an engine on a
 * virtual clock, then the shop's log read back): one case per way a session
 * reaches an agent, and one per reason another agent did not get it.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../src/adapters/memory/inMemoryEventStore.js';
import { deskModule } from '../../src/domain/desk/deskModule.js';
import { createEngine } from '../../src/engine.js';
import { explainAssignment } from '../../src/projections/explainAssignment.js';
import type { ProjectedEvent } from '../../src/projections/projection.js';
import { seededRandom } from '../../src/runtime/seededRandom.js';
import { virtualClock } from '../../src/runtime/virtualClock.js';
import { desk } from '../../src/testing/deskInputs.js';
import { readEverything, right } from '../conformance/fixtures.js';

const SHOP = 'shop-x';
const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);

const shop = () => {
  const store = createInMemoryEventStore();
  const clock = virtualClock(T0);
  const engine = createEngine({ store, clock, random: seededRandom(3), modules: [deskModule] });
  const d = desk(SHOP);
  const ok = async (input: unknown) => {
    const result = await engine.dispatchUnknown(input);
    if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
    return result.right;
  };
  const agents = async (ids: readonly string[], extra: { maxSessions?: number; groups?: string[]; role?: 'admin' | 'agent' | 'team-lead'; online?: boolean } = {}) => {
    for (const agentId of ids) {
      await ok(d.registerAgent({ agentId, name: agentId, maxSessions: extra.maxSessions ?? 3, ...(extra.groups ? { groups: extra.groups } : {}), ...(extra.role ? { role: extra.role } : {}) }));
      if (extra.online !== false) await ok(d.online(agentId));
      await clock.advanceBy(1_000);
    }
  };
  const log = async () => {
    const events = await readEverything(store);
    return events.map((e) => right(engine.registry.decodeRecorded(e)) as ProjectedEvent);
  };
  const explain = async (sessionId: string, versus?: string) => right(explainAssignment(await log(), sessionId, versus === undefined ? {} : { versus }));
  return { engine, clock, d, ok, agents, explain };
};

describe('explainAssignment: the step that decided', () => {
  it('base mode, least load: the chosen standing, runners-up best first, the shop\'s counts, the tie-break', async () => {
    const s = shop();
    await s.ok(s.d.configure({ baseMode: 'least-load', stickyRecentContact: false }));
    await s.agents(['a1', 'a2', 'a3']);
    await s.agents(['off'], { online: false });
    await s.ok(s.d.open({ sessionId: 'first', customerId: 'c0', channel: 'app' })); // to a1 (all idle: smallest id)
    await s.clock.advanceBy(1_000);
    await s.ok(s.d.open({ sessionId: 's1', customerId: 'c1', channel: 'app' }));
    const why = await s.explain('s1');
    expect(why.agentId).toBe('a2');
    expect(why.decision).toMatchObject({
      step: 'base-mode',
      mode: 'least-load',
      chosen: { agentId: 'a2', load: 0, maxSessions: 3, lastAssignedAt: -1 },
      runnersUp: [
        { agentId: 'a3', load: 0 },
        { agentId: 'a1', load: 1 },
      ],
      scopes: [{ scope: { kind: 'shop' }, counts: { eligible: 3, offline: 1, busy: 0, 'at-max': 0, 'excluded-admin': 0, 'not-working': 0 } }],
      tieBreak: 'agent-id',
    });
    expect(why.text).toMatch(/^s1 went to a2, picked by least-load among every agent who could take it\./);
    expect(why.text).toContain('Next were a3 (load 0/3');
    expect(why.text).toContain('in the shop, 3 could take it (1 offline)');
  });

  it('round robin: ties broken by who waited longest since its last session', async () => {
    const s = shop();
    await s.ok(s.d.configure({ baseMode: 'round-robin', stickyRecentContact: false }));
    await s.agents(['a1', 'a2']);
    await s.ok(s.d.open({ sessionId: 's0', customerId: 'c0', channel: 'app' })); // a1
    await s.clock.advanceBy(1_000);
    await s.ok(s.d.open({ sessionId: 's1', customerId: 'c1', channel: 'app' })); // a2
    await s.clock.advanceBy(1_000);
    await s.ok(s.d.open({ sessionId: 's2', customerId: 'c2', channel: 'app' })); // a1 again: idle longest
    const why = await s.explain('s2');
    expect(why.agentId).toBe('a1');
    expect(why.decision).toMatchObject({ step: 'base-mode', mode: 'round-robin', tieBreak: 'idle-longest', runnersUp: [{ agentId: 'a2', lastAssignedAt: T0 + 3_000 }] });
  });

  it('sticky: the customer\'s last agent, named, no runners-up', async () => {
    const s = shop();
    await s.agents(['a1', 'a2']);
    await s.ok(s.d.open({ sessionId: 's0', customerId: 'alice', channel: 'app' }));
    const first = (await s.explain('s0')).agentId;
    await s.ok(s.d.end({ sessionId: 's0' }));
    await s.ok(s.d.open({ sessionId: 's1', customerId: 'alice', channel: 'app' }));
    const why = await s.explain('s1');
    expect(why).toMatchObject({ agentId: first, decision: { step: 'sticky', runnersUp: [], tieBreak: 'designated' } });
    expect(why.text).toMatch(/it served this customer last and had room \(R1\)/);
  });

  it('customer pin and customer choice: the step names the agent', async () => {
    const s = shop();
    await s.ok(s.d.configure({ pinningEnabled: true, customerChoice: true, stickyRecentContact: false }));
    await s.agents(['a1', 'a2']);
    await s.ok(s.d.pinCustomer({ customerId: 'vip', agentId: 'a2' }));
    await s.ok(s.d.open({ sessionId: 'p', customerId: 'vip', channel: 'app' }));
    await s.ok(s.d.open({ sessionId: 'c', customerId: 'bob', channel: 'app', requestedAgentId: 'a2' }));
    expect(await s.explain('p')).toMatchObject({ agentId: 'a2', decision: { step: 'customer-pin', tieBreak: 'designated' } });
    expect((await s.explain('p')).text).toMatch(/pinned to a2 \(R7\)/);
    expect(await s.explain('c')).toMatchObject({ agentId: 'a2', decision: { step: 'customer-choice' } });
    const notA1 = await s.explain('c', 'a1');
    expect(notA1.versus).toMatchObject({ reason: 'not-named' });
  });

  it('entry group: picked among the members, the group\'s counts and who was outside it', async () => {
    const s = shop();
    await s.ok(s.d.configure({ baseMode: 'least-load', stickyRecentContact: false }));
    await s.ok(s.d.createGroup({ groupId: 'after-sale', name: 'After-sale' }));
    await s.agents(['m1', 'm2'], { groups: ['after-sale'] });
    await s.agents(['other']);
    await s.ok(s.d.open({ sessionId: 's1', customerId: 'c1', channel: 'app', entryGroupId: 'after-sale' }));
    const why = await s.explain('s1', 'other');
    expect(why.decision).toMatchObject({
      step: 'entry-group',
      scopes: [{ scope: { kind: 'group', groupId: 'after-sale' }, counts: { eligible: 2 } }],
      outsideScope: 1,
    });
    expect(why.versus).toMatchObject({ agentId: 'other', reason: 'outside-scope' });
    expect(why.versus?.text).toContain('group after-sale');
  });

  it('channel pin: picked among the channel\'s agents (R6)', async () => {
    const s = shop();
    await s.ok(s.d.configure({ pinningEnabled: true, stickyRecentContact: false }));
    await s.ok(s.d.createGroup({ groupId: 'oa', name: 'OA' }));
    await s.agents(['w1'], { groups: ['oa'] });
    await s.agents(['x1']);
    await s.ok(s.d.setChannelRule({ channel: 'wechat-oa', groups: ['oa'], agents: [], enabled: true }));
    await s.ok(s.d.open({ sessionId: 's1', customerId: 'c1', channel: 'wechat-oa' }));
    expect(await s.explain('s1')).toMatchObject({ agentId: 'w1', decision: { step: 'channel-pin', scopes: [{ scope: { kind: 'group', groupId: 'oa' } }] } });
  });

  it('dequeue, manual pick, transfer, outreach and requeue: what triggered them', async () => {
    const s = shop();
    await s.ok(s.d.configure({ stickyRecentContact: false, whenAgentLeaves: 'requeue', capacity: { manualPick: 'allow-over' } }));
    await s.agents(['a1'], { maxSessions: 1 });
    await s.agents(['a2'], { maxSessions: 1 });
    await s.ok(s.d.open({ sessionId: 's1', customerId: 'c1', channel: 'app' }));
    await s.ok(s.d.open({ sessionId: 's2', customerId: 'c2', channel: 'app' }));
    await s.ok(s.d.open({ sessionId: 'q1', customerId: 'c3', channel: 'app' })); // waits
    await s.clock.advanceBy(42_000);
    await s.ok(s.d.end({ sessionId: 's1' }));
    const dequeued = await s.explain('q1');
    expect(dequeued.decision).toMatchObject({ step: 'dequeue', trigger: 'session-ended', waitedMs: 42_000 });
    expect(dequeued.text).toMatch(/took q1 from the queue .* after 42 s of waiting/);

    await s.ok(s.d.open({ sessionId: 'q2', customerId: 'c4', channel: 'app' })); // waits
    await s.ok(s.d.asAgent('a2').pick({ sessionId: 'q2', agentId: 'a2' }));
    expect(await s.explain('q2')).toMatchObject({ agentId: 'a2', decision: { step: 'manual-pick', trigger: 'picked by a2' } });

    await s.ok(s.d.asAgent('a2').transfer({ sessionId: 'q2', toAgentId: 'a1' }));
    expect(await s.explain('q2')).toMatchObject({ agentId: 'a1', event: 'SessionTransferred', decision: { step: 'transfer', trigger: 'transferred by a2 from a2' } });

    await s.ok(s.d.asAgent('a2').proactive({ sessionId: 'out', customerId: 'c9', agentId: 'a2', channel: 'app' }));
    expect(await s.explain('out')).toMatchObject({ agentId: 'a2', decision: { step: 'proactive' } });

    await s.ok(s.d.offline('a1')); // requeue: a1's sessions go back to routing, nobody has room: they wait
    await s.ok(s.d.setMax('a2', 10)); // a2 takes them from the queue
    const back = await s.explain('q1');
    expect(back.agentId).toBe('a2');
  });
});

describe('explainAssignment: requeue', () => {
  it('tells that the session went back to routing because its agent left, and where it went', async () => {
    const s = shop();
    await s.ok(s.d.configure({ baseMode: 'least-load', stickyRecentContact: false, whenAgentLeaves: 'requeue' }));
    await s.agents(['a1', 'a2']);
    await s.ok(s.d.open({ sessionId: 's1', customerId: 'c1', channel: 'app' })); // a1
    await s.ok(s.d.offline('a1'));
    const why = await s.explain('s1', 'a1');
    expect(why).toMatchObject({ agentId: 'a2', decision: { step: 'base-mode', trigger: 'a1 left (agent-offline)' }, versus: { reason: 'offline' } });
    expect(why.text).toContain('(a1 left (agent-offline).)');
  });
});

describe('explainAssignment: why not that agent', () => {
  it('names the rule that kept each other agent out, from the desk at that moment', async () => {
    const s = shop();
    await s.ok(s.d.configure({ baseMode: 'least-load', stickyRecentContact: false, adminsExcluded: true, runnersUp: 1 }));
    await s.agents(['best', 'second', 'third']);
    await s.agents(['busy1']);
    await s.ok(s.d.busy('busy1'));
    await s.agents(['gone'], { online: false });
    await s.agents(['full'], { maxSessions: 1 });
    await s.agents(['boss'], { role: 'admin' });
    await s.agents(['frozen']);
    await s.ok(s.d.freezeAgent({ agentId: 'frozen' }));
    // Load the field so the order is best (0) < second (1) < third (2), and fill `full` (max 1).
    await s.ok(s.d.asAgent('second').proactive({ sessionId: 'p2', customerId: 'c2', agentId: 'second', channel: 'app' }));
    await s.ok(s.d.asAgent('third').proactive({ sessionId: 'p3', customerId: 'c3', agentId: 'third', channel: 'app' }));
    await s.ok(s.d.asAgent('third').proactive({ sessionId: 'p4', customerId: 'c4', agentId: 'third', channel: 'app' }));
    await s.ok(s.d.asAgent('full').proactive({ sessionId: 'pf', customerId: 'c5', agentId: 'full', channel: 'app' }));
    await s.ok(s.d.open({ sessionId: 's1', customerId: 'c1', channel: 'app' }));
    const reasons: Record<string, string | undefined> = {};
    for (const other of ['best', 'second', 'third', 'busy1', 'gone', 'full', 'boss', 'frozen', 'nobody']) reasons[other] = (await s.explain('s1', other)).versus?.reason;
    const to = (await s.explain('s1')).agentId;
    expect(to).toBe('best');
    expect(reasons).toMatchObject({
      [to]: 'chosen',
      busy1: 'busy',
      gone: 'offline',
      full: 'at-max',
      boss: 'excluded-admin',
      frozen: 'not-working',
      nobody: 'unknown-agent',
    });
    // One runner-up recorded (runnersUp: 1): the next best is a runner-up, the one after is below them.
    expect([reasons.second, reasons.third]).toEqual(['runner-up', 'below-runners-up']);
    const runnerUp = await s.explain('s1', 'second');
    expect(runnerUp.versus).toMatchObject({ rank: 1, standing: { agentId: 'second', load: 1 } });
    expect(runnerUp.versus?.text).toBe('second was runner-up #1: its load 1/3 was higher than 0/3.');
    expect((await s.explain('s1', 'third')).versus?.text).toMatch(/^third could take it \(load 2\/3, .*\) but ranked below the 1 runners-up recorded: its load 2\/3 was higher than 0\/3\.$/);
    expect((await s.explain('s1', 'boss')).versus?.text).toMatch(/boss was an admin, and admins are left out of auto-assignment/);
  });

  it('answers a typed refusal for a session never given to an agent', async () => {
    const s = shop();
    const result = explainAssignment([], 'nope');
    expect(E.isLeft(result) && result.left).toMatchObject({ code: 'explain.not-assigned' });
    await s.engine.close();
  });
});
