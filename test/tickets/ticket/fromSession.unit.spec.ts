/**
 * T6 from a session, and S12 left messages: a ticket made from a conversation
 * has its customer, channel and session prefilled; a session diverted to left
 * messages becomes a ticket by a reaction when the shop turned it on, once.
 */
import { describe, expect, it } from 'vitest';
import { leftMessageTicketId } from '../../../src/tickets/ticket/ticketReactions.js';
import { agent, cmd, customer, ticketHarness } from './harness.js';

const says = (customerId: string, sessionId: string, messageId: string) =>
  cmd('SendCustomerMessage', customer(customerId), { sessionId, messageId, customerId, content: { kind: 'text', text: '我要退货' }, channel: 'web-mall' });

const ready = async () => {
  const h = ticketHarness();
  await h.setup();
  return h;
};

describe('T6: CreateTicketFromSession prefills from the conversation', () => {
  it('customer, channel and the session link come from the session; source session', async () => {
    const h = await ready();
    await h.ok(h.d.online('amy'));
    await h.ok(says('yang', 's1', 'm1'));
    await h.settle();
    const created = await h.ok(cmd('CreateTicketFromSession', agent('amy'), { ticketId: 't1', sessionId: 's1', typeId: 'complaint', subject: '退货', priority: 'normal', groupId: 'tg1' }));
    expect(created[0]).toMatchObject({ type: 'TicketCreated', data: { source: 'session', sessionId: 's1', customerId: 'yang', channel: 'web-mall', creator: { kind: 'agent', id: 'amy' } } });
  });

  it('an unknown session is refused (ticket.session-unknown, data.sessionId); a customerId is not accepted', async () => {
    const h = await ready();
    expect(await h.refused(cmd('CreateTicketFromSession', agent('amy'), { ticketId: 't1', sessionId: 'nope', typeId: 'complaint', subject: '退货', priority: 'normal', groupId: 'tg1' }))).toMatchObject({
      code: 'ticket.session-unknown',
      details: { field: 'data.sessionId' },
    });
    expect((await h.refused(cmd('CreateTicketFromSession', agent('amy'), { ticketId: 't1', sessionId: 's1', customerId: 'x', typeId: 'complaint', subject: '退货', priority: 'normal', groupId: 'tg1' })))._tag).toBe('ValidationError');
    expect((await h.refused(cmd('CreateTicketFromSession', agent('amy'), { ticketId: 't1', sessionId: 's1' })))._tag).toBe('ValidationError');
  });
});

describe('S12 -> T6: a session diverted to left messages becomes a ticket', () => {
  it('with leftMessageTickets on: one ticket, made by the system, with a stable id, auto', async () => {
    const h = await ready();
    await h.settings('SetLeftMessageTickets', { config: { typeId: 'complaint', priority: 'low', groupId: 'tg1' } });
    await h.ok(h.d.blacklist({ customerId: 'troll' }));
    await h.ok(says('troll', 's9', 'm1'));
    await h.settle();
    const ticketId = leftMessageTicketId('s9');
    const created = await h.ofTicket(ticketId, 'TicketCreated');
    expect(created).toHaveLength(1);
    expect(created[0]?.data).toMatchObject({ source: 'session', auto: true, sessionId: 's9', customerId: 'troll', priority: 'low', groupId: 'tg1', creator: { kind: 'system' }, status: 'to-assign' });
    // Delivered again, the reaction's command writes nothing.
    expect(await h.ok(cmd('CreateTicketFromSession', { kind: 'system' }, { ticketId, sessionId: 's9', auto: true }))).toEqual([]);
  });

  it('with it off, nothing is written', async () => {
    const h = await ready();
    await h.ok(h.d.blacklist({ customerId: 'troll' }));
    await h.ok(says('troll', 's9', 'm1'));
    await h.settle();
    expect(await h.ofTicket(leftMessageTicketId('s9'))).toEqual([]);
    expect((await h.events()).some((e) => e.type === 'ConversationDiverted')).toBe(true);
  });
});
