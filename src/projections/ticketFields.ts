/**
 * T9/T10: what each ticket event does to a ticket's visible fields, written once
 * for the read models that keep them (the operation log computes `from` with it,
 * the lists keep a row with it). A ticket's status is not in most events: it
 * follows from the workflow table (T7/T8), read by `statusSetBy` (workflow.ts),
 * the same function the ticket aggregate's evolve folds with.
 */
import type { Party, TicketEvent, TicketState, TicketStatus } from '../tickets/ticket/ticketTypes.js';
import { statusSetBy } from '../tickets/ticket/workflow.js';

/** The fields a ticket shows and its operations change (T6, T8): the ticket's own, as its state names them. */
export type TicketFields = Pick<TicketState, 'typeId' | 'subject' | 'content' | 'attachments' | 'priority' | 'groupId' | 'assigneeId' | 'customerName' | 'phone' | 'custom'> & {
  readonly status: TicketStatus;
};

export const TICKET_FIELD_NAMES = ['status', 'typeId', 'subject', 'content', 'attachments', 'priority', 'groupId', 'assigneeId', 'customerName', 'phone', 'custom'] as const;
export type TicketFieldName = (typeof TICKET_FIELD_NAMES)[number];

/** A change of fields; `assigneeId: null` takes the assignee away. */
export type TicketFieldUpdate = { readonly [K in Exclude<TicketFieldName, 'assigneeId'>]?: TicketFields[K] } & { readonly assigneeId?: string | null };

/** The fields a new ticket starts with. */
export const createdFields = (data: Extract<TicketEvent, { type: 'TicketCreated' }>['data']): TicketFields => ({
  status: data.status,
  typeId: data.typeId,
  subject: data.subject,
  priority: data.priority,
  groupId: data.groupId,
  custom: data.custom ?? {},
  ...(data.content === undefined ? {} : { content: data.content }),
  ...(data.attachments === undefined ? {} : { attachments: data.attachments }),
  ...(data.assigneeId === undefined ? {} : { assigneeId: data.assigneeId }),
  ...(data.customerName === undefined ? {} : { customerName: data.customerName }),
  ...(data.phone === undefined ? {} : { phone: data.phone }),
});

/** The status the event sets (workflow.ts), as an update; none when it stays. */
const statusUpdate = (event: TicketEvent): TicketFieldUpdate => {
  const status = statusSetBy(event);
  return status === undefined ? {} : { status };
};

/** What an event after the creation changes; `{}` for the ones that change no field (remarks, SLA events). */
export const ticketFieldUpdate = (event: TicketEvent): TicketFieldUpdate => {
  switch (event.type) {
    case 'TicketClaimed':
    case 'TicketAssigned':
      return { assigneeId: event.data.assigneeId, ...statusUpdate(event) };
    case 'TicketTransferred':
    case 'TicketReopened':
      return { groupId: event.data.groupId, assigneeId: event.data.assigneeId ?? null, ...statusUpdate(event) };
    case 'TicketProcessingStarted':
    case 'TicketResumed':
    case 'TicketWaitingOnCustomer':
    case 'TicketCompleted':
      return statusUpdate(event);
    case 'TicketEdited':
      return event.data.changes;
    case 'TicketTypeChanged':
      // The values of the new type's template replace the old ones; none given: the old ones stay.
      return event.data.custom === undefined ? { typeId: event.data.typeId } : { typeId: event.data.typeId, custom: event.data.custom };
    case 'TicketPriorityChanged':
      return { priority: event.data.priority };
    default:
      return {};
  }
};

/** The fields after an update. */
export const applyFieldUpdate = <F extends TicketFields>(fields: F, update: TicketFieldUpdate): F => {
  const { assigneeId, ...rest } = update;
  const next = { ...fields, ...rest } as F & { assigneeId?: string };
  if (assigneeId === null) delete next.assigneeId;
  else if (assigneeId !== undefined) next.assigneeId = assigneeId;
  return next;
};

/** Who did it: the event's `by`, the creator for a creation, else the envelope's actor. */
export const ticketActor = (event: TicketEvent, envelopeActor: Party): Party => {
  if (event.type === 'TicketCreated') return event.data.creator;
  const by = (event.data as { readonly by?: Party }).by;
  return by ?? envelopeActor;
};
