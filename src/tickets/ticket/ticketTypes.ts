/**
 * T5-T9: one ticket, one stream (`ticket-<shopId>-<ticketId>`). The statuses of
 * T7 plus `waiting` (waiting on the customer: the resolution clock pauses), the
 * fields of T6, and every change as an event, so the operation log (T9) is a
 * projection of the stream. The ticket id is also the ticket's number (工单编号):
 * the caller chooses it (an order-like sequence of its own), the engine checks it
 * is new.
 */
import type { DomainEvent } from '../../domain/decider.js';
import type { TicketPriority } from '../priority.js';
import type { SlaClock } from '../settings/ticketSettingsTypes.js';
import type { ClockResult, TicketSla } from '../sla/slaTypes.js';

export const TICKET_STATUSES = ['to-assign', 'to-process', 'in-progress', 'waiting', 'completed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** T6 创建方式: from a session (prefilled from it), from the ticket centre, or by the customer. */
export const TICKET_SOURCES = ['session', 'centre', 'customer'] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];

/** An attachment as declared by the caller: the engine never holds the bytes. */
export interface Attachment {
  readonly name: string;
  readonly url: string;
  /** Declared size; T6: under 20 MB. */
  readonly sizeBytes: number;
}

/** Values of the template's custom fields, by field id: string, number or string[] (multi-choice). */
export type CustomValues = Readonly<Record<string, string | number | readonly string[]>>;

/** The fields an edit may change (T8 编辑); the others change by their own operations. */
export interface EditableFields {
  readonly subject?: string;
  readonly content?: string;
  readonly attachments?: readonly Attachment[];
  readonly customerName?: string;
  readonly phone?: string;
  readonly custom?: CustomValues;
}

/** Who created or acts: an agent or a customer id; the system acts as nobody. */
export type Party = { readonly kind: 'agent'; readonly id: string } | { readonly kind: 'customer'; readonly id: string } | { readonly kind: 'system' };

export interface TicketCreatedData extends EditableFields {
  readonly ticketId: string;
  readonly source: TicketSource;
  readonly typeId: string;
  readonly subject: string;
  readonly priority: TicketPriority;
  readonly groupId: string;
  readonly assigneeId?: string;
  readonly customerId?: string;
  readonly sessionId?: string;
  readonly channel?: string;
  readonly creator: Party;
  /** to-assign without an assignee, to-process with one. */
  readonly status: 'to-assign' | 'to-process';
  /** The SLA version in force at creation (0: none yet): the ticket index compares it with the versions it fanned out. */
  readonly slaVersion: number;
  /** Made by the left-message reaction (S12), not by a person. */
  readonly auto?: boolean;
  readonly at: number;
}

type Ref = { readonly ticketId: string };
type At = { readonly at: number };
type By = { readonly by: Party };
type Note = { readonly note?: string };

/** Why the SLA targets were (re)fixed: the log says what moved a due time. */
export const SLA_SET_REASONS = ['created', 'type-changed', 'priority-changed', 'recomputed', 'paused', 'resumed'] as const;
export type SlaSetReason = (typeof SLA_SET_REASONS)[number];

export type TicketEvent =
  | DomainEvent<'TicketCreated', TicketCreatedData>
  /** T8 领取: a member of the group takes it. */
  | DomainEvent<'TicketClaimed', Ref & By & { readonly assigneeId: string } & At>
  /** T8 指派: to a member of the ticket's group. */
  | DomainEvent<'TicketAssigned', Ref & By & { readonly assigneeId: string; readonly previousAssigneeId?: string } & At>
  /** T8 转交: to a group (no assignee: to-assign) or a person (of that group: to-process), with a note. */
  | DomainEvent<'TicketTransferred', Ref & By & Note & { readonly groupId: string; readonly assigneeId?: string; readonly fromGroupId: string; readonly fromAssigneeId?: string } & At>
  | DomainEvent<'TicketProcessingStarted', Ref & By & At>
  | DomainEvent<'TicketRemarked', Ref & By & { readonly remarkId: string; readonly text: string; readonly attachments?: readonly Attachment[] } & At>
  /** T8 编辑: the fields as they are now, and only those that changed. */
  | DomainEvent<'TicketEdited', Ref & By & { readonly changes: EditableFields } & At>
  | DomainEvent<'TicketTypeChanged', Ref & By & { readonly typeId: string; readonly fromTypeId: string; readonly custom?: CustomValues } & At>
  | DomainEvent<'TicketPriorityChanged', Ref & By & { readonly priority: TicketPriority; readonly fromPriority: TicketPriority } & At>
  | DomainEvent<'TicketWaitingOnCustomer', Ref & By & Note & At>
  | DomainEvent<'TicketResumed', Ref & By & At>
  | DomainEvent<'TicketCompleted', Ref & By & Note & { readonly first: boolean } & At>
  /** T8 重新打开: to a group or a person, with a note. */
  | DomainEvent<'TicketReopened', Ref & By & Note & { readonly groupId: string; readonly assigneeId?: string } & At>
  /**
   * The SLA targets fixed (created, type or priority changed, a new version in
   * force, a pause or resume): the whole record, with the due times it replaces.
   */
  | DomainEvent<'TicketSlaSet', Ref & { readonly sla: TicketSla; readonly reason: SlaSetReason; readonly previousDue?: Readonly<Partial<Record<SlaClock, number | null>>> } & At>
  /** No enabled policy covers the ticket any more (its type changed, the policy was disabled). */
  | DomainEvent<'TicketSlaCleared', Ref & { readonly reason: SlaSetReason; readonly version: number } & At>
  /** T5: a clock stopped (first response, first resolution) with its result, under the version in force. */
  | DomainEvent<'TicketSlaClockStopped', Ref & { readonly clock: SlaClock; readonly result: ClockResult; readonly elapsedSeconds: number; readonly dueAt: number | null; readonly version: number; readonly policyId: string; readonly policyRevision: number } & At>
  /** T11: a reminder point reached, delivered to its recipients (a notification). */
  | DomainEvent<
      'TicketSlaReminded',
      Ref & {
        readonly clock: SlaClock;
        readonly point: string;
        readonly when: 'before' | 'at' | 'after';
        readonly dueAt: number;
        readonly recipients: readonly string[];
        readonly nextAt: number | null;
        readonly version: number;
      } & At
    >
  /** The due time passed while the clock ran (once per clock); delivered to the policy's recipients as a reminder is. */
  | DomainEvent<'TicketSlaBreached', Ref & { readonly clock: SlaClock; readonly dueAt: number; readonly version: number; readonly nextAt: number | null; readonly recipients?: readonly string[] } & At>;

export type TicketEventType = TicketEvent['type'];
export type TicketEventOf<T extends TicketEventType> = Extract<TicketEvent, { type: T }>;

export interface TicketState {
  readonly status: 'none' | TicketStatus;
  readonly ticketId: string;
  readonly source?: TicketSource;
  readonly typeId: string;
  readonly subject: string;
  readonly content?: string;
  readonly attachments?: readonly Attachment[];
  readonly priority: TicketPriority;
  readonly groupId: string;
  readonly assigneeId?: string;
  readonly customerId?: string;
  readonly customerName?: string;
  readonly phone?: string;
  readonly sessionId?: string;
  readonly channel?: string;
  readonly custom: CustomValues;
  readonly creator?: Party;
  readonly createdAt: number;
  /** T5: set once, never erased by a reopen. */
  readonly firstResponseAt?: number;
  readonly firstResolutionAt?: number;
  readonly completedAt?: number;
  /** Waiting-on-customer intervals, the last one open while waiting: where the resolution clock paused. */
  readonly pauses: readonly { readonly from: number; readonly to?: number }[];
  readonly remarkIds: readonly string[];
  readonly sla?: TicketSla;
  /** The SLA version in force at creation (TicketCreatedData.slaVersion). */
  readonly slaVersion: number;
  /** T5: each clock's result once it stopped, with the version it was measured under; kept through a clear or a reopen. */
  readonly slaResults: Readonly<Partial<Record<SlaClock, StoppedClock>>>;
}

/** A stopped clock's result as TicketSlaClockStopped recorded it. */
export interface StoppedClock {
  readonly result: ClockResult;
  readonly elapsedSeconds: number;
  readonly dueAt: number | null;
  readonly stoppedAt: number;
  readonly version: number;
  readonly policyId: string;
  readonly policyRevision: number;
}
