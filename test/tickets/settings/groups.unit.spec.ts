/** T1 受理组: groups, their members (agents of the desk), and who can receive tickets. */
import { describe, expect, it } from 'vitest';
import { canReceiveTickets, groupMembers, groupsOfAgent } from '../../../src/tickets/settings/acceptanceGroups.js';
import { cmd, ready } from './harness.js';

describe('T1 acceptance groups', () => {
  it('T1: a group without members cannot receive tickets; with a member it can, and not after the last leaves', async () => {
    const h = await ready();
    await h.ok(cmd('CreateAcceptanceGroup', { groupId: 'after-sales', name: '售后组' }));
    expect(canReceiveTickets((await h.settings()).groups.get('after-sales'))).toBe(false);
    await h.ok(cmd('AddGroupMembers', { groupId: 'after-sales', agentIds: ['amy'] }));
    const withAmy = (await h.settings()).groups.get('after-sales');
    expect(canReceiveTickets(withAmy)).toBe(true);
    expect(groupMembers(withAmy)).toEqual(['amy']);
    await h.ok(cmd('RemoveGroupMembers', { groupId: 'after-sales', agentIds: ['amy'] }));
    expect(canReceiveTickets((await h.settings()).groups.get('after-sales'))).toBe(false);
    expect(canReceiveTickets(undefined)).toBe(false);
  });

  it('T1: members keep the order they were added in; repeats and absent agents change nothing', async () => {
    const h = await ready();
    await h.ok(cmd('CreateAcceptanceGroup', { groupId: 'g', name: '组' }));
    const added = await h.ok(cmd('AddGroupMembers', { groupId: 'g', agentIds: ['bob', 'amy', 'bob'] }));
    expect(added).toEqual([{ type: 'GroupMembersAdded', data: { groupId: 'g', agentIds: ['bob', 'amy'], at: h.clock.now() } }]);
    expect(await h.ok(cmd('AddGroupMembers', { groupId: 'g', agentIds: ['amy'] }))).toEqual([]);
    expect(await h.ok(cmd('RemoveGroupMembers', { groupId: 'g', agentIds: ['lead'] }))).toEqual([]);
    await h.ok(cmd('AddGroupMembers', { groupId: 'g', agentIds: ['lead', 'amy'] }));
    const state = await h.settings();
    expect(state.groups.get('g')?.members).toEqual(['bob', 'amy', 'lead']);
    expect(groupsOfAgent(state, 'lead')).toEqual(['g']);
  });

  it('T1: a member must be an agent registered on the desk (the index of the unknown one is named)', async () => {
    const h = await ready();
    await h.ok(cmd('CreateAcceptanceGroup', { groupId: 'g', name: '组' }));
    const error = await h.refused(cmd('AddGroupMembers', { groupId: 'g', agentIds: ['amy', 'ghost'] }));
    expect(error).toMatchObject({ _tag: 'DomainError', code: 'ticket-settings.unknown-agent', details: { field: 'data.agentIds.1', agentId: 'ghost' } });
  });

  it('T1: create repeated with the same name is a no-op, with another name refused; rename and remove', async () => {
    const h = await ready();
    await h.ok(cmd('CreateAcceptanceGroup', { groupId: 'g', name: '组' }));
    expect(await h.ok(cmd('CreateAcceptanceGroup', { groupId: 'g', name: '组' }))).toEqual([]);
    expect(await h.code(cmd('CreateAcceptanceGroup', { groupId: 'g', name: '别的' }))).toBe('ticket-settings.group-exists');
    expect(await h.ok(cmd('RenameAcceptanceGroup', { groupId: 'g', name: '组' }))).toEqual([]);
    await h.ok(cmd('RenameAcceptanceGroup', { groupId: 'g', name: '新组' }));
    expect((await h.settings()).groups.get('g')?.name).toBe('新组');
    await h.ok(cmd('RemoveAcceptanceGroup', { groupId: 'g' }));
    expect((await h.settings()).groups.has('g')).toBe(false);
    expect(await h.code(cmd('RemoveAcceptanceGroup', { groupId: 'g' }))).toBe('ticket-settings.unknown-group');
    expect(await h.code(cmd('AddGroupMembers', { groupId: 'g', agentIds: ['amy'] }))).toBe('ticket-settings.unknown-group');
  });

  it('T1/T6: left-message tickets need a known type and group; the group and the type they name stay', async () => {
    const h = await ready();
    await h.ok(cmd('CreateAcceptanceGroup', { groupId: 'g', name: '组' }));
    expect((await h.refused(cmd('SetLeftMessageTickets', { config: { typeId: 'zz', priority: 'normal', groupId: 'g' } })))).toMatchObject({ code: 'ticket-settings.unknown-type', details: { field: 'data.config.typeId' } });
    expect((await h.refused(cmd('SetLeftMessageTickets', { config: { typeId: 'a1', priority: 'normal', groupId: 'zz' } })))).toMatchObject({ code: 'ticket-settings.unknown-group', details: { field: 'data.config.groupId' } });
    await h.ok(cmd('SetLeftMessageTickets', { config: { typeId: 'b', priority: 'low', groupId: 'g' } }));
    expect((await h.settings()).leftMessageTickets).toEqual({ typeId: 'b', priority: 'low', groupId: 'g' });
    expect(await h.ok(cmd('SetLeftMessageTickets', { config: { typeId: 'b', priority: 'low', groupId: 'g' } }))).toEqual([]);
    expect(await h.code(cmd('RemoveAcceptanceGroup', { groupId: 'g' }))).toBe('ticket-settings.in-use');
    expect(await h.code(cmd('RemoveTicketType', { typeId: 'b' }))).toBe('ticket-settings.in-use');
    await h.ok(cmd('SetLeftMessageTickets', { config: null }));
    expect((await h.settings()).leftMessageTickets).toBeUndefined();
    await h.ok(cmd('RemoveAcceptanceGroup', { groupId: 'g' }));
  });
});
