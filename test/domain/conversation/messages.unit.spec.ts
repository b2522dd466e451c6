/**
 * The conversation's decider, given / when / then (strict): S2 message kinds and
 * who may send them, S3 read marks both ways, S4 presence, and the mirror of
 * routing's decisions (idempotent, ordered by the routing version).
 */
import { describe, expect, it } from 'vitest';
import { sessionStatsOf, type ConversationEvent } from '../../../src/domain/conversation/conversation.js';
import { conversationModule } from '../../../src/domain/conversation/conversationModule.js';
import { scenario } from '../../../src/testing/scenario.js';
import { withStaff } from '../../support/staffContext.js';
import { agent, command, customer, SHOP, system, T0, text } from './harness.js';

// P1/P4: an agent actor is resolved against the shop's desk (a reference): a1 and a2 work there.
const conv = scenario(withStaff(conversationModule.decider, SHOP, ['a1', 'a2']));

const opened: ConversationEvent = {
  type: 'ConversationOpened',
  data: { sessionId: 's1', customerId: 'alice', channel: 'app', initiation: 'customer', entry: { kind: 'message-centre' }, vip: false, at: T0 },
};
const msg = (seq: number, from: 'alice' | 'a1' | 'system', kind = 'text', extra: Partial<Extract<ConversationEvent, { type: 'MessageSent' }>['data']> = {}): ConversationEvent => ({
  type: 'MessageSent',
  data: {
    sessionId: 's1',
    messageId: `m${seq}`,
    seq,
    sender: from === 'system' ? { kind: 'system' } : from === 'alice' ? { kind: 'customer', id: 'alice' } : { kind: 'agent', id: 'a1' },
    kind: kind as 'text',
    content: text(`message ${seq}`),
    staffOnly: false,
    at: T0 + seq,
    ...extra,
  },
});
const assigned: ConversationEvent = { type: 'ConversationAssigned', data: { sessionId: 's1', routingVersion: 5, agentId: 'a1', vip: false, at: T0 } };
const ended: ConversationEvent = { type: 'ConversationEnded', data: { sessionId: 's1', routingVersion: 9, reason: 'agent', at: T0 } };

describe('S1/S2: a customer message', () => {
  it('opens the conversation when none is open, entry point recorded (channel by default)', () => {
    conv
      .given()
      .when(command('SendCustomerMessage', customer('alice'), { sessionId: 's1', messageId: 'm1', customerId: 'alice', content: text('hi'), channel: 'app' }))
      .then(
        { type: 'ConversationOpened', data: { sessionId: 's1', customerId: 'alice', channel: 'app', initiation: 'customer', entry: { kind: 'channel' }, vip: false, at: T0 } },
        { type: 'MessageSent', data: { sessionId: 's1', messageId: 'm1', seq: 1, sender: { kind: 'customer', id: 'alice' }, kind: 'text', content: text('hi'), staffOnly: false, at: T0 } },
      );
  });

  it('records an order page entry with its order card', () => {
    const card = { kind: 'order-card' as const, orderId: 'o-1', status: 'shipped' };
    const state = conv
      .given()
      .when(command('SendCustomerMessage', customer('alice'), { sessionId: 's1', messageId: 'm1', customerId: 'alice', content: card, channel: 'app', entry: { kind: 'order-page', card } }))
      .thenMatch({ type: 'ConversationOpened', data: { entry: { kind: 'order-page', card } } }, { type: 'MessageSent', data: { kind: 'order-card' } });
    expect(state.status).toBe('routing');
  });

  it('needs a channel to open a conversation, naming the field', () => {
    const result = conversationModule.decider.decide(
      command('SendCustomerMessage', customer('alice'), { sessionId: 's1', messageId: 'm1', customerId: 'alice', content: text('hi') }),
      conversationModule.decider.initialState(),
      { stateOf: () => undefined },
    );
    expect(result).toMatchObject({ left: { code: 'conversation.channel-required', details: { field: 'data.channel' } } });
  });

  it('S2: the kinds a customer may send: text, emoji, image, file, product and order cards; not a coupon or a quick reply', () => {
    for (const content of [
      { kind: 'emoji' as const, emoji: ':smile:' },
      { kind: 'image' as const, url: 'https://cdn/x.png', sizeBytes: 10 * 1024 * 1024 },
      { kind: 'file' as const, url: 'https://cdn/x.pdf', name: 'x.pdf', sizeBytes: 20 * 1024 * 1024 },
      { kind: 'product-card' as const, productId: 'p1', title: 'Kettle' },
    ]) {
      conv.given(opened).when(command('SendCustomerMessage', customer('alice'), { sessionId: 's1', messageId: 'm9', customerId: 'alice', content })).thenMatch({ type: 'MessageSent', data: { kind: content.kind, seq: 1 } });
    }
    conv.given(opened).when(command('SendCustomerMessage', customer('alice'), { sessionId: 's1', messageId: 'm9', customerId: 'alice', content: { kind: 'coupon', couponId: 'c', title: 'x' } })).thenFails('message.kind-not-allowed');
    conv.given(opened).when(command('SendCustomerMessage', customer('alice'), { sessionId: 's1', messageId: 'm9', customerId: 'alice', content: { kind: 'quick-reply', phraseId: 'q', text: 'x' } })).thenFails('message.kind-not-allowed');
  });

  it('S2: a customer may not send an internal note or a system message, nor write as someone else', () => {
    conv.given(opened, assigned).when(command('AddInternalNote', customer('alice'), { sessionId: 's1', messageId: 'n1', content: text('psst') })).thenFails('actor.not-allowed');
    conv.given(opened, assigned).when(command('SendSystemMessage', customer('alice'), { sessionId: 's1', messageId: 'x1', text: 'I am the system' })).thenFails('actor.not-allowed');
    conv.given(opened).when(command('SendCustomerMessage', customer('mallory'), { sessionId: 's1', messageId: 'm2', customerId: 'alice', content: text('x') })).thenFails('actor.not-allowed');
    conv.given(opened).when(command('SendCustomerMessage', customer('mallory'), { sessionId: 's1', messageId: 'm2', customerId: 'mallory', content: text('x') })).thenFails('actor.not-allowed');
  });

  it('a repeated message id is a no-op for its sender and refused for anyone else', () => {
    conv.given(opened, msg(1, 'alice')).when(command('SendCustomerMessage', customer('alice'), { sessionId: 's1', messageId: 'm1', customerId: 'alice', content: text('again') })).thenNothing();
    conv.given(opened, assigned, msg(1, 'alice')).when(command('SendAgentMessage', agent('a1'), { sessionId: 's1', messageId: 'm1', content: text('x') })).thenFails('message.exists');
  });

  it('S7: after the end it continues in a new session instead of writing here', () => {
    conv
      .given(opened, msg(1, 'alice'), assigned, ended)
      .when(command('SendCustomerMessage', customer('alice'), { sessionId: 's1', messageId: 'm2', customerId: 'alice', content: text('back') }))
      .thenMatch({ type: 'ConversationContinued', data: { sessionId: 's1', customerId: 'alice', channel: 'app', messageId: 'm2', content: text('back') } });
  });
});

describe('S2: agent messages, anonymous replies, internal notes, system messages', () => {
  it('the assigned agent writes any kind: coupon, quick reply, cards', () => {
    for (const content of [
      { kind: 'coupon' as const, couponId: 'c1', title: '10 off' },
      { kind: 'quick-reply' as const, phraseId: 'q1', text: 'Thanks for waiting' },
      { kind: 'order-card' as const, orderId: 'o1' },
    ]) {
      conv.given(opened, assigned).when(command('SendAgentMessage', agent('a1'), { sessionId: 's1', messageId: 'r1', content })).thenMatch({ type: 'MessageSent', data: { kind: content.kind, sender: { kind: 'agent', id: 'a1' } } });
    }
  });

  it('an anonymous reply keeps the agent for staff, kind anonymous-reply; an internal note is staff-only', () => {
    conv.given(opened, assigned).when(command('SendAnonymousReply', agent('a1'), { sessionId: 's1', messageId: 'r1', content: text('x') })).thenMatch({ type: 'MessageSent', data: { kind: 'anonymous-reply', staffOnly: false, sender: { kind: 'agent', id: 'a1' } } });
    conv.given(opened, assigned).when(command('AddInternalNote', agent('a1'), { sessionId: 's1', messageId: 'n1', content: text('VIP, be nice') })).thenMatch({ type: 'MessageSent', data: { kind: 'internal-note', staffOnly: true } });
  });

  it('refuses an agent message to an unknown session, a queued one, another agent, a system write without the agent', () => {
    conv.given().when(command('SendAgentMessage', agent('a1'), { sessionId: 's1', messageId: 'r1', content: text('x') })).thenFails('conversation.unknown');
    conv.given(opened).when(command('SendAgentMessage', agent('a1'), { sessionId: 's1', messageId: 'r1', content: text('x') })).thenFails('actor.not-allowed');
    conv.given(opened, assigned).when(command('SendAgentMessage', agent('a2'), { sessionId: 's1', messageId: 'r1', content: text('x') })).thenFails('actor.not-allowed');
    conv.given(opened, assigned).when(command('SendAgentMessage', agent('a1'), { sessionId: 's1', messageId: 'r1', content: text('x'), agentId: 'a2' })).thenFails('actor.not-allowed');
    conv.given(opened, assigned).when(command('SendAgentMessage', system, { sessionId: 's1', messageId: 'r1', content: text('x') })).thenFails('conversation.agent-required');
    conv.given(opened, assigned, ended).when(command('AddInternalNote', agent('a1'), { sessionId: 's1', messageId: 'n1', content: text('x') })).thenFails('conversation.ended');
    conv.given(opened, assigned).when(command('SendAgentMessage', customer('alice'), { sessionId: 's1', messageId: 'r1', content: text('x') })).thenFails('actor.not-allowed');
  });

  it('a co-agent (S6) may write too, until it leaves', () => {
    const joined: ConversationEvent = { type: 'ConversationCoAgentAdded', data: { sessionId: 's1', routingVersion: 6, agentId: 'a2', at: T0 } };
    const left: ConversationEvent = { type: 'ConversationCoAgentLeft', data: { sessionId: 's1', routingVersion: 7, agentId: 'a2', at: T0 } };
    conv.given(opened, assigned, joined).when(command('SendAgentMessage', agent('a2'), { sessionId: 's1', messageId: 'r1', content: text('x') })).thenMatch({ type: 'MessageSent' });
    conv.given(opened, assigned, joined, left).when(command('SendAgentMessage', agent('a2'), { sessionId: 's1', messageId: 'r1', content: text('x') })).thenFails('actor.not-allowed');
  });

  it('S9: system/auto messages come from the system actor only, and move neither the reply clock nor the reply count', () => {
    conv
      .given(opened)
      .when(command('SendSystemMessage', system, { sessionId: 's1', messageId: 'w1', text: '你好，欢迎光临', purpose: 'welcome' }))
      .then({ type: 'MessageSent', data: { sessionId: 's1', messageId: 'w1', seq: 1, sender: { kind: 'system' }, kind: 'auto', content: text('你好，欢迎光临'), staffOnly: false, purpose: 'welcome', at: T0 } });
    conv.given(opened, assigned).when(command('SendSystemMessage', agent('a1'), { sessionId: 's1', messageId: 'w1', text: 'x' })).thenFails('actor.not-allowed');
    conv.given().when(command('SendSystemMessage', system, { sessionId: 's1', messageId: 'w1', text: 'x' })).thenFails('conversation.unknown');
    const state = conv.given(opened, assigned, msg(1, 'alice')).when(command('SendSystemMessage', system, { sessionId: 's1', messageId: 'w1', text: 'x', auto: false })).thenMatch({ type: 'MessageSent', data: { kind: 'system' } });
    expect(state).toMatchObject({ waitingSince: T0 + 1, unreplied: 1, agentReplies: 0 });
  });

  it('S14: the reply clock starts on the first unanswered customer message and stops on an agent reply, not on a note', () => {
    const state = conv
      .given(opened, assigned, msg(1, 'alice'), msg(2, 'alice'), msg(3, 'a1', 'internal-note', { staffOnly: true }))
      .when(command('SendAgentMessage', agent('a1'), { sessionId: 's1', messageId: 'r1', content: text('here') }, T0 + 100))
      .thenMatch({ type: 'MessageSent', data: { seq: 4 } });
    expect(state).toMatchObject({ unreplied: 0, agentReplies: 1, firstReplyAt: T0 + 100 });
    // R4: what the desk's EndSession takes, counted from the first customer message.
    expect(sessionStatsOf(state)).toEqual({ agentReplied: true, firstResponseSec: 0 });
    expect(state.waitingSince).toBeUndefined();
    const waiting = conv.given(opened, assigned, msg(1, 'alice'), msg(2, 'alice'), msg(3, 'a1', 'internal-note', { staffOnly: true })).when(command('SetCustomerPresence', customer('alice'), { sessionId: 's1', presence: 'away' })).thenMatch({ type: 'CustomerPresenceChanged' });
    expect(waiting).toMatchObject({ waitingSince: T0 + 1, unreplied: 2 });
    expect(sessionStatsOf(waiting)).toEqual({ agentReplied: false });
  });
});

describe('S3: read receipts both ways, batch mark-read', () => {
  const history = [opened, assigned, msg(1, 'alice'), msg(2, 'a1'), msg(3, 'alice'), msg(4, 'system', 'auto'), msg(5, 'alice')];

  it('the agent reads the customer messages up to one, then all', () => {
    const after = conv.given(...history).when(command('MarkRead', agent('a1'), { sessionId: 's1', upTo: 'm3' }, T0 + 50)).then({ type: 'MessagesRead', data: { sessionId: 's1', side: 'agent', upToSeq: 3, count: 2, by: 'a1', at: T0 + 50 } });
    expect(after.read).toEqual({ customer: 0, agent: 3 });
    conv.given(...history, { type: 'MessagesRead', data: { sessionId: 's1', side: 'agent', upToSeq: 3, count: 2, by: 'a1', at: T0 } }).when(command('MarkRead', agent('a1'), { sessionId: 's1' })).thenMatch({ type: 'MessagesRead', data: { upToSeq: 5, count: 1 } });
  });

  it("the customer reads the staff's messages (agent and system ones)", () => {
    conv.given(...history).when(command('MarkRead', customer('alice'), { sessionId: 's1' })).thenMatch({ type: 'MessagesRead', data: { side: 'customer', upToSeq: 5, count: 2 } });
  });

  it('nothing new to read is a no-op; an unknown message, the wrong side, an outsider are refused', () => {
    const read: ConversationEvent = { type: 'MessagesRead', data: { sessionId: 's1', side: 'agent', upToSeq: 5, count: 3, by: 'a1', at: T0 } };
    conv.given(...history, read).when(command('MarkRead', agent('a1'), { sessionId: 's1' })).thenNothing();
    conv.given(...history, read).when(command('MarkRead', agent('a1'), { sessionId: 's1', upTo: 'm1' })).thenNothing();
    conv.given(...history).when(command('MarkRead', agent('a1'), { sessionId: 's1', upTo: 'nope' })).thenFails('message.unknown');
    conv.given(...history).when(command('MarkRead', agent('a1'), { sessionId: 's1', side: 'customer' })).thenFails('actor.not-allowed');
    conv.given(...history).when(command('MarkRead', agent('a2'), { sessionId: 's1' })).thenFails('actor.not-allowed');
    conv.given(...history).when(command('MarkRead', customer('bob'), { sessionId: 's1' })).thenFails('actor.not-allowed');
    conv.given(...history).when(command('MarkRead', system, { sessionId: 's1' })).thenFails('conversation.side-required');
    conv.given().when(command('MarkRead', customer('alice'), { sessionId: 's1' })).thenFails('conversation.unknown');
  });
});

describe('S4: customer presence', () => {
  it('active, away, offline; the same again is a no-op; agents do not set it', () => {
    conv.given(opened).when(command('SetCustomerPresence', customer('alice'), { sessionId: 's1', presence: 'away' })).then({ type: 'CustomerPresenceChanged', data: { sessionId: 's1', from: 'active', to: 'away', at: T0 } });
    conv.given(opened).when(command('SetCustomerPresence', system, { sessionId: 's1', presence: 'active' })).thenNothing();
    conv.given(opened).when(command('SetCustomerPresence', agent('a1'), { sessionId: 's1', presence: 'offline' })).thenFails('actor.not-allowed');
    conv.given().when(command('SetCustomerPresence', customer('alice'), { sessionId: 's1', presence: 'offline' })).thenFails('conversation.unknown');
  });
});

describe('routing mirrored (RecordRouting): exactly once, in order', () => {
  const record = (routingVersion: number, change: Parameters<typeof command<'RecordRouting'>>[2]['change']) =>
    command('RecordRouting', system, { sessionId: 's1', routingVersion, at: T0 + routingVersion, change });

  it('a repeat or an older desk event is a no-op', () => {
    conv.given(opened, assigned).when(record(5, { kind: 'assigned', agentId: 'a1', via: 'least-load' })).thenNothing();
    conv.given(opened, assigned).when(record(4, { kind: 'queued' })).thenNothing();
    conv.given(opened, assigned, ended).when(record(12, { kind: 'transferred', from: 'a1', to: 'a2' })).thenNothing();
  });

  it('a transfer moves the agent, a requeue takes it away, a diversion makes it a left message', () => {
    expect(conv.given(opened, assigned).when(record(6, { kind: 'transferred', from: 'a1', to: 'a2' })).thenMatch({ type: 'ConversationTransferred' }).agentId).toBe('a2');
    const requeued = conv.given(opened, assigned).when(record(6, { kind: 'requeued', from: 'a1' })).thenMatch({ type: 'ConversationRequeued' });
    expect(requeued).toMatchObject({ status: 'queued' });
    expect(requeued.agentId).toBeUndefined();
    expect(conv.given(opened).when(record(3, { kind: 'diverted', reason: 'blacklisted' })).thenMatch({ type: 'ConversationDiverted' }).status).toBe('leave-a-message');
  });

  it('only the system records routing; a desk session with no conversation opens one (proactive: initiation agent)', () => {
    conv.given(opened).when(command('RecordRouting', agent('a1'), { sessionId: 's1', routingVersion: 3, at: T0, change: { kind: 'queued' } })).thenFails('actor.not-allowed');
    conv
      .given()
      .when(command('RecordRouting', system, { sessionId: 's1', routingVersion: 3, at: T0, change: { kind: 'assigned', agentId: 'a1', via: 'proactive' }, customerId: 'carol', channel: 'app' }))
      .then(
        { type: 'ConversationOpened', data: { sessionId: 's1', customerId: 'carol', channel: 'app', initiation: 'agent', entry: { kind: 'channel' }, vip: false, at: T0 } },
        { type: 'ConversationAssigned', data: { sessionId: 's1', routingVersion: 3, agentId: 'a1', vip: false, at: T0 } },
      );
    conv.given().when(record(3, { kind: 'ended', reason: 'agent' })).thenNothing();
  });
});
