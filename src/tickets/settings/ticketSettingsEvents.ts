/**
 * T1-T4: what the `ticket-settings-<shopId>` stream records. One event per
 * change, each with its time (`at`, the command's meta.now). An SLA change
 * (policy or calendar) is one event that publishes a whole new version: its
 * number, when it takes effect and the full new policy or calendar, so a reader
 * of the log (the ticket module's recompute) needs nothing else.
 */
import * as t from 'io-ts';
import { calendarCodec } from '../../domain/calendar/calendarCodec.js';
import type { Calendar } from '../../domain/calendar/calendarTypes.js';
import type { DomainEvent } from '../../domain/decider.js';
import { agentIdCodec } from '../../domain/ids.js';
import type { EventDefinitions } from '../../domain/module.js';
import { intInRange, nonNegativeInt, orNull, struct, timestamp } from '../../domain/validation.js';
import { leftMessageTicketsCodec } from './ticketSettingsCommands.js';
import { calendarIdCodec, fieldsCodec, groupIdCodec, groupNameCodec, policyIdCodec, templateIdCodec, templateNameCodec, typeIdCodec, typeNameCodec } from './settingsCodecs.js';
import { calendarNameCodec, policyCalendarCodec, policyNameCodec, policyTypeIdsCodec, recipientsCodec, remindersCodec, targetsCodec } from './slaCodecs.js';
import type { FieldDefinition, LeftMessageTickets, SlaPolicy } from './ticketSettingsTypes.js';

type At = { readonly at: number };
type Group = { readonly groupId: string };
type Type = { readonly typeId: string };
type Template = { readonly templateId: string };
/** What every SLA event carries: the version it publishes and when that takes effect. */
export type Versioned = { readonly version: number; readonly effectiveAt: number };

export type TicketSettingsEvent =
  | DomainEvent<'AcceptanceGroupCreated', Group & { readonly name: string } & At>
  | DomainEvent<'AcceptanceGroupRenamed', Group & { readonly name: string } & At>
  | DomainEvent<'AcceptanceGroupRemoved', Group & At>
  /** Only the agents that were not members yet, in the order given. */
  | DomainEvent<'GroupMembersAdded', Group & { readonly agentIds: readonly string[] } & At>
  /** Only the agents that were members. */
  | DomainEvent<'GroupMembersRemoved', Group & { readonly agentIds: readonly string[] } & At>
  /** `position` among its siblings, already clamped to their number. */
  | DomainEvent<'TicketTypeAdded', Type & { readonly name: string; readonly parentId?: string; readonly position: number } & At>
  | DomainEvent<'TicketTypeRenamed', Type & { readonly name: string } & At>
  | DomainEvent<'TicketTypeMoved', Type & { readonly position: number } & At>
  | DomainEvent<'TicketTypeRemoved', Type & At>
  /** Created or replaced whole; a binding stays. */
  | DomainEvent<'TicketTemplateDefined', Template & { readonly name: string; readonly fields: readonly FieldDefinition[]; readonly enabled: boolean } & At>
  | DomainEvent<'TicketTemplateEnabledSet', Template & { readonly enabled: boolean } & At>
  | DomainEvent<'TicketTemplateBound', Template & Type & At>
  | DomainEvent<'TicketTemplateUnbound', Template & Type & At>
  /** Its binding, if any, goes with it. */
  | DomainEvent<'TicketTemplateRemoved', Template & At>
  | DomainEvent<'SlaCalendarDefined', Versioned & { readonly calendarId: string; readonly name: string; readonly calendar: Calendar } & At>
  | DomainEvent<'SlaCalendarRemoved', Versioned & { readonly calendarId: string } & At>
  /** Created or replaced: the whole policy, its revision bumped. */
  | DomainEvent<'SlaPolicyDefined', Versioned & { readonly policy: SlaPolicy } & At>
  /** The whole policy with its new `enabled` and revision. */
  | DomainEvent<'SlaPolicyEnabledSet', Versioned & { readonly policy: SlaPolicy } & At>
  | DomainEvent<'SlaPolicyRemoved', Versioned & { readonly policyId: string } & At>
  | DomainEvent<'LeftMessageTicketsSet', { readonly config: LeftMessageTickets | null } & At>;

export type TicketSettingsEventType = TicketSettingsEvent['type'];
export type TicketSettingsEventOf<T extends TicketSettingsEventType> = Extract<TicketSettingsEvent, { type: T }>;

/** The events that publish an SLA version: a reaction recomputes open tickets at their `effectiveAt`. */
export const SLA_VERSION_EVENT_TYPES = ['SlaCalendarDefined', 'SlaCalendarRemoved', 'SlaPolicyDefined', 'SlaPolicyEnabledSet', 'SlaPolicyRemoved'] as const satisfies readonly TicketSettingsEventType[];
export type SlaVersionEventType = (typeof SLA_VERSION_EVENT_TYPES)[number];
export type SlaVersionEvent = TicketSettingsEventOf<SlaVersionEventType>;

export const isSlaVersionEvent = (event: TicketSettingsEvent): event is SlaVersionEvent => (SLA_VERSION_EVENT_TYPES as readonly string[]).includes(event.type);

export const slaPolicyCodec: t.Type<SlaPolicy, unknown, unknown> = struct('SlaPolicy', {
  policyId: policyIdCodec,
  name: policyNameCodec,
  typeIds: policyTypeIdsCodec,
  targets: targetsCodec,
  reminders: remindersCodec,
  recipients: recipientsCodec,
  enabled: t.boolean,
  calendar: policyCalendarCodec,
  revision: intInRange(1, Number.MAX_SAFE_INTEGER),
});

const v1 = <C extends t.Mixed>(codec: C) => ({ schemaVersion: 1, codec });
const at = { at: timestamp };
const versioned = { version: intInRange(1, Number.MAX_SAFE_INTEGER), effectiveAt: timestamp, ...at };
const group = { groupId: groupIdCodec, ...at };
const type = { typeId: typeIdCodec, ...at };
const template = { templateId: templateIdCodec, ...at };
const agentIds = t.readonlyArray(agentIdCodec);

export const ticketSettingsEventDefinitions = {
  AcceptanceGroupCreated: v1(struct('AcceptanceGroupCreated', { ...group, name: groupNameCodec })),
  AcceptanceGroupRenamed: v1(struct('AcceptanceGroupRenamed', { ...group, name: groupNameCodec })),
  AcceptanceGroupRemoved: v1(struct('AcceptanceGroupRemoved', group)),
  GroupMembersAdded: v1(struct('GroupMembersAdded', { ...group, agentIds })),
  GroupMembersRemoved: v1(struct('GroupMembersRemoved', { ...group, agentIds })),
  TicketTypeAdded: v1(struct('TicketTypeAdded', { ...type, name: typeNameCodec, position: nonNegativeInt }, { parentId: typeIdCodec })),
  TicketTypeRenamed: v1(struct('TicketTypeRenamed', { ...type, name: typeNameCodec })),
  TicketTypeMoved: v1(struct('TicketTypeMoved', { ...type, position: nonNegativeInt })),
  TicketTypeRemoved: v1(struct('TicketTypeRemoved', type)),
  TicketTemplateDefined: v1(struct('TicketTemplateDefined', { ...template, name: templateNameCodec, fields: fieldsCodec, enabled: t.boolean })),
  TicketTemplateEnabledSet: v1(struct('TicketTemplateEnabledSet', { ...template, enabled: t.boolean })),
  TicketTemplateBound: v1(struct('TicketTemplateBound', { ...template, typeId: typeIdCodec })),
  TicketTemplateUnbound: v1(struct('TicketTemplateUnbound', { ...template, typeId: typeIdCodec })),
  TicketTemplateRemoved: v1(struct('TicketTemplateRemoved', template)),
  SlaCalendarDefined: v1(struct('SlaCalendarDefined', { ...versioned, calendarId: calendarIdCodec, name: calendarNameCodec, calendar: calendarCodec })),
  SlaCalendarRemoved: v1(struct('SlaCalendarRemoved', { ...versioned, calendarId: calendarIdCodec })),
  SlaPolicyDefined: v1(struct('SlaPolicyDefined', { ...versioned, policy: slaPolicyCodec })),
  SlaPolicyEnabledSet: v1(struct('SlaPolicyEnabledSet', { ...versioned, policy: slaPolicyCodec })),
  SlaPolicyRemoved: v1(struct('SlaPolicyRemoved', { ...versioned, policyId: policyIdCodec })),
  LeftMessageTicketsSet: v1(struct('LeftMessageTicketsSet', { config: orNull(leftMessageTicketsCodec), ...at })),
} satisfies EventDefinitions<TicketSettingsEvent>;
