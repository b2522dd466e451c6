/**
 * The ticket module (T5-T9, T11): one stream per ticket,
 * `ticket-<shopId>-<ticketId>`, so tickets never contend and each holds its own
 * log (T9's operation log is that stream). Every command reads the shop's
 * ticket settings (groups, types, templates, SLA versions) and, for an agent,
 * the desk and access streams (who acts); a creation from a session also reads
 * that session's conversation (optional: without the conversation module the
 * session is unknown). It writes nothing else: indexing and deadlines go
 * through reactions (ticketReactions.ts). No snapshots: a ticket has tens of
 * events.
 */
import { conversationStream } from '../../domain/conversation/conversationModule.js';
import type { DomainError } from '../../domain/errors.js';
import { defineModule, type StreamReference } from '../../domain/module.js';
import { permissionReferencesFor } from '../../domain/permissions/who.js';
import type * as E from 'fp-ts/lib/Either.js';
import { ticketSettingsReference } from '../settings/ticketSettingsModule.js';
import { checkedTicketCodecs, type TicketCommand } from './ticketCommands.js';
import { decideTicket, type TicketStreams } from './ticketDecide.js';
import { ticketEventDefinitions } from './ticketEvents.js';
import { ticketReactions } from './ticketReactions.js';
import { evolveTicket, initialTicketState } from './ticketState.js';
import type { TicketEvent, TicketState } from './ticketTypes.js';

export const ticketStream = (shopId: string, ticketId: string): string => `ticket-${shopId}-${ticketId}`;

const streamsOf = (command: TicketCommand): TicketStreams =>
  command.type === 'CreateTicketFromSession' ? { conversation: conversationStream(command.meta.shopId, command.data.sessionId) } : {};

const referencesOf = (command: TicketCommand): readonly StreamReference[] => {
  const { shopId, actor } = command.meta;
  const conversation = streamsOf(command).conversation;
  return [ticketSettingsReference(shopId), ...permissionReferencesFor(shopId, actor), ...(conversation === undefined ? [] : [{ module: 'conversation', stream: conversation, optional: true }])];
};

export const ticketModule = defineModule<TicketState, TicketCommand, TicketEvent>({
  name: 'ticket',
  commands: checkedTicketCodecs,
  events: ticketEventDefinitions,
  streamOf: (command) => ticketStream(command.meta.shopId, command.data.ticketId),
  references: referencesOf,
  reactions: ticketReactions,
  decider: {
    initialState: initialTicketState,
    // A custom-field refusal is a ValidationError naming `data.custom.<id>`; the handler reports any KefuError as it is.
    decide: (command, state, context) => decideTicket(command, state, context, streamsOf(command)) as E.Either<DomainError, readonly TicketEvent[]>,
    evolve: evolveTicket,
  },
});
