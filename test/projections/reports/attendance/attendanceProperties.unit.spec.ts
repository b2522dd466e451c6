/**
 * M17 over random status sequences: every row against a brute-force reading
 * of the definition (intervals cut at local midnight, earliest online = first
 * online/busy moment, latest offline = last change to offline or 24:00, offline
 * counted inside that window), service = online + busy, a day holds at most its
 * length, and the days of a span add up to the time spent in each status (no
 * time lost at midnight, also across a DST change).
 */
import { fc, test } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect } from 'vitest';
import { project, type ProjectedEvent } from '../../../../src/projections/projection.js';
import { attendanceReport } from '../../../../src/projections/reports/attendance/attendanceReport.js';
import { dayName, queryReport } from '../../../../src/projections/reports/reportKit.js';
import { DAY_MS } from '../../../../src/domain/calendar/zone.js';
import { SHOP, eventBuilder, local } from './attendanceEvents.js';

type Status = 'online' | 'busy' | 'offline';
const step = fc.record({ gapMin: fc.integer({ min: 1, max: 900 }), to: fc.constantFrom<Status>('online', 'busy', 'offline') });
const steps = fc.array(step, { minLength: 1, maxLength: 40 });

/** The events of one agent and its intervals [start, end) per status, the last one running to the last event. */
const build = (start: number, list: readonly { gapMin: number; to: Status }[]) => {
  const b = eventBuilder();
  const events: ProjectedEvent[] = [b.registered('a1', start)];
  const intervals: { status: Status; s: number; e: number }[] = [];
  let status: Status = 'offline';
  let at = start;
  for (const { gapMin, to } of list) {
    const next = at + gapMin * 60_000;
    intervals.push({ status, s: at, e: next });
    events.push(b.status('a1', status, to, next));
    status = to;
    at = next;
  }
  return { events, intervals, end: at, final: status, changes: events.slice(1).map((e) => (e.data as { at: number }).at) };
};

const fetchRows = (zone: string, events: readonly ProjectedEvent[], from: string, to: string) => {
  const state = project(attendanceReport.projection({ zone }), events);
  const result = queryReport(attendanceReport, state, { shopId: SHOP, from, to, agents: ['a1'] }, { zone });
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
  return result.right.filter((r) => r.agentId === 'a1');
};

const SHANGHAI_MS = 8 * 3_600_000;
const two = (n: number) => String(n).padStart(2, '0');
const hms = (ms: number) => `${two(Math.floor(ms / 3_600_000))}:${two(Math.floor((ms % 3_600_000) / 60_000))}:${two(Math.floor((ms % 60_000) / 1000))}`;

/** The definition read literally, for Shanghai (no DST: day d starts at d * DAY_MS - 8 h). */
const reference = (intervals: readonly { status: Status; s: number; e: number }[], changes: readonly number[], end: number, final: Status) => {
  const dayOf = (at: number) => Math.floor((at + SHANGHAI_MS) / DAY_MS);
  const startOf = (day: number) => day * DAY_MS - SHANGHAI_MS;
  const pieces = new Map<number, { status: Status; s: number; e: number }[]>();
  for (const { status, s, e } of intervals) {
    for (let day = dayOf(s); startOf(day) < e; day++) {
      const ps = Math.max(s, startOf(day));
      const pe = Math.min(e, startOf(day + 1));
      if (pe > ps) pieces.set(day, [...(pieces.get(day) ?? []), { status, s: ps, e: pe }]);
    }
  }
  // The status the agent is in at the end, for no time yet: online from `end` makes `end` an earliest online.
  if (final !== 'offline') pieces.set(dayOf(end), [...(pieces.get(dayOf(end)) ?? []), { status: final, s: end, e: end }]);
  const days = new Set([...changes.map(dayOf), ...[...pieces].filter(([, ps]) => ps.some((p) => p.status !== 'offline')).map(([d]) => d)]);
  return [...days]
    .sort((a, b) => a - b)
    .map((day) => {
      const ps = pieces.get(day) ?? [];
      const on = ps.filter((p) => p.status !== 'offline');
      const earliest = on.length === 0 ? null : Math.min(...on.map((p) => p.s));
      const lastOnEnd = on.length === 0 ? null : Math.max(...on.map((p) => p.e));
      const latest =
        lastOnEnd === null ? null : lastOnEnd === startOf(day + 1) ? DAY_MS : lastOnEnd === end && final !== 'offline' ? null : lastOnEnd - startOf(day);
      const sum = (status: Status, inside = false) =>
        ps.filter((p) => p.status === status && (!inside || (earliest !== null && lastOnEnd !== null && p.s >= earliest && p.e <= lastOnEnd))).reduce((a, p) => a + p.e - p.s, 0) / 1000;
      return {
        agentId: 'a1',
        day: dayName(day),
        earliestOnline: earliest === null ? null : hms(earliest - startOf(day)),
        latestOffline: latest === null ? null : hms(latest),
        serviceSec: sum('online') + sum('busy'),
        onlineSec: sum('online'),
        busySec: sum('busy'),
        offlineSec: sum('offline', true),
      };
    });
};

describe('M17 attendance: properties over random status sequences', () => {
  test.prop([fc.integer({ min: 0, max: 1439 }), steps], { numRuns: 300 })('M17: every row equals the brute-force reading of the definition (Asia/Shanghai)', (offsetMin, list) => {
    const { events, intervals, end, changes, final } = build(local('2026-03-10 00:00') + offsetMin * 60_000, list);
    const rows = fetchRows('Asia/Shanghai', events, '2026-03-01', '2026-04-30');
    expect(rows).toEqual(reference(intervals, changes, end, final));
    for (const r of rows) {
      expect(r.serviceSec).toBe(r.onlineSec + r.busySec);
      expect(r.onlineSec + r.busySec + r.offlineSec).toBeLessThanOrEqual(86_400);
    }
  });

  test.prop([fc.integer({ min: 0, max: 1439 }), steps], { numRuns: 200 })('M17: the days of a span add up to the time in each status, across a DST change (Europe/Berlin)', (offsetMin, list) => {
    const { events, intervals } = build(Date.parse('2026-03-27T00:00:00+01:00') + offsetMin * 60_000, list);
    const rows = fetchRows('Europe/Berlin', events, '2026-03-01', '2026-04-30');
    const total = (status: Status) => intervals.filter((i) => i.status === status).reduce((a, i) => a + i.e - i.s, 0) / 1000;
    expect(rows.reduce((a, r) => a + r.onlineSec, 0)).toBe(total('online'));
    expect(rows.reduce((a, r) => a + r.busySec, 0)).toBe(total('busy'));
    for (const r of rows) {
      expect(r.serviceSec).toBe(r.onlineSec + r.busySec);
      // 29 March 2026 has 23 hours in Berlin, other days 24.
      expect(r.onlineSec + r.busySec + r.offlineSec).toBeLessThanOrEqual(r.day === '2026-03-29' ? 82_800 : 86_400);
    }
  });
});
