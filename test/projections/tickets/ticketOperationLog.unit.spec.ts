/** T9: the operation log of a ticket, folded from synthetic envelopes. */
import { describe, expect, it } from 'vitest';
import { project } from '../../../src/projections/projection.js';
import { loggedTicketFields, operationLogOf, ticketOperationLogProjection } from '../../../src/projections/ticketOperationLog.js';
import { agent, created, envelopes, MINUTE, SHOP, slaRecord, system, T0 } from './ticketEnvelopes.js';

describe('T9: ticket operation log', () => {
  const { wrap } = envelopes();
  const events = [
    wrap(created('100', T0, { content: 'broken', phone: '13800000000' }), { kind: 'agent', id: 'amy' }),
    wrap({ type: 'TicketSlaSet', data: { ticketId: '100', sla: slaRecord(1, 'p1', T0 + 30 * MINUTE, T0 + 240 * MINUTE), reason: 'created', at: T0 } }),
    wrap({ type: 'TicketClaimed', data: { ticketId: '100', by: agent('bob'), assigneeId: 'bob', at: T0 + MINUTE } }),
    wrap({ type: 'TicketRemarked', data: { ticketId: '100', by: agent('bob'), remarkId: 'r1', text: '已联系客户', attachments: [{ name: 'a.png', url: 'https://x/a.png', sizeBytes: 10 }], at: T0 + 2 * MINUTE } }),
    wrap({ type: 'TicketEdited', data: { ticketId: '100', by: agent('bob'), changes: { phone: '13900000000', subject: 'new subject' }, at: T0 + 3 * MINUTE } }),
    wrap({ type: 'TicketPriorityChanged', data: { ticketId: '100', by: agent('bob'), priority: 'urgent', fromPriority: 'normal', at: T0 + 4 * MINUTE } }),
    wrap({
      type: 'TicketSlaSet',
      data: { ticketId: '100', sla: slaRecord(1, 'p1', T0 + 10 * MINUTE, T0 + 60 * MINUTE), reason: 'priority-changed', previousDue: { response: T0 + 30 * MINUTE, resolution: T0 + 240 * MINUTE }, at: T0 + 4 * MINUTE },
    }),
    wrap({ type: 'TicketSlaReminded', data: { ticketId: '100', clock: 'response', point: 'before:5', when: 'before', dueAt: T0 + 10 * MINUTE, recipients: ['bob'], nextAt: T0 + 10 * MINUTE, version: 1, at: T0 + 5 * MINUTE } }),
    wrap({ type: 'TicketSlaBreached', data: { ticketId: '100', clock: 'response', dueAt: T0 + 10 * MINUTE, version: 1, nextAt: null, at: T0 + 10 * MINUTE } }),
    wrap({ type: 'TicketTransferred', data: { ticketId: '100', by: agent('bob'), groupId: 'g2', fromGroupId: 'g1', fromAssigneeId: 'bob', note: '转售后', at: T0 + 11 * MINUTE } }),
    wrap({ type: 'TicketClaimed', data: { ticketId: '100', by: agent('cat'), assigneeId: 'cat', at: T0 + 12 * MINUTE } }),
    wrap({ type: 'TicketProcessingStarted', data: { ticketId: '100', by: agent('cat'), at: T0 + 13 * MINUTE } }),
    wrap({
      type: 'TicketSlaClockStopped',
      data: { ticketId: '100', clock: 'response', result: 'breached', elapsedSeconds: 780, dueAt: T0 + 10 * MINUTE, version: 1, policyId: 'p1', policyRevision: 1, at: T0 + 13 * MINUTE },
    }),
    wrap({ type: 'TicketCompleted', data: { ticketId: '100', by: agent('cat'), note: '已退款', first: true, at: T0 + 20 * MINUTE } }),
  ];
  const state = project(ticketOperationLogProjection, events);
  const log = operationLogOf(state, SHOP, '100');

  it('T9: every operation in order, numbered, with its actor, time and name', () => {
    expect(log.map((e) => [e.seq, e.operation, e.at - T0])).toEqual([
      [1, 'create', 0],
      [2, 'sla-set', 0],
      [3, 'claim', MINUTE],
      [4, 'remark', 2 * MINUTE],
      [5, 'edit', 3 * MINUTE],
      [6, 'change-priority', 4 * MINUTE],
      [7, 'sla-set', 4 * MINUTE],
      [8, 'sla-reminded', 5 * MINUTE],
      [9, 'sla-breached', 10 * MINUTE],
      [10, 'transfer', 11 * MINUTE],
      [11, 'claim', 12 * MINUTE],
      [12, 'start-processing', 13 * MINUTE],
      [13, 'sla-clock-stopped', 13 * MINUTE],
      [14, 'complete', 20 * MINUTE],
    ]);
    expect(log[0]!.actor).toEqual(agent('amy'));
    expect(log[2]!.actor).toEqual(agent('bob'));
    expect(log[7]!.actor).toEqual(system);
    expect(log.map((e) => e.position)).toEqual(events.map((e) => e.globalPosition));
  });

  it('T9: changed fields as { from, to }, computed from the fields the log keeps', () => {
    expect(log[0]!.changes).toMatchObject({ status: { from: undefined, to: 'to-assign' }, subject: { to: 'ticket 100' }, phone: { to: '13800000000' } });
    expect(log[0]!.changes.custom).toBeUndefined();
    expect(log[2]!.changes).toEqual({ status: { from: 'to-assign', to: 'to-process' }, assigneeId: { from: undefined, to: 'bob' } });
    expect(log[3]!.changes).toEqual({});
    expect(log[4]!.changes).toEqual({ phone: { from: '13800000000', to: '13900000000' }, subject: { from: 'ticket 100', to: 'new subject' } });
    expect(log[5]!.changes).toEqual({ priority: { from: 'normal', to: 'urgent' } });
    expect(log[9]!.changes).toEqual({ status: { from: 'to-process', to: 'to-assign' }, groupId: { from: 'g1', to: 'g2' }, assigneeId: { from: 'bob', to: undefined } });
    expect(log[9]!.note).toBe('转售后');
    expect(log[11]!.changes).toEqual({ status: { from: 'to-process', to: 'in-progress' } });
    expect(log[13]!.changes).toEqual({ status: { from: 'in-progress', to: 'completed' } });
    expect(log[13]!.note).toBe('已退款');
    expect(loggedTicketFields(state, SHOP, '100')).toMatchObject({ status: 'completed', groupId: 'g2', assigneeId: 'cat', priority: 'urgent', phone: '13900000000' });
  });

  it('T9: a remark carries its text and attachments', () => {
    expect(log[3]!.remark).toEqual({ remarkId: 'r1', text: '已联系客户', attachments: [{ name: 'a.png', url: 'https://x/a.png', sizeBytes: 10 }] });
  });

  it('T9: SLA entries: due times with the previous and new due, reminders, breaches, clocks stopped', () => {
    expect(log[1]!.changes).toEqual({ responseDueAt: { from: null, to: T0 + 30 * MINUTE }, resolutionDueAt: { from: null, to: T0 + 240 * MINUTE } });
    expect(log[1]!.sla).toEqual({ kind: 'set', reason: 'created', version: 1, policyId: 'p1', policyRevision: 1 });
    expect(log[6]!.changes).toEqual({ responseDueAt: { from: T0 + 30 * MINUTE, to: T0 + 10 * MINUTE }, resolutionDueAt: { from: T0 + 240 * MINUTE, to: T0 + 60 * MINUTE } });
    expect(log[6]!.sla).toMatchObject({ kind: 'set', reason: 'priority-changed' });
    expect(log[7]!.sla).toEqual({ kind: 'reminded', clock: 'response', point: 'before:5', when: 'before', dueAt: T0 + 10 * MINUTE, recipients: ['bob'], version: 1 });
    expect(log[8]!.sla).toEqual({ kind: 'breached', clock: 'response', dueAt: T0 + 10 * MINUTE, version: 1 });
    expect(log[12]!.sla).toMatchObject({ kind: 'clock-stopped', clock: 'response', result: 'breached', elapsedSeconds: 780 });
  });

  it('T9: a cleared SLA takes the due times to null; other tickets and shops are apart; unknown tickets have an empty log', () => {
    const more = project(
      ticketOperationLogProjection,
      [
        wrap({ type: 'TicketSlaCleared', data: { ticketId: '100', reason: 'type-changed', version: 2, at: T0 + 30 * MINUTE } }),
        wrap(created('100', T0, { subject: 'other shop' }), { kind: 'system' }, 'shop-other'),
        wrap({ type: 'TicketClaimed', data: { ticketId: 'nope', by: agent('bob'), assigneeId: 'bob', at: T0 } }),
      ],
      state,
    );
    const last = operationLogOf(more, SHOP, '100').at(-1)!;
    expect(last.changes).toEqual({ responseDueAt: { from: T0 + 10 * MINUTE, to: null }, resolutionDueAt: { from: T0 + 60 * MINUTE, to: null } });
    expect(operationLogOf(more, 'shop-other', '100').map((e) => e.operation)).toEqual(['create']);
    expect(operationLogOf(more, SHOP, 'nope')).toEqual([]);
  });
});
