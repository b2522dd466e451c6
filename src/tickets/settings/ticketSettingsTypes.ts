/**
 * T1-T4: what a shop's ticket settings hold, as the `ticket-settings` stream
 * folds them (one stream per shop, `ticket-settings-<shopId>`). Groups, types
 * and templates change at once; SLA policies and calendars are versioned: every
 * change of either publishes a new `SlaVersion` with an effective time, and a
 * ticket's targets are measured under the version in force (slaVersions.ts).
 */
import type { Calendar } from '../../domain/calendar/calendarTypes.js';
import type { TicketPriority } from '../priority.js';

/** T1 受理组: tickets go to a group; a group without members cannot receive them. */
export interface AcceptanceGroup {
  readonly groupId: string;
  readonly name: string;
  /** Agent ids, in the order they were added. */
  readonly members: readonly string[];
}

/** T2: a node of the type tree (at most 3 levels); siblings keep their order. */
export interface TicketType {
  readonly typeId: string;
  readonly name: string;
  readonly parentId?: string;
  /** Child type ids in display order. */
  readonly children: readonly string[];
}

export const FIELD_KINDS = ['text', 'textarea', 'number', 'date', 'datetime', 'choice', 'multi-choice', 'phone', 'email'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** T3: one custom field of a template; the template's array order is the display order. */
export interface FieldDefinition {
  readonly fieldId: string;
  readonly name: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  /** choice / multi-choice: the allowed options. */
  readonly options?: readonly string[];
}

/** T3: a template, bound to at most one ticket type and a type to at most one template. */
export interface TicketTemplate {
  readonly templateId: string;
  readonly name: string;
  readonly fields: readonly FieldDefinition[];
  readonly enabled: boolean;
  readonly typeId?: string;
}

export const SLA_CLOCKS = ['response', 'resolution'] as const;
/** T5: first response and first resolution. */
export type SlaClock = (typeof SLA_CLOCKS)[number];

/**
 * T4/T11 提醒条件 + 时间段: when to remind, on one clock, as a point of elapsed
 * business time on the policy's calendar: `before` = target - minutes, `at` =
 * target (the breach), `after` = target + k x everyMinutes for k = 1..count.
 */
export type ReminderWhen =
  | { readonly kind: 'before'; readonly minutes: number }
  | { readonly kind: 'at' }
  | { readonly kind: 'after'; readonly everyMinutes: number; readonly count: number };

export interface ReminderRule {
  readonly clock: SlaClock;
  readonly when: ReminderWhen;
}

/** T4 提醒对象: the assignee at the time, the creator, and named people (agent ids). */
export interface Recipients {
  readonly assignee: boolean;
  readonly creator: boolean;
  readonly people: readonly string[];
}

/** Targets of one priority, in minutes (the command gives hours and minutes). */
export interface PriorityTargets {
  readonly responseMinutes: number;
  readonly resolutionMinutes: number;
}

/** Which calendar a policy counts on: round the clock, or a named calendar of the settings. */
export type PolicyCalendar = { readonly kind: '24x7' } | { readonly kind: 'calendar'; readonly calendarId: string };

/** T4 服务目标. */
export interface SlaPolicy {
  readonly policyId: string;
  /** At most 15 characters (the manual's form). */
  readonly name: string;
  /** 触发条件: the ticket types it covers; a type covers its descendants. */
  readonly typeIds: readonly string[];
  readonly targets: Readonly<Record<TicketPriority, PriorityTargets>>;
  readonly reminders: readonly ReminderRule[];
  readonly recipients: Recipients;
  readonly enabled: boolean;
  readonly calendar: PolicyCalendar;
  /** Bumped by every change of this policy: what a ticket's result names beside the version. */
  readonly revision: number;
}

/** A named business calendar for SLA policies (business hours, holidays). */
export interface SlaCalendar {
  readonly calendarId: string;
  readonly name: string;
  readonly calendar: Calendar;
}

/**
 * One version of the SLA configuration: every policy and calendar as they stand
 * from `effectiveAt` on. Version 0 (no policies) is in force before the first.
 */
export interface SlaVersion {
  readonly version: number;
  readonly effectiveAt: number;
  /** In the order they were created: the tie-break of the matching rule. */
  readonly policies: readonly SlaPolicy[];
  readonly calendars: ReadonlyMap<string, SlaCalendar>;
}

/** Tickets made from left messages (S12) by a reaction, when the shop turns it on. */
export interface LeftMessageTickets {
  readonly typeId: string;
  readonly priority: TicketPriority;
  readonly groupId: string;
}

export interface TicketSettingsState {
  readonly groups: ReadonlyMap<string, AcceptanceGroup>;
  readonly types: ReadonlyMap<string, TicketType>;
  /** Top-level type ids in display order. */
  readonly rootTypes: readonly string[];
  readonly templates: ReadonlyMap<string, TicketTemplate>;
  /** typeId -> templateId of the template bound to it. */
  readonly templateOfType: ReadonlyMap<string, string>;
  /** In ascending effectiveAt and version. */
  readonly slaVersions: readonly SlaVersion[];
  readonly leftMessageTickets?: LeftMessageTickets;
}
