/**
 * M17 attendance on a day computed by hand (Asia/Shanghai, UTC+8): statuses
 * changing through the day, busy periods, offline gaps, going offline and
 * online again, online across midnight (open point 9), a day still open, and
 * the timeline; plus the query's bad input.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { project } from '../../../../src/projections/projection.js';
import { timeline } from '../../../../src/projections/reports/attendance/attendanceDays.js';
import { TIMELINE_LIMIT, type AttendanceState } from '../../../../src/projections/reports/attendance/attendanceFold.js';
import { attendanceReport, type AttendanceRow } from '../../../../src/projections/reports/attendance/attendanceReport.js';
import { queryReport, type ReportQuery } from '../../../../src/projections/reports/reportKit.js';
import { expectValidationErrorAt } from '../../../support/validationError.js';
import { SHOP, ZONE, eventBuilder, local } from './attendanceEvents.js';

const options = { zone: ZONE };

const history = () => {
  const b = eventBuilder();
  return [
    b.registered('a1', local('2026-03-09 20:00')),
    b.registered('a2', local('2026-03-09 20:00')),
    b.status('a1', 'offline', 'online', local('2026-03-09 22:00')), // online across midnight
    b.status('a1', 'online', 'offline', local('2026-03-10 01:00')),
    b.status('a1', 'offline', 'online', local('2026-03-10 08:00')), // gap 01:00-08:00 inside the window
    b.assigned('s1', 'a1', 'base-mode', local('2026-03-10 08:30')),
    b.status('a2', 'offline', 'online', local('2026-03-10 09:00')),
    b.status('a1', 'online', 'busy', local('2026-03-10 09:30')),
    b.assigned('s2', 'a2', 'base-mode', local('2026-03-10 09:30')),
    b.status('a1', 'busy', 'online', local('2026-03-10 10:00')),
    b.assigned('s3', 'a1', 'queue', local('2026-03-10 10:30')),
    b.status('a1', 'online', 'offline', local('2026-03-10 12:00')),
    b.status('a1', 'offline', 'online', local('2026-03-10 13:00')), // gap 12:00-13:00
    b.assigned('s4', 'a1', 'proactive', local('2026-03-10 13:30')),
    b.status('a1', 'online', 'busy', local('2026-03-10 15:00')),
    b.status('a1', 'busy', 'online', local('2026-03-10 15:45')),
    b.status('a2', 'online', 'offline', local('2026-03-10 17:00')),
    b.status('a1', 'online', 'offline', local('2026-03-10 18:00')), // going home: 18:00-24:00 not counted
    b.status('a1', 'offline', 'online', local('2026-03-11 09:00')),
    b.status('a2', 'offline', 'online', local('2026-03-11 08:00')),
    b.status('a2', 'online', 'offline', local('2026-03-11 17:00')),
  ];
};

const state = (): AttendanceState => project(attendanceReport.projection(options), history());

const rows = (s: AttendanceState, query: Partial<ReportQuery> = {}): readonly AttendanceRow[] => {
  const result = queryReport(attendanceReport, s, { shopId: SHOP, from: '2026-03-09', to: '2026-03-12', ...query }, options);
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
  return result.right;
};

const row = (agentId: string, day: string, earliestOnline: string | null, latestOffline: string | null, onlineSec: number, busySec: number, offlineSec: number): AttendanceRow => ({
  agentId,
  day,
  earliestOnline,
  latestOffline,
  serviceSec: onlineSec + busySec,
  onlineSec,
  busySec,
  offlineSec,
});

describe('M17 attendance: a day computed by hand', () => {
  it('M17: earliest online, latest offline, service = online + busy, offline only inside the window; team average rows', () => {
    expect(rows(state())).toEqual([
      // 03-09: a1 online 22:00-24:00 = 2 h = 7,200 s, still online at the day's end (24:00:00). a2 no change, never online: no row.
      row('a1', '2026-03-09', '22:00:00', '24:00:00', 7200, 0, 0),
      row('(team-average)', '2026-03-09', '22:00:00', '24:00:00', 7200, 0, 0),
      // 03-10, a1: online 00:00-01:00 (3,600), 08:00-09:30 (5,400), 10:00-12:00 (7,200), 13:00-15:00 (7,200), 15:45-18:00 (8,100) = 31,500 s;
      // busy 09:30-10:00 (1,800) + 15:00-15:45 (2,700) = 4,500 s; offline inside 00:00-18:00: 01:00-08:00 (25,200) + 12:00-13:00 (3,600) = 28,800 s.
      row('a1', '2026-03-10', '00:00:00', '18:00:00', 31500, 4500, 28800),
      // a2: online 09:00-17:00 = 28,800 s, no gap.
      row('a2', '2026-03-10', '09:00:00', '17:00:00', 28800, 0, 0),
      // means: earliest (00:00 + 09:00) / 2 = 04:30, latest (18:00 + 17:00) / 2 = 17:30; online (31,500 + 28,800) / 2 = 30,150; busy 2,250; offline 14,400.
      row('(team-average)', '2026-03-10', '04:30:00', '17:30:00', 30150, 2250, 14400),
      // 03-11: the report's latest event is a2's 17:00: a1 online since 09:00 is still running = 8 h = 28,800 s, no latest offline yet.
      row('a1', '2026-03-11', '09:00:00', null, 28800, 0, 0),
      row('a2', '2026-03-11', '08:00:00', '17:00:00', 32400, 0, 0),
      row('(team-average)', '2026-03-11', '08:30:00', '17:00:00', 30600, 0, 0),
    ]);
  });

  it('M17: a query asOf later runs the open interval to it, across midnight (open point 9)', () => {
    const late = rows(state(), { from: '2026-03-11', to: '2026-03-12', agents: ['a1'], asOf: local('2026-03-12 02:00') });
    expect(late).toEqual([
      // 09:00-24:00 = 15 h = 54,000 s, then 00:00-02:00 = 7,200 s of a day still running.
      row('a1', '2026-03-11', '09:00:00', '24:00:00', 54000, 0, 0),
      row('(team-average)', '2026-03-11', '09:00:00', '24:00:00', 54000, 0, 0),
      row('a1', '2026-03-12', '00:00:00', null, 7200, 0, 0),
      row('(team-average)', '2026-03-12', '00:00:00', null, 7200, 0, 0),
    ]);
  });

  it('M17: a query never changes the state (the running interval goes to copies)', () => {
    const s = state();
    const before = JSON.stringify(s);
    rows(s, { asOf: local('2026-03-15 00:00') });
    expect(JSON.stringify(s)).toBe(before);
  });

  it('M17: an agent online for days without an event has full days 00:00:00-24:00:00', () => {
    const b = eventBuilder();
    const s = project(attendanceReport.projection(options), [b.registered('a1', local('2026-03-01 00:00')), b.status('a1', 'offline', 'busy', local('2026-03-01 12:00')), b.status('a1', 'busy', 'offline', local('2026-03-04 06:00'))]);
    const mine = rows(s, { from: '2026-03-01', to: '2026-03-04' }).filter((r) => r.agentId === 'a1');
    expect(mine).toEqual([
      row('a1', '2026-03-01', '12:00:00', '24:00:00', 0, 43200, 0),
      row('a1', '2026-03-02', '00:00:00', '24:00:00', 0, 86400, 0),
      row('a1', '2026-03-03', '00:00:00', '24:00:00', 0, 86400, 0),
      row('a1', '2026-03-04', '00:00:00', '06:00:00', 0, 21600, 0),
    ]);
  });

  it('M17 查看时间轴: the day\'s status changes in order', () => {
    const day = timeline(state(), SHOP, 'a1', '2026-03-10');
    expect(E.isRight(day) && day.right.changes.map((c) => [c.at, c.from, c.to])).toEqual([
      [local('2026-03-10 01:00'), 'online', 'offline'],
      [local('2026-03-10 08:00'), 'offline', 'online'],
      [local('2026-03-10 09:30'), 'online', 'busy'],
      [local('2026-03-10 10:00'), 'busy', 'online'],
      [local('2026-03-10 12:00'), 'online', 'offline'],
      [local('2026-03-10 13:00'), 'offline', 'online'],
      [local('2026-03-10 15:00'), 'online', 'busy'],
      [local('2026-03-10 15:45'), 'busy', 'online'],
      [local('2026-03-10 18:00'), 'online', 'offline'],
    ]);
    expect(E.isRight(day) && day.right.truncated).toBe(0);
  });

  it('M17: the timeline keeps 500 changes a day and counts the rest; the durations still count them all', () => {
    const b = eventBuilder();
    const start = local('2026-03-10 08:00');
    const events = [b.registered('a1', start), b.status('a1', 'offline', 'online', start)];
    // 600 more changes a second apart, online <-> busy: 601 changes that day.
    for (let i = 1; i <= 600; i++) events.push(b.status('a1', i % 2 === 1 ? 'online' : 'busy', i % 2 === 1 ? 'busy' : 'online', start + i * 1000));
    const s = project(attendanceReport.projection(options), events);
    const day = timeline(s, SHOP, 'a1', '2026-03-10');
    expect(E.isRight(day) && [day.right.changes.length, day.right.truncated]).toEqual([TIMELINE_LIMIT, 601 - TIMELINE_LIMIT]);
    // 600 s running, 300 s online (odd seconds start busy) and 300 s busy.
    expect(rows(s, { from: '2026-03-10', to: '2026-03-10' })[0]).toMatchObject({ onlineSec: 300, busySec: 300, serviceSec: 600 });
  });
});

describe('M17 attendance: bad input', () => {
  it('M17: a range ending before it starts names `to`; an unknown agent names `agents.0`; channels are unknown', () => {
    const s = state();
    const bad = (query: unknown, path: string) => {
      const result = queryReport(attendanceReport, s, query, options);
      expect(E.isLeft(result)).toBe(true);
      if (E.isLeft(result)) expectValidationErrorAt(result.left, path);
    };
    bad({ shopId: SHOP, from: '2026-03-11', to: '2026-03-10' }, 'to');
    bad({ shopId: SHOP, from: '2026-03-10', to: '2026-03-10', agents: ['nobody'] }, 'agents.0');
    bad({ shopId: SHOP, from: '2026-03-10', to: '2026-03-10', channels: ['web'] }, 'channels.0');
  });

  it('M17 查看时间轴: a malformed day names `day`, an unknown agent `agentId`', () => {
    const s = state();
    const badDay = timeline(s, SHOP, 'a1', '2026-02-30');
    const badAgent = timeline(s, SHOP, 'nobody', '2026-03-10');
    expect(E.isLeft(badDay) && badDay.left.issues.map((i) => i.path)).toEqual(['day']);
    expect(E.isLeft(badAgent) && badAgent.left.issues.map((i) => i.path)).toEqual(['agentId']);
  });
});
