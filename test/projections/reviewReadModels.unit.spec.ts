/**
 * The read models of ratings, stars and summaries on their own: the months
 * window (S13), the bounds that keep them small, and their options.
 */
import { describe, expect, it } from 'vitest';
import type { ReviewEvent } from '../../src/domain/review/reviewEvents.js';
import { project, type ProjectedEvent } from '../../src/projections/projection.js';
import { agentSatisfactionOf, sessionRatingOf, sessionRatingsProjection } from '../../src/projections/sessionRatings.js';
import { sessionSummariesProjection } from '../../src/projections/sessionSummaries.js';
import { starredSessionsOf, starredSessionsProjection } from '../../src/projections/starredSessions.js';
import { monthsBefore } from '../../src/projections/timeWindow.js';

const SHOP = 'shop-rm';
const at = (iso: string) => Date.parse(iso);

let position = 0;
const event = (type: ReviewEvent['type'], data: Record<string, unknown>): ProjectedEvent<ReviewEvent> => {
  position++;
  return {
    type,
    data,
    schemaVersion: 1,
    stream: `review-${SHOP}-${String(data.sessionId)}`,
    streamVersion: position,
    globalPosition: position,
    metadata: { eventId: `e${position}`, shopId: SHOP, actor: { kind: 'system' }, occurredAt: Number(data.at), correlationId: 'c', causationId: 'c' },
  } as ProjectedEvent<ReviewEvent>;
};
const starred = (sessionId: string, agentId: string, when: number) => event('SessionStarred', { sessionId, agentId, customerId: `c-${sessionId}`, at: when });

describe('S13: the months window', () => {
  it('S13: six calendar months back, the day clamped to the shorter month', () => {
    expect(monthsBefore(at('2027-06-02T10:00:00Z'), 6)).toBe(at('2026-12-02T10:00:00Z'));
    expect(monthsBefore(at('2027-08-31T23:59:59.999Z'), 6)).toBe(at('2027-02-28T23:59:59.999Z'));
    expect(monthsBefore(at('2028-08-31T00:00:00Z'), 6)).toBe(at('2028-02-29T00:00:00Z'));
    expect(monthsBefore(at('2027-03-15T08:00:00Z'), 1)).toBe(at('2027-02-15T08:00:00Z'));
    for (const bad of [0, -1, 2.5, 1201]) expect(() => monthsBefore(0, bad)).toThrow(/months must be an integer/);
  });

  it('S13: a star drops the agent\'s stars already outside the window, and the list keeps at most `limit`', () => {
    const t0 = at('2027-01-10T00:00:00Z');
    const few = starredSessionsProjection({ limit: 2, windowMonths: 3 });
    const state = project(few, [starred('s1', 'a1', t0), starred('s2', 'a1', t0 + 1), starred('s3', 'a1', t0 + 2), starred('s9', 'a2', t0)]);
    expect(starredSessionsOf(state, SHOP, 'a1', t0 + 3).map((s) => s.sessionId)).toEqual(['s3', 's2']);
    const later = project(few, [starred('s4', 'a1', at('2027-05-01T00:00:00Z'))], state);
    // s2 and s3 are older than three months before the new star: gone from memory, not only from the query.
    expect(later.lists.getIn([SHOP, 'a1'])).toMatchObject({ size: 1 });
    expect(later.starredBy.getIn([SHOP, 's2'])).toBeUndefined();
    expect(starredSessionsOf(later, SHOP, 'a2', t0, 6).map((s) => s.sessionId)).toEqual(['s9']);
    expect(() => starredSessionsProjection({ limit: 0 })).toThrow(/limit must be an integer/);
    expect(() => starredSessionsProjection({ windowMonths: 0 })).toThrow(/months must be an integer/);
  });
});

describe('S10: session ratings read model', () => {
  it('keeps the newest `limit` sessions per shop; the per-agent figures stay exact', () => {
    const t0 = at('2027-01-10T00:00:00Z');
    const rated = (sessionId: string, score: number) =>
      event('SessionRated', { sessionId, ratingNo: 1, source: 'customer', customerId: 'c', score, creditedTo: ['a1'], counts: true, at: t0 });
    const state = project(sessionRatingsProjection({ limit: 2 }), [rated('s1', 5), rated('s2', 3), rated('s3', 1)]);
    expect(sessionRatingOf(state, SHOP, 's1')).toBeUndefined();
    expect(sessionRatingOf(state, SHOP, 's3')?.best?.score).toBe(1);
    expect(agentSatisfactionOf(state, SHOP, 'a1')).toEqual({ sessions: 3, scoreSum: 9, byScore: [1, 0, 1, 0, 1], average: 3 });
    expect(() => sessionRatingsProjection({ limit: 0 })).toThrow(/limit must be an integer/);
    expect(() => sessionSummariesProjection({ limit: 1.5 })).toThrow(/limit must be an integer/);
  });
});
