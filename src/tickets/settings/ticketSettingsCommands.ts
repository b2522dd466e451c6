/**
 * T1-T4: the commands of a shop's ticket settings (admins only, P2). Groups,
 * types and templates change at once; SLA policies and calendars take an
 * optional `effectiveAt` (default: now) and each change publishes a new SLA
 * version. The data types are those the codecs read, so the two cannot drift.
 */
import * as t from 'io-ts';
import { calendarCodec } from '../../domain/calendar/calendarCodec.js';
import type { Command } from '../../domain/command.js';
import { agentIdCodec } from '../../domain/ids.js';
import type { CommandCodecs } from '../../domain/module.js';
import { intInRange, orNull, struct, timestamp } from '../../domain/validation.js';
import { ticketPriorityCodec } from '../priority.js';
import {
  calendarIdCodec,
  fieldsCodec,
  groupIdCodec,
  groupNameCodec,
  listOf,
  policyIdCodec,
  templateIdCodec,
  templateNameCodec,
  typeIdCodec,
  typeNameCodec,
} from './settingsCodecs.js';
import { calendarNameCodec, policyCalendarCodec, policyNameCodec, policyTypeIdsCodec, recipientsCodec, remindersCodec, targetsCodec } from './slaCodecs.js';

/** T2: at most this many types in a shop (and so siblings at one place). */
export const MAX_TYPES = 500;
/** T2: the tree has at most 3 levels. */
export const MAX_TYPE_DEPTH = 3;
/** T1: agents named by one command, and at most in a group; groups in a shop. */
export const MAX_AGENTS_PER_COMMAND = 200;
export const MAX_GROUP_MEMBERS = 1000;
export const MAX_GROUPS = 500;
export const MAX_TEMPLATES = 500;

const positionCodec = intInRange(0, MAX_TYPES);
const agentIdsCodec = listOf('AgentIds', agentIdCodec, 1, MAX_AGENTS_PER_COMMAND);
const group = { groupId: groupIdCodec };
const type = { typeId: typeIdCodec };
const template = { templateId: templateIdCodec };
const when = { effectiveAt: timestamp };

export const leftMessageTicketsCodec = struct('LeftMessageTickets', { typeId: typeIdCodec, priority: ticketPriorityCodec, groupId: groupIdCodec });

export const ticketSettingsCommandCodecs = {
  // T1 受理组
  CreateAcceptanceGroup: struct('CreateAcceptanceGroup', { ...group, name: groupNameCodec }),
  RenameAcceptanceGroup: struct('RenameAcceptanceGroup', { ...group, name: groupNameCodec }),
  RemoveAcceptanceGroup: struct('RemoveAcceptanceGroup', group),
  AddGroupMembers: struct('AddGroupMembers', { ...group, agentIds: agentIdsCodec }),
  RemoveGroupMembers: struct('RemoveGroupMembers', { ...group, agentIds: agentIdsCodec }),
  // T2 工单类型: at the end of its siblings unless a position (0 = first) is given.
  AddTicketType: struct('AddTicketType', { ...type, name: typeNameCodec }, { parentId: typeIdCodec, position: positionCodec }),
  RenameTicketType: struct('RenameTicketType', { ...type, name: typeNameCodec }),
  MoveTicketType: struct('MoveTicketType', { ...type, position: positionCodec }),
  RemoveTicketType: struct('RemoveTicketType', type),
  // T3 工单模板: Define creates or replaces (a binding stays).
  DefineTicketTemplate: struct('DefineTicketTemplate', { ...template, name: templateNameCodec, fields: fieldsCodec }, { enabled: t.boolean }),
  SetTicketTemplateEnabled: struct('SetTicketTemplateEnabled', { ...template, enabled: t.boolean }),
  BindTicketTemplate: struct('BindTicketTemplate', { ...template, ...type }),
  UnbindTicketTemplate: struct('UnbindTicketTemplate', template),
  RemoveTicketTemplate: struct('RemoveTicketTemplate', template),
  // T4 SLA: each publishes a version (effectiveAt default now).
  DefineSlaCalendar: struct('DefineSlaCalendar', { calendarId: calendarIdCodec, name: calendarNameCodec, definition: calendarCodec }, when),
  RemoveSlaCalendar: struct('RemoveSlaCalendar', { calendarId: calendarIdCodec }, when),
  DefineSlaPolicy: struct(
    'DefineSlaPolicy',
    { policyId: policyIdCodec, name: policyNameCodec, typeIds: policyTypeIdsCodec, targets: targetsCodec, reminders: remindersCodec, recipients: recipientsCodec, calendar: policyCalendarCodec },
    { enabled: t.boolean, ...when },
  ),
  SetSlaPolicyEnabled: struct('SetSlaPolicyEnabled', { policyId: policyIdCodec, enabled: t.boolean }, when),
  RemoveSlaPolicy: struct('RemoveSlaPolicy', { policyId: policyIdCodec }, when),
  // S12 -> T6: null switches it off.
  SetLeftMessageTickets: struct('SetLeftMessageTickets', { config: orNull(leftMessageTicketsCodec) }),
};

type Codecs = typeof ticketSettingsCommandCodecs;
export type TicketSettingsCommandType = keyof Codecs;
export type TicketSettingsDataOf<K extends TicketSettingsCommandType> = t.TypeOf<Codecs[K]>;
export type TicketSettingsCommand = { [K in TicketSettingsCommandType]: Command<K, TicketSettingsDataOf<K>> }[TicketSettingsCommandType];
export type TicketSettingsCommandOf<K extends TicketSettingsCommandType> = Extract<TicketSettingsCommand, { type: K }>;

export const checkedCommandCodecs: CommandCodecs<TicketSettingsCommand> = ticketSettingsCommandCodecs;
