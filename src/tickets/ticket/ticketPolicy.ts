/**
 * P1 for tickets (T5-T8). How the actor stands to a ticket: `own` when it is
 * the ticket's assignee or creator, `own-group` when it is a member of the
 * ticket's acceptance group (T1; a team lead too: membership, not the desk's
 * groups), `other` otherwise. A customer creates its own tickets only; the SLA's
 * recompute and deadlines are the system's. Two T8 rules are the decide's on
 * top of the table, with codes of their own: claiming needs membership of the
 * group (`ticket.not-group-member`), editing is the creator's or the
 * assignee's (`ticket.not-creator-or-assignee`); starting is the assignee's
 * (`ticket.not-assignee`). Those three rules are `anyStaff` in the table so the
 * refusal carries the T8 code, not the generic `actor.not-allowed`.
 */
import { noted, rules, type CommandRule, type PolicyTable } from '../../domain/permissions/policy.js';
import type { TicketCommandType } from './ticketCommands.js';

/** The group's members work its tickets; a team lead its groups'; an admin every ticket. */
const groupWork = (note: string): CommandRule => noted({ needs: 'customer-service', admin: 'all', 'team-lead': 'own-groups', agent: 'own-groups', customer: 'none' }, note);
/** The ticket's own people (assignee, creator); a team lead of its group; an admin. */
const handling = (note: string): CommandRule => noted(rules.session('customer-service'), note);

export const ticketPolicy: PolicyTable<TicketCommandType> = {
  CreateTicket: noted({ ...rules.anyStaff('customer-service'), customer: 'own' }, 'a customer: for itself (its customerId, forced); staff: for anyone'),
  CreateTicketFromSession: noted(rules.anyStaff('customer-service'), 'staff, from any session of the shop; the left-message reaction as the system'),
  ClaimTicket: noted(rules.anyStaff('customer-service'), 'T8: a member of the ticket\'s group only (ticket.not-group-member)'),
  AssignTicket: groupWork('own-group = a member of the ticket\'s acceptance group'),
  TransferTicket: groupWork('own-group = a member of the ticket\'s acceptance group'),
  StartProcessingTicket: noted(rules.anyStaff('customer-service'), 'the assignee only (ticket.not-assignee)'),
  RemarkTicket: groupWork('own-group = a member of the ticket\'s acceptance group'),
  EditTicket: noted(rules.anyStaff('customer-service'), 'T8: the creator or the assignee only (ticket.not-creator-or-assignee)'),
  ChangeTicketType: groupWork('own-group = a member of the ticket\'s acceptance group'),
  ChangeTicketPriority: groupWork('own-group = a member of the ticket\'s acceptance group'),
  WaitOnCustomer: handling('own = the assignee or the creator; a team lead: members of the ticket\'s group'),
  ResumeTicket: handling('own = the assignee or the creator; a team lead: members of the ticket\'s group'),
  CompleteTicket: handling('own = the assignee or the creator; a team lead: members of the ticket\'s group'),
  ReopenTicket: groupWork('own-group = a member of the ticket\'s acceptance group'),
  RecomputeTicketSla: rules.systemOnly(),
  FireTicketSlaDeadline: rules.systemOnly(),
};
