/**
 * T1-T4, bad input for every command: a typed error naming the field and a
 * reason, and nothing written anywhere (the driver's `refused` compares the
 * whole log before and after).
 */
import { describe, expect, it } from 'vitest';
import type { ValidationError } from '../../../src/domain/errors.js';
import { agent, cmd, policy, ready, targets, weekdays } from './harness.js';

const field = { fieldId: 'f', name: '字段', kind: 'text', required: false };
const p = policy('p1', ['a']);
const hm = (hours: number, minutes: number) => ({ hours, minutes });

const cases: Readonly<Record<string, readonly (readonly [string, unknown])[]>> = {
  CreateAcceptanceGroup: [
    ['data.groupId', { name: '组' }],
    ['data.groupId', { groupId: 'bad id', name: '组' }],
    ['data.name', { groupId: 'g', name: '长'.repeat(31) }],
    ['data.name', { groupId: 'g', name: ' ' }],
    ['data.extra', { groupId: 'g', name: '组', extra: 1 }],
  ],
  RenameAcceptanceGroup: [['data.name', { groupId: 'g' }]],
  RemoveAcceptanceGroup: [['data.groupId', { groupId: 7 }]],
  AddGroupMembers: [
    ['data.agentIds', { groupId: 'g', agentIds: [] }],
    ['data.agentIds', { groupId: 'g', agentIds: Array.from({ length: 201 }, (_, i) => `a${i}`) }],
    ['data.agentIds.1', { groupId: 'g', agentIds: ['amy', 'not an id'] }],
    ['data.agentIds', { groupId: 'g', agentIds: 'amy' }],
  ],
  RemoveGroupMembers: [['data.agentIds', { groupId: 'g' }]],
  AddTicketType: [
    ['data.name', { typeId: 't', name: 'x'.repeat(31) }],
    ['data.parentId', { typeId: 't', name: 't', parentId: '' }],
    ['data.position', { typeId: 't', name: 't', position: -1 }],
    ['data.position', { typeId: 't', name: 't', position: 1.5 }],
  ],
  RenameTicketType: [['data.typeId', { name: 'x' }]],
  MoveTicketType: [
    ['data.position', { typeId: 'a1' }],
    ['data.parentId', { typeId: 'a1', position: 0, parentId: 'b' }],
  ],
  RemoveTicketType: [['data.typeId', {}]],
  DefineTicketTemplate: [
    ['data.fields', { templateId: 't', name: 't', fields: [] }],
    ['data.fields', { templateId: 't', name: 't', fields: Array.from({ length: 51 }, (_, i) => ({ ...field, fieldId: `f${i}` })) }],
    ['data.fields.1.fieldId', { templateId: 't', name: 't', fields: [field, field] }],
    ['data.fields.0.kind', { templateId: 't', name: 't', fields: [{ ...field, kind: 'color' }] }],
    ['data.fields.0.required', { templateId: 't', name: 't', fields: [{ fieldId: 'f', name: 'f', kind: 'text' }] }],
    ['data.fields.0.options', { templateId: 't', name: 't', fields: [{ ...field, options: ['a'] }] }],
    ['data.fields.0.options', { templateId: 't', name: 't', fields: [{ ...field, kind: 'choice' }] }],
    ['data.fields.0.options', { templateId: 't', name: 't', fields: [{ ...field, kind: 'multi-choice', options: [] }] }],
    ['data.fields.0.options.1', { templateId: 't', name: 't', fields: [{ ...field, kind: 'choice', options: ['a', 'a'] }] }],
    ['data.fields.0.options', { templateId: 't', name: 't', fields: [{ ...field, kind: 'choice', options: Array.from({ length: 101 }, (_, i) => `o${i}`) }] }],
    ['data.enabled', { templateId: 't', name: 't', fields: [field], enabled: 'yes' }],
  ],
  SetTicketTemplateEnabled: [['data.enabled', { templateId: 't' }]],
  BindTicketTemplate: [['data.typeId', { templateId: 't' }]],
  UnbindTicketTemplate: [['data.templateId', { templateId: '' }]],
  RemoveTicketTemplate: [['data.templateId', {}]],
  DefineSlaCalendar: [
    ['data.definition.zone', { calendarId: 'c', name: 'c', definition: { kind: 'weekly', zone: 'Mars/Base', week: {} } }],
    ['data.definition.week.mon.0.end', { calendarId: 'c', name: 'c', definition: { ...weekdays, week: { mon: [{ start: '09:00', end: '09:00' }] } } }],
    ['data.effectiveAt', { calendarId: 'c', name: 'c', definition: weekdays, effectiveAt: -1 }],
  ],
  RemoveSlaCalendar: [['data.effectiveAt', { calendarId: 'c', effectiveAt: 'now' }]],
  DefineSlaPolicy: [
    ['data.name', { ...p, name: 'x'.repeat(16) }],
    ['data.typeIds', { ...p, typeIds: [] }],
    ['data.typeIds.1', { ...p, typeIds: ['a', 'a'] }],
    ['data.targets.urgent.response.hours', { ...p, targets: { ...targets(), urgent: { response: hm(10000, 0), resolution: hm(1, 0) } } }],
    ['data.targets.normal.resolution.minutes', { ...p, targets: { ...targets(), normal: { response: hm(1, 0), resolution: hm(1, 60) } } }],
    ['data.targets.low.response', { ...p, targets: { ...targets(), low: { response: hm(0, 0), resolution: hm(1, 0) } } }],
    ['data.targets.low', { ...p, targets: { urgent: targets().urgent, normal: targets().normal } }],
    ['data.reminders', { ...p, reminders: Array.from({ length: 21 }, () => ({ clock: 'response', when: { kind: 'at' } })) }],
    ['data.reminders.0.when.minutes', { ...p, reminders: [{ clock: 'response', when: { kind: 'before', minutes: 0 } }] }],
    ['data.reminders.0.when.count', { ...p, reminders: [{ clock: 'resolution', when: { kind: 'after', everyMinutes: 5, count: 101 } }] }],
    ['data.reminders.0.when.everyMinutes', { ...p, reminders: [{ clock: 'resolution', when: { kind: 'after', everyMinutes: 100001, count: 1 } }] }],
    ['data.reminders.0.when.kind', { ...p, reminders: [{ clock: 'resolution', when: { kind: 'soon' } }] }],
    ['data.reminders.0.clock', { ...p, reminders: [{ clock: 'breach', when: { kind: 'at' } }] }],
    ['data.recipients.people', { ...p, recipients: { assignee: true, creator: true, people: Array.from({ length: 51 }, (_, i) => `a${i}`) } }],
    ['data.recipients.creator', { ...p, recipients: { assignee: true, people: [] } }],
    ['data.calendar.kind', { ...p, calendar: { kind: 'weekly' } }],
    ['data.calendar.calendarId', { ...p, calendar: { kind: 'calendar' } }],
    ['data.enabled', { ...p, enabled: 1 }],
  ],
  SetSlaPolicyEnabled: [['data.enabled', { policyId: 'p1', enabled: null }]],
  RemoveSlaPolicy: [['data.policyId', { policyId: 'p 1' }]],
  SetLeftMessageTickets: [
    ['data.config', {}],
    ['data.config.priority', { config: { typeId: 'a', groupId: 'g', priority: 'high' } }],
  ],
};

describe('T1-T4: bad input is a typed error naming the field, nothing written', () => {
  for (const [type, list] of Object.entries(cases)) {
    it.each(list)(`${type}: %s`, async (path, data) => {
      const h = await ready();
      const error = (await h.refused(cmd(type, data, agent('boss')))) as ValidationError;
      expect(error._tag).toBe('ValidationError');
      expect(error.issues.map((i) => i.path)).toContain(path);
      expect(error.issues.every((i) => i.reason.length > 0)).toBe(true);
    });
  }

  it('T4: the limits themselves are accepted (9999h59m, 20 reminders, 50 people-sized lists, 15-character name)', async () => {
    const h = await ready();
    const big = { response: hm(9999, 59), resolution: hm(0, 1) };
    const events = await h.ok(
      cmd('DefineSlaPolicy', {
        ...p,
        name: '一'.repeat(15),
        targets: { urgent: big, normal: big, low: big },
        reminders: Array.from({ length: 20 }, (_, i) => ({ clock: 'resolution', when: { kind: 'after', everyMinutes: 100000, count: 100 - i } })),
      }),
    );
    expect(events).toHaveLength(1);
  });
});
