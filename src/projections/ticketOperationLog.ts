/**
 * T9 操作日志: per ticket, in the order they happened, every operation: who (the
 * event's `by`, the creator, or the envelope's actor for the SLA reactions), when,
 * what (the operation's name) and the fields it changed as `{ field: { from, to } }`.
 * Remarks carry their text and attachments; the SLA events are entries too: due
 * times set or moved (`responseDueAt` / `resolutionDueAt` from the previous due to
 * the new one), reminders, breaches and clocks stopped with their result.
 *
 * To compute `from`, the projection keeps each ticket's current fields beside its
 * log. The log of a ticket is as long as its stream: it is the stream, read for
 * people. Query: `operationLogOf(state, shopId, ticketId)`.
 */
import isEqual from 'fast-deep-equal';
import { List, Map as IMap } from 'immutable';
import type { SlaClock } from '../tickets/settings/ticketSettingsTypes.js';
import type { Attachment, Party, SlaSetReason, TicketEvent } from '../tickets/ticket/ticketTypes.js';
import type { ProjectedEvent, Projection } from './projection.js';
import { applyFieldUpdate, createdFields, TICKET_FIELD_NAMES, ticketActor, ticketFieldUpdate, type TicketFields } from './ticketFields.js';

export const TICKET_LOG_OPERATIONS = {
  TicketCreated: 'create',
  TicketClaimed: 'claim',
  TicketAssigned: 'assign',
  TicketTransferred: 'transfer',
  TicketProcessingStarted: 'start-processing',
  TicketRemarked: 'remark',
  TicketEdited: 'edit',
  TicketTypeChanged: 'change-type',
  TicketPriorityChanged: 'change-priority',
  TicketWaitingOnCustomer: 'wait-on-customer',
  TicketResumed: 'resume',
  TicketCompleted: 'complete',
  TicketReopened: 'reopen',
  TicketSlaSet: 'sla-set',
  TicketSlaCleared: 'sla-cleared',
  TicketSlaClockStopped: 'sla-clock-stopped',
  TicketSlaReminded: 'sla-reminded',
  TicketSlaBreached: 'sla-breached',
} as const satisfies Record<TicketEvent['type'], string>;
export type TicketLogOperation = (typeof TICKET_LOG_OPERATIONS)[keyof typeof TICKET_LOG_OPERATIONS];

export interface FieldChange {
  readonly from: unknown;
  readonly to: unknown;
}

/** What an SLA entry says beside its due-time changes. */
export type SlaLogDetail =
  | { readonly kind: 'set'; readonly reason: SlaSetReason; readonly version: number; readonly policyId: string; readonly policyRevision: number }
  | { readonly kind: 'cleared'; readonly reason: SlaSetReason; readonly version: number }
  | { readonly kind: 'clock-stopped'; readonly clock: SlaClock; readonly result: 'met' | 'breached'; readonly elapsedSeconds: number; readonly dueAt: number | null; readonly version: number; readonly policyId: string; readonly policyRevision: number }
  | { readonly kind: 'reminded'; readonly clock: SlaClock; readonly point: string; readonly when: 'before' | 'at' | 'after'; readonly dueAt: number; readonly recipients: readonly string[]; readonly version: number }
  | { readonly kind: 'breached'; readonly clock: SlaClock; readonly dueAt: number; readonly version: number };

export interface TicketLogEntry {
  /** 1, 2, ... within the ticket. */
  readonly seq: number;
  readonly at: number;
  readonly actor: Party;
  readonly operation: TicketLogOperation;
  /** The fields that changed, with their value before and after (absent: undefined). */
  readonly changes: Readonly<Record<string, FieldChange>>;
  readonly note?: string;
  readonly remark?: { readonly remarkId: string; readonly text: string; readonly attachments: readonly Attachment[] };
  readonly sla?: SlaLogDetail;
  /** Where the event is in the log. */
  readonly position: number;
}

type Due = Readonly<Record<SlaClock, number | null>>;
const NO_DUE: Due = { response: null, resolution: null };

interface TicketLog {
  readonly fields: TicketFields;
  readonly due: Due;
  readonly entries: List<TicketLogEntry>;
}

export interface TicketOperationLog {
  /** Shop id -> ticket id -> its fields now and its log. */
  readonly tickets: IMap<string, IMap<string, TicketLog>>;
}

const fieldChanges = (before: TicketFields, after: TicketFields): Record<string, FieldChange> => {
  const changes: Record<string, FieldChange> = {};
  for (const name of TICKET_FIELD_NAMES) if (!isEqual(before[name], after[name])) changes[name] = { from: before[name], to: after[name] };
  return changes;
};

const dueChanges = (before: Due, after: Due): Record<string, FieldChange> => {
  const changes: Record<string, FieldChange> = {};
  if (before.response !== after.response) changes.responseDueAt = { from: before.response, to: after.response };
  if (before.resolution !== after.resolution) changes.resolutionDueAt = { from: before.resolution, to: after.resolution };
  return changes;
};

/** The SLA side of an event: the due times after it, and the entry's detail. */
const slaStep = (event: TicketEvent, due: Due): { due: Due; previous: Due; detail?: SlaLogDetail } => {
  switch (event.type) {
    case 'TicketSlaSet': {
      const { sla, reason, previousDue } = event.data;
      const previous: Due = { response: previousDue?.response !== undefined ? previousDue.response : due.response, resolution: previousDue?.resolution !== undefined ? previousDue.resolution : due.resolution };
      return {
        previous,
        due: { response: sla.clocks.response.dueAt, resolution: sla.clocks.resolution.dueAt },
        detail: { kind: 'set', reason, version: sla.version, policyId: sla.policyId, policyRevision: sla.policyRevision },
      };
    }
    case 'TicketSlaCleared':
      return { previous: due, due: NO_DUE, detail: { kind: 'cleared', reason: event.data.reason, version: event.data.version } };
    case 'TicketSlaClockStopped': {
      const { clock, result, elapsedSeconds, dueAt, version, policyId, policyRevision } = event.data;
      return { previous: due, due, detail: { kind: 'clock-stopped', clock, result, elapsedSeconds, dueAt, version, policyId, policyRevision } };
    }
    case 'TicketSlaReminded': {
      const { clock, point, when, dueAt, recipients, version } = event.data;
      return { previous: due, due, detail: { kind: 'reminded', clock, point, when, dueAt, recipients, version } };
    }
    case 'TicketSlaBreached': {
      const { clock, dueAt, version } = event.data;
      return { previous: due, due, detail: { kind: 'breached', clock, dueAt, version } };
    }
    default:
      return { previous: due, due };
  }
};

const entryOf = (event: ProjectedEvent<TicketEvent>, seq: number, changes: Record<string, FieldChange>, detail: SlaLogDetail | undefined): TicketLogEntry => {
  const e = event as TicketEvent;
  const note = (e.data as { readonly note?: string }).note;
  return {
    seq,
    at: e.data.at,
    actor: ticketActor(e, event.metadata.actor),
    operation: TICKET_LOG_OPERATIONS[e.type],
    changes,
    position: event.globalPosition,
    ...(note === undefined ? {} : { note }),
    ...(e.type === 'TicketRemarked' ? { remark: { remarkId: e.data.remarkId, text: e.data.text, attachments: e.data.attachments ?? [] } } : {}),
    ...(detail === undefined ? {} : { sla: detail }),
  };
};

export const ticketOperationLogProjection: Projection<TicketOperationLog, TicketEvent> = {
  name: 'ticket-operation-log',
  initialState: () => ({ tickets: IMap() }),
  apply: (state, event) => {
    if (!(event.type in TICKET_LOG_OPERATIONS)) return state;
    const shop = event.metadata.shopId;
    const e = event as TicketEvent;
    const ticketId = e.data.ticketId;
    if (e.type === 'TicketCreated') {
      if (state.tickets.hasIn([shop, ticketId])) return state;
      const fields = createdFields(e.data);
      // Every field the ticket starts with, from nothing (no custom values: no entry).
      const changes = fieldChanges({ custom: {} } as unknown as TicketFields, fields);
      const log: TicketLog = { fields, due: NO_DUE, entries: List([entryOf(event, 1, changes, undefined)]) };
      return { tickets: state.tickets.setIn([shop, ticketId], log) };
    }
    const log = state.tickets.getIn([shop, ticketId]) as TicketLog | undefined;
    if (log === undefined) return state;
    const fields = applyFieldUpdate(log.fields, ticketFieldUpdate(e));
    const sla = slaStep(e, log.due);
    const changes = { ...fieldChanges(log.fields, fields), ...dueChanges(sla.previous, sla.due) };
    const entry = entryOf(event, log.entries.size + 1, changes, sla.detail);
    return { tickets: state.tickets.setIn([shop, ticketId], { fields, due: sla.due, entries: log.entries.push(entry) }) };
  },
};

/** T9: the ticket's operations, oldest first; empty for a ticket the log has not seen. */
export const operationLogOf = (state: TicketOperationLog, shopId: string, ticketId: string): readonly TicketLogEntry[] =>
  ((state.tickets.getIn([shopId, ticketId]) as TicketLog | undefined)?.entries ?? List<TicketLogEntry>()).toArray();

/** The ticket's fields as the log last saw them. */
export const loggedTicketFields = (state: TicketOperationLog, shopId: string, ticketId: string): TicketFields | undefined =>
  (state.tickets.getIn([shopId, ticketId]) as TicketLog | undefined)?.fields;
