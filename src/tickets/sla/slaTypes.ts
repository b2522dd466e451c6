/**
 * The SLA clock of one ticket (T4, T5, T11), as the ticket's state keeps it and
 * its events state it. Pure data: the functions that work it out are in this
 * folder (clockTable.ts, slaClock.ts, reminderPoints.ts, slaTargets.ts).
 *
 * A clock counts business seconds on its policy's calendar from the ticket's
 * creation, minus the intervals where the status table pauses it, until the
 * event that stops it. Its due time is the instant where that count reaches the
 * target; null while paused (it moves on resume) or when the calendar never
 * opens long enough again.
 */
import type { SlaClock } from '../settings/ticketSettingsTypes.js';

export type ClockResult = 'met' | 'breached';

export interface ClockRecord {
  readonly targetMinutes: number;
  /** The instant the target is reached; null while paused or never. */
  readonly dueAt: number | null;
  /** The next reminder or breach instant to fire, null when none is left (or paused). */
  readonly nextAt: number | null;
  /** Reminder points already fired, by their key (reminderPoints.ts `pointKey`): nothing fires twice, even after a recompute. */
  readonly fired: readonly string[];
  /** When the breach fired (the due time passed with the clock running). */
  readonly breachedAt?: number;
  /** Set once the clock stopped: when, with which result, measured under which version. */
  readonly stoppedAt?: number;
  readonly result?: ClockResult;
  readonly elapsedSeconds?: number;
  /** Set with `stoppedAt` (slaTargets.ts `stopClock`): the version and policy the result was measured under. */
  readonly stoppedUnder?: StoppedUnder;
}

/** What a stopped clock's result names: the SLA version and the policy revision in force when it stopped. */
export interface StoppedUnder {
  readonly version: number;
  readonly policyId: string;
  readonly policyRevision: number;
}

/** What a ticket's SLA is measured under, and its two clocks. */
export interface TicketSla {
  /** The SLA configuration version (ticket settings) the running clocks follow. */
  readonly version: number;
  readonly policyId: string;
  readonly policyRevision: number;
  readonly policyName: string;
  /** `24x7` or the calendar id. */
  readonly calendarId: string;
  readonly clocks: Readonly<Record<SlaClock, ClockRecord>>;
}

/** How each clock stands in a status: runs, pauses (resumes later) or stops (final). */
export type ClockMotion = 'runs' | 'paused' | 'stopped';

/** A half-open interval [from, to) of wall time; `to` undefined: still open. */
export interface Interval {
  readonly from: number;
  readonly to?: number;
}
