/**
 * The checks a ticket command makes against the shop's ticket settings (T1-T3)
 * and the actor (P1, T8), each a refusal naming its field. Settings rules:
 * a known type, a group that can receive tickets (it exists and has members),
 * an assignee who is a member of the ticket's group, custom values that fit
 * the type's template (ticket-settings' customFields.ts).
 */
import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError, type ValidationError } from '../../domain/errors.js';
import type { Relation, Who } from '../../domain/permissions/policy.js';
import { canReceiveTickets, isGroupMember } from '../settings/acceptanceGroups.js';
import { templateOfType, validateCustomPatch, validateCustomValues } from '../settings/customFields.js';
import type { TicketSettingsState } from '../settings/ticketSettingsTypes.js';
import type { CustomValues, Party, TicketState } from './ticketTypes.js';

export const TICKET_ERROR_CODES = [
  'actor.not-allowed',
  'actor.missing-permission',
  'actor.unknown',
  'ticket.exists',
  'ticket.unknown',
  'ticket.wrong-status',
  'ticket.unknown-type',
  'ticket.group-empty',
  'ticket.not-group-member',
  'ticket.not-assignee',
  'ticket.not-creator-or-assignee',
  'ticket.session-unknown',
] as const;
export type TicketErrorCode = (typeof TICKET_ERROR_CODES)[number];

export const refuse = (code: TicketErrorCode, message: string, field: string, details: Readonly<Record<string, unknown>> = {}): E.Either<DomainError, never> =>
  E.left(domainError(code, message, { field, ...details }));

type Checked<A = void> = E.Either<DomainError | ValidationError, A>;
const OK: Checked = E.right(undefined);

export const requireType = (settings: TicketSettingsState, typeId: string): Checked =>
  settings.types.has(typeId) ? OK : refuse('ticket.unknown-type', `no ticket type ${typeId}`, 'data.typeId', { typeId });

/** T1: a ticket goes only to a group with members (an unknown group has none). */
export const requireGroup = (settings: TicketSettingsState, groupId: string): Checked =>
  canReceiveTickets(settings.groups.get(groupId)) ? OK : refuse('ticket.group-empty', `acceptance group ${groupId} has no members (or does not exist)`, 'data.groupId', { groupId });

export const requireMember = (settings: TicketSettingsState, groupId: string, agentId: string, field = 'data.assigneeId'): Checked =>
  isGroupMember(settings.groups.get(groupId), agentId) ? OK : refuse('ticket.not-group-member', `agent ${agentId} is not a member of group ${groupId}`, field, { groupId, agentId });

/** Where a transfer or a reopen sends the ticket: a group with members (T1) and, if named, one of them. */
export const requireDestination = (settings: TicketSettingsState, groupId: string, assigneeId: string | undefined): Checked => {
  const group = requireGroup(settings, groupId);
  return E.isLeft(group) || assigneeId === undefined ? group : requireMember(settings, groupId, assigneeId);
};

/** T3: the values of a new ticket or of a type change, against the type's template. */
export const checkCustom = (settings: TicketSettingsState, typeId: string, values: unknown): Checked<CustomValues> => validateCustomValues(templateOfType(settings, typeId), values);

/** T8 编辑: a patch of the current values; answers the merged values. */
export const checkCustomPatch = (settings: TicketSettingsState, typeId: string, current: CustomValues, patch: unknown): Checked<CustomValues> =>
  validateCustomPatch(templateOfType(settings, typeId), current, patch);

/** The party a command is taken by, as the events name it. */
export const partyOf = (who: Who): Party => (who.kind === 'staff' ? { kind: 'agent', id: who.id } : who.kind === 'customer' ? { kind: 'customer', id: who.id } : { kind: 'system' });

const isAgent = (party: Party | undefined, id: string): boolean => party?.kind === 'agent' && party.id === id;

/** T8: the ticket's creator (an agent) or its assignee. */
export const isCreatorOrAssignee = (who: Who, s: TicketState): boolean => who.kind === 'staff' && (s.assigneeId === who.id || isAgent(s.creator, who.id));

/**
 * P1: own = the assignee or the creator; own-group = a member of the ticket's
 * acceptance group; other otherwise. A customer: its own ticket (on creation:
 * the customer it names, or none: it is forced to the actor).
 */
export const relationOf = (who: Who, s: TicketState, settings: TicketSettingsState, createdFor?: string | null): Relation => {
  if (who.kind === 'customer') {
    if (createdFor !== undefined) return createdFor === null || createdFor === who.id ? 'own' : 'other';
    return s.customerId === who.id ? 'own' : 'other';
  }
  if (who.kind !== 'staff') return 'other';
  if (isCreatorOrAssignee(who, s)) return 'own';
  return s.status !== 'none' && isGroupMember(settings.groups.get(s.groupId), who.id) ? 'own-group' : 'other';
};
