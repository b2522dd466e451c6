/**
 * The session timeline (S2, S3): messages in order with read state; internal notes
 * staff-only and never in the customer's view; anonymous replies without the agent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MessageContent } from '../../src/domain/conversation/messages.js';
import { customerView, staffView, timelineOf } from '../../src/projections/conversationTimeline.js';
import { drive } from '../domain/conversation/driver.js';
import { agent, command, customer, SHOP, system, T0, text } from '../domain/conversation/harness.js';

const open = [
  command('SendCustomerMessage', customer('alice'), { sessionId: 's1', messageId: 'm1', customerId: 'alice', content: text('hi'), channel: 'app' }, T0),
  command('RecordRouting', system, { sessionId: 's1', routingVersion: 3, at: T0, change: { kind: 'assigned', agentId: 'a1', via: 'least-load' } }),
];

describe('S2: the staff view and the customer view', () => {
  it('an internal note is in the staff view, marked staff-only, and never in the customer view; an anonymous reply hides the agent', () => {
    const d = drive([
      ...open,
      command('AddInternalNote', agent('a1'), { sessionId: 's1', messageId: 'n1', content: text('refund already sent') }, T0 + 1),
      command('SendAnonymousReply', agent('a1'), { sessionId: 's1', messageId: 'r1', content: text('we are on it') }, T0 + 2),
      command('SendAgentMessage', agent('a1'), { sessionId: 's1', messageId: 'r2', content: { kind: 'coupon', couponId: 'c1', title: '5 off' } }, T0 + 3),
    ]);
    expect(staffView(d.timelines, SHOP, 's1').map((m) => [m.messageId, m.kind, m.staffOnly])).toEqual([
      ['m1', 'text', false],
      ['n1', 'internal-note', true],
      ['r1', 'anonymous-reply', false],
      ['r2', 'coupon', false],
    ]);
    expect(staffView(d.timelines, SHOP, 's1')[2]?.sender).toEqual({ kind: 'agent', id: 'a1' });
    const shown = customerView(d.timelines, SHOP, 's1');
    expect(shown.map((m) => m.messageId)).toEqual(['m1', 'r1', 'r2']);
    expect(shown[1]?.sender).toEqual({ kind: 'agent' });
    expect(shown[2]?.sender).toEqual({ kind: 'agent', id: 'a1' });
    expect(JSON.stringify(shown)).not.toContain('refund already sent');
  });

  it('property: whatever is written, the customer view holds no internal note and no anonymous reply with an agent', () => {
    const step = fc.oneof(
      fc.record({ who: fc.constant('customer' as const), text: fc.string({ minLength: 1, maxLength: 8 }) }),
      fc.record({ who: fc.constantFrom('agent' as const, 'anonymous' as const, 'note' as const, 'system' as const), text: fc.string({ minLength: 1, maxLength: 8 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const commands = steps.map((s, i) => {
          const base = { sessionId: 's1', messageId: `x${i}`, content: text(`${s.text}.`) as MessageContent };
          switch (s.who) {
            case 'customer':
              return command('SendCustomerMessage', customer('alice'), { ...base, customerId: 'alice' }, T0 + i);
            case 'agent':
              return command('SendAgentMessage', agent('a1'), base, T0 + i);
            case 'anonymous':
              return command('SendAnonymousReply', agent('a1'), base, T0 + i);
            case 'note':
              return command('AddInternalNote', agent('a1'), base, T0 + i);
            case 'system':
              return command('SendSystemMessage', system, { sessionId: 's1', messageId: `x${i}`, text: `${s.text}.` }, T0 + i);
          }
        });
        const d = drive([...open, ...commands]);
        const shown = customerView(d.timelines, SHOP, 's1');
        const notes = steps.filter((s) => s.who === 'note').length;
        expect(shown.length).toBe(staffView(d.timelines, SHOP, 's1').length - notes);
        expect(shown.some((m) => m.kind === 'internal-note')).toBe(false);
        expect(shown.filter((m) => m.kind === 'anonymous-reply').every((m) => !('id' in m.sender))).toBe(true);
        // In order, one after another.
        expect(staffView(d.timelines, SHOP, 's1').map((m) => m.seq)).toEqual(staffView(d.timelines, SHOP, 's1').map((_, i) => i + 1));
      }),
    );
  });
});

describe('S3: read receipts both ways', () => {
  it('marks the other side’s messages read, in a batch up to a message and then all, with the time', () => {
    const d = drive([
      ...open,
      command('SendCustomerMessage', customer('alice'), { sessionId: 's1', messageId: 'm2', customerId: 'alice', content: text('anyone?') }, T0 + 1),
      command('SendAgentMessage', agent('a1'), { sessionId: 's1', messageId: 'r1', content: text('yes') }, T0 + 2),
      command('AddInternalNote', agent('a1'), { sessionId: 's1', messageId: 'n1', content: text('note') }, T0 + 3),
      command('SendCustomerMessage', customer('alice'), { sessionId: 's1', messageId: 'm3', customerId: 'alice', content: text('great') }, T0 + 4),
      command('MarkRead', agent('a1'), { sessionId: 's1', upTo: 'm2' }, T0 + 10),
      command('MarkRead', customer('alice'), { sessionId: 's1' }, T0 + 11),
    ]);
    const read = () => staffView(d.timelines, SHOP, 's1').map((m) => [m.messageId, m.readAt === undefined ? null : m.readAt - T0]);
    expect(read()).toEqual([
      ['m1', 10],
      ['m2', 10],
      ['r1', 11],
      ['n1', null],
      ['m3', null],
    ]);
    drive([command('MarkRead', agent('a1'), { sessionId: 's1' }, T0 + 20)], d);
    expect(read()).toEqual([
      ['m1', 10],
      ['m2', 10],
      ['r1', 11],
      ['n1', null],
      ['m3', 20],
    ]);
    expect(timelineOf(d.timelines, SHOP, 's1')).toMatchObject({ status: 'assigned', agentId: 'a1', entry: { kind: 'channel' }, initiation: 'customer' });
  });

  it('S4: the timeline shows the customer’s presence', () => {
    const d = drive([...open, command('SetCustomerPresence', customer('alice'), { sessionId: 's1', presence: 'away' }, T0 + 1)]);
    expect(timelineOf(d.timelines, SHOP, 's1')?.presence).toBe('away');
  });
});
