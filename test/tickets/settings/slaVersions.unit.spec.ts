/** T4: SLA policies and calendars are versioned: each change publishes a version with its effective time. */
import { describe, expect, it } from 'vitest';
import { calendarOf, matchingPolicy } from '../../../src/tickets/settings/policyMatching.js';
import { latestSlaVersion, slaVersionAt, slaVersionNumbered } from '../../../src/tickets/settings/slaVersions.js';
import { SLA_VERSION_EVENT_TYPES } from '../../../src/tickets/settings/ticketSettingsEvents.js';
import { cmd, HOUR, MINUTE, policy, ready, targets, weekdays } from './harness.js';

describe('T4 SLA versions', () => {
  it('T4: effectiveAt defaults to now; the event carries the version, its effective time and the whole policy (targets in minutes)', async () => {
    const h = await ready();
    const now = h.clock.now();
    const events = await h.ok(cmd('DefineSlaPolicy', policy('p1', ['a'], { targets: targets(90, 1440) })));
    expect(events).toHaveLength(1);
    expect(events[0]!.type).toBe('SlaPolicyDefined');
    expect(events[0]!.data).toMatchObject({ version: 1, effectiveAt: now, at: now, policy: { policyId: 'p1', revision: 1, enabled: true, typeIds: ['a'] } });
    const s = await h.settings();
    const v1 = latestSlaVersion(s);
    expect(v1).toMatchObject({ version: 1, effectiveAt: now });
    expect(v1.policies[0]?.targets.urgent).toEqual({ responseMinutes: 90, resolutionMinutes: 1440 });
    expect(slaVersionAt(s, now - 1).version).toBe(0);
    expect(slaVersionAt(s, now).version).toBe(1);
  });

  it('T4: a future effectiveAt schedules the version: the one in force stays until then', async () => {
    const h = await ready();
    const now = h.clock.now();
    await h.ok(cmd('DefineSlaPolicy', policy('p1', ['a'])));
    await h.ok(cmd('SetSlaPolicyEnabled', { policyId: 'p1', enabled: false, effectiveAt: now + HOUR }));
    const s = await h.settings();
    expect(slaVersionAt(s, now + HOUR - 1)).toMatchObject({ version: 1 });
    expect(slaVersionAt(s, now + HOUR)).toMatchObject({ version: 2, effectiveAt: now + HOUR });
    expect(matchingPolicy(s, slaVersionAt(s, now), 'a1')?.policyId).toBe('p1');
    expect(matchingPolicy(s, slaVersionAt(s, now + HOUR), 'a1')).toBeUndefined();
    expect(slaVersionNumbered(s, 1).policies[0]?.enabled).toBe(true);
  });

  it('T4: effectiveAt before now, or before the latest scheduled version, is too early (nothing written)', async () => {
    const h = await ready();
    const now = h.clock.now();
    expect(await h.refused(cmd('DefineSlaPolicy', policy('p1', ['a'], { effectiveAt: now - 1 })))).toMatchObject({ code: 'ticket-settings.effective-too-early', details: { field: 'data.effectiveAt' } });
    await h.ok(cmd('DefineSlaPolicy', policy('p1', ['a'], { effectiveAt: now + HOUR })));
    // The default (now) is before the scheduled version: refused too.
    expect(await h.refused(cmd('DefineSlaPolicy', policy('p2', ['b'])))).toMatchObject({ code: 'ticket-settings.effective-too-early', details: { field: 'data.effectiveAt', latestVersion: 1 } });
    await h.ok(cmd('DefineSlaPolicy', policy('p2', ['b'], { effectiveAt: now + HOUR })));
    const s = await h.settings();
    expect(slaVersionAt(s, now + HOUR)).toMatchObject({ version: 2 });
    expect(slaVersionAt(s, now + HOUR).policies.map((p) => p.policyId)).toEqual(['p1', 'p2']);
  });

  it('T4: every change bumps the policy revision (from 1, also across a removal); a repeat changes nothing', async () => {
    const h = await ready();
    const revision = async () => latestSlaVersion(await h.settings()).policies.find((p) => p.policyId === 'p1')?.revision;
    await h.ok(cmd('DefineSlaPolicy', policy('p1', ['a'])));
    expect(await revision()).toBe(1);
    expect(await h.ok(cmd('DefineSlaPolicy', policy('p1', ['a'])))).toEqual([]);
    await h.ok(cmd('DefineSlaPolicy', policy('p1', ['a'], { name: '售后SLA' })));
    expect(await revision()).toBe(2);
    await h.ok(cmd('SetSlaPolicyEnabled', { policyId: 'p1', enabled: false }));
    expect(await revision()).toBe(3);
    expect(await h.ok(cmd('SetSlaPolicyEnabled', { policyId: 'p1', enabled: false }))).toEqual([]);
    await h.ok(cmd('RemoveSlaPolicy', { policyId: 'p1' }));
    expect(await revision()).toBeUndefined();
    expect(await h.code(cmd('RemoveSlaPolicy', { policyId: 'p1' }))).toBe('ticket-settings.unknown-policy');
    expect(await h.code(cmd('SetSlaPolicyEnabled', { policyId: 'p1', enabled: true }))).toBe('ticket-settings.unknown-policy');
    await h.ok(cmd('DefineSlaPolicy', policy('p1', ['a'])));
    expect(await revision()).toBe(4);
    const s = await h.settings();
    expect(s.slaVersions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5]);
    // Old versions keep their content.
    expect(slaVersionNumbered(s, 2).policies[0]).toMatchObject({ name: '售后SLA', enabled: true, revision: 2 });
    expect(slaVersionNumbered(s, 4).policies).toEqual([]);
  });

  it('T4: each SLA command writes one event of SLA_VERSION_EVENT_TYPES with version and effectiveAt', async () => {
    const h = await ready();
    const inputs = [
      cmd('DefineSlaCalendar', { calendarId: 'work', name: '工作日', definition: weekdays }),
      cmd('DefineSlaPolicy', policy('p1', ['a'], { calendar: { kind: 'calendar', calendarId: 'work' } })),
      cmd('SetSlaPolicyEnabled', { policyId: 'p1', enabled: false }),
      cmd('RemoveSlaPolicy', { policyId: 'p1' }),
      cmd('RemoveSlaCalendar', { calendarId: 'work' }),
    ];
    let version = 0;
    for (const input of inputs) {
      const events = await h.ok(input);
      expect(events).toHaveLength(1);
      expect(SLA_VERSION_EVENT_TYPES).toContain(events[0]!.type);
      expect(events[0]!.data).toMatchObject({ version: ++version, effectiveAt: h.clock.now() });
      await h.later(MINUTE);
    }
    expect([...SLA_VERSION_EVENT_TYPES].sort()).toEqual(['SlaCalendarDefined', 'SlaCalendarRemoved', 'SlaPolicyDefined', 'SlaPolicyEnabledSet', 'SlaPolicyRemoved']);
  });

  it('T4: a policy counts on a calendar of the latest version, which stays while a policy uses it; 24x7 is UTC round the clock', async () => {
    const h = await ready();
    expect(await h.refused(cmd('DefineSlaPolicy', policy('p1', ['a'], { calendar: { kind: 'calendar', calendarId: 'work' } })))).toMatchObject({
      code: 'ticket-settings.unknown-calendar',
      details: { field: 'data.calendar.calendarId' },
    });
    await h.ok(cmd('DefineSlaCalendar', { calendarId: 'work', name: '工作日', definition: weekdays }));
    expect(await h.ok(cmd('DefineSlaCalendar', { calendarId: 'work', name: '工作日', definition: weekdays }))).toEqual([]);
    await h.ok(cmd('DefineSlaPolicy', policy('p1', ['a'], { calendar: { kind: 'calendar', calendarId: 'work' } })));
    await h.ok(cmd('DefineSlaPolicy', policy('p2', ['b'])));
    expect(await h.refused(cmd('RemoveSlaCalendar', { calendarId: 'work' }))).toMatchObject({ code: 'ticket-settings.calendar-in-use', details: { field: 'data.calendarId', policyId: 'p1' } });
    expect(await h.code(cmd('RemoveSlaCalendar', { calendarId: 'home' }))).toBe('ticket-settings.unknown-calendar');
    const s = await h.settings();
    const v = latestSlaVersion(s);
    const work = calendarOf(v, v.policies[0]!);
    expect(work.kind).toBe('weekly');
    expect(work.zone).toBe('Asia/Shanghai');
    expect(calendarOf(v, v.policies[1]!)).toMatchObject({ kind: '24x7', zone: 'UTC' });
  });

  it('T4: a policy names known types (the index is named) and agents of the desk as people', async () => {
    const h = await ready();
    expect(await h.refused(cmd('DefineSlaPolicy', policy('p1', ['a', 'zz'])))).toMatchObject({ code: 'ticket-settings.unknown-type', details: { field: 'data.typeIds.1' } });
    expect(await h.refused(cmd('DefineSlaPolicy', policy('p1', ['a'], { recipients: { assignee: true, creator: true, people: ['ghost'] } })))).toMatchObject({
      code: 'ticket-settings.unknown-agent',
      details: { field: 'data.recipients.people.0' },
    });
    await h.ok(cmd('DefineSlaPolicy', policy('p1', ['a'], { recipients: { assignee: false, creator: true, people: ['lead'] }, reminders: [{ clock: 'response', when: { kind: 'before', minutes: 10 } }, { clock: 'resolution', when: { kind: 'after', everyMinutes: 30, count: 3 } }] })));
    const p = latestSlaVersion(await h.settings()).policies[0]!;
    expect(p.recipients).toEqual({ assignee: false, creator: true, people: ['lead'] });
    expect(p.reminders).toHaveLength(2);
  });
});

describe('T4 matching rule (policyMatching.ts)', () => {
  it('T4: a parent type covers its children; the most specific wins; a tie goes to the first created; disabled is ignored', async () => {
    const h = await ready();
    await h.ok(cmd('DefineSlaPolicy', policy('whole', ['a'])));
    let s = await h.settings();
    let v = latestSlaVersion(s);
    expect(['a', 'a1', 'a11', 'a2'].map((t) => matchingPolicy(s, v, t)?.policyId)).toEqual(['whole', 'whole', 'whole', 'whole']);
    expect(matchingPolicy(s, v, 'b')).toBeUndefined();
    await h.ok(cmd('DefineSlaPolicy', policy('returns', ['b', 'a1'])));
    await h.ok(cmd('DefineSlaPolicy', policy('returns-too', ['a1'])));
    s = await h.settings();
    v = latestSlaVersion(s);
    expect(matchingPolicy(s, v, 'a11')?.policyId).toBe('returns');
    expect(matchingPolicy(s, v, 'a2')?.policyId).toBe('whole');
    expect(matchingPolicy(s, v, 'b')?.policyId).toBe('returns');
    await h.ok(cmd('SetSlaPolicyEnabled', { policyId: 'returns', enabled: false }));
    s = await h.settings();
    v = latestSlaVersion(s);
    expect(matchingPolicy(s, v, 'a11')?.policyId).toBe('returns-too');
    expect(matchingPolicy(s, v, 'b')).toBeUndefined();
    // Redefining keeps a policy's place in the creation order.
    await h.ok(cmd('SetSlaPolicyEnabled', { policyId: 'returns', enabled: true }));
    await h.ok(cmd('DefineSlaPolicy', policy('returns', ['a1'], { name: 'renamed' })));
    s = await h.settings();
    expect(matchingPolicy(s, latestSlaVersion(s), 'a1')?.name).toBe('renamed');
  });
});
