/**
 * P1 for the ticket index: every command is the system's (reactions of the
 * ticket module and of an SLA version's deadlines); no person sends them.
 */
import { rules, type PolicyTable } from '../../domain/permissions/policy.js';
import type { TicketIndexCommandType } from './ticketIndexTypes.js';

export const ticketIndexPolicy: PolicyTable<TicketIndexCommandType> = {
  IndexTicket: rules.systemOnly(),
  UnindexTicket: rules.systemOnly(),
  RecomputeIndexedTickets: rules.systemOnly(),
};
