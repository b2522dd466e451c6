/**
 * T4: SLA policies and calendars, versioned. Every change is one event that
 * publishes version latest + 1 (the latest's content with the change), in force
 * from `effectiveAt` (default now), never before now nor before the latest
 * version's effectiveAt (`effective-too-early`): what was in force cannot
 * change. A policy names known types and a calendar of the latest version; a
 * calendar a policy of the latest version uses stays. A policy's revision is one
 * more than the last it ever had (from 1), also across a removal. What changes
 * nothing (the same definition, the same enabled flag) publishes nothing.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { DeskState } from '../../domain/desk/deskState.js';
import type { DomainError } from '../../domain/errors.js';
import { requireAgents } from './groupDecide.js';
import { latestSlaVersion } from './slaVersions.js';
import type { TicketSettingsCommandOf } from './ticketSettingsCommands.js';
import { nothing, refuse, type Decided } from './ticketSettingsErrors.js';
import type { Versioned } from './ticketSettingsEvents.js';
import type { SlaPolicy, SlaVersion, TicketSettingsState } from './ticketSettingsTypes.js';
import { unknownType } from './typeDecide.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** The version a change publishes, or `effective-too-early`. */
export const nextVersionOf = (s: TicketSettingsState, effectiveAt: number | undefined, now: number): E.Either<DomainError, Versioned> => {
  const latest = latestSlaVersion(s);
  const when = effectiveAt ?? now;
  if (when < now) return refuse('ticket-settings.effective-too-early', `effectiveAt ${iso(when)} is before now (${iso(now)}): what was in force cannot change`, 'data.effectiveAt', { effectiveAt: when, now });
  if (when < latest.effectiveAt) {
    return refuse('ticket-settings.effective-too-early', `effectiveAt ${iso(when)} is before version ${latest.version}, scheduled from ${iso(latest.effectiveAt)}`, 'data.effectiveAt', {
      effectiveAt: when,
      latestVersion: latest.version,
      latestEffectiveAt: latest.effectiveAt,
    });
  }
  return E.right({ version: latest.version + 1, effectiveAt: when });
};

/** Structural equality of plain data (what events carry), key order aside. */
const same = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null || Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
};

/** The highest revision a policy ever had, in any version (0: never defined). */
const lastRevision = (s: TicketSettingsState, policyId: string): number => {
  let revision = 0;
  for (const version of s.slaVersions) for (const p of version.policies) if (p.policyId === policyId && p.revision > revision) revision = p.revision;
  return revision;
};

const policyOf = (version: SlaVersion, policyId: string) => version.policies.find((p) => p.policyId === policyId);
const unknownPolicy = (policyId: string) => refuse('ticket-settings.unknown-policy', `no SLA policy ${policyId} in the latest version`, 'data.policyId', { policyId });

export const defineCalendar = (c: TicketSettingsCommandOf<'DefineSlaCalendar'>, s: TicketSettingsState): Decided => {
  const { calendarId, definition } = c.data;
  const name = c.data.name.trim();
  const existing = latestSlaVersion(s).calendars.get(calendarId);
  const version = nextVersionOf(s, c.data.effectiveAt, c.meta.now);
  if (E.isLeft(version)) return version;
  if (existing !== undefined && existing.name === name && same(existing.calendar.definition, definition.definition)) return nothing;
  return E.right([{ type: 'SlaCalendarDefined', data: { ...version.right, calendarId, name, calendar: definition, at: c.meta.now } }]);
};

export const removeCalendar = (c: TicketSettingsCommandOf<'RemoveSlaCalendar'>, s: TicketSettingsState): Decided => {
  const { calendarId } = c.data;
  const latest = latestSlaVersion(s);
  if (!latest.calendars.has(calendarId)) return refuse('ticket-settings.unknown-calendar', `no SLA calendar ${calendarId} in the latest version`, 'data.calendarId', { calendarId });
  const user = latest.policies.find((p) => p.calendar.kind === 'calendar' && p.calendar.calendarId === calendarId);
  if (user !== undefined) return refuse('ticket-settings.calendar-in-use', `SLA policy ${user.policyId} counts on calendar ${calendarId}`, 'data.calendarId', { calendarId, policyId: user.policyId });
  const version = nextVersionOf(s, c.data.effectiveAt, c.meta.now);
  if (E.isLeft(version)) return version;
  return E.right([{ type: 'SlaCalendarRemoved', data: { ...version.right, calendarId, at: c.meta.now } }]);
};

export const definePolicy = (c: TicketSettingsCommandOf<'DefineSlaPolicy'>, s: TicketSettingsState, desk: DeskState): Decided => {
  const { policyId, typeIds, targets, reminders, recipients, calendar } = c.data;
  const latest = latestSlaVersion(s);
  const unknown = typeIds.findIndex((id) => !s.types.has(id));
  if (unknown >= 0) return unknownType(typeIds[unknown]!, `data.typeIds.${unknown}`);
  if (calendar.kind === 'calendar' && !latest.calendars.has(calendar.calendarId)) {
    return refuse('ticket-settings.unknown-calendar', `no SLA calendar ${calendar.calendarId} in the latest version`, 'data.calendar.calendarId', { calendarId: calendar.calendarId });
  }
  const people = requireAgents(desk, recipients.people, 'data.recipients.people');
  if (E.isLeft(people)) return people;
  const version = nextVersionOf(s, c.data.effectiveAt, c.meta.now);
  if (E.isLeft(version)) return version;
  const content = { policyId, name: c.data.name.trim(), typeIds, targets, reminders, recipients, enabled: c.data.enabled ?? true, calendar };
  const existing = policyOf(latest, policyId);
  if (existing !== undefined && same({ ...existing, revision: 0 }, { ...content, revision: 0 })) return nothing;
  const policy: SlaPolicy = { ...content, revision: lastRevision(s, policyId) + 1 };
  return E.right([{ type: 'SlaPolicyDefined', data: { ...version.right, policy, at: c.meta.now } }]);
};

export const setPolicyEnabled = (c: TicketSettingsCommandOf<'SetSlaPolicyEnabled'>, s: TicketSettingsState): Decided => {
  const existing = policyOf(latestSlaVersion(s), c.data.policyId);
  if (existing === undefined) return unknownPolicy(c.data.policyId);
  const version = nextVersionOf(s, c.data.effectiveAt, c.meta.now);
  if (E.isLeft(version)) return version;
  if (existing.enabled === c.data.enabled) return nothing;
  const policy: SlaPolicy = { ...existing, enabled: c.data.enabled, revision: lastRevision(s, existing.policyId) + 1 };
  return E.right([{ type: 'SlaPolicyEnabledSet', data: { ...version.right, policy, at: c.meta.now } }]);
};

export const removePolicy = (c: TicketSettingsCommandOf<'RemoveSlaPolicy'>, s: TicketSettingsState): Decided => {
  if (policyOf(latestSlaVersion(s), c.data.policyId) === undefined) return unknownPolicy(c.data.policyId);
  const version = nextVersionOf(s, c.data.effectiveAt, c.meta.now);
  if (E.isLeft(version)) return version;
  return E.right([{ type: 'SlaPolicyRemoved', data: { ...version.right, policyId: c.data.policyId, at: c.meta.now } }]);
};
