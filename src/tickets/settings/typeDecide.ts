/**
 * T2: shaping the ticket type tree. At most MAX_TYPE_DEPTH levels and MAX_TYPES
 * types; a type moves among its siblings only (no re-parenting: a ticket's type
 * path stays what it was). A type is removed only as a leaf that no template is
 * bound to, no policy of the latest SLA version names and the left-message
 * tickets do not use. An add repeated with the same name and parent, a rename to
 * the same name and a move to where it is change nothing.
 */
import * as E from 'fp-ts/lib/Either.js';
import { latestSlaVersion } from './slaVersions.js';
import { MAX_TYPE_DEPTH, MAX_TYPES, type TicketSettingsCommandOf } from './ticketSettingsCommands.js';
import { nothing, refuse, type Decided } from './ticketSettingsErrors.js';
import type { TicketSettingsState } from './ticketSettingsTypes.js';
import { depthOf, siblingsOf } from './typeTree.js';

export const unknownType = (typeId: string, field = 'data.typeId') => refuse('ticket-settings.unknown-type', `no ticket type ${typeId}`, field, { typeId });

export const addType = (c: TicketSettingsCommandOf<'AddTicketType'>, s: TicketSettingsState): Decided => {
  const { typeId, parentId, position } = c.data;
  const name = c.data.name.trim();
  const existing = s.types.get(typeId);
  if (existing !== undefined) {
    return existing.name === name && existing.parentId === parentId ? nothing : refuse('ticket-settings.type-exists', `ticket type ${typeId} exists`, 'data.typeId', { typeId });
  }
  if (parentId !== undefined && !s.types.has(parentId)) return unknownType(parentId, 'data.parentId');
  if (s.types.size >= MAX_TYPES) return refuse('ticket-settings.too-many-types', `a shop has at most ${MAX_TYPES} ticket types`, 'data.typeId', { max: MAX_TYPES });
  if (depthOf(s, parentId) + 1 > MAX_TYPE_DEPTH) return refuse('ticket-settings.too-deep', `the type tree has at most ${MAX_TYPE_DEPTH} levels`, 'data.parentId', { max: MAX_TYPE_DEPTH });
  const siblings = siblingsOf(s, parentId);
  const at = Math.min(position ?? siblings.length, siblings.length);
  return E.right([{ type: 'TicketTypeAdded', data: { typeId, name, ...(parentId === undefined ? {} : { parentId }), position: at, at: c.meta.now } }]);
};

export const renameType = (c: TicketSettingsCommandOf<'RenameTicketType'>, s: TicketSettingsState): Decided => {
  const type = s.types.get(c.data.typeId);
  if (type === undefined) return unknownType(c.data.typeId);
  const name = c.data.name.trim();
  return type.name === name ? nothing : E.right([{ type: 'TicketTypeRenamed', data: { typeId: type.typeId, name, at: c.meta.now } }]);
};

/** Among its siblings: position 0 is first, a position past the end puts it last. */
export const moveType = (c: TicketSettingsCommandOf<'MoveTicketType'>, s: TicketSettingsState): Decided => {
  const type = s.types.get(c.data.typeId);
  if (type === undefined) return unknownType(c.data.typeId);
  const siblings = siblingsOf(s, type.parentId);
  const target = Math.min(c.data.position, siblings.length - 1);
  return siblings.indexOf(type.typeId) === target ? nothing : E.right([{ type: 'TicketTypeMoved', data: { typeId: type.typeId, position: target, at: c.meta.now } }]);
};

export const removeType = (c: TicketSettingsCommandOf<'RemoveTicketType'>, s: TicketSettingsState): Decided => {
  const { typeId } = c.data;
  const type = s.types.get(typeId);
  if (type === undefined) return unknownType(typeId);
  if (type.children.length > 0) return refuse('ticket-settings.has-children', `ticket type ${typeId} has types under it`, 'data.typeId', { typeId, children: type.children });
  const template = s.templateOfType.get(typeId);
  if (template !== undefined) return refuse('ticket-settings.in-use', `template ${template} is bound to ticket type ${typeId}: unbind it first`, 'data.typeId', { typeId, usedBy: 'template', templateId: template });
  const policy = latestSlaVersion(s).policies.find((p) => p.typeIds.includes(typeId));
  if (policy !== undefined) return refuse('ticket-settings.in-use', `SLA policy ${policy.policyId} names ticket type ${typeId}`, 'data.typeId', { typeId, usedBy: 'sla-policy', policyId: policy.policyId });
  if (s.leftMessageTickets?.typeId === typeId) return refuse('ticket-settings.in-use', `tickets from left messages have type ${typeId}: change that first`, 'data.typeId', { typeId, usedBy: 'left-message-tickets' });
  return E.right([{ type: 'TicketTypeRemoved', data: { typeId, at: c.meta.now } }]);
};
