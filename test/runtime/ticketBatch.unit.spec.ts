/** T8 批量操作: batches of TransferTicket / CompleteTicket on a real engine, answered per ticket. */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { batchTickets, MAX_TICKET_BATCH, ticketBatchCommandId } from '../../src/runtime/ticketBatch.js';
import { readEverything } from '../conformance/fixtures.js';
import { agent, cmd, SHOP, ticket, ticketHarness } from '../tickets/ticket/harness.js';

const ready = async () => {
  const h = ticketHarness();
  await h.setup();
  for (const id of ['b1', 'b2', 'b3']) await h.ok(cmd('CreateTicket', agent('amy'), ticket(id, { assigneeId: 'bob' })));
  await h.ok(cmd('CompleteTicket', agent('bob'), { ticketId: 'b2' }));
  await h.settle();
  return h;
};

const bob = agent('bob');

describe('T8: batch operations', () => {
  it('T8: completes each ticket on its own: the one already completed is refused (wrong status), the others done', async () => {
    const h = await ready();
    const result = await batchTickets(h.engine, { shopId: SHOP, actor: bob, operation: 'CompleteTicket', ticketIds: ['b1', 'b2', 'b3'], data: { note: '批量完成' }, batchId: 'batch-1' });
    if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
    const [one, two, three] = result.right.answers;
    expect(one).toMatchObject({ ticketId: 'b1', ok: true });
    expect(three).toMatchObject({ ticketId: 'b3', ok: true });
    expect(two).toEqual({ ticketId: 'b2', ok: false, error: { code: 'ticket.wrong-status', message: expect.any(String), field: 'data.ticketId' } });
    if (!one!.ok) throw new Error('b1 refused');
    expect(one!.events.map((e) => e.type)).toContain('TicketCompleted');
    expect(one!.events.every((e) => e.metadata.causationId === ticketBatchCommandId('batch-1', 'b1'))).toBe(true);
    expect((await h.load('b1')).status).toBe('completed');
    expect((await h.load('b3')).status).toBe('completed');
  });

  it('T8: a retried batch is idempotent: the done tickets answer their events again, nothing is written twice', async () => {
    const h = await ready();
    const input = { shopId: SHOP, actor: bob, operation: 'TransferTicket', ticketIds: ['b1', 'b3'], data: { groupId: 'tg2', note: '转二组' } };
    const first = await batchTickets(h.engine, input);
    const before = (await readEverything(h.engine.store)).length;
    const again = await batchTickets(h.engine, input);
    expect((await readEverything(h.engine.store)).length).toBe(before);
    if (E.isLeft(first) || E.isLeft(again)) throw new Error('batch refused');
    expect(again.right.batchId).toBe(first.right.batchId);
    expect(again.right.answers.map((a) => [a.ticketId, a.ok, a.ok && a.repeated])).toEqual([
      ['b1', true, true],
      ['b3', true, true],
    ]);
    const firstEvents = first.right.answers.map((a) => (a.ok ? a.events.map((e) => e.globalPosition) : []));
    expect(again.right.answers.map((a) => (a.ok ? a.events.map((e) => e.globalPosition) : []))).toEqual(firstEvents);
    expect((await h.load('b1')).groupId).toBe('tg2');
    // Another batch id is another request: transferring to tg2 again is the ticket's own business.
    const other = await batchTickets(h.engine, { ...input, batchId: 'another' });
    expect(E.isRight(other) && other.right.answers.every((a) => !('repeated' in a))).toBe(true);
  });

  it('T8: bad batch input is a ValidationError naming the field, and nothing is dispatched', async () => {
    const h = await ready();
    const before = (await readEverything(h.engine.store)).length;
    const base = { shopId: SHOP, actor: bob, operation: 'CompleteTicket', ticketIds: ['b1'], data: {} };
    const paths = async (change: Record<string, unknown>) => {
      const result = await batchTickets(h.engine, { ...base, ...change });
      return E.isLeft(result) ? result.left.issues.map((i) => i.path) : 'accepted';
    };
    expect(await paths({ ticketIds: [] })).toEqual(['ticketIds']);
    expect(await paths({ ticketIds: Array.from({ length: MAX_TICKET_BATCH + 1 }, (_, i) => `t${i}`) })).toEqual(['ticketIds']);
    expect(await paths({ ticketIds: ['b1', 'b3', 'b1'] })).toEqual(['ticketIds.2']);
    expect(await paths({ operation: 'ReopenTicket' })).toEqual(['operation']);
    expect(await paths({ ticketIds: ['b1', 'bad id'] })).toEqual(['ticketIds.1']);
    expect(await paths({ data: { ticketId: 'b3' } })).toEqual(['data.ticketId']);
    expect(await paths({ data: { note: '' } })).toEqual(['data.note']);
    expect(await paths({ operation: 'TransferTicket', data: { note: 'x' } })).toEqual(['data.groupId']);
    expect(await paths({ operation: 'TransferTicket', data: { groupId: 'tg2', colour: 'red' } })).toEqual(['data.colour']);
    expect(await paths({ batchId: '' })).toEqual(['batchId']);
    expect((await readEverything(h.engine.store)).length).toBe(before);
    expect((await h.load('b1')).status).toBe('to-process');
  });

  it('T8: a batch of 200 transfers answers 200 times, in the order given', async () => {
    const h = ticketHarness();
    await h.setup();
    const idsOf = Array.from({ length: MAX_TICKET_BATCH }, (_, i) => `m${i}`);
    for (const id of idsOf) await h.ok(cmd('CreateTicket', agent('amy'), ticket(id)));
    const result = await batchTickets(h.engine, { shopId: SHOP, actor: agent('amy'), operation: 'TransferTicket', ticketIds: [...idsOf].reverse(), data: { groupId: 'tg2' } });
    if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
    expect(result.right.answers.map((a) => a.ticketId)).toEqual([...idsOf].reverse());
    expect(result.right.answers.every((a) => a.ok)).toBe(true);
  });
});
