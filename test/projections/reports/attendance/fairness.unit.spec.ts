/**
 * Fairness of assignment over a shift (M17's attendance with the desk's
 * assignments): the Gini coefficient and the max/min ratio as pure functions,
 * against their definitions, and the 'fairness' report on a day computed by hand.
 */
import { fc, test } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { project } from '../../../../src/projections/projection.js';
import { fairnessReport, gini, maxMinRatio } from '../../../../src/projections/reports/attendance/fairness.js';
import { queryReport } from '../../../../src/projections/reports/reportKit.js';
import { expectValidationErrorAt } from '../../../support/validationError.js';
import { SHOP, ZONE, eventBuilder, local } from './attendanceEvents.js';

/** Gini by its definition: sum_i sum_j |x_i - x_j| / (2 n^2 mean). */
const bruteGini = (xs: readonly number[]): number | null => {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n === 0 || mean === 0) return null;
  let sum = 0;
  for (const a of xs) for (const b of xs) sum += Math.abs(a - b);
  return sum / (2 * n * n * mean);
};

// Rates as a report has them (assignments per hour, to 1/1000): no subnormal doubles whose mean underflows to 0.
const rate = (min: number) => fc.integer({ min, max: 100_000 }).map((n) => n / 1000);
const rates = fc.array(rate(0), { minLength: 1, maxLength: 30 });
const positive = fc.array(rate(1), { minLength: 2, maxLength: 30 });

describe('M17 fairness: the Gini coefficient and max/min', () => {
  test.prop([rates])('M17: Gini matches the O(n^2) definition and lies in [0, 1)', (xs) => {
    const g = gini(xs);
    const reference = bruteGini(xs);
    if (reference === null) expect(g).toBeNull();
    else {
      expect(g).toBeCloseTo(reference, 9);
      expect(g).toBeGreaterThanOrEqual(0);
      expect(g).toBeLessThan(1);
    }
  });

  test.prop([fc.double({ min: 0.01, max: 100, noNaN: true }), fc.integer({ min: 1, max: 30 })])('M17: Gini is 0 when every agent has the same rate', (x, n) => {
    expect(gini(Array.from({ length: n }, () => x))).toBe(0);
  });

  test.prop([positive, fc.double({ min: 0.01, max: 1000, noNaN: true })])('M17: Gini and max/min are invariant under scaling', (xs, k) => {
    const scaled = xs.map((x) => x * k);
    expect(gini(scaled)).toBeCloseTo(gini(xs) as number, 9);
    expect(maxMinRatio(scaled)).toBeCloseTo(maxMinRatio(xs) as number, 6);
  });

  test.prop([positive.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length })))])(
    'M17: Gini and max/min are invariant under permutation',
    ([xs, permuted]) => {
      expect(gini(permuted)).toBeCloseTo(gini(xs) as number, 12);
      expect(maxMinRatio(permuted)).toBe(maxMinRatio(xs));
    },
  );

  test.prop([positive])('M17: max/min is at least 1', (xs) => {
    expect(maxMinRatio(xs)).toBeGreaterThanOrEqual(1);
  });

  it('M17: max/min is null with fewer than two agents or a minimum of 0; Gini null for no agents or all zero', () => {
    expect(maxMinRatio([3])).toBeNull();
    expect(maxMinRatio([0, 2])).toBeNull();
    expect(gini([])).toBeNull();
    expect(gini([0, 0])).toBeNull();
    // One agent has everything of two: |1 - 0| * 2 / (2 * 4 * 0.5) = 0.5.
    expect(gini([1, 0])).toBe(0.5);
  });
});

describe('M17 fairness report: a shift computed by hand', () => {
  const b = eventBuilder();
  const events = [
    b.registered('a1', local('2026-03-10 07:00')),
    b.registered('a2', local('2026-03-10 07:00')),
    b.registered('a3', local('2026-03-10 07:00')),
    b.status('a1', 'offline', 'online', local('2026-03-10 08:00')),
    b.status('a2', 'offline', 'online', local('2026-03-10 09:00')),
    b.assigned('s1', 'a1', 'base-mode', local('2026-03-10 08:30')),
    b.assigned('s2', 'a2', 'queue', local('2026-03-10 09:30')),
    b.assigned('s3', 'a1', 'requeue', local('2026-03-10 10:30')),
    b.assigned('s4', 'a1', 'proactive', local('2026-03-10 11:00')), // the agent's own: not the desk's
    b.status('a1', 'online', 'busy', local('2026-03-10 16:00')),
    b.status('a1', 'busy', 'offline', local('2026-03-10 18:00')),
    b.status('a2', 'online', 'offline', local('2026-03-10 17:00')),
  ];
  const state = project(fairnessReport.projection({ zone: ZONE }), events);

  it('M17: assignments per service hour, max/min and Gini over the agents with service time', () => {
    const result = queryReport(fairnessReport, state, { shopId: SHOP, from: '2026-03-10', to: '2026-03-10' }, { zone: ZONE });
    // a1: 2 assignments over 08:00-18:00 = 10 h (8 online + 2 busy): 0.2/h. a2: 1 over 09:00-17:00 = 8 h: 0.125/h. a3: never online.
    // max/min = 0.2 / 0.125 = 1.6; Gini = 2 * 0.075 / (2 * 4 * 0.1625) = 0.15 / 1.3.
    expect(result).toEqual(
      E.right([
        { agentId: 'a1', assignments: 2, onlineHours: 10, assignmentsPerOnlineHour: 0.2, maxMinRatio: null, gini: null, zeroAssignmentAgents: null },
        { agentId: 'a2', assignments: 1, onlineHours: 8, assignmentsPerOnlineHour: 0.125, maxMinRatio: null, gini: null, zeroAssignmentAgents: null },
        { agentId: 'a3', assignments: 0, onlineHours: 0, assignmentsPerOnlineHour: null, maxMinRatio: null, gini: null, zeroAssignmentAgents: null },
        { agentId: '(team)', assignments: 3, onlineHours: 18, assignmentsPerOnlineHour: 3 / 18, maxMinRatio: 1.6, gini: expect.closeTo(0.15 / 1.3, 12), zeroAssignmentAgents: 0 },
      ]),
    );
  });

  it('M17: an unknown agent in the query names `agents.0`', () => {
    const result = queryReport(fairnessReport, state, { shopId: SHOP, from: '2026-03-10', to: '2026-03-10', agents: ['ghost'] }, { zone: ZONE });
    expect(E.isLeft(result)).toBe(true);
    if (E.isLeft(result)) expectValidationErrorAt(result.left, 'agents.0');
  });
});
