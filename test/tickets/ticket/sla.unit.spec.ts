/**
 * T4, T5, T11 on a real engine: the SLA targets fixed at creation, reminders
 * and breaches fired by deadlines at their instants (advanceTo), clocks stopped
 * by the first response and the first resolution, a new SLA version recomputing
 * open tickets at its effective time, and a restart losing and doubling nothing.
 */
import { describe, expect, it } from 'vitest';
import { virtualClock } from '../../../src/runtime/virtualClock.js';
import { engineDriver } from '../../support/engineDriver.js';
import { agent, cmd, engineOn, HOUR, MINUTE, policy, system, T0, ticket, ticketHarness } from './harness.js';

const ready = async () => {
  const h = ticketHarness();
  await h.setup();
  await h.ok(cmd('CreateTicket', agent('amy'), ticket('t1', { assigneeId: 'bob' })));
  await h.settle();
  return h;
};

const firedAt = async (h: Awaited<ReturnType<typeof ready>>, type: string, clock = 'response') =>
  (await h.ofTicket('t1', type)).filter((e) => e.data['clock'] === clock).map((e) => e.data['at']);

describe('T4: the targets of the policy in force at creation', () => {
  it('TicketSlaSet (created) with both due times from the policy of the ticket type', async () => {
    const h = await ready();
    const [set] = await h.ofTicket('t1', 'TicketSlaSet');
    expect(set?.data).toMatchObject({ reason: 'created', sla: { version: 1, policyId: 'p1', clocks: { response: { targetMinutes: 120, dueAt: T0 + 2 * HOUR }, resolution: { targetMinutes: 480, dueAt: T0 + 8 * HOUR } } } });
  });

  it('a sub-type follows its parent\'s policy; a type no policy covers has no SLA', async () => {
    const h = await ready();
    await h.ok(cmd('CreateTicket', agent('amy'), ticket('t2', { typeId: 'refund', custom: { order: 'A1' } })));
    await h.ok(cmd('CreateTicket', agent('amy'), ticket('t3', { typeId: 'question' })));
    expect((await h.load('t2')).sla?.policyId).toBe('p1');
    expect((await h.load('t3')).sla).toBeUndefined();
  });

  it('a priority change moves the due times (previousDue visible); a type with no policy clears the SLA', async () => {
    const h = await ready();
    await h.later(10 * MINUTE);
    const changed = await h.ok(cmd('ChangeTicketPriority', agent('bob'), { ticketId: 't1', priority: 'urgent' }));
    expect(changed.map((e) => e.type)).toEqual(['TicketPriorityChanged', 'TicketSlaSet']);
    expect(changed[1]?.data).toMatchObject({ reason: 'priority-changed', previousDue: { response: T0 + 2 * HOUR }, sla: { clocks: { response: { dueAt: T0 + 30 * MINUTE } } } });
    const retyped = await h.ok(cmd('ChangeTicketType', agent('bob'), { ticketId: 't1', typeId: 'question' }));
    expect(retyped.map((e) => e.type)).toEqual(['TicketTypeChanged', 'TicketSlaCleared']);
    await h.settle();
    expect(h.engine.reactor.deadlines().filter((d) => d.key.startsWith('ticket-sla-t1-'))).toEqual([]);
  });
});

describe('T5: a result survives a clear', () => {
  it('response met under p1, SLA cleared by a type change, fixed again by the way back: the response keeps its result', async () => {
    const h = await ready();
    await h.later(5 * MINUTE);
    await h.ok(cmd('StartProcessingTicket', agent('bob'), { ticketId: 't1' }));
    await h.ok(cmd('ChangeTicketType', agent('bob'), { ticketId: 't1', typeId: 'question' }));
    const back = await h.ok(cmd('ChangeTicketType', agent('bob'), { ticketId: 't1', typeId: 'complaint' }));
    expect(back[1]?.data).toMatchObject({ reason: 'type-changed', sla: { clocks: { response: { result: 'met', stoppedAt: T0 + 5 * MINUTE, nextAt: null, stoppedUnder: { version: 1, policyId: 'p1' } }, resolution: { dueAt: T0 + 8 * HOUR } } } });
    expect(back[1]?.data['previousDue']).toBeUndefined();
  });
});

describe('T4: a policy on a business calendar counts open time only', () => {
  it('created Wed 11:30, the calendar open 09:00-12:00 Wed and Thu: 30 min counted Wed, due Thu 10:30, reminded Thu 10:00', async () => {
    const h = ticketHarness();
    await h.setup({ policy: false });
    const week = { wed: [{ start: '09:00', end: '12:00' }], thu: [{ start: '09:00', end: '12:00' }] };
    await h.settings('DefineSlaCalendar', { calendarId: 'work', name: '工作时间', definition: { kind: 'weekly', zone: 'UTC', week } });
    await h.settings('DefineSlaPolicy', policy({ calendar: { kind: 'calendar', calendarId: 'work' } }));
    await h.later(150 * MINUTE);
    await h.ok(cmd('CreateTicket', agent('amy'), ticket('t1', { assigneeId: 'bob' })));
    await h.settle();
    expect((await h.load('t1')).sla).toMatchObject({ calendarId: 'work', clocks: { response: { dueAt: T0 + 25 * HOUR + 30 * MINUTE } } });
    await h.advanceTo(T0 + 25 * HOUR - 1);
    expect(await h.ofTicket('t1', 'TicketSlaReminded')).toEqual([]);
    await h.advanceTo(T0 + 26 * HOUR);
    expect((await h.ofTicket('t1', 'TicketSlaReminded')).map((e) => e.data['at'])).toEqual([T0 + 25 * HOUR]);
    expect((await h.ofTicket('t1', 'TicketSlaBreached')).map((e) => e.data['at'])).toEqual([T0 + 25 * HOUR + 30 * MINUTE]);
  });
});

describe('T11: a reminder 30 minutes before and the breach, at their instants', () => {
  it('the reminder fires at due - 30 min to the assignee, the creator and the named people; the breach at due', async () => {
    const h = await ready();
    await h.advanceTo(T0 + 90 * MINUTE - 1);
    expect(await firedAt(h, 'TicketSlaReminded')).toEqual([]);
    await h.advanceTo(T0 + 90 * MINUTE);
    const [reminded] = await h.ofTicket('t1', 'TicketSlaReminded');
    expect(reminded?.data).toMatchObject({ clock: 'response', point: 'before-30', when: 'before', dueAt: T0 + 2 * HOUR, recipients: ['bob', 'amy', 'lead'], nextAt: T0 + 2 * HOUR, at: T0 + 90 * MINUTE });
    await h.advanceTo(T0 + 3 * HOUR);
    expect(await firedAt(h, 'TicketSlaBreached')).toEqual([T0 + 2 * HOUR]);
    expect((await h.ofTicket('t1', 'TicketSlaBreached'))[0]?.data).toMatchObject({ dueAt: T0 + 2 * HOUR, recipients: ['bob', 'amy', 'lead'], nextAt: null });
    expect(await firedAt(h, 'TicketSlaReminded')).toEqual([T0 + 90 * MINUTE]);
    // The resolution clock breaches at its own due time.
    await h.advanceTo(T0 + 9 * HOUR);
    expect(await firedAt(h, 'TicketSlaBreached', 'resolution')).toEqual([T0 + 8 * HOUR]);
  });

  it('a stale deadline (a due time moved since) fires nothing; the current one fires what is reached', async () => {
    const h = await ready();
    await h.later(100 * MINUTE);
    expect(await h.ok(cmd('FireTicketSlaDeadline', system, { ticketId: 't1', clock: 'response', dueAt: T0 + 5 * HOUR }))).toEqual([]);
    const fired = await h.ok(cmd('FireTicketSlaDeadline', system, { ticketId: 't1', clock: 'response', dueAt: T0 + 2 * HOUR }));
    expect(fired.map((e) => [e.type, e.data['point']])).toEqual([['TicketSlaReminded', 'before-30']]);
    expect(await h.ok(cmd('FireTicketSlaDeadline', system, { ticketId: 't1', clock: 'response', dueAt: T0 + 2 * HOUR }))).toEqual([]);
  });
});

describe('T5: the first response and the first resolution', () => {
  it('the assignee\'s first remark is the first response: met, and nothing fires after it', async () => {
    const h = await ready();
    await h.later(10 * MINUTE);
    const byOther = await h.ok(cmd('RemarkTicket', agent('amy'), { ticketId: 't1', remarkId: 'r1', text: '已联系仓库' }));
    expect(byOther.map((e) => e.type)).toEqual(['TicketRemarked']);
    const byAssignee = await h.ok(cmd('RemarkTicket', agent('bob'), { ticketId: 't1', remarkId: 'r2', text: '已回复客户' }));
    expect(byAssignee.map((e) => e.type)).toEqual(['TicketRemarked', 'TicketSlaClockStopped']);
    expect(byAssignee[1]?.data).toMatchObject({ clock: 'response', result: 'met', elapsedSeconds: 600, version: 1, policyId: 'p1' });
    await h.advanceTo(T0 + 3 * HOUR);
    expect(await firedAt(h, 'TicketSlaReminded')).toEqual([]);
    expect(await firedAt(h, 'TicketSlaBreached')).toEqual([]);
    expect((await h.load('t1')).firstResponseAt).toBe(T0 + 10 * MINUTE);
  });

  it('a reopen keeps the first-resolution result; the second completion measures nothing', async () => {
    const h = await ready();
    await h.later(HOUR);
    const done = await h.ok(cmd('CompleteTicket', agent('bob'), { ticketId: 't1', note: '已处理' }));
    expect(done.map((e) => [e.type, e.data['clock'], e.data['result']])).toEqual([
      ['TicketCompleted', undefined, undefined],
      ['TicketSlaClockStopped', 'response', 'met'],
      ['TicketSlaClockStopped', 'resolution', 'met'],
    ]);
    await h.settle();
    await h.ok(cmd('ReopenTicket', agent('bob'), { ticketId: 't1', note: '客户不满意' }));
    await h.advanceTo(T0 + 10 * HOUR);
    const again = await h.ok(cmd('CompleteTicket', agent('bob'), { ticketId: 't1' }));
    expect(again.map((e) => e.type)).toEqual(['TicketCompleted']);
    const s = await h.load('t1');
    expect(s.slaResults.resolution).toMatchObject({ result: 'met', stoppedAt: T0 + HOUR, version: 1 });
    expect(s.firstResolutionAt).toBe(T0 + HOUR);
    expect(await h.ofTicket('t1', 'TicketSlaBreached')).toEqual([]);
  });

  it('waiting on the customer pauses the resolution clock; resuming moves its due time by the wait', async () => {
    const h = await ready();
    await h.ok(cmd('StartProcessingTicket', agent('bob'), { ticketId: 't1' }));
    await h.later(HOUR);
    const paused = await h.ok(cmd('WaitOnCustomer', agent('bob'), { ticketId: 't1' }));
    expect(paused[1]?.data).toMatchObject({ reason: 'paused', sla: { clocks: { resolution: { dueAt: null, nextAt: null } } } });
    await h.advanceTo(T0 + 3 * HOUR);
    const resumed = await h.ok(cmd('ResumeTicket', agent('bob'), { ticketId: 't1' }));
    expect(resumed[1]?.data).toMatchObject({ reason: 'resumed', sla: { clocks: { resolution: { dueAt: T0 + 10 * HOUR } } } });
  });
});

describe('T4: a new SLA version recomputes open tickets at its effective time', () => {
  it('TicketSlaRecomputeRequested fans out at effectiveAt; the ticket gets reason recomputed with previousDue, and the deadlines move', async () => {
    const h = await ready();
    await h.later(10 * MINUTE);
    await h.settings('DefineSlaPolicy', { ...policy({}, [60, 480]), effectiveAt: T0 + 30 * MINUTE });
    await h.settle();
    expect(await h.ofTicket('t1', 'TicketSlaSet')).toHaveLength(1);
    await h.advanceTo(T0 + 30 * MINUTE);
    const sets = await h.ofTicket('t1', 'TicketSlaSet');
    expect(sets[1]?.data).toMatchObject({ reason: 'recomputed', previousDue: { response: T0 + 2 * HOUR, resolution: T0 + 8 * HOUR }, sla: { version: 2, clocks: { response: { dueAt: T0 + HOUR } } }, at: T0 + 30 * MINUTE });
    // The new reminder point (due - 30 min) is reached at once: it fires on the spot.
    expect(await firedAt(h, 'TicketSlaReminded')).toEqual([T0 + 30 * MINUTE]);
    await h.advanceTo(T0 + 3 * HOUR);
    expect(await firedAt(h, 'TicketSlaBreached')).toEqual([T0 + HOUR]);
    expect(await firedAt(h, 'TicketSlaReminded')).toEqual([T0 + 30 * MINUTE]);
  });

  it('a ticket no policy covered gets its first SLA when a version covering its type takes effect (response already given: unmeasured)', async () => {
    const h = await ready();
    await h.ok(cmd('CreateTicket', agent('amy'), ticket('q1', { typeId: 'question', assigneeId: 'bob' })));
    await h.ok(cmd('StartProcessingTicket', agent('bob'), { ticketId: 'q1' }));
    await h.settle();
    await h.settings('DefineSlaPolicy', { ...policy({ policyId: 'p2', typeIds: ['question'] }), effectiveAt: T0 + HOUR });
    await h.advanceTo(T0 + HOUR);
    const [set] = await h.ofTicket('q1', 'TicketSlaSet');
    expect(set?.data).toMatchObject({ reason: 'recomputed', sla: { version: 2, policyId: 'p2', clocks: { response: { stoppedAt: T0, nextAt: null }, resolution: { dueAt: T0 + 8 * HOUR } } } });
    expect(set?.data['previousDue']).toBeUndefined();
    // t1 (complaint) keeps p1's due times, but now runs under version 2: recorded once, with the same due times.
    const t1 = await h.ofTicket('t1', 'TicketSlaSet');
    expect(t1.map((e) => e.data['reason'])).toEqual(['created', 'recomputed']);
    expect(t1[1]?.data).toMatchObject({ previousDue: { response: T0 + 2 * HOUR }, sla: { version: 2, clocks: { response: { dueAt: T0 + 2 * HOUR } } } });
    expect(await h.ok(cmd('RecomputeTicketSla', system, { ticketId: 't1', version: 2 }))).toEqual([]);
  });

  it('a policy disabled from a later instant clears the SLA of open tickets then, and their deadlines with it', async () => {
    const h = await ready();
    await h.settings('SetSlaPolicyEnabled', { policyId: 'p1', enabled: false, effectiveAt: T0 + HOUR });
    await h.advanceTo(T0 + HOUR);
    expect((await h.ofTicket('t1', 'TicketSlaCleared')).map((e) => e.data)).toEqual([{ ticketId: 't1', reason: 'recomputed', version: 2, at: T0 + HOUR }]);
    await h.advanceTo(T0 + 9 * HOUR);
    expect(await h.ofTicket('t1', 'TicketSlaReminded')).toEqual([]);
    expect(await h.ofTicket('t1', 'TicketSlaBreached')).toEqual([]);
  });

  it('a ticket closed before the new version keeps its result and its version', async () => {
    const h = await ready();
    await h.ok(cmd('CompleteTicket', agent('bob'), { ticketId: 't1' }));
    await h.settle();
    await h.settings('DefineSlaPolicy', { ...policy({}, [60, 480]), effectiveAt: T0 + 30 * MINUTE });
    await h.advanceTo(T0 + HOUR);
    expect(await h.ofTicket('t1', 'TicketSlaSet')).toHaveLength(1);
    const s = await h.load('t1');
    expect(s.sla?.version).toBe(1);
    expect(s.slaResults).toMatchObject({ response: { result: 'met', version: 1 }, resolution: { result: 'met', version: 1 } });
  });
});

describe('T11: a restart loses no reminder and fires none twice', () => {
  it('a second engine on the same store, its reactor fresh, fires the breach once after the first fired the reminder', async () => {
    const h = await ready();
    await h.advanceTo(T0 + 100 * MINUTE);
    expect(await firedAt(h, 'TicketSlaReminded')).toEqual([T0 + 90 * MINUTE]);
    const clock = virtualClock(T0 + 100 * MINUTE);
    const second = engineOn(clock, h.engine.store);
    const driver = engineDriver(second, clock);
    await driver.settle();
    const advanced = await second.advanceTo(T0 + 9 * HOUR);
    expect(advanced._tag).toBe('Right');
    expect(await firedAt(h, 'TicketSlaReminded')).toEqual([T0 + 90 * MINUTE]);
    expect(await firedAt(h, 'TicketSlaBreached')).toEqual([T0 + 2 * HOUR]);
    expect(await firedAt(h, 'TicketSlaBreached', 'resolution')).toEqual([T0 + 8 * HOUR]);
  });
});
