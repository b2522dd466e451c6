/** T3 工单模板: templates of custom fields, bound one to one to ticket types, enabled or not. */
import { describe, expect, it } from 'vitest';
import { templateOfType } from '../../../src/tickets/settings/customFields.js';
import { cmd, ready } from './harness.js';

const fields = [
  { fieldId: 'order', name: '订单号', kind: 'text', required: true },
  { fieldId: 'reason', name: '原因', kind: 'choice', required: false, options: ['质量', '尺码'] },
];

describe('T3 templates', () => {
  it('T3: a binding is one to one: the type has another template, or the template another type -> already-bound', async () => {
    const h = await ready();
    await h.ok(cmd('DefineTicketTemplate', { templateId: 't1', name: '退货', fields }));
    await h.ok(cmd('DefineTicketTemplate', { templateId: 't2', name: '换货', fields }));
    await h.ok(cmd('BindTicketTemplate', { templateId: 't1', typeId: 'a1' }));
    expect(await h.ok(cmd('BindTicketTemplate', { templateId: 't1', typeId: 'a1' }))).toEqual([]);
    expect(await h.refused(cmd('BindTicketTemplate', { templateId: 't2', typeId: 'a1' }))).toMatchObject({ code: 'ticket-settings.already-bound', details: { field: 'data.typeId', templateId: 't1' } });
    expect(await h.refused(cmd('BindTicketTemplate', { templateId: 't1', typeId: 'a2' }))).toMatchObject({ code: 'ticket-settings.already-bound', details: { field: 'data.templateId', typeId: 'a1' } });
    const s = await h.settings();
    expect(templateOfType(s, 'a1')?.templateId).toBe('t1');
    expect(templateOfType(s, 'a2')).toBeUndefined();
    await h.ok(cmd('UnbindTicketTemplate', { templateId: 't1' }));
    expect(await h.ok(cmd('UnbindTicketTemplate', { templateId: 't1' }))).toEqual([]);
    await h.ok(cmd('BindTicketTemplate', { templateId: 't2', typeId: 'a1' }));
    expect(templateOfType(await h.settings(), 'a1')?.templateId).toBe('t2');
  });

  it('T3: define creates enabled by default, replaces whole keeping the binding; enable/disable; remove drops the binding', async () => {
    const h = await ready();
    await h.ok(cmd('DefineTicketTemplate', { templateId: 't1', name: '退货', fields }));
    await h.ok(cmd('BindTicketTemplate', { templateId: 't1', typeId: 'a1' }));
    expect((await h.settings()).templates.get('t1')?.enabled).toBe(true);
    expect(await h.ok(cmd('DefineTicketTemplate', { templateId: 't1', name: '退货', fields }))).toEqual([]);
    await h.ok(cmd('DefineTicketTemplate', { templateId: 't1', name: '退货单', fields: [fields[1]], enabled: false }));
    let t1 = (await h.settings()).templates.get('t1');
    expect(t1).toMatchObject({ name: '退货单', enabled: false, typeId: 'a1' });
    expect(t1?.fields.map((f) => f.fieldId)).toEqual(['reason']);
    await h.ok(cmd('SetTicketTemplateEnabled', { templateId: 't1', enabled: true }));
    expect(await h.ok(cmd('SetTicketTemplateEnabled', { templateId: 't1', enabled: true }))).toEqual([]);
    t1 = (await h.settings()).templates.get('t1');
    expect(t1?.enabled).toBe(true);
    await h.ok(cmd('RemoveTicketTemplate', { templateId: 't1' }));
    const s = await h.settings();
    expect(s.templates.has('t1')).toBe(false);
    expect(s.templateOfType.has('a1')).toBe(false);
    expect(await h.code(cmd('RemoveTicketTemplate', { templateId: 't1' }))).toBe('ticket-settings.unknown-template');
    expect(await h.code(cmd('BindTicketTemplate', { templateId: 't1', typeId: 'a1' }))).toBe('ticket-settings.unknown-template');
  });

  it('T3: binding to an unknown type is refused naming data.typeId', async () => {
    const h = await ready();
    await h.ok(cmd('DefineTicketTemplate', { templateId: 't1', name: '退货', fields }));
    expect(await h.refused(cmd('BindTicketTemplate', { templateId: 't1', typeId: 'zz' }))).toMatchObject({ code: 'ticket-settings.unknown-type', details: { field: 'data.typeId' } });
  });
});
