/**
 * T4/T5/T11: the SLA events a ticket step causes, worked out on the ticket as
 * it stands after the step's own events (so a remark by the assignee has set
 * the first response before the response clock is asked).
 *
 * - Stops: a clock whose stopping step happened (first response: the first
 *   StartProcessing, the assignee's first remark, or the completion; first
 *   resolution: the first completion) and still runs gets TicketSlaClockStopped
 *   with its result under the version it runs under.
 * - Refix (created, type or priority changed, paused, resumed, recomputed): the
 *   version in force at meta.now and its matching policy fix the running clocks
 *   retroactively (slaTargets.ts fixTargets); no policy any more: cleared. A
 *   recompute writes only when a due time or the version moved. A ticket whose
 *   clocks are both over keeps its record and version.
 * - Fire: the points reached by now, one event each, all carrying the clock's
 *   next instant; a stopped clock or a stale due time (moved since it was
 *   scheduled) fires nothing.
 */
import type { SlaClock, TicketSettingsState } from '../settings/ticketSettingsTypes.js';
import { SLA_CLOCKS } from '../settings/ticketSettingsTypes.js';
import type { ClockRecord, TicketSla } from '../sla/slaTypes.js';
import { calendarOfSla, clockInput, firePoints, fixTargets, isStopped, policyInForce, policyOfSla, stopClock, versionNumberAt } from './slaBridge.js';
import type { SlaSetReason, StoppedClock, TicketEvent, TicketEventOf, TicketState } from './ticketTypes.js';

/** When a clock's stopping step happened, if it did (whether or not an SLA measured it). */
const overAt = (s: TicketState, clock: SlaClock): number | undefined => (clock === 'response' ? s.firstResponseAt : s.firstResolutionAt);

const running = (sla: TicketSla | undefined, clock: SlaClock): boolean => sla !== undefined && !isStopped(sla.clocks[clock]);

const anyRunning = (sla: TicketSla | undefined): boolean => SLA_CLOCKS.some((c) => running(sla, c));

/** TicketSlaClockStopped for each clock whose stopping step is in `after` and which still runs. */
export const slaStops = (settings: TicketSettingsState, after: TicketState, now: number): TicketEventOf<'TicketSlaClockStopped'>[] => {
  const sla = after.sla;
  if (sla === undefined) return [];
  const calendar = calendarOfSla(settings, sla);
  return SLA_CLOCKS.filter((clock) => running(sla, clock) && overAt(after, clock) !== undefined).map((clock) => {
    const record = sla.clocks[clock];
    const stopped = stopClock(record, clockInput(clock, calendar, after.createdAt, after.pauses), now, sla);
    return {
      type: 'TicketSlaClockStopped',
      data: {
        ticketId: after.ticketId,
        clock,
        result: stopped.result ?? 'met',
        elapsedSeconds: stopped.elapsedSeconds ?? 0,
        dueAt: record.dueAt,
        version: sla.version,
        policyId: sla.policyId,
        policyRevision: sla.policyRevision,
        at: now,
      },
    };
  });
};

/**
 * A clock that stopped while no SLA record was there (never covered, or cleared
 * since) keeps what it was measured as then, if anything (`slaResults`); else it
 * stays unmeasured: stopped, no result, nothing to fire.
 */
const stoppedBefore = (record: ClockRecord, at: number, result: StoppedClock | undefined): ClockRecord =>
  result === undefined
    ? { ...record, nextAt: null, stoppedAt: at }
    : { ...record, dueAt: result.dueAt, nextAt: null, stoppedAt: result.stoppedAt, result: result.result, elapsedSeconds: result.elapsedSeconds, stoppedUnder: { version: result.version, policyId: result.policyId, policyRevision: result.policyRevision } };

const duesOf = (sla: TicketSla): Record<SlaClock, number | null> => ({ response: sla.clocks.response.dueAt, resolution: sla.clocks.resolution.dueAt });

/** TicketSlaSet (or TicketSlaCleared) for the targets under the version in force at `now`. */
export const slaRefix = (settings: TicketSettingsState, after: TicketState, reason: SlaSetReason, now: number): TicketEvent[] => {
  const previous = after.sla;
  const over = SLA_CLOCKS.every((c) => overAt(after, c) !== undefined);
  if (over || (previous !== undefined && !anyRunning(previous))) return [];
  const inForce = policyInForce(settings, now, after.typeId);
  if (inForce === undefined) {
    return previous === undefined ? [] : [{ type: 'TicketSlaCleared', data: { ticketId: after.ticketId, reason, version: versionNumberAt(settings, now), at: now } }];
  }
  const fixed = fixTargets({ ...inForce, priority: after.priority, createdAt: after.createdAt, pauses: after.pauses, ...(previous === undefined ? {} : { previous }) });
  const clocks = Object.fromEntries(
    SLA_CLOCKS.map((c) => {
      const at = overAt(after, c);
      return [c, at !== undefined && previous === undefined ? stoppedBefore(fixed.clocks[c], at, after.slaResults[c]) : fixed.clocks[c]];
    }),
  ) as Record<SlaClock, ClockRecord>;
  const sla: TicketSla = { ...fixed, clocks };
  if (reason === 'recomputed' && previous !== undefined && previous.version === sla.version && SLA_CLOCKS.every((c) => previous.clocks[c].dueAt === sla.clocks[c].dueAt)) return [];
  return [{ type: 'TicketSlaSet', data: { ticketId: after.ticketId, sla, reason, ...(previous === undefined ? {} : { previousDue: duesOf(previous) }), at: now } }];
};

/** Who a reminder goes to: the assignee now, the creator when an agent, the named people; each once. */
const recipientsOf = (settings: TicketSettingsState, s: TicketState, sla: TicketSla): readonly string[] => {
  const recipients = policyOfSla(settings, sla)?.recipients;
  if (recipients === undefined) return [];
  const all = [
    ...(recipients.assignee && s.assigneeId !== undefined ? [s.assigneeId] : []),
    ...(recipients.creator && s.creator?.kind === 'agent' ? [s.creator.id] : []),
    ...recipients.people,
  ];
  return [...new Set(all)];
};

/** The points of `clock` reached by `now`, when `dueAt` is still the clock's due time. */
export const slaFire = (settings: TicketSettingsState, s: TicketState, clock: SlaClock, dueAt: number | null, now: number): TicketEvent[] => {
  const sla = s.sla;
  if (sla === undefined || !running(sla, clock)) return [];
  const record = sla.clocks[clock];
  if (record.dueAt === null || record.dueAt !== dueAt) return [];
  const due = record.dueAt;
  const policy = policyOfSla(settings, sla);
  const input = clockInput(clock, calendarOfSla(settings, sla), s.createdAt, s.pauses);
  const fired = firePoints(sla, clock, policy?.reminders ?? [], input, now);
  const nextAt = fired.record.nextAt;
  const recipients = recipientsOf(settings, s, sla);
  return fired.points.map((point): TicketEvent =>
    point.when === 'breach'
      ? { type: 'TicketSlaBreached', data: { ticketId: s.ticketId, clock, dueAt: due, version: sla.version, nextAt, recipients, at: now } }
      : { type: 'TicketSlaReminded', data: { ticketId: s.ticketId, clock, point: point.key, when: point.when, dueAt: due, recipients, nextAt, version: sla.version, at: now } },
  );
};
