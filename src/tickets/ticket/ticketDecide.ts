/**
 * Deciding a ticket command. In order: who acts and how it stands to the ticket
 * (P1, the policy table), then for an existing ticket the workflow table
 * (workflow.ts: `ticket.wrong-status`), then the step's own rules
 * (ticketCreate.ts, ticketSteps.ts), then the SLA events on the ticket as the
 * step leaves it (ticketSla.ts): clocks stopped by the step, targets fixed
 * again for a creation, a type or priority change, a pause, a resume or a
 * recompute, and the points of a deadline.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { DecideContext } from '../../domain/decider.js';
import type { ConversationState } from '../../domain/conversation/conversation.js';
import type { DomainError, ValidationError } from '../../domain/errors.js';
import { authorizeBy } from '../../domain/permissions/policy.js';
import { whoFromContext } from '../../domain/permissions/who.js';
import { initialTicketSettingsState } from '../settings/ticketSettingsState.js';
import { ticketSettingsStream } from '../settings/ticketSettingsModule.js';
import type { TicketSettingsState } from '../settings/ticketSettingsTypes.js';
import type { TicketCommand } from './ticketCommands.js';
import { createTicket, createTicketFromSession } from './ticketCreate.js';
import { ticketPolicy } from './ticketPolicy.js';
import { refuse, relationOf } from './ticketRules.js';
import { slaFire, slaRefix, slaStops } from './ticketSla.js';
import { evolveTicket } from './ticketState.js';
import { decideStep } from './ticketSteps.js';
import type { SlaSetReason, TicketEvent, TicketState } from './ticketTypes.js';
import { allows } from './workflow.js';

/**
 * A refusal: a rule (DomainError) or custom values that do not fit the template
 * (ValidationError naming `data.custom.<fieldId>`, from the settings' customFields.ts).
 * The command handler reports either as it is (commandHandler.ts reads any KefuError).
 */
export type TicketDecided = E.Either<DomainError | ValidationError, readonly TicketEvent[]>;

/** The streams a command reads besides the permissions: the session's conversation for a creation from a session. */
export interface TicketStreams {
  readonly conversation?: string;
}

/** The SLA reason of a step that fixes the targets again; the others only stop clocks. */
const REFIX: Partial<Record<TicketCommand['type'], SlaSetReason>> = {
  CreateTicket: 'created',
  CreateTicketFromSession: 'created',
  ChangeTicketType: 'type-changed',
  ChangeTicketPriority: 'priority-changed',
  WaitOnCustomer: 'paused',
  ResumeTicket: 'resumed',
  RecomputeTicketSla: 'recomputed',
};

const withSla = (command: TicketCommand, s: TicketState, settings: TicketSettingsState, events: readonly TicketEvent[]): readonly TicketEvent[] => {
  const reason = REFIX[command.type];
  // A step that changed nothing changes no SLA either (a recompute has no event of its own).
  if (events.length === 0 && command.type !== 'RecomputeTicketSla') return events;
  const after = events.reduce(evolveTicket, s);
  const stops = slaStops(settings, after, command.meta.now);
  const stopped = stops.reduce(evolveTicket, after);
  return [...events, ...stops, ...(reason === undefined ? [] : slaRefix(settings, stopped, reason, command.meta.now))];
};

const createdFor = (command: TicketCommand): string | null | undefined => (command.type === 'CreateTicket' ? (command.data.customerId ?? null) : undefined);

export const decideTicket = (command: TicketCommand, s: TicketState, context: DecideContext, streams: TicketStreams): TicketDecided => {
  const { shopId, actor, now } = command.meta;
  const who = whoFromContext(context, shopId, actor);
  if (E.isLeft(who)) return who;
  const settings = (context.stateOf(ticketSettingsStream(shopId)) as TicketSettingsState | undefined) ?? initialTicketSettingsState();
  const allowed = authorizeBy(ticketPolicy, command.type, who.right, relationOf(who.right, s, settings, createdFor(command)));
  if (E.isLeft(allowed)) return allowed;
  const done = (decided: TicketDecided): TicketDecided => E.map((events: readonly TicketEvent[]) => withSla(command, s, settings, events))(decided);
  switch (command.type) {
    case 'CreateTicket':
      return done(createTicket(command, s, who.right, settings));
    case 'CreateTicketFromSession': {
      const conversation = streams.conversation === undefined ? undefined : (context.stateOf(streams.conversation) as ConversationState | undefined);
      return done(createTicketFromSession(command, s, who.right, settings, conversation));
    }
    default:
      break;
  }
  if (s.status === 'none') return refuse('ticket.unknown', `no ticket ${command.data.ticketId}`, 'data.ticketId');
  if (!allows(command.type, s.status)) return refuse('ticket.wrong-status', `${command.type} is not allowed on a ${s.status} ticket`, 'data.ticketId', { status: s.status, commandType: command.type });
  switch (command.type) {
    case 'RecomputeTicketSla':
      return done(E.right([]));
    case 'FireTicketSlaDeadline':
      return E.right(slaFire(settings, s, command.data.clock, command.data.dueAt, now));
    default:
      return done(decideStep(command, s, settings, who.right));
  }
};
