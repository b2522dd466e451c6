/**
 * P2 for the ticket settings (T1-T4): every command is an admin's (with the
 * configuration permission) or the system's; team leads, agents, customers and
 * an admin whose roles lack the permission are refused `actor.*`, nothing written.
 */
import { describe, expect, it } from 'vitest';
import { accessModule } from '../../../src/domain/access/accessModule.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import type { Actor } from '../../../src/domain/envelope.js';
import type { TicketSettingsCommandType } from '../../../src/tickets/settings/ticketSettingsCommands.js';
import { ticketSettingsModule } from '../../../src/tickets/settings/ticketSettingsModule.js';
import { ticketSettingsPolicy } from '../../../src/tickets/settings/ticketSettingsPolicy.js';
import { PERMISSION_SHOP, permissionTableSuite, type CommandInputLike, type PermissionFixture } from '../../support/permissionTable.js';
import { agent, cmd, policy, ready, weekdays } from './harness.js';

const system: Actor = { kind: 'system' };
const send = (type: TicketSettingsCommandType, actor: Actor, data: unknown): CommandInputLike => ({ type, shopId: PERMISSION_SHOP, actor, data });
const setup = (...inputs: readonly [TicketSettingsCommandType, unknown][]) => () => inputs.map(([type, data]) => send(type, system, data));
const group: [TicketSettingsCommandType, unknown] = ['CreateAcceptanceGroup', { groupId: 'tg', name: '组' }];
const type: [TicketSettingsCommandType, unknown] = ['AddTicketType', { typeId: 'ty', name: '类型' }];
const template: [TicketSettingsCommandType, unknown] = ['DefineTicketTemplate', { templateId: 'tp', name: '模板', fields: [{ fieldId: 'f', name: 'f', kind: 'text', required: true }] }];
const calendar: [TicketSettingsCommandType, unknown] = ['DefineSlaCalendar', { calendarId: 'cal', name: '工作日', definition: weekdays }];
const slaPolicy: [TicketSettingsCommandType, unknown] = ['DefineSlaPolicy', policy('sp', ['ty'])];

const fixtures: { readonly [K in TicketSettingsCommandType]: PermissionFixture } = {
  CreateAcceptanceGroup: { command: (c) => send('CreateAcceptanceGroup', c.actor, { groupId: 'tg', name: '组' }) },
  RenameAcceptanceGroup: { setup: setup(group), command: (c) => send('RenameAcceptanceGroup', c.actor, { groupId: 'tg', name: '新组' }) },
  RemoveAcceptanceGroup: { setup: setup(group), command: (c) => send('RemoveAcceptanceGroup', c.actor, { groupId: 'tg' }) },
  AddGroupMembers: { setup: setup(group), command: (c) => send('AddGroupMembers', c.actor, { groupId: 'tg', agentIds: [c.owner] }) },
  RemoveGroupMembers: { setup: (c) => [...setup(group)(), send('AddGroupMembers', system, { groupId: 'tg', agentIds: [c.owner] })], command: (c) => send('RemoveGroupMembers', c.actor, { groupId: 'tg', agentIds: [c.owner] }) },
  AddTicketType: { command: (c) => send('AddTicketType', c.actor, { typeId: 'ty', name: '类型' }) },
  RenameTicketType: { setup: setup(type), command: (c) => send('RenameTicketType', c.actor, { typeId: 'ty', name: '改名' }) },
  MoveTicketType: { setup: setup(type, ['AddTicketType', { typeId: 'ty2', name: '二' }]), command: (c) => send('MoveTicketType', c.actor, { typeId: 'ty2', position: 0 }) },
  RemoveTicketType: { setup: setup(type), command: (c) => send('RemoveTicketType', c.actor, { typeId: 'ty' }) },
  DefineTicketTemplate: { command: (c) => send('DefineTicketTemplate', c.actor, { templateId: 'tp', name: '模板', fields: [{ fieldId: 'f', name: 'f', kind: 'text', required: true }] }) },
  SetTicketTemplateEnabled: { setup: setup(template), command: (c) => send('SetTicketTemplateEnabled', c.actor, { templateId: 'tp', enabled: false }) },
  BindTicketTemplate: { setup: setup(template, type), command: (c) => send('BindTicketTemplate', c.actor, { templateId: 'tp', typeId: 'ty' }) },
  UnbindTicketTemplate: { setup: setup(template, type, ['BindTicketTemplate', { templateId: 'tp', typeId: 'ty' }]), command: (c) => send('UnbindTicketTemplate', c.actor, { templateId: 'tp' }) },
  RemoveTicketTemplate: { setup: setup(template), command: (c) => send('RemoveTicketTemplate', c.actor, { templateId: 'tp' }) },
  DefineSlaCalendar: { command: (c) => send('DefineSlaCalendar', c.actor, { calendarId: 'cal', name: '工作日', definition: weekdays }) },
  RemoveSlaCalendar: { setup: setup(calendar), command: (c) => send('RemoveSlaCalendar', c.actor, { calendarId: 'cal' }) },
  DefineSlaPolicy: { setup: setup(type), command: (c) => send('DefineSlaPolicy', c.actor, policy('sp', ['ty'], { recipients: { assignee: true, creator: false, people: [c.owner] } })) },
  SetSlaPolicyEnabled: { setup: setup(type, slaPolicy), command: (c) => send('SetSlaPolicyEnabled', c.actor, { policyId: 'sp', enabled: false }) },
  RemoveSlaPolicy: { setup: setup(type, slaPolicy), command: (c) => send('RemoveSlaPolicy', c.actor, { policyId: 'sp' }) },
  SetLeftMessageTickets: { setup: setup(type, group), command: (c) => send('SetLeftMessageTickets', c.actor, { config: { typeId: 'ty', priority: 'normal', groupId: 'tg' } }) },
};

permissionTableSuite('ticket-settings', { modules: [deskModule, accessModule, ticketSettingsModule], table: ticketSettingsPolicy, fixtures });

describe('P2: ticket settings are an admin\'s', () => {
  it('P2: an agent and a team lead are refused actor.not-allowed (field actor), an admin allowed', async () => {
    const h = await ready();
    for (const who of ['amy', 'lead']) {
      expect(await h.refused(cmd('CreateAcceptanceGroup', { groupId: 'g', name: '组' }, agent(who)))).toMatchObject({ code: 'actor.not-allowed', details: { field: 'actor' } });
    }
    expect(await h.ok(cmd('CreateAcceptanceGroup', { groupId: 'g', name: '组' }, agent('boss')))).toHaveLength(1);
  });

  it('P2: an admin whose roles lack the configuration permission is refused actor.missing-permission', async () => {
    const h = await ready();
    await h.ok(cmd('DefineRole', { roleId: 'service', name: '客服', permissions: ['customer-service'], brands: 'all' }));
    await h.ok(cmd('SetAgentRoles', { agentId: 'boss', roleIds: ['service'] }));
    expect(await h.code(cmd('AddTicketType', { typeId: 'x', name: 'x' }, agent('boss')))).toBe('actor.missing-permission');
    expect(await h.code(cmd('AddTicketType', { typeId: 'x', name: 'x' }, agent('ghost')))).toMatch(/^actor\./);
  });
});
