/**
 * M21 live monitor (004 §9.2.3) on a morning computed by hand: reception
 * counts through assignment, transfer, end and requeue; sessions received
 * today; response pairs under open points 1-3; satisfaction with a replaced
 * best rating; the queue and its groups (R13); today's fairness.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { project } from '../../../../src/projections/projection.js';
import { liveMonitorReport, queueByGroup, queueLength } from '../../../../src/projections/reports/attendance/liveMonitor.js';
import { dayNumber, queryReport } from '../../../../src/projections/reports/reportKit.js';
import { expectValidationErrorAt } from '../../../support/validationError.js';
import { SHOP, ZONE, eventBuilder, local } from './attendanceEvents.js';

const T = local('2026-03-10 09:00');
const sec = (s: number) => T + s * 1000;
const customer = { kind: 'customer', id: 'c-s5' };
const agent = (id: string) => ({ kind: 'agent', id });

const morning = () => {
  const b = eventBuilder();
  return [
    b.registered('a1', local('2026-03-10 07:00')),
    b.registered('a2', local('2026-03-10 07:00')),
    b.registered('a3', local('2026-03-10 07:00')),
    b.status('a1', 'offline', 'online', local('2026-03-10 08:00')),
    b.status('a2', 'offline', 'online', local('2026-03-10 08:00')),
    b.queued('s1', sec(0)),
    b.queued('s2', sec(1), { entryGroupId: 'g-presale' }),
    b.queued('s3', sec(2), { target: { kind: 'pool', groups: ['g-aftersale'], agents: [] } }),
    b.assigned('s1', 'a1', 'queue', sec(3)),
    b.assigned('s4', 'a1', 'base-mode', sec(4)),
    // s5: the customer asks at +10 s, a welcome notice answers nothing, a2 receives it at +20 s and replies at +50 s: 30 s from the reception.
    b.conversation('ConversationOpened', 's5', sec(5), { customerId: 'c-s5', channel: 'web', initiation: 'customer', entry: { kind: 'web' }, vip: false }),
    b.message('s5', 1, customer, 'text', sec(10)),
    b.message('s5', 2, { kind: 'system' }, 'auto', sec(11), 'welcome'),
    b.assigned('s5', 'a2', 'base-mode', sec(20)),
    b.conversation('ConversationAssigned', 's5', sec(20), { agentId: 'a2', vip: false }),
    b.message('s5', 3, agent('a2'), 'text', sec(50)),
    // Asked at +60 s, transferred to a1 at +100 s, a1 replies at +145 s: 45 s from the transfer (open point 2).
    b.message('s5', 4, customer, 'text', sec(60)),
    b.transferred('s5', 'a2', 'a1', sec(100)),
    b.conversation('ConversationTransferred', 's5', sec(100), { from: 'a2', to: 'a1' }),
    b.message('s5', 5, agent('a1'), 'text', sec(145)),
    // A keyword answer (auto, no notice) answers +200 s: a1's reply at +230 s closes no pair.
    b.message('s5', 6, customer, 'text', sec(200)),
    b.message('s5', 7, { kind: 'system' }, 'auto', sec(201), 'keyword'),
    b.message('s5', 8, agent('a1'), 'text', sec(230)),
    // Asked at +300 s; an internal note is no reply; the text at +320 s is: 20 s.
    b.message('s5', 9, customer, 'text', sec(300)),
    b.message('s5', 10, agent('a1'), 'internal-note', sec(310)),
    b.message('s5', 11, agent('a1'), 'text', sec(320)),
    b.ended('s4', ['a1'], sec(400)),
    b.requeued('s1', 'a1', sec(500)),
    b.rated('s5', 3, ['a1'], true, sec(600)),
    b.rated('s5', 5, ['a1'], true, sec(610), { score: 3, creditedTo: ['a1'] }),
    b.rated('s4', 4, ['a1'], true, sec(620)),
    b.rated('s4', 2, ['a1'], false, sec(630)),
    // The latest event: 10:00, two hours after both went online.
    b.status('a3', 'offline', 'offline', local('2026-03-10 10:00')),
  ];
};

describe('M21 live monitor', () => {
  const state = project(liveMonitorReport.projection({ zone: ZONE }), morning());

  it('M21: per agent status, reception count, sessions today, response time, satisfaction, assignments per hour; the shop row', () => {
    const rows = queryReport(liveMonitorReport, state, { shopId: SHOP, from: '2026-03-10', to: '2026-03-10' }, { zone: ZONE });
    // a1 holds s5 only (s1 requeued, s4 ended); received s1, s4 and s5 (transferred in) = 3; pairs 45 s and 20 s: 32.5 s;
    // best ratings 5 (s5, replacing 3) and 4 (s4): 4.5; assignments s1, s4 over 2 h: 1/h. a2: received s5, pair 30 s, s5 over 2 h: 0.5/h.
    // The shop: s2, s3 and s1 wait: 3; max/min 1 / 0.5 = 2; Gini 2 * 0.5 / (2 * 4 * 0.75) = 1/6.
    expect(rows).toEqual(
      E.right([
        { agentId: 'a1', status: 'online', receiving: 1, sessionsToday: 3, avgResponseSecToday: 32.5, satisfaction: 4.5, assignmentsPerOnlineHour: 1, queueLength: null, maxMinRatio: null, gini: null },
        { agentId: 'a2', status: 'online', receiving: 0, sessionsToday: 1, avgResponseSecToday: 30, satisfaction: null, assignmentsPerOnlineHour: 0.5, queueLength: null, maxMinRatio: null, gini: null },
        { agentId: 'a3', status: 'offline', receiving: 0, sessionsToday: 0, avgResponseSecToday: null, satisfaction: null, assignmentsPerOnlineHour: null, queueLength: null, maxMinRatio: null, gini: null },
        {
          agentId: '(shop)',
          status: null,
          receiving: 1,
          sessionsToday: 4,
          // Pooled: (45 + 20 + 30) / 3.
          avgResponseSecToday: expect.closeTo(95 / 3, 9),
          satisfaction: 4.5,
          assignmentsPerOnlineHour: 3 / 4,
          queueLength: 3,
          maxMinRatio: 2,
          gini: expect.closeTo(1 / 6, 12),
        },
      ]),
    );
  });

  it('M21, R13: the queue by group: entry group, else the pool target\'s groups, else no group', () => {
    expect(queueLength(state, SHOP)).toBe(3);
    expect(queueByGroup(state, SHOP)).toEqual({ 'g-presale': 1, 'g-aftersale': 1, '(no-group)': 1 });
  });

  it('M21: the next day starts from zero sessions and responses; the reception count stays', () => {
    const next = project(liveMonitorReport.projection({ zone: ZONE }), [...morning(), eventBuilder().status('a3', 'offline', 'offline', local('2026-03-11 00:30'))]);
    const rows = queryReport(liveMonitorReport, next, { shopId: SHOP, from: '2026-03-11', to: '2026-03-11', agents: ['a1'] }, { zone: ZONE });
    // a1 online since 08:00 yesterday: today 00:00-00:30 = 0.5 h, no assignment today.
    expect(E.isRight(rows) && rows.right[0]).toMatchObject({ agentId: 'a1', receiving: 1, sessionsToday: 0, avgResponseSecToday: null, satisfaction: 4.5, assignmentsPerOnlineHour: 0 });
    // Bounded: the attendance days before today are dropped from the monitor's state.
    const today = String(dayNumber('2026-03-11'));
    expect(Object.values(next.attendance[SHOP]?.agents ?? {}).flatMap((a) => Object.keys(a.days)).every((day) => day === today)).toBe(true);
  });

  it('M21: an unknown agent names `agents.0`, a reversed range `to`', () => {
    const unknown = queryReport(liveMonitorReport, state, { shopId: SHOP, from: '2026-03-10', to: '2026-03-10', agents: ['ghost'] }, { zone: ZONE });
    const reversed = queryReport(liveMonitorReport, state, { shopId: SHOP, from: '2026-03-10', to: '2026-03-09' }, { zone: ZONE });
    if (E.isLeft(unknown)) expectValidationErrorAt(unknown.left, 'agents.0');
    if (E.isLeft(reversed)) expectValidationErrorAt(reversed.left, 'to');
    expect([E.isLeft(unknown), E.isLeft(reversed)]).toEqual([true, true]);
  });
});
