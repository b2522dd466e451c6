/**
 * The one place the ticket module meets the SLA configuration (ticket-settings:
 * versions, matching, calendars) and the pure SLA clock (tickets/sla): which
 * policy a ticket follows at an instant, on which calendar, and the clock
 * inputs of a ticket. Everything else of the module asks these functions, so a
 * change of either side's signatures changes this file only.
 */
import type { Calendar } from '../../domain/calendar/calendarTypes.js';
import { ALWAYS_OPEN_UTC, calendarOf, matchingPolicy } from '../settings/policyMatching.js';
import { slaVersionAt, slaVersionNumbered } from '../settings/slaVersions.js';
import type { SlaClock, SlaPolicy, SlaVersion, TicketSettingsState } from '../settings/ticketSettingsTypes.js';
import { clockInputOf, type ClockInput } from '../sla/slaTargets.js';
import type { Interval, TicketSla } from '../sla/slaTypes.js';

export { firePoints, fixTargets, isStopped, stopClock } from '../sla/slaTargets.js';
export type { ClockInput } from '../sla/slaTargets.js';
export { slaVersionAt } from '../settings/slaVersions.js';

/** What a ticket follows at an instant: the version in force, its matching policy and that policy's calendar. */
export interface InForce {
  readonly version: SlaVersion;
  readonly policy: SlaPolicy;
  readonly calendar: Calendar;
}

/** The version in force at `at` (0 when none yet). */
export const versionNumberAt = (settings: TicketSettingsState, at: number): number => slaVersionAt(settings, at).version;

/** The policy a ticket of `typeId` follows under the version in force at `at`; undefined: no SLA. */
export const policyInForce = (settings: TicketSettingsState, at: number, typeId: string): InForce | undefined => {
  const version = slaVersionAt(settings, at);
  const policy = matchingPolicy(settings, version, typeId);
  return policy === undefined ? undefined : { version, policy, calendar: calendarOf(version, policy) };
};

/** The policy a ticket's SLA record was fixed under (its version and id), for its reminders and recipients. */
export const policyOfSla = (settings: TicketSettingsState, sla: TicketSla): SlaPolicy | undefined =>
  slaVersionNumbered(settings, sla.version).policies.find((p) => p.policyId === sla.policyId);

/** The calendar a ticket's SLA record counts on, as its version holds it. */
export const calendarOfSla = (settings: TicketSettingsState, sla: TicketSla): Calendar => {
  const version = slaVersionNumbered(settings, sla.version);
  const policy = policyOfSla(settings, sla);
  return policy === undefined ? (version.calendars.get(sla.calendarId)?.calendar ?? ALWAYS_OPEN_UTC) : calendarOf(version, policy);
};

/** A clock's input for a ticket: its creation and, for the resolution clock, its waiting intervals. */
export const clockInput = (clock: SlaClock, calendar: Calendar, createdAt: number, pauses: readonly Interval[]): ClockInput => clockInputOf(clock, calendar, createdAt, pauses);
