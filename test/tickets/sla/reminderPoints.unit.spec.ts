// T4/T11 提醒条件: reminder rules turned into points of elapsed business time.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { ReminderRule } from '../../../src/tickets/settings/ticketSettingsTypes.js';
import { reminderPoints } from '../../../src/tickets/sla/reminderPoints.js';
import { ruleArb } from './slaArbitraries.js';

const rules: ReminderRule[] = [
  { clock: 'response', when: { kind: 'after', everyMinutes: 60, count: 3 } },
  { clock: 'response', when: { kind: 'before', minutes: 30 } },
  { clock: 'response', when: { kind: 'at' } },
  { clock: 'resolution', when: { kind: 'before', minutes: 10 } },
];

describe('T4/T11 reminder points', () => {
  it('before = target - m, at = target, breach = target, after = target + k x every; keys stable', () => {
    expect(reminderPoints(rules, 'response', 120)).toEqual([
      { key: 'before-30', clock: 'response', when: 'before', elapsedSeconds: 90 * 60 },
      { key: 'at', clock: 'response', when: 'at', elapsedSeconds: 120 * 60 },
      { key: 'breach', clock: 'response', when: 'breach', elapsedSeconds: 120 * 60 },
      { key: 'after-60x1', clock: 'response', when: 'after', elapsedSeconds: 180 * 60 },
      { key: 'after-60x2', clock: 'response', when: 'after', elapsedSeconds: 240 * 60 },
      { key: 'after-60x3', clock: 'response', when: 'after', elapsedSeconds: 300 * 60 },
    ]);
  });

  it('takes only the rules of its clock; the breach point is always there', () => {
    expect(reminderPoints(rules, 'resolution', 60).map((p) => p.key)).toEqual(['before-10', 'breach']);
    expect(reminderPoints([], 'resolution', 60)).toEqual([{ key: 'breach', clock: 'resolution', when: 'breach', elapsedSeconds: 3600 }]);
  });

  it('a before larger than the target fires at elapsed 0; identical rules give one point', () => {
    const points = reminderPoints([{ clock: 'response', when: { kind: 'before', minutes: 90 } }, { clock: 'response', when: { kind: 'before', minutes: 90 } }], 'response', 60);
    expect(points).toEqual([
      { key: 'before-90', clock: 'response', when: 'before', elapsedSeconds: 0 },
      { key: 'breach', clock: 'response', when: 'breach', elapsedSeconds: 3600 },
    ]);
  });

  it('before-0 comes before the breach at the same elapsed time', () => {
    expect(reminderPoints([{ clock: 'response', when: { kind: 'before', minutes: 0 } }], 'response', 5).map((p) => p.key)).toEqual(['before-0', 'breach']);
  });

  test.prop([fc.array(ruleArb, { maxLength: 8 }), fc.constantFrom('response' as const, 'resolution' as const), fc.integer({ min: 0, max: 5000 })])(
    'sorted by elapsed then before < at < breach < after, unique keys, one breach at the target, nothing negative',
    (someRules, clock, target) => {
      const points = reminderPoints(someRules, clock, target);
      const order = { before: 0, at: 1, breach: 2, after: 3 };
      for (let i = 1; i < points.length; i++) {
        const [a, b] = [points[i - 1]!, points[i]!];
        expect(a.elapsedSeconds < b.elapsedSeconds || (a.elapsedSeconds === b.elapsedSeconds && order[a.when] <= order[b.when])).toBe(true);
      }
      expect(new Set(points.map((p) => p.key)).size).toBe(points.length);
      expect(points.filter((p) => p.key === 'breach')).toEqual([{ key: 'breach', clock, when: 'breach', elapsedSeconds: target * 60 }]);
      for (const p of points) {
        expect(p.elapsedSeconds).toBeGreaterThanOrEqual(0);
        expect(p.clock).toBe(clock);
      }
      const expectedCount = new Set(
        someRules
          .filter((r) => r.clock === clock)
          .flatMap((r) => (r.when.kind === 'after' ? Array.from({ length: r.when.count }, (_, k) => `after-${r.when.kind === 'after' ? r.when.everyMinutes : 0}x${k + 1}`) : [r.when.kind === 'before' ? `before-${r.when.minutes}` : 'at'])),
      ).size;
      expect(points.length).toBe(expectedCount + 1);
    },
  );
});
