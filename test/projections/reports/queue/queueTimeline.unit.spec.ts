/**
 * The queue over the day (issue 19's HTML report, M21's queue length over time):
 * a constructed desk history whose queue grows and drains across quarter-hour
 * edges gives exact rows per 15-minute bucket in the shop's zone: max, end and
 * time-weighted mean length, sessions that joined. Every way out of the queue
 * counts (assignment from the queue, a pick, a requeue served, an end while
 * waiting); what never waited changes nothing; the length is carried across
 * empty buckets and midnight; from/to and asOf bound the rows.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { project } from '../../../../src/projections/projection.js';
import { queryReport } from '../../../../src/projections/reports/reportKit.js';
import { queueTimelineProjection } from '../../../../src/projections/reports/queue/queueTimelineFold.js';
import { queueTimelineReport, type QueueTimelineRow } from '../../../../src/projections/reports/queue/queueTimelineReport.js';
import { projectedEvents } from '../projectedEvents.js';

const ZONE = 'Asia/Shanghai';
const SHOP = 'shop-q';
/** Local wall time on 2026-12-02 in Shanghai (UTC+8). */
const local = (hh: number, mm: number, ss = 0, day = 2) => Date.UTC(2026, 11, day, hh - 8, mm, ss);

const event = projectedEvents(SHOP);
const other = projectedEvents('shop-other');
const request = (sessionId: string) => ({ sessionId, customerId: `c-${sessionId}`, channel: 'web', vip: false });
const queued = (sessionId: string, at: number) => event('SessionQueued', { ...request(sessionId), target: { kind: 'any' }, via: 'no-agent', at }, 'routing');
const assigned = (sessionId: string, via: string, at: number) => event('SessionAssigned', { ...request(sessionId), agentId: 'a1', via, at }, 'routing');
const requeued = (sessionId: string, at: number) => event('SessionRequeued', { ...request(sessionId), from: 'a1', reason: 'agent-offline', target: { kind: 'any' }, at }, 'routing');
const ended = (sessionId: string, at: number) => event('SessionEnded', { sessionId, reason: 'customer-left', agents: [], at }, 'routing');

const history = [
  queued('s1', local(10, 5)),
  queued('s2', local(10, 10)),
  assigned('s1', 'queue', local(10, 14)),
  // Never waited: assigned at once and ended, no change to the queue.
  assigned('s9', 'base-mode', local(10, 16)),
  ended('s9', local(10, 17)),
  queued('s3', local(10, 20)),
  event('QueueTargetChanged', { sessionId: 's3', from: { kind: 'any' }, to: { kind: 'group', groupId: 'g1' }, reason: 'rule-changed', at: local(10, 21) }, 'routing'),
  // Left while waiting.
  ended('s2', local(10, 25)),
  queued('s4', local(10, 50)),
  // s1's agent went offline: it waits again.
  requeued('s1', local(10, 55)),
  // Picked at the very start of a bucket: 3 lasted no time in it.
  assigned('s3', 'manual-pick', local(11, 0)),
  assigned('s4', 'queue', local(11, 5)),
  assigned('s1', 'requeue', local(11, 7, 30)),
  other('SessionQueued', { ...request('x1'), target: { kind: 'any' }, via: 'no-agent', at: local(10, 1) }, 'routing'),
  // Across midnight: waits from 23:50 to 00:20.
  queued('s5', local(23, 50)),
  assigned('s5', 'queue', local(0, 20, 0, 3)),
];

const state = project(queueTimelineProjection(), history);
const rows = (query: Record<string, unknown>): readonly QueueTimelineRow[] => {
  const result = queryReport(queueTimelineReport, state, { shopId: SHOP, ...query }, { zone: ZONE });
  if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
  return result.right;
};
const row = (day: string, bucketStart: string, maxQueueLength: number, endQueueLength: number, meanQueueLength: number, queuedSessions: number): QueueTimelineRow => ({
  day,
  bucketStart,
  maxQueueLength,
  endQueueLength,
  meanQueueLength,
  queuedSessions,
});
const zero = (day: string, bucketStart: string) => row(day, bucketStart, 0, 0, 0, 0);

describe('queue-timeline: the queue per 15-minute bucket in the shop\'s zone (M21 over the day)', () => {
  const day = rows({ from: '2026-12-02', to: '2026-12-02' });

  it('a row per quarter hour of the local day, rows of zeros included', () => {
    expect(day).toHaveLength(96);
    expect(day[0]).toEqual(zero('2026-12-02', '00:00'));
    expect(day[95]?.bucketStart).toBe('23:45');
  });

  it('grows and drains across bucket edges: exact max, end, time-weighted mean and arrivals', () => {
    expect(day.slice(39, 46)).toEqual([
      zero('2026-12-02', '09:45'),
      // 0 for 5 min, 1 for 5, 2 for 4, 1 for 1 (minutes x length: 14 of 15).
      row('2026-12-02', '10:00', 2, 1, 14 / 15, 2),
      // 1 for 5, 2 for 5 (s3 at 10:20), 1 for 5 (s2 left at 10:25); s9 never waited.
      row('2026-12-02', '10:15', 2, 1, 20 / 15, 1),
      // No change: the length is carried.
      row('2026-12-02', '10:30', 1, 1, 1, 0),
      // 1 for 5, 2 for 5, 3 for 5 (s1 requeued).
      row('2026-12-02', '10:45', 3, 3, 2, 2),
      // s3 picked at 11:00:00 (3 lasted no time here), 2 for 5, 1 for 2.5, then empty.
      row('2026-12-02', '11:00', 2, 0, 12.5 / 15, 0),
      zero('2026-12-02', '11:15'),
    ]);
    expect(day.slice(46, 95).every((r) => r.maxQueueLength === 0 && r.meanQueueLength === 0)).toBe(true);
    expect(day[95]).toEqual(row('2026-12-02', '23:45', 1, 1, 10 / 15, 1));
  });

  it('carries the length across midnight into a range that starts after it', () => {
    const next = rows({ from: '2026-12-03', to: '2026-12-03' });
    expect(next.slice(0, 3)).toEqual([row('2026-12-03', '00:00', 1, 1, 1, 0), row('2026-12-03', '00:15', 1, 0, 5 / 15, 0), zero('2026-12-03', '00:30')]);
    expect(rows({ from: '2026-12-02', to: '2026-12-03' })).toEqual([...day, ...next]);
  });

  it('honours from/to and asOf; another shop\'s queue is its own', () => {
    expect(rows({ from: '2026-12-01', to: '2026-12-01' }).every((r) => r.day === '2026-12-01' && r.maxQueueLength === 0)).toBe(true);
    const asked = rows({ from: '2026-12-02', to: '2026-12-02', asOf: local(10, 31) });
    expect(asked.map((r) => r.bucketStart).slice(-2)).toEqual(['10:15', '10:30']);
    const otherShop = queryReport(queueTimelineReport, state, { shopId: 'shop-other', from: '2026-12-02', to: '2026-12-02' }, { zone: ZONE });
    expect(E.isRight(otherShop) && otherShop.right[36]).toEqual(row('2026-12-02', '09:00', 0, 0, 0, 0));
    expect(E.isRight(otherShop) && otherShop.right[40]).toEqual(row('2026-12-02', '10:00', 1, 1, 14 / 15, 1));
  });

  it('names a bucket in the zone it is asked in (UTC: the same instants, other labels)', () => {
    const utc = queryReport(queueTimelineReport, state, { shopId: SHOP, from: '2026-12-02', to: '2026-12-02' }, { zone: 'UTC' });
    // 10:00 in Shanghai is 02:00 UTC.
    expect(E.isRight(utc) && utc.right[8]).toEqual(row('2026-12-02', '02:00', 2, 1, 14 / 15, 2));
  });

  it('folded in two halves through a checkpoint copy (at every split), answers the rows of one pass', () => {
    const query = { shopId: SHOP, from: '2026-12-02', to: '2026-12-03' };
    const whole = queryReport(queueTimelineReport, state, query, { zone: ZONE });
    for (let split = 0; split <= history.length; split++) {
      const first = JSON.parse(JSON.stringify(project(queueTimelineProjection(), history.slice(0, split)))) as typeof state;
      const both = project(queueTimelineProjection(), history.slice(split), first);
      expect(queryReport(queueTimelineReport, both, query, { zone: ZONE }), `split at ${split}`).toEqual(whole);
    }
  });

  it('keeps a JSON-shaped state: a checkpoint copy answers the same rows', () => {
    const copy = JSON.parse(JSON.stringify(state)) as typeof state;
    expect(queryReport(queueTimelineReport, copy, { shopId: SHOP, from: '2026-12-02', to: '2026-12-03' }, { zone: ZONE })).toEqual(
      queryReport(queueTimelineReport, state, { shopId: SHOP, from: '2026-12-02', to: '2026-12-03' }, { zone: ZONE }),
    );
  });
});
