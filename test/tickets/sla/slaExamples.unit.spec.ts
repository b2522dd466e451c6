// T4/T5/T11 examples of the SLA clock on a 09:00-18:00 weekday calendar in
// Asia/Shanghai (UTC+8). Instants are written in UTC (`Z`); local times in comments.
import { describe, expect, it } from 'vitest';
import type { ReminderRule } from '../../../src/tickets/settings/ticketSettingsTypes.js';
import { ALWAYS_OPEN_UTC } from '../../../src/tickets/settings/policyMatching.js';
import { elapsedSeconds, instantAtElapsed } from '../../../src/tickets/sla/slaClock.js';
import { clockInputOf, firePoints, fixClock, fixTargets, nextWakeUp, stopClock, stopSlaClock } from '../../../src/tickets/sla/slaTargets.js';
import { compiled, policyOf, versionOf } from './slaArbitraries.js';

const z = (iso: string) => Date.parse(iso);
const iso = (at: number | null | undefined) => (at === null || at === undefined ? at : new Date(at).toISOString());
const nine = [{ start: '09:00', end: '18:00' }];
const office = compiled({ kind: 'weekly', zone: 'Asia/Shanghai', week: { mon: nine, tue: nine, wed: nine, thu: nine, fri: nine } });
const RULES: ReminderRule[] = [
  { clock: 'response', when: { kind: 'before', minutes: 30 } },
  { clock: 'response', when: { kind: 'after', everyMinutes: 60, count: 3 } },
];
// Thursday 2026-12-03 17:00 local.
const CREATED = z('2026-12-03T09:00:00Z');
const response = clockInputOf('response', office, CREATED, []);
const policy = policyOf({ response: 120, resolution: 8 * 60, reminders: RULES });
const fresh = () => fixTargets({ version: versionOf(3, policy), policy, calendar: office, priority: 'urgent', createdAt: CREATED, pauses: [] });

describe('T4 an urgent 2-hour response target on a 09:00-18:00 calendar', () => {
  it('from Thursday 17:00 is due Friday 10:00; the first reminder is 30 minutes before', () => {
    const sla = fresh();
    expect(iso(sla.clocks.response.dueAt)).toBe('2026-12-04T02:00:00.000Z'); // Fri 10:00
    expect(iso(sla.clocks.response.nextAt)).toBe('2026-12-04T01:30:00.000Z'); // Fri 09:30: before-30
    expect(sla.clocks.response.fired).toEqual([]);
    expect(iso(sla.clocks.resolution.dueAt)).toBe('2026-12-04T08:00:00.000Z'); // 1 h Thu + 7 h Fri: Fri 16:00
    expect(iso(nextWakeUp(sla))).toBe('2026-12-04T01:30:00.000Z');
    expect(sla).toMatchObject({ version: 3, policyId: 'p1', policyRevision: 1, policyName: 'policy', calendarId: 'c1' });
  });

  it('counts business seconds only: the night and a closed lunch-less evening do not count', () => {
    expect(elapsedSeconds(office, CREATED, [], z('2026-12-04T01:00:00Z'))).toBe(3600); // Fri 09:00: only Thu 17-18
    expect(iso(instantAtElapsed(office, CREATED, [], 3600))).toBe('2026-12-03T10:00:00.000Z'); // runs out at the closing: Thu 18:00
    expect(iso(instantAtElapsed(office, z('2026-12-03T11:00:00Z'), [], 0))).toBe('2026-12-04T01:00:00.000Z'); // 0 s: the next opening
  });
});

describe('T11 reminders: 30 minutes before the breach, the breach, then hourly', () => {
  it('fires each point once when its instant passes, catching up in order', () => {
    let sla = fresh();
    const early = firePoints(sla, 'response', RULES, response, z('2026-12-04T01:40:00Z')); // Fri 09:40
    expect(early.points.map((p) => [p.key, iso(p.at)])).toEqual([['before-30', '2026-12-04T01:30:00.000Z']]);
    expect(early.breached).toBe(false);
    expect(iso(early.record.nextAt)).toBe('2026-12-04T02:00:00.000Z');
    sla = { ...sla, clocks: { ...sla.clocks, response: early.record } };

    const late = firePoints(sla, 'response', RULES, response, z('2026-12-04T04:30:00Z')); // Fri 12:30
    expect(late.points.map((p) => [p.key, p.when, iso(p.at)])).toEqual([
      ['breach', 'breach', '2026-12-04T02:00:00.000Z'],
      ['after-60x1', 'after', '2026-12-04T03:00:00.000Z'],
      ['after-60x2', 'after', '2026-12-04T04:00:00.000Z'],
    ]);
    expect(late.breached).toBe(true);
    expect(iso(late.record.breachedAt)).toBe('2026-12-04T02:00:00.000Z');
    expect(late.record.fired).toEqual(['before-30', 'breach', 'after-60x1', 'after-60x2']);
    expect(iso(late.record.nextAt)).toBe('2026-12-04T05:00:00.000Z'); // 13:00
    sla = { ...sla, clocks: { ...sla.clocks, response: late.record } };

    const again = firePoints(sla, 'response', RULES, response, z('2026-12-04T04:30:00Z'));
    expect(again.points).toEqual([]);
    const last = firePoints({ ...sla, clocks: { ...sla.clocks, response: again.record } }, 'response', RULES, response, z('2026-12-07T09:00:00Z'));
    expect(last.points.map((p) => p.key)).toEqual(['after-60x3']);
    expect(last.record.nextAt).toBeNull();
    expect(last.breached).toBe(false);
    expect(iso(last.record.breachedAt)).toBe('2026-12-04T02:00:00.000Z');
  });

  it('a recompute keeps what fired: a shorter target catches up only on the points not fired yet', () => {
    const sla = fresh();
    const early = firePoints(sla, 'response', RULES, response, z('2026-12-04T01:40:00Z'));
    const shorter = fixClock(RULES, 'response', 60, response, early.record);
    expect(iso(shorter.dueAt)).toBe('2026-12-03T10:00:00.000Z'); // Thu 18:00
    expect(iso(shorter.nextAt)).toBe('2026-12-03T10:00:00.000Z'); // the breach, already past: fires at once
    const caught = firePoints({ ...sla, clocks: { ...sla.clocks, response: shorter } }, 'response', RULES, response, z('2026-12-04T01:40:00Z'));
    expect(caught.points.map((p) => p.key)).toEqual(['breach']);
  });
});

describe('T5 stopping a clock: met when stopped at or before the due instant', () => {
  it('stopping exactly at the due instant is met, a minute later breached', () => {
    const { response: record } = fresh().clocks;
    expect(stopClock(record, response, z('2026-12-04T02:00:00Z'))).toMatchObject({ result: 'met', elapsedSeconds: 7200, nextAt: null, stoppedAt: z('2026-12-04T02:00:00Z') });
    expect(stopClock(record, response, z('2026-12-04T02:01:00Z'))).toMatchObject({ result: 'breached', elapsedSeconds: 7260 });
  });

  it('a due time at a closing: an answer after it, while closed, is breached though the elapsed count equals the target', () => {
    // A 1-hour target from Thursday 17:00 runs out at the 18:00 closing; business time then stands still.
    const hour = policyOf({ response: 60, resolution: 8 * 60, reminders: [] });
    const { response: record } = fixTargets({ version: versionOf(3, hour), policy: hour, calendar: office, priority: 'urgent', createdAt: CREATED, pauses: [] }).clocks;
    expect(iso(record.dueAt)).toBe('2026-12-03T10:00:00.000Z'); // Thu 18:00
    expect(stopClock(record, response, z('2026-12-03T10:00:00Z'))).toMatchObject({ result: 'met', elapsedSeconds: 3600 });
    expect(stopClock(record, response, z('2026-12-03T11:00:00Z'))).toMatchObject({ result: 'breached', elapsedSeconds: 3600 }); // Thu 19:00
  });

  it('a stopped clock fires nothing, stays stopped through a recompute, and names the version it stopped under', () => {
    const sla = stopSlaClock(fresh(), 'response', response, z('2026-12-04T01:00:00Z'));
    expect(sla.clocks.response).toMatchObject({ result: 'met', stoppedUnder: { version: 3, policyId: 'p1', policyRevision: 1 } });
    expect(firePoints(sla, 'response', RULES, response, z('2026-12-09T00:00:00Z')).points).toEqual([]);
    const other = policyOf({ response: 5, resolution: 60, reminders: [], policyId: 'p9', revision: 4 });
    const recomputed = fixTargets({ version: versionOf(4, other), policy: other, calendar: ALWAYS_OPEN_UTC, priority: 'urgent', createdAt: CREATED, pauses: [], previous: sla });
    expect(recomputed.clocks.response).toBe(sla.clocks.response);
    expect(recomputed.version).toBe(4);
    expect(recomputed.clocks.resolution.targetMinutes).toBe(60);
    expect(iso(recomputed.clocks.resolution.dueAt)).toBe('2026-12-03T10:00:00.000Z');
    expect(stopClock(sla.clocks.response, response, z('2026-12-09T00:00:00Z'))).toBe(sla.clocks.response);
  });
});

describe('T5 waiting on the customer pauses the resolution clock only', () => {
  // Waiting from Friday 09:00 to 11:00 local: the resolution is due 2 h later, Friday 18:00.
  const pauses = [{ from: z('2026-12-04T01:00:00Z'), to: z('2026-12-04T03:00:00Z') }];
  const withPauses = (p: typeof pauses | { from: number }[]) =>
    fixTargets({ version: versionOf(3, policy), policy, calendar: office, priority: 'urgent', createdAt: CREATED, pauses: p });

  it('a closed pause moves the resolution due time; the response clock ignores it', () => {
    const sla = withPauses(pauses);
    expect(iso(sla.clocks.resolution.dueAt)).toBe('2026-12-04T10:00:00.000Z');
    expect(iso(sla.clocks.response.dueAt)).toBe('2026-12-04T02:00:00.000Z');
  });

  it('while the pause is open the resolution due time is unknown (null) and nothing of it is scheduled', () => {
    const sla = withPauses([{ from: z('2026-12-04T01:00:00Z') }]);
    expect(sla.clocks.resolution.dueAt).toBeNull();
    expect(sla.clocks.resolution.nextAt).toBeNull();
    const input = clockInputOf('resolution', office, CREATED, [{ from: z('2026-12-04T01:00:00Z') }]);
    expect(firePoints(sla, 'resolution', RULES, input, z('2026-12-09T00:00:00Z')).points).toEqual([]);
    expect(elapsedSeconds(office, CREATED, input.pauses, z('2026-12-09T00:00:00Z'))).toBe(3600);
  });
});
