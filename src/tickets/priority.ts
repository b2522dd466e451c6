/**
 * T4/T6: ticket priorities, the axis SLA targets are set on. The ticket
 * aggregate and the SLA clock build on this vocabulary in their own issue.
 */
import { oneOf } from '../domain/validation.js';

export const TICKET_PRIORITIES = ['urgent', 'normal', 'low'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const ticketPriorityCodec = oneOf('TicketPriority', TICKET_PRIORITIES);

/** Sorts the most urgent first (ticket lists, T10). */
export const byUrgency = (a: TicketPriority, b: TicketPriority): number => TICKET_PRIORITIES.indexOf(a) - TICKET_PRIORITIES.indexOf(b);
