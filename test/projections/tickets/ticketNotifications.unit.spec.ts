/** T11: SLA notifications per recipient, from synthetic envelopes. */
import { describe, expect, it } from 'vitest';
import { project } from '../../../src/projections/projection.js';
import { notificationCounts, notificationsOf, ticketNotificationsProjection } from '../../../src/projections/ticketNotifications.js';
import type { TicketEvent } from '../../../src/tickets/ticket/ticketTypes.js';
import { agent, created, envelopes, MINUTE, SHOP, T0 } from './ticketEnvelopes.js';

const reminded = (ticketId: string, at: number, recipients: string[], when: 'before' | 'at' | 'after' = 'before', clock: 'response' | 'resolution' = 'response'): TicketEvent => ({
  type: 'TicketSlaReminded',
  data: { ticketId, clock, point: `${when}:${at}`, when, dueAt: T0 + 30 * MINUTE, recipients, nextAt: null, version: 2, at },
});
const breached = (ticketId: string, at: number, clock: 'response' | 'resolution' = 'response'): TicketEvent => ({
  type: 'TicketSlaBreached',
  data: { ticketId, clock, dueAt: T0 + 30 * MINUTE, version: 2, nextAt: null, at },
});

describe('T11: ticket notifications', () => {
  it('T11: reminders go to the recipients they name, newest first, with ticket, clock, when, due and time', () => {
    const { wrap } = envelopes();
    const state = project(ticketNotificationsProjection(), [
      wrap(created('1', T0)),
      wrap(reminded('1', T0 + 20 * MINUTE, ['amy', 'bob', 'amy'])),
      wrap(reminded('1', T0 + 30 * MINUTE, ['amy'], 'at')),
      wrap(breached('1', T0 + 30 * MINUTE)),
    ]);
    const amy = notificationsOf(state, SHOP, 'amy');
    expect(amy.map((n) => [n.seq, n.kind, n.when, n.at - T0])).toEqual([
      [3, 'breach', 'breach', 30 * MINUTE],
      [2, 'reminder', 'at', 30 * MINUTE],
      [1, 'reminder', 'before', 20 * MINUTE],
    ]);
    expect(amy[2]).toEqual({ seq: 1, ticketId: '1', clock: 'response', kind: 'reminder', when: 'before', point: `before:${T0 + 20 * MINUTE}`, dueAt: T0 + 30 * MINUTE, at: T0 + 20 * MINUTE, version: 2 });
    // The breach went to the latest reminder's recipients (amy), not to bob.
    expect(notificationsOf(state, SHOP, 'bob').map((n) => n.kind)).toEqual(['reminder']);
    expect(notificationsOf(state, SHOP, 'amy', 1).map((n) => n.seq)).toEqual([3]);
    expect(notificationsOf(state, 'other-shop', 'amy')).toEqual([]);
  });

  it('T11: unread counts from the last seq read', () => {
    const { wrap } = envelopes();
    const state = project(ticketNotificationsProjection(), [wrap(created('1', T0)), wrap(reminded('1', T0, ['amy'])), wrap(reminded('1', T0 + 1, ['amy'])), wrap(reminded('1', T0 + 2, ['amy']))]);
    expect(notificationCounts(state, SHOP, 'amy')).toEqual({ delivered: 3, unread: 3 });
    expect(notificationCounts(state, SHOP, 'amy', 2)).toEqual({ delivered: 3, unread: 1 });
    expect(notificationCounts(state, SHOP, 'amy', 9)).toEqual({ delivered: 3, unread: 0 });
    expect(notificationCounts(state, SHOP, 'nobody')).toEqual({ delivered: 0, unread: 0 });
  });

  it('T11: a breach no reminder preceded goes to the assignee at the time; named recipients win when the event has them', () => {
    const { wrap } = envelopes();
    const state = project(ticketNotificationsProjection(), [
      wrap(created('1', T0, { assigneeId: 'amy' })),
      wrap({ type: 'TicketTransferred', data: { ticketId: '1', by: agent('amy'), groupId: 'g2', assigneeId: 'bob', fromGroupId: 'g1', fromAssigneeId: 'amy', at: T0 + 1 } }),
      wrap(breached('1', T0 + 2)),
      wrap(created('2', T0)),
      wrap(breached('2', T0 + 3)),
      wrap({ type: 'TicketSlaBreached', data: { ticketId: '2', clock: 'resolution', dueAt: T0, version: 2, nextAt: null, at: T0 + 4, recipients: ['cat'] } } as unknown as TicketEvent),
    ]);
    expect(notificationsOf(state, SHOP, 'bob').map((n) => n.ticketId)).toEqual(['1']);
    expect(notificationsOf(state, SHOP, 'amy')).toEqual([]);
    expect(notificationsOf(state, SHOP, 'cat').map((n) => [n.ticketId, n.clock])).toEqual([['2', 'resolution']]);
  });

  it('T11: bounded per recipient: the newest `limit` kept, the count covers all', () => {
    const { wrap } = envelopes();
    const events = [wrap(created('1', T0)), ...Array.from({ length: 10 }, (_, i) => wrap(reminded('1', T0 + i, ['amy'])))];
    const state = project(ticketNotificationsProjection({ limit: 4 }), events);
    expect(notificationsOf(state, SHOP, 'amy').map((n) => n.seq)).toEqual([10, 9, 8, 7]);
    expect(notificationCounts(state, SHOP, 'amy', 8)).toEqual({ delivered: 10, unread: 2 });
    for (const limit of [0, -1, 1.5, 100_001]) expect(() => ticketNotificationsProjection({ limit })).toThrow(/limit must be an integer/);
  });
});
