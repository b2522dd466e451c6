/**
 * P2 for the ticket settings (T1-T4): configuration, changed by admins with the
 * customer-service-configuration permission only; the system (a trusted backend)
 * is always allowed.
 */
import { rules, type PolicyTable } from '../../domain/permissions/policy.js';
import type { TicketSettingsCommandType } from './ticketSettingsCommands.js';

const admin = rules.adminOnly();

export const ticketSettingsPolicy: PolicyTable<TicketSettingsCommandType> = {
  CreateAcceptanceGroup: admin,
  RenameAcceptanceGroup: admin,
  RemoveAcceptanceGroup: admin,
  AddGroupMembers: admin,
  RemoveGroupMembers: admin,
  AddTicketType: admin,
  RenameTicketType: admin,
  MoveTicketType: admin,
  RemoveTicketType: admin,
  DefineTicketTemplate: admin,
  SetTicketTemplateEnabled: admin,
  BindTicketTemplate: admin,
  UnbindTicketTemplate: admin,
  RemoveTicketTemplate: admin,
  DefineSlaCalendar: admin,
  RemoveSlaCalendar: admin,
  DefineSlaPolicy: admin,
  SetSlaPolicyEnabled: admin,
  RemoveSlaPolicy: admin,
  SetLeftMessageTickets: admin,
};
