// T4/T5/T11 properties of the SLA record: the breach fires exactly when elapsed
// business time reaches the target, every point fires once whatever the order of
// checks and recomputes, nothing fires after a stop, and a recompute gives the
// running clocks a ticket created under the new policy would have.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { Calendar } from '../../../src/domain/calendar/calendarTypes.js';
import type { SlaClock, SlaPolicy } from '../../../src/tickets/settings/ticketSettingsTypes.js';
import { SLA_CLOCKS } from '../../../src/tickets/settings/ticketSettingsTypes.js';
import { reminderPoints } from '../../../src/tickets/sla/reminderPoints.js';
import { instantAtElapsed } from '../../../src/tickets/sla/slaClock.js';
import { clockInputOf, firePoints, fixClock, fixTargets, stopClock } from '../../../src/tickets/sla/slaTargets.js';
import type { Interval, TicketSla } from '../../../src/tickets/sla/slaTypes.js';
import {
  MIN,
  WINDOW_MINUTES,
  bruteClock,
  calendarDefinition,
  compiled,
  createdAtArb,
  pausesArb,
  pausesKnownAt,
  policyArb,
  versionOf,
} from './slaArbitraries.js';

const clockArb = fc.constantFrom<SlaClock>('response', 'resolution');

const ticketCase = fc.tuple(calendarDefinition, createdAtArb).chain(([definition, createdAt]) =>
  fc.record({ definition: fc.constant(definition), createdAt: fc.constant(createdAt), pauses: pausesArb(createdAt) }),
);

/** The ticket's SLA as the ticket module keeps it: re-fixed with the pauses known at `now`, then points fired. */
const refix = (policy: SlaPolicy, version: number, calendar: Calendar, createdAt: number, pauses: readonly Interval[], previous?: TicketSla): TicketSla =>
  fixTargets({ version: versionOf(version, policy), policy, calendar, priority: 'urgent', createdAt, pauses, ...(previous !== undefined ? { previous } : {}) });

const withRecord = (sla: TicketSla, clock: SlaClock, record: TicketSla['clocks'][SlaClock]): TicketSla => ({ ...sla, clocks: { ...sla.clocks, [clock]: record } });

describe('T4/T11 the breach fires exactly when elapsed business time reaches the target', () => {
  test.prop([ticketCase, policyArb, clockArb, fc.uniqueArray(fc.integer({ min: 0, max: WINDOW_MINUTES - 1 }), { minLength: 1, maxLength: 15 })], { numRuns: 60 })(
    'reported at the first check whose elapsed >= target, breachedAt = the instant it was reached, never twice',
    ({ definition, createdAt, pauses }, policy, clock, offsets) => {
      const calendar = compiled(definition);
      const target = clock === 'response' ? policy.targets.urgent.responseMinutes : policy.targets.urgent.resolutionMinutes;
      const brute = bruteClock(definition, createdAt, clock === 'resolution' ? pauses : []);
      const reachedAt = brute.instantAt(target);
      let sla = refix(policy, 1, calendar, createdAt, pausesKnownAt(pauses, createdAt));
      let reports = 0;
      for (const now of [...offsets].sort((a, b) => a - b).map((m) => createdAt + m * MIN)) {
        const known = pausesKnownAt(pauses, now);
        sla = refix(policy, 1, calendar, createdAt, known, sla);
        const fired = firePoints(sla, clock, policy.reminders, clockInputOf(clock, calendar, createdAt, known), now);
        sla = withRecord(sla, clock, fired.record);
        const due = brute.elapsedMinutes(now) >= target;
        if (fired.breached) {
          reports++;
          expect(due).toBe(true);
          expect(fired.record.breachedAt).toBe(reachedAt);
          expect(fired.points.find((p) => p.key === 'breach')?.at).toBe(reachedAt);
        } else {
          // Not yet reached, or reported at an earlier check.
          expect(due ? reports : 0).toBe(due ? 1 : 0);
        }
        for (const p of fired.points) expect(p.at).toBeLessThanOrEqual(now);
      }
      expect(reports).toBeLessThanOrEqual(1);
    },
  );
});

type Action = { readonly kind: 'check' } | { readonly kind: 'recompute'; readonly policy: number } | { readonly kind: 'stop'; readonly clock: SlaClock };
const actionArb: fc.Arbitrary<{ dt: number; action: Action }> = fc.record({
  dt: fc.integer({ min: 0, max: 600 }),
  action: fc.oneof(
    { weight: 5, arbitrary: fc.constant({ kind: 'check' as const }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('recompute' as const), policy: fc.integer({ min: 0, max: 2 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('stop' as const), clock: clockArb }) },
  ),
});

describe('T11 every reminder point fires once, across checks and recomputes; nothing after a stop', () => {
  test.prop([ticketCase, fc.array(policyArb, { minLength: 3, maxLength: 3 }), fc.array(actionArb, { maxLength: 14 })], { numRuns: 60 })(
    'no key twice, each at or before its check, all due points fired at the end',
    ({ definition, createdAt, pauses }, policies, actions) => {
      const calendar = compiled(definition);
      let policy = policies[0]!;
      let now = createdAt;
      let sla = refix(policy, 1, calendar, createdAt, []);
      const reported: Record<SlaClock, string[]> = { response: [], resolution: [] };
      const check = () => {
        const known = pausesKnownAt(pauses, now);
        for (const clock of SLA_CLOCKS) {
          const wasStopped = sla.clocks[clock].stoppedAt !== undefined;
          const fired = firePoints(sla, clock, policy.reminders, clockInputOf(clock, calendar, createdAt, known), now);
          if (wasStopped) {
            expect(fired.points).toEqual([]);
            expect(fired.record).toBe(sla.clocks[clock]);
          }
          for (const p of fired.points) expect(p.at).toBeLessThanOrEqual(now);
          expect(fired.points.map((p) => p.at)).toEqual([...fired.points.map((p) => p.at)].sort((a, b) => a - b));
          reported[clock].push(...fired.points.map((p) => p.key));
          // fire and fix agree on what comes next
          const input = clockInputOf(clock, calendar, createdAt, known);
          expect(fired.record.nextAt).toBe(fixClock(policy.reminders, clock, fired.record.targetMinutes, input, fired.record).nextAt);
          sla = withRecord(sla, clock, fired.record);
        }
      };
      for (const { dt, action } of actions) {
        now = Math.min(now + dt * MIN, createdAt + WINDOW_MINUTES * MIN);
        const known = pausesKnownAt(pauses, now);
        switch (action.kind) {
          case 'check':
            check();
            break;
          case 'recompute':
            policy = policies[action.policy]!;
            sla = refix(policy, sla.version + 1, calendar, createdAt, known, sla);
            break;
          case 'stop': {
            const stopped = stopClock(sla.clocks[action.clock], clockInputOf(action.clock, calendar, createdAt, known), now, sla);
            sla = withRecord(sla, action.clock, stopped);
            expect(stopped.nextAt).toBeNull();
            break;
          }
        }
      }
      check();
      const known = pausesKnownAt(pauses, now);
      for (const clock of SLA_CLOCKS) {
        expect(new Set(reported[clock]).size).toBe(reported[clock].length);
        expect(sla.clocks[clock].fired).toEqual(reported[clock]);
        const record = sla.clocks[clock];
        if (record.stoppedAt !== undefined) continue;
        const input = clockInputOf(clock, calendar, createdAt, known);
        for (const p of reminderPoints(policy.reminders, clock, record.targetMinutes)) {
          const at = instantAtElapsed(input.calendar, createdAt, input.pauses, p.elapsedSeconds);
          if (at !== null && at <= now) expect(record.fired).toContain(p.key);
        }
      }
    },
  );
});

describe('T4 a recompute is retroactive for running clocks and keeps stopped ones', () => {
  test.prop([ticketCase, policyArb, policyArb, fc.integer({ min: 0, max: WINDOW_MINUTES }), fc.option(clockArb)], { numRuns: 80 })(
    'fixTargets(previous under the old policy) = fixTargets(new policy) when nothing fired; a stopped clock keeps its record',
    ({ definition, createdAt, pauses }, oldPolicy, newPolicy, stopMinute, stop) => {
      const calendar = compiled(definition);
      const now = createdAt + stopMinute * MIN;
      const known = pausesKnownAt(pauses, now);
      let previous = refix(oldPolicy, 1, calendar, createdAt, known);
      if (stop !== null) previous = withRecord(previous, stop, stopClock(previous.clocks[stop], clockInputOf(stop, calendar, createdAt, known), now, previous));
      const recomputed = refix({ ...newPolicy, policyId: 'p2' }, 2, calendar, createdAt, known, previous);
      const fresh = refix({ ...newPolicy, policyId: 'p2' }, 2, calendar, createdAt, known);
      expect(recomputed.version).toBe(2);
      expect(recomputed.policyId).toBe('p2');
      for (const clock of SLA_CLOCKS) {
        if (clock === stop) {
          expect(recomputed.clocks[clock]).toBe(previous.clocks[clock]);
          expect(recomputed.clocks[clock].stoppedUnder).toEqual({ version: 1, policyId: 'p1', policyRevision: oldPolicy.revision });
        } else {
          expect(recomputed.clocks[clock]).toEqual(fresh.clocks[clock]);
        }
      }
    },
  );
});
