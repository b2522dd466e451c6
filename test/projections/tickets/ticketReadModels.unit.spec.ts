/**
 * T9, T10, T11 and the SLA results on a real engine: the ticket module writes,
 * the read models fold its log (as a subscriber would), and they say what
 * happened. Staff and settings are those of test/tickets/ticket/harness.ts
 * (policy p1 on complaint: normal 2 h response with a reminder 30 min before).
 */
import { describe, expect, it } from 'vitest';
import { slaCountsByVersion, slaResultsOf, slaResultsProjection } from '../../../src/projections/slaResults.js';
import { allTickets, myCompleted, myInProgress, myToProcess, submittedByMe, unassignedInMyGroups } from '../../../src/projections/ticketListQueries.js';
import { ticketListsProjection } from '../../../src/projections/ticketLists.js';
import { notificationCounts, notificationsOf, ticketNotificationsProjection } from '../../../src/projections/ticketNotifications.js';
import { operationLogOf, ticketOperationLogProjection } from '../../../src/projections/ticketOperationLog.js';
import { agent, cmd, HOUR, MINUTE, policy, SHOP, system, T0, ticket, ticketHarness } from '../../tickets/ticket/harness.js';
import { foldLog } from './foldLog.js';

const ids = (page: { _tag: string; right?: { rows: readonly { ticketId: string }[] } }) => page.right?.rows.map((r) => r.ticketId);

const scenario = async () => {
  const h = ticketHarness();
  await h.setup();
  const start = h.clock.now();
  await h.ok(cmd('CreateTicket', agent('amy'), ticket('1001', { assigneeId: 'bob' })));
  await h.ok(cmd('CreateTicket', agent('amy'), ticket('1002')));
  await h.ok(cmd('CreateTicket', agent('bob'), ticket('1003', { groupId: 'tg2', priority: 'urgent' })));
  await h.settle();
  await h.later(10 * MINUTE);
  await h.ok(cmd('StartProcessingTicket', agent('bob'), { ticketId: '1001' }));
  await h.ok(cmd('RemarkTicket', agent('bob'), { ticketId: '1001', remarkId: 'r1', text: '已联系快递' }));
  await h.ok(cmd('ChangeTicketPriority', agent('bob'), { ticketId: '1001', priority: 'urgent' }));
  await h.settle();
  // 1002 has nobody on it: its response reminder (1 h 30) and breach (2 h) fire.
  await h.advanceTo(start + 3 * HOUR);
  await h.ok(cmd('ClaimTicket', agent('amy'), { ticketId: '1002' }));
  await h.ok(cmd('CompleteTicket', agent('amy'), { ticketId: '1002', note: '已退款' }));
  await h.ok(cmd('CompleteTicket', agent('bob'), { ticketId: '1001' }));
  await h.settle();
  return { h, start };
};

describe('T9-T11 and SLA results on a real engine', () => {
  it('T9: the operation log of a ticket shows each step with its actor, changes, remark and SLA entries', async () => {
    const { h, start } = await scenario();
    const log = operationLogOf(await foldLog(h.engine, ticketOperationLogProjection), SHOP, '1001');
    const ops = log.map((e) => e.operation);
    expect(ops.slice(0, 2)).toEqual(['create', 'sla-set']);
    expect(ops).toContain('start-processing');
    expect(ops).toContain('remark');
    expect(ops.filter((o) => o === 'sla-clock-stopped').length).toBe(2);
    expect(ops.at(-1) === 'complete' || ops.includes('complete')).toBe(true);
    expect(log.every((e, i) => e.seq === i + 1)).toBe(true);
    const created = log[0]!;
    expect(created.actor).toEqual({ kind: 'agent', id: 'amy' });
    expect(created.changes).toMatchObject({ status: { to: 'to-process' }, assigneeId: { to: 'bob' }, priority: { to: 'normal' } });
    const slaSet = log[1]!;
    // Fixed in the same command as the creation: the envelope's actor is amy's.
    expect(slaSet.actor).toEqual({ kind: 'agent', id: 'amy' });
    expect(slaSet.changes['responseDueAt']).toEqual({ from: null, to: start + 2 * HOUR });
    expect(log.find((e) => e.operation === 'remark')?.remark).toMatchObject({ remarkId: 'r1', text: '已联系快递', attachments: [] });
    const priority = log.find((e) => e.operation === 'change-priority')!;
    expect(priority.changes).toEqual({ priority: { from: 'normal', to: 'urgent' } });
    // The urgent targets move the resolution due from 8 h to 4 h after creation: an SLA entry from the old due to the new.
    const moved = log.find((e) => e.operation === 'sla-set' && e.sla?.kind === 'set' && e.sla.reason === 'priority-changed');
    expect(moved?.changes['resolutionDueAt']).toEqual({ from: start + 8 * HOUR, to: start + 4 * HOUR });
    expect(log.find((e) => e.operation === 'start-processing')?.changes).toEqual({ status: { from: 'to-process', to: 'in-progress' } });
  });

  it('T10: the lists of the centre', async () => {
    const { h } = await scenario();
    const lists = await foldLog(h.engine, ticketListsProjection);
    expect(ids(submittedByMe(lists, SHOP, 'amy'))).toEqual(['1002', '1001']);
    expect(ids(myCompleted(lists, SHOP, 'bob'))).toEqual(['1001']);
    expect(ids(myCompleted(lists, SHOP, 'amy'))).toEqual(['1002']);
    expect(ids(myToProcess(lists, SHOP, 'bob'))).toEqual([]);
    expect(ids(myInProgress(lists, SHOP, 'bob'))).toEqual([]);
    expect(ids(unassignedInMyGroups(lists, SHOP, ['tg2']))).toEqual(['1003']);
    expect(ids(allTickets(lists, SHOP, { priority: 'urgent' }))).toEqual(['1003', '1001']);
    expect(ids(allTickets(lists, SHOP, { status: 'completed', number: '100' }))).toEqual(['1002', '1001']);
  });

  it('T11: the reminder and the breach of 1002 reach the creator and lead (no assignee then), newest first', async () => {
    const { h, start } = await scenario();
    const notes = await foldLog(h.engine, ticketNotificationsProjection());
    const amy = notificationsOf(notes, SHOP, 'amy').filter((n) => n.ticketId === '1002');
    expect(amy.map((n) => [n.kind, n.clock, n.at - start])).toEqual([
      ['breach', 'response', 2 * HOUR],
      ['reminder', 'response', 90 * MINUTE],
    ]);
    expect(amy[1]).toMatchObject({ when: 'before', dueAt: start + 2 * HOUR });
    expect(notificationsOf(notes, SHOP, 'lead').some((n) => n.ticketId === '1002' && n.kind === 'reminder')).toBe(true);
    const counts = notificationCounts(notes, SHOP, 'amy');
    expect(counts.unread).toBe(counts.delivered);
    expect(counts.delivered).toBeGreaterThanOrEqual(2);
  });

  it('SLA results: 1001 met both clocks, 1002 breached response and met resolution, all under version 1', async () => {
    const { h } = await scenario();
    const results = await foldLog(h.engine, slaResultsProjection);
    expect(slaResultsOf(results, SHOP, '1001').map((r) => [r.clock, r.result, r.version, r.policyId])).toEqual([
      ['response', 'met', 1, 'p1'],
      ['resolution', 'met', 1, 'p1'],
    ]);
    expect(slaResultsOf(results, SHOP, '1002').map((r) => [r.clock, r.result])).toEqual([
      ['response', 'breached'],
      ['resolution', 'met'],
    ]);
    // 1003 (urgent, nobody on it) still runs both clocks, its response past a breach that fired.
    expect(slaResultsOf(results, SHOP, '1003').map((r) => [r.clock, r.result, r.breachedAt !== undefined])).toEqual([
      ['response', 'running', true],
      ['resolution', 'running', false],
    ]);
    expect(slaCountsByVersion(results, SHOP)).toEqual([{ policyId: 'p1', version: 1, achieved: 3, breached: 2, running: 2 }]);
  });

  it('SLA results: a new version recomputes a running ticket (counted under version 2); a stopped result keeps version 1', async () => {
    const { h } = await scenario();
    await h.ok(cmd('CreateTicket', agent('amy'), ticket('1004')));
    await h.settle();
    await h.ok(cmd('DefineSlaPolicy', system, policy({}, [60, 240])));
    await h.advanceTo(h.clock.now() + MINUTE);
    const results = await foldLog(h.engine, slaResultsProjection);
    expect(slaResultsOf(results, SHOP, '1004').map((r) => [r.clock, r.result, r.version])).toEqual([
      ['response', 'running', 2],
      ['resolution', 'running', 2],
    ]);
    expect(slaResultsOf(results, SHOP, '1001').map((r) => r.version)).toEqual([1, 1]);
    expect(slaCountsByVersion(results, SHOP, 'p1')).toEqual([
      { policyId: 'p1', version: 1, achieved: 3, breached: 1, running: 0 },
      // 1003 and 1004 run under version 2; 1003's breach stays (its clock would have breached under v2 too).
      { policyId: 'p1', version: 2, achieved: 0, breached: 1, running: 4 },
    ]);
    expect(T0).toBeLessThan(h.clock.now());
  });
});
