/**
 * T7/T8: the ticket's workflow, declared once as a table: for each operation on
 * an existing ticket, the statuses it may start from and where it leads. The
 * decide consults it before any other rule of the operation (a wrong status is
 * `ticket.wrong-status` naming `data.ticketId`), the property test checks the
 * decide accepts exactly its pairs, and the README prints it.
 *
 * `same`: the status does not change. `by-assignee`: to-process when the ticket
 * ends up with an assignee, to-assign without one.
 */
import type { TicketCommandType } from './ticketCommands.js';
import { TICKET_STATUSES, type TicketEvent, type TicketEventType, type TicketStatus } from './ticketTypes.js';

export type TicketOperation = Exclude<TicketCommandType, 'CreateTicket' | 'CreateTicketFromSession'>;

export interface Transition {
  readonly from: readonly TicketStatus[];
  readonly to: TicketStatus | 'same' | 'by-assignee';
}

const OPEN: readonly TicketStatus[] = ['to-assign', 'to-process', 'in-progress', 'waiting'];
const ANY: readonly TicketStatus[] = TICKET_STATUSES;

export const TICKET_TRANSITIONS: Readonly<Record<TicketOperation, Transition>> = {
  ClaimTicket: { from: ['to-assign'], to: 'to-process' },
  AssignTicket: { from: ['to-assign', 'to-process', 'in-progress'], to: 'to-process' },
  TransferTicket: { from: ['to-assign', 'to-process', 'in-progress'], to: 'by-assignee' },
  StartProcessingTicket: { from: ['to-process'], to: 'in-progress' },
  RemarkTicket: { from: ANY, to: 'same' },
  EditTicket: { from: OPEN, to: 'same' },
  ChangeTicketType: { from: OPEN, to: 'same' },
  ChangeTicketPriority: { from: OPEN, to: 'same' },
  WaitOnCustomer: { from: ['in-progress'], to: 'waiting' },
  ResumeTicket: { from: ['waiting'], to: 'in-progress' },
  CompleteTicket: { from: ['to-process', 'in-progress', 'waiting'], to: 'completed' },
  ReopenTicket: { from: ['completed'], to: 'by-assignee' },
  // The system's SLA steps apply in any status; on a ticket whose clocks stopped they write nothing.
  RecomputeTicketSla: { from: ANY, to: 'same' },
  FireTicketSlaDeadline: { from: ANY, to: 'same' },
};

export const TICKET_OPERATIONS = Object.keys(TICKET_TRANSITIONS) as readonly TicketOperation[];

export const allows = (operation: TicketOperation, status: TicketStatus): boolean => TICKET_TRANSITIONS[operation].from.includes(status);

/** The status an operation leads to from `current`, given the assignee the ticket has after it. */
export const statusAfter = (operation: TicketOperation, current: TicketStatus, assigneeId: string | undefined): TicketStatus => {
  const to = TICKET_TRANSITIONS[operation].to;
  if (to === 'same') return current;
  if (to === 'by-assignee') return assigneeId === undefined ? 'to-assign' : 'to-process';
  return to;
};

/** The operation whose event each status-changing event is. */
const OPERATION_OF: Partial<Record<TicketEventType, TicketOperation>> = {
  TicketClaimed: 'ClaimTicket',
  TicketAssigned: 'AssignTicket',
  TicketTransferred: 'TransferTicket',
  TicketProcessingStarted: 'StartProcessingTicket',
  TicketWaitingOnCustomer: 'WaitOnCustomer',
  TicketResumed: 'ResumeTicket',
  TicketCompleted: 'CompleteTicket',
  TicketReopened: 'ReopenTicket',
};

/**
 * The status an event leaves its ticket in, read off the table (undefined: the
 * status stays): what the ticket's evolve and the read models fold, so neither
 * keeps a copy of the workflow of its own.
 */
export const statusSetBy = (event: TicketEvent): TicketStatus | undefined => {
  if (event.type === 'TicketCreated') return event.data.status;
  const operation = OPERATION_OF[event.type];
  if (operation === undefined) return undefined;
  const to = TICKET_TRANSITIONS[operation].to;
  if (to === 'same') return undefined;
  return to === 'by-assignee' ? ((event.data as { readonly assigneeId?: string }).assigneeId === undefined ? 'to-assign' : 'to-process') : to;
};
