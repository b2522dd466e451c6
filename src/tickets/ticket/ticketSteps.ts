/**
 * T8: the operations on an existing ticket, once the actor is authorised and
 * the workflow table allows the step from the ticket's status (ticketDecide.ts).
 * Each answers the step's own event (or none when it changes nothing: the same
 * assignee, type or priority again, a remark id seen before, an edit changing
 * nothing); the SLA events follow in ticketDecide.ts.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { DomainError, ValidationError } from '../../domain/errors.js';
import type { Who } from '../../domain/permissions/policy.js';
import { isGroupMember } from '../settings/acceptanceGroups.js';
import type { TicketSettingsState } from '../settings/ticketSettingsTypes.js';
import type { TicketCommand, TicketCommandOf } from './ticketCommands.js';
import { checkCustom, checkCustomPatch, isCreatorOrAssignee, partyOf, refuse, requireDestination, requireMember, requireType } from './ticketRules.js';
import type { EditableFields, TicketEvent, TicketState } from './ticketTypes.js';

type Decided = E.Either<DomainError | ValidationError, readonly TicketEvent[]>;
type Step = Exclude<TicketCommand, TicketCommandOf<'CreateTicket' | 'CreateTicketFromSession' | 'RecomputeTicketSla' | 'FireTicketSlaDeadline'>>;

const none: Decided = E.right([]);
const one = (event: TicketEvent): Decided => E.right([event]);
const noteOf = (note: string | undefined) => (note === undefined ? {} : { note });
const assigneeOf = (assigneeId: string | undefined) => (assigneeId === undefined ? {} : { assigneeId });

const EDITABLE = ['subject', 'content', 'attachments', 'customerName', 'phone'] as const;

/** T8 编辑: only the fields that change, custom values merged and checked against the template. */
const edit = (c: TicketCommandOf<'EditTicket'>, s: TicketState, settings: TicketSettingsState, who: Who): Decided => {
  if (!isCreatorOrAssignee(who, s) && who.kind !== 'system') return refuse('ticket.not-creator-or-assignee', 'only the creator or the assignee edits a ticket', 'actor');
  const changes: Record<string, unknown> = {};
  for (const key of EDITABLE) {
    const value = c.data[key];
    if (value !== undefined && JSON.stringify(value) !== JSON.stringify(s[key])) changes[key] = value;
  }
  if (c.data.custom !== undefined) {
    const merged = checkCustomPatch(settings, s.typeId, s.custom, c.data.custom);
    if (E.isLeft(merged)) return merged;
    if (JSON.stringify(merged.right) !== JSON.stringify(s.custom)) changes['custom'] = merged.right;
  }
  if (Object.keys(changes).length === 0) return none;
  return one({ type: 'TicketEdited', data: { ticketId: s.ticketId, by: partyOf(who), changes: changes as EditableFields, at: c.meta.now } });
};

/** T8 转交: to a group (to-assign) or a person of that group (to-process). */
const transfer = (c: TicketCommandOf<'TransferTicket'>, s: TicketState, settings: TicketSettingsState, who: Who): Decided => {
  const groupId = c.data.groupId ?? s.groupId;
  const destination = requireDestination(settings, groupId, c.data.assigneeId);
  if (E.isLeft(destination)) return destination;
  return one({
    type: 'TicketTransferred',
    data: { ticketId: s.ticketId, by: partyOf(who), groupId, ...assigneeOf(c.data.assigneeId), fromGroupId: s.groupId, ...(s.assigneeId === undefined ? {} : { fromAssigneeId: s.assigneeId }), ...noteOf(c.data.note), at: c.meta.now },
  });
};

/** T8 重新打开: to the same group and assignee unless others are named (an assignee who left the group is dropped). */
const reopen = (c: TicketCommandOf<'ReopenTicket'>, s: TicketState, settings: TicketSettingsState, who: Who): Decided => {
  const groupId = c.data.groupId ?? s.groupId;
  const destination = requireDestination(settings, groupId, c.data.assigneeId);
  if (E.isLeft(destination)) return destination;
  const assigneeId = c.data.assigneeId ?? (s.assigneeId !== undefined && isGroupMember(settings.groups.get(groupId), s.assigneeId) ? s.assigneeId : undefined);
  return one({ type: 'TicketReopened', data: { ticketId: s.ticketId, by: partyOf(who), groupId, ...assigneeOf(assigneeId), ...noteOf(c.data.note), at: c.meta.now } });
};

export const decideStep = (c: Step, s: TicketState, settings: TicketSettingsState, who: Who): Decided => {
  const ticketId = s.ticketId;
  const by = partyOf(who);
  const at = c.meta.now;
  switch (c.type) {
    case 'ClaimTicket':
      if (who.kind !== 'staff' || !isGroupMember(settings.groups.get(s.groupId), who.id)) return refuse('ticket.not-group-member', `only a member of group ${s.groupId} claims its tickets`, 'actor', { groupId: s.groupId });
      return one({ type: 'TicketClaimed', data: { ticketId, by, assigneeId: who.id, at } });
    case 'AssignTicket': {
      if (c.data.assigneeId === s.assigneeId) return none;
      const member = requireMember(settings, s.groupId, c.data.assigneeId);
      if (E.isLeft(member)) return member;
      return one({ type: 'TicketAssigned', data: { ticketId, by, assigneeId: c.data.assigneeId, ...(s.assigneeId === undefined ? {} : { previousAssigneeId: s.assigneeId }), at } });
    }
    case 'TransferTicket':
      return transfer(c, s, settings, who);
    case 'StartProcessingTicket':
      if (who.kind !== 'system' && !(who.kind === 'staff' && who.id === s.assigneeId)) return refuse('ticket.not-assignee', `only the assignee ${s.assigneeId ?? ''} starts processing`, 'actor');
      return one({ type: 'TicketProcessingStarted', data: { ticketId, by, at } });
    case 'RemarkTicket':
      if (s.remarkIds.includes(c.data.remarkId)) return none;
      return one({ type: 'TicketRemarked', data: { ticketId, by, remarkId: c.data.remarkId, text: c.data.text, ...(c.data.attachments === undefined ? {} : { attachments: c.data.attachments }), at } });
    case 'EditTicket':
      return edit(c, s, settings, who);
    case 'ChangeTicketType': {
      if (c.data.typeId === s.typeId && c.data.custom === undefined) return none;
      const known = requireType(settings, c.data.typeId);
      if (E.isLeft(known)) return known;
      const custom = checkCustom(settings, c.data.typeId, c.data.custom ?? s.custom);
      if (E.isLeft(custom)) return custom;
      return one({ type: 'TicketTypeChanged', data: { ticketId, by, typeId: c.data.typeId, fromTypeId: s.typeId, custom: custom.right, at } });
    }
    case 'ChangeTicketPriority':
      if (c.data.priority === s.priority) return none;
      return one({ type: 'TicketPriorityChanged', data: { ticketId, by, priority: c.data.priority, fromPriority: s.priority, at } });
    case 'WaitOnCustomer':
      return one({ type: 'TicketWaitingOnCustomer', data: { ticketId, by, ...noteOf(c.data.note), at } });
    case 'ResumeTicket':
      return one({ type: 'TicketResumed', data: { ticketId, by, at } });
    case 'CompleteTicket':
      return one({ type: 'TicketCompleted', data: { ticketId, by, ...noteOf(c.data.note), first: s.firstResolutionAt === undefined, at } });
    case 'ReopenTicket':
      return reopen(c, s, settings, who);
  }
};
