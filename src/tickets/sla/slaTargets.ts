/**
 * T4/T5/T11: a ticket's SLA record worked out from its policy, and moved on by
 * time. Pure functions of the clock's inputs (calendar, creation, pauses) and
 * `now`: the ticket module calls them on its events and schedules `nextAt`
 * through a reaction. A recompute (new version, type or priority change, pause,
 * resume) is retroactive: the running clocks get what the ticket would have had
 * under the new targets from its creation, keeping the points already fired
 * (`fired`), so nothing fires twice; a stopped clock keeps its record.
 */
import type { Calendar } from '../../domain/calendar/calendarTypes.js';
import type { TicketPriority } from '../priority.js';
import type { ReminderRule, SlaClock, SlaPolicy, SlaVersion } from '../settings/ticketSettingsTypes.js';
import { SLA_CLOCKS } from '../settings/ticketSettingsTypes.js';
import type { ReminderPoint } from './reminderPoints.js';
import { BREACH_KEY, reminderPoints } from './reminderPoints.js';
import { elapsedSeconds, instantAtElapsed } from './slaClock.js';
import type { ClockRecord, Interval, StoppedUnder, TicketSla } from './slaTypes.js';

/** What one clock counts on: the response clock has no pauses, the resolution clock the ticket's waiting intervals. */
export interface ClockInput {
  readonly calendar: Calendar;
  readonly createdAt: number;
  readonly pauses: readonly Interval[];
}

/** A point as it fires: its key and kind, and the instant its elapsed time was reached. */
export type FiredPoint = ReminderPoint & { readonly at: number };

export const isStopped = (record: ClockRecord): boolean => record.stoppedAt !== undefined;

const instantOf = (input: ClockInput, seconds: number): number | null => instantAtElapsed(input.calendar, input.createdAt, input.pauses, seconds);

/** The instant of the first point not fired yet; null when none is left or its instant is unknown (paused, never). */
const nextUnfired = (points: readonly ReminderPoint[], fired: ReadonlySet<string>, input: ClockInput): number | null => {
  const next = points.find((p) => !fired.has(p.key));
  return next === undefined ? null : instantOf(input, next.elapsedSeconds);
};

/**
 * A running clock's record for a target: due time, next point to fire (may be
 * <= now: it then fires at once), `fired` and `breachedAt` kept from `previous`.
 * A stopped `previous` is returned as it is (a stopped clock never restarts).
 */
export const fixClock = (rules: readonly ReminderRule[], clock: SlaClock, targetMinutes: number, input: ClockInput, previous?: ClockRecord): ClockRecord => {
  if (previous !== undefined && isStopped(previous)) return previous;
  const fired = previous?.fired ?? [];
  const points = reminderPoints(rules, clock, targetMinutes);
  return {
    targetMinutes,
    dueAt: instantOf(input, targetMinutes * 60),
    nextAt: nextUnfired(points, new Set(fired), input),
    fired,
    ...(previous?.breachedAt !== undefined ? { breachedAt: previous.breachedAt } : {}),
  };
};

const TARGET_OF: Readonly<Record<SlaClock, 'responseMinutes' | 'resolutionMinutes'>> = { response: 'responseMinutes', resolution: 'resolutionMinutes' };

/** The input of one clock: the resolution clock pauses while waiting on the customer, the response clock never. */
export const clockInputOf = (clock: SlaClock, calendar: Calendar, createdAt: number, pauses: readonly Interval[]): ClockInput => ({
  calendar,
  createdAt,
  pauses: clock === 'resolution' ? pauses : [],
});

export interface FixTargetsInput {
  readonly version: SlaVersion;
  readonly policy: SlaPolicy;
  readonly calendar: Calendar;
  readonly priority: TicketPriority;
  readonly createdAt: number;
  /** The ticket's waiting-on-customer intervals (the resolution clock's pauses). */
  readonly pauses: readonly Interval[];
  readonly previous?: TicketSla;
}

/** Both clocks of a ticket under a policy version; clocks stopped in `previous` keep their record. */
export const fixTargets = (input: FixTargetsInput): TicketSla => {
  const { version, policy, calendar, priority, createdAt, pauses, previous } = input;
  const targets = policy.targets[priority];
  const clockOf = (clock: SlaClock): ClockRecord =>
    fixClock(policy.reminders, clock, targets[TARGET_OF[clock]], clockInputOf(clock, calendar, createdAt, pauses), previous?.clocks[clock]);
  return {
    version: version.version,
    policyId: policy.policyId,
    policyRevision: policy.revision,
    policyName: policy.name,
    calendarId: policy.calendar.kind === '24x7' ? '24x7' : policy.calendar.calendarId,
    clocks: { response: clockOf('response'), resolution: clockOf('resolution') },
  };
};

export interface FireResult {
  /** The points reached by `now` and not fired before, in order (catch-up). */
  readonly points: readonly FiredPoint[];
  /** Whether the breach point is among them. */
  readonly breached: boolean;
  /** The clock's record with those points recorded in `fired` and `nextAt` moved on. */
  readonly record: ClockRecord;
}

/**
 * Every point of the clock not fired yet whose instant is <= now, in order; the
 * breach among them sets `breachedAt` to the instant the target was reached.
 * Nothing for a stopped clock. `dueAt` is left as fixed (pauses move it through
 * a recompute, `fixTargets`).
 */
export const firePoints = (sla: TicketSla, clock: SlaClock, rules: readonly ReminderRule[], input: ClockInput, now: number): FireResult => {
  const record = sla.clocks[clock];
  if (isStopped(record)) return { points: [], breached: false, record };
  const fired = new Set(record.fired);
  const reached: FiredPoint[] = [];
  let breachedAt = record.breachedAt;
  let nextAt: number | null = null;
  for (const point of reminderPoints(rules, clock, record.targetMinutes)) {
    if (fired.has(point.key)) continue;
    const at = instantOf(input, point.elapsedSeconds);
    if (at === null || at > now) {
      nextAt = at;
      break;
    }
    reached.push({ ...point, at });
    fired.add(point.key);
    if (point.key === BREACH_KEY) breachedAt = at;
  }
  const breached = reached.some((p) => p.key === BREACH_KEY);
  return {
    points: reached,
    breached,
    record: {
      ...record,
      nextAt,
      fired: reached.length === 0 ? record.fired : [...record.fired, ...reached.map((p) => p.key)],
      ...(breachedAt !== undefined ? { breachedAt } : {}),
    },
  };
};

/**
 * Stops a clock at `now`: its elapsed time, 'met' when it is at most the target
 * (inclusive: stopping at the due instant is met), else 'breached'. `under`
 * (the ticket's TicketSla fits) names the version the result was measured under.
 * A clock already stopped is returned as it is.
 */
export const stopClock = (record: ClockRecord, input: ClockInput, now: number, under?: StoppedUnder): ClockRecord => {
  if (isStopped(record)) return record;
  const elapsed = elapsedSeconds(input.calendar, input.createdAt, input.pauses, now);
  return {
    ...record,
    nextAt: null,
    stoppedAt: now,
    // Met means stopped by the due instant. Business time stands still while the
    // calendar is closed, so an answer after a due time that fell at a closing has
    // the target's elapsed count yet came late: the wall-clock due decides, and the
    // result agrees with the breach notice that went out at the due instant.
    result: elapsed <= record.targetMinutes * 60 && (record.dueAt === null || now <= record.dueAt) ? 'met' : 'breached',
    elapsedSeconds: elapsed,
    ...(under !== undefined ? { stoppedUnder: { version: under.version, policyId: under.policyId, policyRevision: under.policyRevision } } : {}),
  };
};

/** `stopClock` on one clock of a ticket's SLA, measured under the SLA's version. */
export const stopSlaClock = (sla: TicketSla, clock: SlaClock, input: ClockInput, now: number): TicketSla => ({
  ...sla,
  clocks: { ...sla.clocks, [clock]: stopClock(sla.clocks[clock], input, now, sla) },
});

/** The earliest `nextAt` of the running clocks: when the ticket's reminder reaction should wake up. */
export const nextWakeUp = (sla: TicketSla): number | null => {
  let earliest: number | null = null;
  for (const clock of SLA_CLOCKS) {
    const at = sla.clocks[clock].nextAt;
    if (at !== null && !isStopped(sla.clocks[clock]) && (earliest === null || at < earliest)) earliest = at;
  }
  return earliest;
};
