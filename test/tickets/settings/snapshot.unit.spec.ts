/**
 * T1-T4: the settings snapshot round-trips (Maps, the type tree, templates and
 * their bindings, every SLA version with its compiled calendars), writes each
 * policy revision once however many versions share it, and a cold engine on the
 * same store folds to the same state.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { accessModule } from '../../../src/domain/access/accessModule.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import { createEngine } from '../../../src/engine.js';
import { seededRandom } from '../../../src/runtime/seededRandom.js';
import { virtualClock } from '../../../src/runtime/virtualClock.js';
import { ticketSettingsModule, ticketSettingsStream } from '../../../src/tickets/settings/ticketSettingsModule.js';
import { decodeTicketSettings, encodeTicketSettings } from '../../../src/tickets/settings/ticketSettingsSnapshot.js';
import { cmd, HOUR, policy, ready, SHOP, weekdays } from './harness.js';

const busy = async () => {
  const h = await ready();
  await h.ok(cmd('CreateAcceptanceGroup', { groupId: 'g', name: '组' }));
  await h.ok(cmd('AddGroupMembers', { groupId: 'g', agentIds: ['amy', 'bob'] }));
  await h.ok(cmd('DefineTicketTemplate', { templateId: 't', name: '模板', fields: [{ fieldId: 'r', name: '原因', kind: 'choice', required: true, options: ['a', 'b'] }] }));
  await h.ok(cmd('BindTicketTemplate', { templateId: 't', typeId: 'a1' }));
  await h.ok(cmd('DefineSlaCalendar', { calendarId: 'work', name: '工作日', definition: weekdays }));
  await h.ok(cmd('DefineSlaPolicy', policy('p1', ['a'], { calendar: { kind: 'calendar', calendarId: 'work' } })));
  for (let i = 0; i < 120; i++) await h.ok(cmd('SetSlaPolicyEnabled', { policyId: 'p1', enabled: i % 2 === 1 }));
  await h.ok(cmd('DefineSlaPolicy', policy('p2', ['b'], { effectiveAt: h.clock.now() + HOUR })));
  await h.ok(cmd('SetLeftMessageTickets', { config: { typeId: 'b', priority: 'urgent', groupId: 'g' } }));
  for (let i = 0; i < 100; i++) await h.ok(cmd('RenameTicketType', { typeId: 'b', name: `咨询${i}` }));
  return h;
};

describe('T1-T4 snapshot', () => {
  it('round-trips through JSON to an equal state, each policy revision written once', async () => {
    const h = await busy();
    const state = await h.settings();
    const encoded = JSON.parse(JSON.stringify(encodeTicketSettings(state))) as { policies: unknown[]; versions: unknown[] };
    expect(encoded.versions).toHaveLength(state.slaVersions.length);
    // 121 revisions of p1 and one of p2, though p1 is in 123 versions.
    expect(encoded.policies).toHaveLength(122);
    const decoded = decodeTicketSettings(encoded);
    expect(E.isRight(decoded)).toBe(true);
    if (E.isRight(decoded)) expect(decoded.right).toEqual(state);
  });

  it('a broken snapshot is a ValidationError, not a throw', () => {
    expect(decodeTicketSettings({ groups: 'x' })).toMatchObject({ _tag: 'Left', left: { _tag: 'ValidationError' } });
    const bad = { groups: [], types: [], rootTypes: [], templates: [], policies: [], calendars: [], versions: [{ version: 1, effectiveAt: 0, policies: [3], calendars: [] }] };
    expect(decodeTicketSettings(bad)).toMatchObject({ _tag: 'Left', left: { _tag: 'ValidationError' } });
  });

  it('every event type is stored and read back: a cold engine folds a short stream (no snapshot) to the same state', async () => {
    const h = await ready();
    const inputs = [
      cmd('CreateAcceptanceGroup', { groupId: 'g', name: '组' }),
      cmd('RenameAcceptanceGroup', { groupId: 'g', name: '组二' }),
      cmd('AddGroupMembers', { groupId: 'g', agentIds: ['amy', 'bob'] }),
      cmd('RemoveGroupMembers', { groupId: 'g', agentIds: ['bob'] }),
      cmd('CreateAcceptanceGroup', { groupId: 'g2', name: '组' }),
      cmd('RemoveAcceptanceGroup', { groupId: 'g2' }),
      cmd('RenameTicketType', { typeId: 'a2', name: '换' }),
      cmd('MoveTicketType', { typeId: 'a2', position: 0 }),
      cmd('RemoveTicketType', { typeId: 'a11' }),
      cmd('DefineTicketTemplate', { templateId: 't', name: '模板', fields: [{ fieldId: 'n', name: '数', kind: 'number', required: false }] }),
      cmd('DefineTicketTemplate', { templateId: 't2', name: '模板', fields: [{ fieldId: 'm', name: '多', kind: 'multi-choice', required: true, options: ['x', 'y'] }] }),
      cmd('SetTicketTemplateEnabled', { templateId: 't', enabled: false }),
      cmd('BindTicketTemplate', { templateId: 't', typeId: 'a1' }),
      cmd('BindTicketTemplate', { templateId: 't2', typeId: 'b' }),
      cmd('UnbindTicketTemplate', { templateId: 't2' }),
      cmd('RemoveTicketTemplate', { templateId: 't2' }),
      cmd('DefineSlaCalendar', { calendarId: 'work', name: '工作日', definition: weekdays }),
      cmd('DefineSlaCalendar', { calendarId: 'old', name: '旧', definition: { kind: '24x7', zone: 'Asia/Shanghai' } }),
      cmd('RemoveSlaCalendar', { calendarId: 'old' }),
      cmd('DefineSlaPolicy', policy('p1', ['a', 'b'], { calendar: { kind: 'calendar', calendarId: 'work' }, reminders: [{ clock: 'response', when: { kind: 'at' } }] })),
      cmd('DefineSlaPolicy', policy('p2', ['a1'])),
      cmd('SetSlaPolicyEnabled', { policyId: 'p1', enabled: false }),
      cmd('RemoveSlaPolicy', { policyId: 'p2' }),
      cmd('SetLeftMessageTickets', { config: { typeId: 'b', priority: 'urgent', groupId: 'g' } }),
    ];
    for (const input of inputs) expect(await h.ok(input)).toHaveLength(1);
    const cold = createEngine({ store: h.engine.store, modules: [deskModule, accessModule, ticketSettingsModule], clock: virtualClock(h.clock.now()), random: seededRandom(3), reactor: { mode: 'manual' } });
    const loaded = await cold.load(ticketSettingsModule, ticketSettingsStream(SHOP));
    expect(E.isRight(loaded) && loaded.right.state).toEqual(await h.settings());
  });

  it('a cold engine on the same store (past the 200-event snapshot) folds to the same state', async () => {
    const h = await busy();
    const cold = createEngine({ store: h.engine.store, modules: [deskModule, accessModule, ticketSettingsModule], clock: virtualClock(h.clock.now()), random: seededRandom(3), reactor: { mode: 'manual' } });
    const loaded = await cold.load(ticketSettingsModule, ticketSettingsStream(SHOP));
    expect(E.isRight(loaded) && loaded.right.state).toEqual(await h.settings());
  });
});
