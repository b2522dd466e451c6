/**
 * T4/T11 提醒条件: the reminder rules of a clock turned into points of elapsed
 * business time, each with a stable key (what `ClockRecord.fired` records, so
 * that a point fires once per ticket clock, also after a recompute):
 * - before m:          `before-<m>` at target - m; a `before` larger than the
 *                      target fires at elapsed 0 (the first instant the clock runs);
 * - at:                `at` at the target;
 * - after every e x n: `after-<e>x<k>` at target + k*e for k = 1..n;
 * - the breach:        `breach` at the target, always, whatever the rules.
 * Sorted by elapsed time, then before < at < breach < after; identical keys
 * (two identical rules) give one point.
 */
import type { ReminderRule, SlaClock } from '../settings/ticketSettingsTypes.js';

export type PointWhen = 'before' | 'at' | 'after' | 'breach';

export interface ReminderPoint {
  readonly key: string;
  readonly clock: SlaClock;
  readonly when: PointWhen;
  readonly elapsedSeconds: number;
}

export const BREACH_KEY = 'breach';

const ORDER: Readonly<Record<PointWhen, number>> = { before: 0, at: 1, breach: 2, after: 3 };

/** The key of a point: `before-30`, `at`, `breach`, `after-60x3` (the third of every 60 minutes). */
export const pointKey = (when: PointWhen, minutes = 0, k = 0): string =>
  when === 'before' ? `before-${minutes}` : when === 'after' ? `after-${minutes}x${k}` : when === 'at' ? 'at' : BREACH_KEY;

const byElapsedThenKind = (a: ReminderPoint, b: ReminderPoint): number =>
  a.elapsedSeconds - b.elapsedSeconds || ORDER[a.when] - ORDER[b.when] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export const reminderPoints = (rules: readonly ReminderRule[], clock: SlaClock, targetMinutes: number): readonly ReminderPoint[] => {
  const target = targetMinutes * 60;
  const points = new Map<string, ReminderPoint>();
  const add = (point: ReminderPoint) => {
    if (!points.has(point.key)) points.set(point.key, point);
  };
  add({ key: BREACH_KEY, clock, when: 'breach', elapsedSeconds: target });
  for (const rule of rules) {
    if (rule.clock !== clock) continue;
    const when = rule.when;
    switch (when.kind) {
      case 'before':
        add({ key: pointKey('before', when.minutes), clock, when: 'before', elapsedSeconds: Math.max(0, target - when.minutes * 60) });
        break;
      case 'at':
        add({ key: pointKey('at'), clock, when: 'at', elapsedSeconds: target });
        break;
      case 'after':
        for (let k = 1; k <= when.count; k++) {
          add({ key: pointKey('after', when.everyMinutes, k), clock, when: 'after', elapsedSeconds: target + k * when.everyMinutes * 60 });
        }
        break;
    }
  }
  return [...points.values()].sort(byElapsedThenKind);
};
