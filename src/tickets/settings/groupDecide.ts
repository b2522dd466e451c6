/**
 * T1: shaping acceptance groups. A member must be an agent registered on the
 * desk (read as a reference); adding members already there or removing agents
 * who are not members changes nothing (`[]`). A group named by the left-message
 * ticket settings stays until those are changed.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { DeskState } from '../../domain/desk/deskState.js';
import type { DomainError } from '../../domain/errors.js';
import { MAX_GROUP_MEMBERS, MAX_GROUPS, type TicketSettingsCommandOf } from './ticketSettingsCommands.js';
import { nothing, refuse, type Decided } from './ticketSettingsErrors.js';
import type { TicketSettingsState } from './ticketSettingsTypes.js';

const unknownGroup = (groupId: string, field = 'data.groupId') => refuse('ticket-settings.unknown-group', `no acceptance group ${groupId}`, field, { groupId });

/** The first agent id not registered on the desk, refused at its index under `path`. */
export const requireAgents = (desk: DeskState, agentIds: readonly string[], path: string): E.Either<DomainError, void> => {
  const i = agentIds.findIndex((id) => !desk.agents.has(id));
  return i < 0 ? E.right(undefined) : refuse('ticket-settings.unknown-agent', `no agent ${agentIds[i]} on the desk`, `${path}.${i}`, { agentId: agentIds[i] });
};

export const createGroup = (c: TicketSettingsCommandOf<'CreateAcceptanceGroup'>, s: TicketSettingsState): Decided => {
  const { groupId } = c.data;
  const name = c.data.name.trim();
  const existing = s.groups.get(groupId);
  if (existing !== undefined) return existing.name === name ? nothing : refuse('ticket-settings.group-exists', `acceptance group ${groupId} exists (named ${existing.name})`, 'data.groupId', { groupId });
  if (s.groups.size >= MAX_GROUPS) return refuse('ticket-settings.too-many-groups', `a shop has at most ${MAX_GROUPS} acceptance groups`, 'data.groupId', { max: MAX_GROUPS });
  return E.right([{ type: 'AcceptanceGroupCreated', data: { groupId, name, at: c.meta.now } }]);
};

export const renameGroup = (c: TicketSettingsCommandOf<'RenameAcceptanceGroup'>, s: TicketSettingsState): Decided => {
  const group = s.groups.get(c.data.groupId);
  if (group === undefined) return unknownGroup(c.data.groupId);
  const name = c.data.name.trim();
  return group.name === name ? nothing : E.right([{ type: 'AcceptanceGroupRenamed', data: { groupId: group.groupId, name, at: c.meta.now } }]);
};

export const removeGroup = (c: TicketSettingsCommandOf<'RemoveAcceptanceGroup'>, s: TicketSettingsState): Decided => {
  const { groupId } = c.data;
  if (!s.groups.has(groupId)) return unknownGroup(groupId);
  if (s.leftMessageTickets?.groupId === groupId) return refuse('ticket-settings.in-use', `tickets from left messages go to group ${groupId}: change that first`, 'data.groupId', { groupId, usedBy: 'left-message-tickets' });
  return E.right([{ type: 'AcceptanceGroupRemoved', data: { groupId, at: c.meta.now } }]);
};

export const addMembers = (c: TicketSettingsCommandOf<'AddGroupMembers'>, s: TicketSettingsState, desk: DeskState): Decided => {
  const group = s.groups.get(c.data.groupId);
  if (group === undefined) return unknownGroup(c.data.groupId);
  const known = requireAgents(desk, c.data.agentIds, 'data.agentIds');
  if (E.isLeft(known)) return known;
  const added = [...new Set(c.data.agentIds)].filter((id) => !group.members.includes(id));
  if (added.length === 0) return nothing;
  if (group.members.length + added.length > MAX_GROUP_MEMBERS) {
    return refuse('ticket-settings.too-many-members', `a group has at most ${MAX_GROUP_MEMBERS} members`, 'data.agentIds', { max: MAX_GROUP_MEMBERS });
  }
  return E.right([{ type: 'GroupMembersAdded', data: { groupId: group.groupId, agentIds: added, at: c.meta.now } }]);
};

export const removeMembers = (c: TicketSettingsCommandOf<'RemoveGroupMembers'>, s: TicketSettingsState): Decided => {
  const group = s.groups.get(c.data.groupId);
  if (group === undefined) return unknownGroup(c.data.groupId);
  const removed = [...new Set(c.data.agentIds)].filter((id) => group.members.includes(id));
  return removed.length === 0 ? nothing : E.right([{ type: 'GroupMembersRemoved', data: { groupId: group.groupId, agentIds: removed, at: c.meta.now } }]);
};
