/**
 * P1 / T8: the permission table of tickets, every command x every actor, with
 * the shared kit (test/support/permissionTable.ts). The ticket `k-1` is the
 * case's customer's, created by the system, assigned to the case's owner, in
 * acceptance group `tg` whose members are the owner (and `a-lead` in the
 * team-lead-group case: a member of the group who is neither assignee nor
 * creator). The T8 rules the decide adds on top of the table have codes of
 * their own (`allowedButRefused`).
 */
import { describe, expect, it } from 'vitest';
import { accessModule } from '../../../src/domain/access/accessModule.js';
import { conversationModule } from '../../../src/domain/conversation/conversationModule.js';
import { ticketIndexModule } from '../../../src/tickets/index/ticketIndexModule.js';
import { ticketSettingsModule } from '../../../src/tickets/settings/ticketSettingsModule.js';
import type { TicketCommandType } from '../../../src/tickets/ticket/ticketCommands.js';
import { ticketModule } from '../../../src/tickets/ticket/ticketModule.js';
import { ticketPolicy } from '../../../src/tickets/ticket/ticketPolicy.js';
import { permissionTableSuite, type CaseContext, type CommandInputLike, type PermissionFixture } from '../../support/permissionTable.js';

const system = { kind: 'system' } as const;
const as = (c: CaseContext, type: string, data: Record<string, unknown>, actor: CaseContext['actor'] = system): CommandInputLike => ({ type, shopId: c.shopId, actor, data });
const on = (c: CaseContext, type: TicketCommandType, data: Record<string, unknown> = {}, actor: CaseContext['actor'] = c.actor) => as(c, type, { ticketId: 'k-1', ...data }, actor);
const fields = { typeId: 'complaint', subject: '商品破损', priority: 'normal', groupId: 'tg' };

const settings = (c: CaseContext): CommandInputLike[] => [
  as(c, 'CreateAcceptanceGroup', { groupId: 'tg', name: '售后' }),
  as(c, 'AddGroupMembers', { groupId: 'tg', agentIds: [c.owner, ...(c.actorCase === 'team-lead-group' ? ['a-lead'] : [])] }),
  as(c, 'AddTicketType', { typeId: 'complaint', name: '投诉' }),
  as(c, 'AddTicketType', { typeId: 'question', name: '咨询' }),
];
const unassigned = (c: CaseContext) => [...settings(c), as(c, 'CreateTicket', { ticketId: 'k-1', ...fields, customerId: c.customerId })];
const assigned = (c: CaseContext) => [...settings(c), as(c, 'CreateTicket', { ticketId: 'k-1', ...fields, customerId: c.customerId, assigneeId: c.owner })];
const started = (c: CaseContext) => [...assigned(c), on(c, 'StartProcessingTicket', {}, system)];

const outsiders = (code: string) => ({ admin: code, 'team-lead-group': code, 'team-lead-other': code, 'agent-other': code }) as const;

const fixtures: { readonly [K in TicketCommandType]: PermissionFixture } = {
  CreateTicket: { setup: settings, command: (c) => as(c, 'CreateTicket', { ticketId: 'k-2', ...fields, customerId: c.customerId }, c.actor) },
  CreateTicketFromSession: {
    setup: (c) => [...settings(c), as(c, 'SendCustomerMessage', { sessionId: 's-1', messageId: 'm-1', customerId: c.customerId, content: { kind: 'text', text: '在吗' }, channel: 'web-mall' }, { kind: 'customer', id: c.customerId })],
    command: (c) => as(c, 'CreateTicketFromSession', { ticketId: 'k-2', sessionId: 's-1', ...fields }, c.actor),
  },
  ClaimTicket: { setup: unassigned, command: (c) => on(c, 'ClaimTicket'), allowedButRefused: { admin: 'ticket.not-group-member', 'team-lead-other': 'ticket.not-group-member', 'agent-other': 'ticket.not-group-member', system: 'ticket.not-group-member' } },
  AssignTicket: { setup: assigned, command: (c) => on(c, 'AssignTicket', { assigneeId: c.owner }) },
  TransferTicket: { setup: assigned, command: (c) => on(c, 'TransferTicket', { groupId: 'tg', note: '转回组里' }) },
  StartProcessingTicket: { setup: assigned, command: (c) => on(c, 'StartProcessingTicket'), allowedButRefused: outsiders('ticket.not-assignee') },
  RemarkTicket: { setup: assigned, command: (c) => on(c, 'RemarkTicket', { remarkId: 'r-1', text: '已联系' }) },
  EditTicket: { setup: assigned, command: (c) => on(c, 'EditTicket', { subject: '新标题' }), allowedButRefused: outsiders('ticket.not-creator-or-assignee') },
  ChangeTicketType: { setup: assigned, command: (c) => on(c, 'ChangeTicketType', { typeId: 'question' }) },
  ChangeTicketPriority: { setup: assigned, command: (c) => on(c, 'ChangeTicketPriority', { priority: 'urgent' }) },
  WaitOnCustomer: { setup: started, command: (c) => on(c, 'WaitOnCustomer', { note: '等客户' }) },
  ResumeTicket: { setup: (c) => [...started(c), on(c, 'WaitOnCustomer', {}, system)], command: (c) => on(c, 'ResumeTicket') },
  CompleteTicket: { setup: assigned, command: (c) => on(c, 'CompleteTicket', { note: '完成' }) },
  ReopenTicket: { setup: (c) => [...assigned(c), on(c, 'CompleteTicket', {}, system)], command: (c) => on(c, 'ReopenTicket', { note: '重开' }) },
  RecomputeTicketSla: { setup: assigned, command: (c) => on(c, 'RecomputeTicketSla', { version: 0 }) },
  FireTicketSlaDeadline: { setup: assigned, command: (c) => on(c, 'FireTicketSlaDeadline', { clock: 'response', dueAt: null }) },
};

permissionTableSuite('ticket', { modules: [ticketSettingsModule, ticketModule, ticketIndexModule, conversationModule, accessModule], table: ticketPolicy, fixtures });

describe('ticket: the declared table', () => {
  it('T8: the group works its tickets; a customer creates its own only; the SLA steps are the system\'s', () => {
    expect(ticketPolicy.CreateTicket).toMatchObject({ customer: 'own', agent: 'all' });
    expect(ticketPolicy.AssignTicket).toMatchObject({ admin: 'all', 'team-lead': 'own-groups', agent: 'own-groups', customer: 'none' });
    expect(ticketPolicy.CompleteTicket).toMatchObject({ admin: 'all', 'team-lead': 'own-groups', agent: 'own' });
    expect(ticketPolicy.RecomputeTicketSla.systemOnly).toBe(true);
    expect(ticketPolicy.FireTicketSlaDeadline.systemOnly).toBe(true);
  });
});
