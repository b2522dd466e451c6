/**
 * T1 受理组: a ticket goes to an acceptance group and is claimed or assigned
 * among its members. A group without members cannot receive tickets; the
 * ticket module asks these helpers rather than reading the state's shape.
 */
import type { AcceptanceGroup, TicketSettingsState } from './ticketSettingsTypes.js';

/** The group's members in the order they were added; none for an unknown group. */
export const groupMembers = (group: AcceptanceGroup | undefined): readonly string[] => group?.members ?? [];

/** Whether tickets may be sent to the group: it exists and has at least one member. */
export const canReceiveTickets = (group: AcceptanceGroup | undefined): boolean => groupMembers(group).length > 0;

export const isGroupMember = (group: AcceptanceGroup | undefined, agentId: string): boolean => groupMembers(group).includes(agentId);

/** The groups an agent is a member of (a ticket list's "unassigned in my groups", T10). */
export const groupsOfAgent = (state: Pick<TicketSettingsState, 'groups'>, agentId: string): readonly string[] =>
  [...state.groups.values()].filter((g) => g.members.includes(agentId)).map((g) => g.groupId);
