/**
 * T4 触发条件: which SLA policy a ticket of a type follows under a version.
 * Among the version's ENABLED policies, those whose typeIds name the type or
 * one of its ancestors match; the most specific wins (the one naming the
 * nearest: the type itself, then its parent, ...); a tie goes to the policy
 * created first (the order of `SlaVersion.policies`). None: no SLA.
 */
import * as E from 'fp-ts/lib/Either.js';
import { alwaysOpen } from '../../domain/calendar/calendarCodec.js';
import type { Calendar } from '../../domain/calendar/calendarTypes.js';
import { compileCalendar } from '../../domain/calendar/compile.js';
import { ancestorsOf } from './typeTree.js';
import type { SlaPolicy, SlaVersion, TicketSettingsState } from './ticketSettingsTypes.js';

/**
 * How near the policy's nearest named type is: 0 for the type itself, 1 for its
 * parent, ...; undefined when it names none of them.
 */
export const specificityOf = (policy: SlaPolicy, ancestors: readonly string[]): number | undefined => {
  let best: number | undefined;
  for (const typeId of policy.typeIds) {
    const index = ancestors.indexOf(typeId);
    if (index >= 0 && (best === undefined || index < best)) best = index;
  }
  return best;
};

/**
 * The policy a ticket of `typeId` follows under `version`. A type no longer in
 * the tree (removed since) still matches a policy that names it directly.
 */
export const matchingPolicy = (state: Pick<TicketSettingsState, 'types' | 'rootTypes'>, version: SlaVersion, typeId: string): SlaPolicy | undefined => {
  const known = ancestorsOf(state, typeId);
  const ancestors = known.length === 0 ? [typeId] : known;
  let winner: SlaPolicy | undefined;
  let winnerRank = Number.POSITIVE_INFINITY;
  for (const policy of version.policies) {
    if (!policy.enabled) continue;
    const rank = specificityOf(policy, ancestors);
    // Strictly nearer only: among equals, the first created (earlier in the list) stays.
    if (rank !== undefined && rank < winnerRank) {
      winner = policy;
      winnerRank = rank;
    }
  }
  return winner;
};

/** Round the clock, in UTC: a `24x7` policy's calendar (what `alwaysOpen()` decodes to, built directly). */
export const ALWAYS_OPEN_UTC: Calendar = E.getOrElse((): Calendar => compileCalendar({ kind: '24x7', zone: 'UTC' }))(alwaysOpen('UTC'));

/**
 * The calendar a policy counts on under a version: 24x7 (UTC), or the named
 * calendar as that version holds it (the decider keeps a used calendar from
 * being removed; a missing one falls back to 24x7).
 */
export const calendarOf = (version: SlaVersion, policy: SlaPolicy): Calendar =>
  policy.calendar.kind === '24x7' ? ALWAYS_OPEN_UTC : (version.calendars.get(policy.calendar.calendarId)?.calendar ?? ALWAYS_OPEN_UTC);

/** The calendar's id as a ticket's SLA record names it: `24x7` or the calendar id. */
export const calendarIdOf = (policy: SlaPolicy): string => (policy.calendar.kind === '24x7' ? '24x7' : policy.calendar.calendarId);
