/**
 * The conversation and the desk on one engine, linked by reactions only
 * (DESIGN 11): a first message opens the routing session, the desk's decisions
 * come back into the conversation, an end followed by a message starts a new
 * routed session, blacklisted customers leave messages, agents reach out (S1).
 */
import { describe, expect, it } from 'vitest';
import { createInMemoryProjectionStateStore } from '../../../src/adapters/projectionStateStore.js';
import { conversationModule } from '../../../src/domain/conversation/conversationModule.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import type { DeskState } from '../../../src/domain/desk/deskState.js';
import { createEngine } from '../../../src/engine.js';
import { right } from '../../conformance/fixtures.js';
import { nextSessionIdOf } from '../../../src/domain/conversation/conversationDecide.js';
import { routingStream } from '../../../src/domain/desk/deskModule.js';
import { customerView, timelineOf } from '../../../src/projections/conversationTimeline.js';
import { openSessionsOf } from '../../../src/projections/agentInbox.js';
import { recentContactsOf } from '../../../src/projections/recentContacts.js';
import { agent, conversationHarness, input, replies, says, SHOP, text } from './harness.js';

describe('S1: a customer message opens the conversation and, through a reaction, the routing session', () => {
  it('records the entry point, opens the desk session, and mirrors the assignment', async () => {
    const h = conversationHarness();
    await h.agents(['a1']);
    const card = { kind: 'product-card' as const, productId: 'p-9', title: 'Kettle', price: '99.00' };
    const first = await h.ok(says('alice', 's1', 'm1', text('is it in stock?'), { entry: { kind: 'product-page', card }, channel: 'mini-program' }));
    expect(first.map((e) => e.type)).toEqual(['ConversationOpened', 'MessageSent']);
    expect(first[0]!.data).toMatchObject({ initiation: 'customer', entry: { kind: 'product-page', card }, channel: 'mini-program' });
    // Nothing reached routing yet: the reaction is carried by the reactor.
    expect(await h.routingEvents()).toHaveLength(2 + 0);
    await h.settle();
    const routed = (await h.routingEvents()).filter((e) => (e.data as { sessionId?: string }).sessionId === 's1');
    expect(routed.map((e) => e.type)).toEqual(['SessionAssigned']);
    expect(routed[0]!.metadata.actor).toEqual({ kind: 'system' });
    expect(timelineOf(h.timelines(), SHOP, 's1')).toMatchObject({ status: 'assigned', agentId: 'a1' });
    expect(openSessionsOf(h.inbox(), SHOP, 'a1').map((s) => s.sessionId)).toEqual(['s1']);
    // The agent can now write; nobody else can.
    await h.ok(replies('a1', 's1', 'm2'));
    await h.agents(['a2']);
    expect(await h.code(replies('a2', 's1', 'm3'))).toBe('actor.not-allowed');
    expect(h.reports).toEqual([]);
  });

  it('a message with nobody online is kept: the session queues and is assigned when an agent comes', async () => {
    const h = conversationHarness();
    await h.ok(h.d.registerAgent({ agentId: 'a1', name: 'A1', maxSessions: 2 }));
    await h.ok(says('bob', 's1', 'm1'));
    await h.settle();
    expect(timelineOf(h.timelines(), SHOP, 's1')?.status).toBe('queued');
    await h.ok(h.d.online('a1'));
    await h.settle();
    expect(timelineOf(h.timelines(), SHOP, 's1')).toMatchObject({ status: 'assigned', agentId: 'a1' });
  });

  it('S5 transfer and S7 end are mirrored; the conversation follows its current agent', async () => {
    const h = conversationHarness();
    await h.agents(['a1', 'a2']);
    await h.ok(says('alice', 's1', 'm1'));
    await h.settle();
    const owner = timelineOf(h.timelines(), SHOP, 's1')!.agentId!;
    const other = owner === 'a1' ? 'a2' : 'a1';
    await h.ok(h.d.transfer({ sessionId: 's1', toAgentId: other }));
    await h.settle();
    expect(timelineOf(h.timelines(), SHOP, 's1')?.agentId).toBe(other);
    expect(await h.code(replies(owner, 's1', 'm2'))).toBe('actor.not-allowed');
    await h.ok(replies(other, 's1', 'm2'));
    await h.ok(h.d.end({ sessionId: 's1' }));
    await h.settle();
    expect(timelineOf(h.timelines(), SHOP, 's1')?.status).toBe('ended');
    expect(openSessionsOf(h.inbox(), SHOP, other)).toEqual([]);
    expect(await h.code(replies(other, 's1', 'm3'))).toBe('conversation.ended');
  });
});

describe('S7: a customer message after the end starts a new session, routed again', () => {
  it('continues in a session whose id is derived from the old one and the message, sticky to the last agent (R1)', async () => {
    const h = conversationHarness();
    await h.agents(['a1', 'a2', 'a3']);
    await h.ok(says('alice', 's1', 'm1'));
    await h.settle();
    const first = timelineOf(h.timelines(), SHOP, 's1')!.agentId!;
    await h.ok(h.d.end({ sessionId: 's1' }));
    await h.settle();

    const continued = await h.ok(says('alice', 's1', 'm2', text('one more thing')));
    const next = nextSessionIdOf('s1', 'm2');
    expect(continued).toEqual([expect.objectContaining({ type: 'ConversationContinued', data: expect.objectContaining({ nextSessionId: next }) })]);
    await h.settle();
    const timeline = timelineOf(h.timelines(), SHOP, next)!;
    expect(timeline).toMatchObject({ previousSessionId: 's1', status: 'assigned', agentId: first });
    expect(customerView(h.timelines(), SHOP, next).map((m) => m.content)).toEqual([text('one more thing')]);
    const assigned = (await h.routingEvents()).filter((e) => e.type === 'SessionAssigned' && (e.data as { sessionId: string }).sessionId === next);
    expect(assigned.map((e) => (e.data as { via: string }).via)).toEqual(['sticky']);
    // The client still on the old id: its next message joins the same new session.
    await h.ok(says('alice', 's1', 'm3', text('hello?')));
    await h.settle();
    expect(customerView(h.timelines(), SHOP, next).map((m) => m.messageId)).toEqual(['m2', 'm3']);
    expect(h.reports).toEqual([]);
  });

  it('a repeated message after the end (same id) starts nothing more', async () => {
    const h = conversationHarness();
    await h.agents(['a1']);
    await h.ok(says('alice', 's1', 'm1'));
    await h.settle();
    await h.ok(h.d.end({ sessionId: 's1' }));
    await h.settle();
    await h.ok(says('alice', 's1', 'm2'));
    expect(await h.ok(says('alice', 's1', 'm2'))).toEqual([]);
    await h.settle();
    const opened = (await h.routingEvents()).filter((e) => e.type === 'SessionAssigned');
    expect(opened).toHaveLength(2);
  });
});

describe('S12: a blacklisted customer leaves messages, never assigned', () => {
  it('the desk diverts; the conversation is marked leave-a-message and keeps every message', async () => {
    const h = conversationHarness();
    await h.agents(['a1']);
    await h.ok(h.d.blacklist({ customerId: 'troll' }));
    await h.ok(says('troll', 's1', 'm1'));
    await h.settle();
    await h.ok(says('troll', 's1', 'm2', text('hello??')));
    await h.settle();
    expect(timelineOf(h.timelines(), SHOP, 's1')).toMatchObject({ status: 'leave-a-message' });
    expect(customerView(h.timelines(), SHOP, 's1').map((m) => m.messageId)).toEqual(['m1', 'm2']);
    const routed = (await h.routingEvents()).filter((e) => (e.data as { sessionId?: string }).sessionId === 's1');
    expect(routed.map((e) => [e.type, (e.data as { reason?: string }).reason])).toEqual([['SessionDiverted', 'blacklisted']]);
    expect(openSessionsOf(h.inbox(), SHOP, 'a1')).toEqual([]);
    expect(await h.code(replies('a1', 's1', 'm3'))).toBe('conversation.leave-a-message');
  });
});

describe('S1: an agent reaches out (proactive) through the desk', () => {
  it("the desk's StartProactiveSession opens the conversation with the agent in it", async () => {
    const h = conversationHarness();
    await h.agents(['a1']);
    await h.ok(h.d.asAgent('a1').proactive({ sessionId: 'p1', customerId: 'carol', agentId: 'a1', channel: 'app' }));
    await h.settle();
    expect(timelineOf(h.timelines(), SHOP, 'p1')).toMatchObject({ initiation: 'agent', status: 'assigned', agentId: 'a1', customerId: 'carol' });
    await h.ok(replies('a1', 'p1', 'hello-carol', { kind: 'coupon', couponId: 'c-10', title: '10 off' }));
    await h.ok(says('carol', 'p1', 'thanks'));
    expect(customerView(h.timelines(), SHOP, 'p1').map((m) => m.kind)).toEqual(['coupon', 'text']);
    // No OpenSession for a session the desk started.
    expect((await h.routingEvents()).filter((e) => (e.data as { sessionId?: string }).sessionId === 'p1').map((e) => e.type)).toEqual(['SessionAssigned']);
    expect(recentContactsOf(h.recent(), SHOP, 'a1').map((c) => c.customerId)).toEqual(['carol']);
  });

  it('C3: the recent contacts an agent reaches out from are bounded, newest first, one line per customer', async () => {
    const h = conversationHarness({ limit: 3 });
    await h.agents(['a1'], 10);
    for (const [i, who] of ['c1', 'c2', 'c3', 'c4'].entries()) {
      await h.ok(says(who, `s${i}`, `m${i}`));
      await h.settle();
      await h.later(1_000);
    }
    await h.ok(replies('a1', 's0', 'r0'));
    expect(recentContactsOf(h.recent(), SHOP, 'a1').map((c) => c.customerId)).toEqual(['c1', 'c4', 'c3']);
  });
});

describe('the routing stream gets a bounded number of events per session', () => {
  it('a long conversation adds nothing to routing after the assignment', async () => {
    const h = conversationHarness();
    await h.agents(['a1']);
    await h.ok(says('alice', 's1', 'm0'));
    await h.settle();
    const before = (await h.routingEvents()).length;
    for (let i = 1; i <= 40; i++) {
      await h.ok(i % 2 === 0 ? replies('a1', 's1', `m${i}`) : says('alice', 's1', `m${i}`));
      await h.ok(input('MarkRead', agent('a1'), { sessionId: 's1' }));
    }
    await h.settle();
    expect((await h.routingEvents()).length).toBe(before);
    expect(await h.version('s1')).toBeGreaterThan(40);
    expect(routingStream(SHOP)).toBe('routing-shop-c');
  });
});

describe('reactions delivered again (DESIGN 10-11): the effect stays once', () => {
  it('a second engine handling the whole log again leaves no agent with a phantom session', async () => {
    const h = conversationHarness();
    await h.agents(['a1']);
    await h.ok(says('alice', 's1', 'm1'));
    await h.settle();
    await h.ok(h.d.end({ sessionId: 's1' }));
    await h.settle();
    await h.ok(says('alice', 's1', 'm2'));
    await h.settle();
    const next = nextSessionIdOf('s1', 'm2');
    await h.ok(h.d.end({ sessionId: next }));
    await h.settle();
    const before = (await h.events()).length;

    // A lost checkpoint: every reaction of the log is delivered again.
    const replay = () =>
      createEngine({ store: h.engine.store, clock: h.clock, modules: [deskModule, conversationModule], reactor: { mode: 'manual', checkpoints: createInMemoryProjectionStateStore() } });
    const again = replay();
    right(await again.advanceTo(h.clock.now()));
    const after = await h.events();
    // The desk remembers the sessions that ended (bounded), so a repeated OpenSession is refused
    // (session.ended) and settled: the replay writes nothing, and no agent gets a phantom session.
    expect(after.slice(before).map((e) => e.type)).toEqual([]);
    const desk = right(await again.load(deskModule, routingStream(SHOP))).state as DeskState;
    expect(desk.sessions.size).toBe(0);
    expect(desk.agents.get('a1')?.load).toBe(0);
    expect(timelineOf(h.timelines(), SHOP, 's1')?.status).toBe('ended');
    // Another pass does the same.
    const third = replay();
    right(await third.advanceTo(h.clock.now()));
    expect((await h.events()).length).toBe(after.length);
    expect((right(await third.load(deskModule, routingStream(SHOP))).state as DeskState).sessions.size).toBe(0);
    await Promise.all([again.close(), third.close()]);
  });
});
