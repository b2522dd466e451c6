/**
 * What a ticket's events cause elsewhere, and its SLA deadlines (never a timer):
 * - each clock's next reminder or breach instant is one deadline, key
 *   `ticket-sla-<ticketId>-<clock>`, moved by every TicketSlaSet, reminder and
 *   breach (scheduling a key again moves it) and cancelled when the clock stops,
 *   pauses (no next instant) or the SLA is cleared. The deadline carries the due
 *   time it was computed for: FireTicketSlaDeadline ignores a stale one.
 * - a new ticket is indexed (ticket-index: the open tickets a new SLA version
 *   recomputes); its first completion unindexes it.
 * - S12: a session diverted to left messages becomes a ticket when the shop
 *   turned `leftMessageTickets` on (the decide writes nothing when it is off),
 *   with a ticket id derived from the session, so a repeat is recognised.
 * Every command here is a no-op when delivered again.
 */
import type { ConversationEvent } from '../../domain/conversation/conversation.js';
import { cancel, dispatch, reactionsTo, schedule, type Reaction, type ReactionMap } from '../../domain/reaction.js';
import { stableId } from '../../domain/stableId.js';
import { SLA_CLOCKS, type SlaClock } from '../settings/ticketSettingsTypes.js';
import type { ClockRecord } from '../sla/slaTypes.js';
import type { TicketEvent } from './ticketTypes.js';

export const slaDeadlineKey = (ticketId: string, clock: SlaClock): string => `ticket-sla-${ticketId}-${clock}`;

/** The ticket id a left-message session becomes: the same for every delivery of the same divert. */
export const leftMessageTicketId = (sessionId: string): string => stableId('lm-', [sessionId]);

const deadline = (ticketId: string, clock: SlaClock, nextAt: number | null, dueAt: number | null): Reaction =>
  nextAt === null ? cancel(slaDeadlineKey(ticketId, clock)) : schedule(slaDeadlineKey(ticketId, clock), nextAt, 'FireTicketSlaDeadline', { ticketId, clock, dueAt });

const ofRecord = (ticketId: string, clock: SlaClock, record: ClockRecord): Reaction =>
  deadline(ticketId, clock, record.stoppedAt === undefined ? record.nextAt : null, record.dueAt);

const ticketReactionMap = reactionsTo<TicketEvent>({
  TicketCreated: ({ data }) => [dispatch('IndexTicket', { ticketId: data.ticketId, version: data.slaVersion })],
  TicketCompleted: ({ data }) => (data.first ? [dispatch('UnindexTicket', { ticketId: data.ticketId })] : []),
  TicketSlaSet: ({ data }) => SLA_CLOCKS.map((clock) => ofRecord(data.ticketId, clock, data.sla.clocks[clock])),
  TicketSlaReminded: ({ data }) => [deadline(data.ticketId, data.clock, data.nextAt, data.dueAt)],
  TicketSlaBreached: ({ data }) => [deadline(data.ticketId, data.clock, data.nextAt, data.dueAt)],
  TicketSlaClockStopped: ({ data }) => [cancel(slaDeadlineKey(data.ticketId, data.clock))],
  TicketSlaCleared: ({ data }) => SLA_CLOCKS.map((clock) => cancel(slaDeadlineKey(data.ticketId, clock))),
});

const conversationReactionMap = reactionsTo<ConversationEvent>({
  ConversationDiverted: ({ data }) => [dispatch('CreateTicketFromSession', { ticketId: leftMessageTicketId(data.sessionId), sessionId: data.sessionId, auto: true })],
});

export const ticketReactions: ReactionMap = { ...ticketReactionMap, ...conversationReactionMap };
