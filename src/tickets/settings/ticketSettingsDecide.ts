/**
 * T1-T4: deciding a ticket settings command: who acts and the policy table
 * first (P2: admins with the configuration permission, or the system; a refusal
 * writes nothing), then one small function per command (groupDecide.ts,
 * typeDecide.ts, templateDecide.ts, slaDecide.ts). Settings touch no one's
 * data, so the relation is `other` (an admin's `all` reach).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { DecideContext } from '../../domain/decider.js';
import { routingStream } from '../../domain/desk/routingStream.js';
import { initialDeskState, type DeskState } from '../../domain/desk/deskState.js';
import { authorizeBy } from '../../domain/permissions/policy.js';
import { whoFromContext } from '../../domain/permissions/who.js';
import { addMembers, createGroup, removeGroup, removeMembers, renameGroup } from './groupDecide.js';
import { defineCalendar, definePolicy, removeCalendar, removePolicy, setPolicyEnabled } from './slaDecide.js';
import { bindTemplate, defineTemplate, removeTemplate, setTemplateEnabled, unbindTemplate } from './templateDecide.js';
import type { TicketSettingsCommand, TicketSettingsCommandOf } from './ticketSettingsCommands.js';
import { nothing, refuse, type Decided } from './ticketSettingsErrors.js';
import { ticketSettingsPolicy } from './ticketSettingsPolicy.js';
import type { TicketSettingsState } from './ticketSettingsTypes.js';
import { addType, moveType, removeType, renameType, unknownType } from './typeDecide.js';

export { TICKET_SETTINGS_ERROR_CODES, type TicketSettingsErrorCode } from './ticketSettingsErrors.js';

/** S12 -> T6: the type and the group of tickets made from left messages must exist. */
const setLeftMessageTickets = (c: TicketSettingsCommandOf<'SetLeftMessageTickets'>, s: TicketSettingsState): Decided => {
  const { config } = c.data;
  const current = s.leftMessageTickets;
  if (config === null) return current === undefined ? nothing : E.right([{ type: 'LeftMessageTicketsSet', data: { config: null, at: c.meta.now } }]);
  if (!s.types.has(config.typeId)) return unknownType(config.typeId, 'data.config.typeId');
  if (!s.groups.has(config.groupId)) return refuse('ticket-settings.unknown-group', `no acceptance group ${config.groupId}`, 'data.config.groupId', { groupId: config.groupId });
  if (current !== undefined && current.typeId === config.typeId && current.priority === config.priority && current.groupId === config.groupId) return nothing;
  return E.right([{ type: 'LeftMessageTicketsSet', data: { config: { typeId: config.typeId, priority: config.priority, groupId: config.groupId }, at: c.meta.now } }]);
};

const byCommand = (command: TicketSettingsCommand, state: TicketSettingsState, desk: DeskState): Decided => {
  switch (command.type) {
    case 'CreateAcceptanceGroup':
      return createGroup(command, state);
    case 'RenameAcceptanceGroup':
      return renameGroup(command, state);
    case 'RemoveAcceptanceGroup':
      return removeGroup(command, state);
    case 'AddGroupMembers':
      return addMembers(command, state, desk);
    case 'RemoveGroupMembers':
      return removeMembers(command, state);
    case 'AddTicketType':
      return addType(command, state);
    case 'RenameTicketType':
      return renameType(command, state);
    case 'MoveTicketType':
      return moveType(command, state);
    case 'RemoveTicketType':
      return removeType(command, state);
    case 'DefineTicketTemplate':
      return defineTemplate(command, state);
    case 'SetTicketTemplateEnabled':
      return setTemplateEnabled(command, state);
    case 'BindTicketTemplate':
      return bindTemplate(command, state);
    case 'UnbindTicketTemplate':
      return unbindTemplate(command, state);
    case 'RemoveTicketTemplate':
      return removeTemplate(command, state);
    case 'DefineSlaCalendar':
      return defineCalendar(command, state);
    case 'RemoveSlaCalendar':
      return removeCalendar(command, state);
    case 'DefineSlaPolicy':
      return definePolicy(command, state, desk);
    case 'SetSlaPolicyEnabled':
      return setPolicyEnabled(command, state);
    case 'RemoveSlaPolicy':
      return removePolicy(command, state);
    case 'SetLeftMessageTickets':
      return setLeftMessageTickets(command, state);
  }
};

export const decideTicketSettings = (command: TicketSettingsCommand, state: TicketSettingsState, context: DecideContext): Decided => {
  const { shopId, actor } = command.meta;
  const who = whoFromContext(context, shopId, actor);
  if (E.isLeft(who)) return who;
  const allowed = authorizeBy(ticketSettingsPolicy, command.type, who.right, 'other');
  if (E.isLeft(allowed)) return allowed;
  const desk = (context.stateOf(routingStream(shopId)) as DeskState | undefined) ?? initialDeskState();
  return byCommand(command, state, desk);
};
