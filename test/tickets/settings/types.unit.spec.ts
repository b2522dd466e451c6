/** T2 工单类型: a tree of at most 3 levels, ordered among siblings. */
import { describe, expect, it } from 'vitest';
import { ancestorsOf, depthOf, isKnownType, pathOf, siblingsOf } from '../../../src/tickets/settings/typeTree.js';
import { cmd, policy, ready, settingsHarness } from './harness.js';

describe('T2 ticket types', () => {
  it('T2: three levels; a fourth is refused (too-deep, naming the parent)', async () => {
    const h = await ready();
    const s = await h.settings();
    expect(ancestorsOf(s, 'a11')).toEqual(['a11', 'a1', 'a']);
    expect(pathOf(s, 'a11')).toEqual(['a', 'a1', 'a11']);
    expect([depthOf(s, 'a'), depthOf(s, 'a1'), depthOf(s, 'a11'), depthOf(s, undefined), depthOf(s, 'nope')]).toEqual([1, 2, 3, 0, 0]);
    expect(isKnownType(s, 'a2')).toBe(true);
    expect(isKnownType(s, 'nope')).toBe(false);
    expect(ancestorsOf(s, 'nope')).toEqual([]);
    const error = await h.refused(cmd('AddTicketType', { typeId: 'a111', name: '太深', parentId: 'a11' }));
    expect(error).toMatchObject({ code: 'ticket-settings.too-deep', details: { field: 'data.parentId' } });
  });

  it('T2: a position orders a new type among its siblings; a move reorders them; past the end means last', async () => {
    const h = await ready();
    await h.ok(cmd('AddTicketType', { typeId: 'a0', name: '首位', parentId: 'a', position: 0 }));
    await h.ok(cmd('AddTicketType', { typeId: 'a9', name: '末位', parentId: 'a', position: 400 }));
    expect(siblingsOf(await h.settings(), 'a')).toEqual(['a0', 'a1', 'a2', 'a9']);
    await h.ok(cmd('MoveTicketType', { typeId: 'a9', position: 1 }));
    expect(siblingsOf(await h.settings(), 'a')).toEqual(['a0', 'a9', 'a1', 'a2']);
    await h.ok(cmd('MoveTicketType', { typeId: 'a0', position: 99 }));
    expect(siblingsOf(await h.settings(), 'a')).toEqual(['a9', 'a1', 'a2', 'a0']);
    expect(await h.ok(cmd('MoveTicketType', { typeId: 'a0', position: 3 }))).toEqual([]);
    await h.ok(cmd('MoveTicketType', { typeId: 'b', position: 0 }));
    expect((await h.settings()).rootTypes).toEqual(['b', 'a']);
  });

  it('T2: removal: leaves only, not while a template is bound or a policy of the latest version names it', async () => {
    const h = await ready();
    expect((await h.refused(cmd('RemoveTicketType', { typeId: 'a1' })))).toMatchObject({ code: 'ticket-settings.has-children', details: { field: 'data.typeId' } });
    await h.ok(cmd('DefineTicketTemplate', { templateId: 't', name: '模板', fields: [{ fieldId: 'order', name: '订单号', kind: 'text', required: true }] }));
    await h.ok(cmd('BindTicketTemplate', { templateId: 't', typeId: 'a11' }));
    expect((await h.refused(cmd('RemoveTicketType', { typeId: 'a11' })))).toMatchObject({ code: 'ticket-settings.in-use', details: { usedBy: 'template' } });
    await h.ok(cmd('UnbindTicketTemplate', { templateId: 't' }));
    await h.ok(cmd('DefineSlaPolicy', policy('p', ['a11'])));
    expect((await h.refused(cmd('RemoveTicketType', { typeId: 'a11' })))).toMatchObject({ code: 'ticket-settings.in-use', details: { usedBy: 'sla-policy', policyId: 'p' } });
    await h.ok(cmd('RemoveSlaPolicy', { policyId: 'p' }));
    await h.ok(cmd('RemoveTicketType', { typeId: 'a11' }));
    await h.ok(cmd('RemoveTicketType', { typeId: 'a1' }));
    const s = await h.settings();
    expect(s.types.has('a1')).toBe(false);
    expect(siblingsOf(s, 'a')).toEqual(['a2']);
    expect(await h.code(cmd('RemoveTicketType', { typeId: 'a1' }))).toBe('ticket-settings.unknown-type');
  });

  it('T2: an add repeated is a no-op; the same id elsewhere or renamed is refused; unknown parent; rename', async () => {
    const h = await ready();
    expect(await h.ok(cmd('AddTicketType', { typeId: 'a1', name: '退货', parentId: 'a' }))).toEqual([]);
    expect(await h.code(cmd('AddTicketType', { typeId: 'a1', name: '退货' }))).toBe('ticket-settings.type-exists');
    expect((await h.refused(cmd('AddTicketType', { typeId: 'x', name: 'x', parentId: 'nope' })))).toMatchObject({ code: 'ticket-settings.unknown-type', details: { field: 'data.parentId' } });
    expect(await h.ok(cmd('RenameTicketType', { typeId: 'a1', name: '退货' }))).toEqual([]);
    await h.ok(cmd('RenameTicketType', { typeId: 'a1', name: '退款' }));
    expect((await h.settings()).types.get('a1')?.name).toBe('退款');
  });

  it('T2: at most 500 types in a shop', async () => {
    const h = settingsHarness();
    for (let i = 0; i < 500; i++) await h.ok(cmd('AddTicketType', { typeId: `t${i}`, name: `类型${i}` }));
    expect((await h.refused(cmd('AddTicketType', { typeId: 't500', name: '再多一个' })))).toMatchObject({ code: 'ticket-settings.too-many-types', details: { field: 'data.typeId' } });
    expect((await h.settings()).types.size).toBe(500);
  });
});
