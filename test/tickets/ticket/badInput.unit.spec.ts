/**
 * T3, T6: bad input on creation is a typed error naming the field, and nothing
 * is written anywhere (the driver's `refused` compares the whole log).
 */
import { describe, expect, it } from 'vitest';
import { expectValidationErrorAt } from '../../support/validationError.js';
import { agent, cmd, ticket, ticketHarness } from './harness.js';

const ready = async () => {
  const h = ticketHarness();
  await h.setup();
  return h;
};

const attachment = (sizeBytes: number) => ({ name: 'photo.jpg', url: 'https://files.example/photo.jpg', sizeBytes });
const MB = 1024 * 1024;

describe('T6: CreateTicket bad input names the field, nothing written', () => {
  it.each([
    ['data.content', { content: '长'.repeat(501) }],
    ['data.subject', { subject: '' }],
    ['data.subject', { subject: '长'.repeat(101) }],
    ['data.attachments.0.sizeBytes', { attachments: [attachment(20 * MB)] }],
    ['data.attachments.0.sizeBytes', { attachments: [attachment(1.5)] }],
    ['data.attachments', { attachments: Array.from({ length: 21 }, () => attachment(10)) }],
    ['data.phone', { phone: '12345' }],
    ['data.priority', { priority: 'asap' }],
    ['data.ticketId', { ticketId: 'with space' }],
    ['data.extra', { extra: 1 }],
  ])('%s: %j', async (path, extra) => {
    const h = await ready();
    expectValidationErrorAt(await h.refused(cmd('CreateTicket', agent('amy'), ticket('t1', extra))), path);
  });

  it('500 characters, 20 attachments just under 20 MB and a mobile number are accepted', async () => {
    const h = await ready();
    const events = await h.ok(cmd('CreateTicket', agent('amy'), ticket('t1', { content: '长'.repeat(500), attachments: Array.from({ length: 20 }, () => attachment(20 * MB - 1)), phone: '13800138000' })));
    expect(events[0]?.type).toBe('TicketCreated');
  });
});

describe('T2/T3: settings-bound checks name the field, nothing written', () => {
  it('an unknown type is ticket.unknown-type naming data.typeId', async () => {
    const h = await ready();
    expect(await h.refused(cmd('CreateTicket', agent('amy'), ticket('t1', { typeId: 'nope' })))).toMatchObject({ code: 'ticket.unknown-type', details: { field: 'data.typeId' } });
  });

  it('a missing required custom field and a wrongly typed one are named data.custom.<id>', async () => {
    const h = await ready();
    expectValidationErrorAt(await h.refused(cmd('CreateTicket', agent('amy'), ticket('t1', { typeId: 'refund' }))), 'data.custom.order');
    expectValidationErrorAt(await h.refused(cmd('CreateTicket', agent('amy'), ticket('t1', { typeId: 'refund', custom: { order: 'A1', amount: 'ten' } }))), 'data.custom.amount');
    const ok = await h.ok(cmd('CreateTicket', agent('amy'), ticket('t1', { typeId: 'refund', custom: { order: 'A1', amount: 10 } })));
    expect(ok[0]?.data['custom']).toEqual({ order: 'A1', amount: 10 });
  });

  it('a type change revalidates the custom values against the new type\'s template', async () => {
    const h = await ready();
    await h.ok(cmd('CreateTicket', agent('amy'), ticket('t1')));
    expectValidationErrorAt(await h.refused(cmd('ChangeTicketType', agent('amy'), { ticketId: 't1', typeId: 'refund' })), 'data.custom.order');
    const changed = await h.ok(cmd('ChangeTicketType', agent('amy'), { ticketId: 't1', typeId: 'refund', custom: { order: 'A9' } }));
    expect(changed[0]).toMatchObject({ type: 'TicketTypeChanged', data: { typeId: 'refund', fromTypeId: 'complaint', custom: { order: 'A9' } } });
  });

  it('a transfer names a group or an assignee; a remark is 1..500 characters', async () => {
    const h = await ready();
    await h.ok(cmd('CreateTicket', agent('amy'), ticket('t1')));
    expectValidationErrorAt(await h.refused(cmd('TransferTicket', agent('amy'), { ticketId: 't1', note: '转' })), 'data.groupId');
    expectValidationErrorAt(await h.refused(cmd('RemarkTicket', agent('amy'), { ticketId: 't1', remarkId: 'r1', text: 'x'.repeat(501) })), 'data.text');
    expectValidationErrorAt(await h.refused(cmd('TransferTicket', agent('amy'), { ticketId: 't1', groupId: 'tg2', note: 'x'.repeat(501) })), 'data.note');
  });
});
