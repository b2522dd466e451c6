/**
 * T1, T5, T7, T8 on a real engine: where a ticket may go, who may take which
 * step, and what the log records of it (notes, first response, reopen).
 */
import { describe, expect, it } from 'vitest';
import { agent, cmd, customer, system, ticket, ticketHarness } from './harness.js';

const ready = async () => {
  const h = ticketHarness();
  await h.setup();
  return h;
};

describe('T1: a ticket only goes to a group with members', () => {
  it('creating into an empty or unknown group is ticket.group-empty naming data.groupId, nothing written', async () => {
    const h = await ready();
    for (const groupId of ['empty', 'nowhere']) {
      const error = await h.refused(cmd('CreateTicket', agent('amy'), ticket('t1', { groupId })));
      expect(error).toMatchObject({ _tag: 'DomainError', code: 'ticket.group-empty', details: { field: 'data.groupId' } });
    }
  });

  it('a transfer to the empty group is refused too; to tg2 it waits for assignment there', async () => {
    const h = await ready();
    await h.ok(cmd('CreateTicket', agent('amy'), ticket('t1', { assigneeId: 'bob' })));
    expect(await h.code(cmd('TransferTicket', agent('amy'), { ticketId: 't1', groupId: 'empty' }))).toBe('ticket.group-empty');
    const moved = await h.ok(cmd('TransferTicket', agent('amy'), { ticketId: 't1', groupId: 'tg2', note: '转给二组处理' }));
    expect(moved[0]).toMatchObject({ type: 'TicketTransferred', data: { groupId: 'tg2', fromGroupId: 'tg1', fromAssigneeId: 'bob', note: '转给二组处理' } });
    expect(await h.load('t1')).toMatchObject({ status: 'to-assign', groupId: 'tg2' });
    expect((await h.load('t1')).assigneeId).toBeUndefined();
  });

  it('an assignee must be a member of the group (ticket.not-group-member, data.assigneeId)', async () => {
    const h = await ready();
    const error = await h.refused(cmd('CreateTicket', agent('amy'), ticket('t1', { assigneeId: 'cat' })));
    expect(error).toMatchObject({ code: 'ticket.not-group-member', details: { field: 'data.assigneeId' } });
  });
});

describe('T8 领取: a member of the group claims', () => {
  it('bob (tg1) claims: to-process with bob; cat (tg2) is refused with nothing written', async () => {
    const h = await ready();
    await h.ok(cmd('CreateTicket', agent('amy'), ticket('t1')));
    const error = await h.refused(cmd('ClaimTicket', agent('cat'), { ticketId: 't1' }));
    expect(error).toMatchObject({ code: 'ticket.not-group-member', details: { field: 'actor' } });
    const claimed = await h.ok(cmd('ClaimTicket', agent('bob'), { ticketId: 't1' }));
    expect(claimed.map((e) => e.type)).toEqual(['TicketClaimed']);
    expect(await h.load('t1')).toMatchObject({ status: 'to-process', assigneeId: 'bob' });
    expect(await h.code(cmd('ClaimTicket', agent('amy'), { ticketId: 't1' }))).toBe('ticket.wrong-status');
  });
});

describe('T8 编辑: only the creator or the assignee edits', () => {
  it('the creator and the assignee may; another member may not (ticket.not-creator-or-assignee, actor)', async () => {
    const h = await ready();
    await h.ok(cmd('CreateTicket', agent('amy'), ticket('t1', { assigneeId: 'bob' })));
    const error = await h.refused(cmd('EditTicket', agent('lead'), { ticketId: 't1', subject: '改标题' }));
    expect(error).toMatchObject({ code: 'ticket.not-creator-or-assignee', details: { field: 'actor' } });
    const byCreator = await h.ok(cmd('EditTicket', agent('amy'), { ticketId: 't1', subject: '改标题', content: '商品破损' }));
    expect(byCreator[0]).toMatchObject({ type: 'TicketEdited', data: { changes: { subject: '改标题', content: '商品破损' } } });
    const byAssignee = await h.ok(cmd('EditTicket', agent('bob'), { ticketId: 't1', subject: '改标题', content: '外包装破损' }));
    expect(byAssignee[0]?.data['changes']).toEqual({ content: '外包装破损' });
    expect(await h.ok(cmd('EditTicket', agent('bob'), { ticketId: 't1', subject: '改标题' }))).toEqual([]);
  });
});

describe('T8: steps, statuses and notes', () => {
  it('only the assignee starts processing; waiting and resuming; completion and reopen keep notes', async () => {
    const h = await ready();
    await h.ok(cmd('CreateTicket', agent('amy'), ticket('t1', { assigneeId: 'bob' })));
    expect(await h.code(cmd('StartProcessingTicket', agent('amy'), { ticketId: 't1' }))).toBe('ticket.not-assignee');
    await h.ok(cmd('StartProcessingTicket', agent('bob'), { ticketId: 't1' }));
    await h.ok(cmd('WaitOnCustomer', agent('bob'), { ticketId: 't1', note: '等待客户补充照片' }));
    expect((await h.load('t1')).status).toBe('waiting');
    await h.ok(cmd('ResumeTicket', agent('bob'), { ticketId: 't1' }));
    const done = await h.ok(cmd('CompleteTicket', agent('bob'), { ticketId: 't1', note: '已补发' }));
    expect(done[0]).toMatchObject({ type: 'TicketCompleted', data: { note: '已补发', first: true } });
    const reopened = await h.ok(cmd('ReopenTicket', agent('amy'), { ticketId: 't1', note: '客户反馈仍未收到' }));
    expect(reopened[0]).toMatchObject({ type: 'TicketReopened', data: { groupId: 'tg1', assigneeId: 'bob', note: '客户反馈仍未收到' } });
    expect(await h.load('t1')).toMatchObject({ status: 'to-process', assigneeId: 'bob' });
    await h.ok(cmd('CompleteTicket', agent('bob'), { ticketId: 't1' }));
    expect((await h.ofTicket('t1', 'TicketCompleted')).map((e) => e.data['first'])).toEqual([true, false]);
  });

  it('a reopen to another group without an assignee waits for assignment there', async () => {
    const h = await ready();
    await h.ok(cmd('CreateTicket', agent('amy'), ticket('t1', { assigneeId: 'bob' })));
    await h.ok(cmd('CompleteTicket', agent('bob'), { ticketId: 't1' }));
    await h.ok(cmd('ReopenTicket', agent('boss'), { ticketId: 't1', groupId: 'tg2', note: '换组' }));
    expect(await h.load('t1')).toMatchObject({ status: 'to-assign', groupId: 'tg2' });
  });

  it('a customer creates its own ticket (source customer, customerId forced); another customer\'s is refused', async () => {
    const h = await ready();
    const created = await h.ok(cmd('CreateTicket', customer('yang'), ticket('t1')));
    expect(created[0]).toMatchObject({ type: 'TicketCreated', data: { source: 'customer', customerId: 'yang', creator: { kind: 'customer', id: 'yang' } } });
    expect(await h.code(cmd('CreateTicket', customer('yang'), ticket('t2', { customerId: 'li' })))).toBe('actor.not-allowed');
    expect(await h.code(cmd('ClaimTicket', customer('yang'), { ticketId: 't1' }))).toBe('actor.not-allowed');
  });

  it('the SLA steps are the system\'s: an agent sending them is refused', async () => {
    const h = await ready();
    await h.ok(cmd('CreateTicket', agent('amy'), ticket('t1')));
    expect(await h.code(cmd('RecomputeTicketSla', agent('boss'), { ticketId: 't1', version: 1 }))).toBe('actor.not-allowed');
    expect(await h.ok(cmd('RecomputeTicketSla', system, { ticketId: 't1', version: 1 }))).toEqual([]);
  });
});
