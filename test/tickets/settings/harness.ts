/**
 * The ticket settings (T1-T4) on a real engine beside the desk and access
 * modules (virtual clock, manual reactor). The staff: `boss` (admin), `lead`
 * (team lead), `amy` and `bob` (agents). Commands go as the system unless an
 * actor is given; `settings()` loads the folded state.
 */
import * as E from 'fp-ts/lib/Either.js';
import { accessModule } from '../../../src/domain/access/accessModule.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import type { Actor } from '../../../src/domain/envelope.js';
import { createEngine } from '../../../src/engine.js';
import { seededRandom } from '../../../src/runtime/seededRandom.js';
import { virtualClock } from '../../../src/runtime/virtualClock.js';
import { desk } from '../../../src/testing/deskInputs.js';
import { ticketSettingsModule, ticketSettingsStream } from '../../../src/tickets/settings/ticketSettingsModule.js';
import type { TicketSettingsState } from '../../../src/tickets/settings/ticketSettingsTypes.js';
import { readEverything } from '../../conformance/fixtures.js';
import { engineDriver } from '../../support/engineDriver.js';

export const SHOP = 'shop-t';
export const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export const agent = (id: string): Actor => ({ kind: 'agent', id });
export const system: Actor = { kind: 'system' };

/** An input for engine.dispatch, as the system by default. */
export const cmd = (type: string, data: unknown, actor: Actor = system) => ({ type, shopId: SHOP, actor, data });

const hm = (minutes: number) => ({ hours: Math.floor(minutes / 60), minutes: minutes % 60 });
/** The same response/resolution targets (in minutes) for every priority, as a command writes them. */
export const targets = (response = 30, resolution = 240) => {
  const p = { response: hm(response), resolution: hm(resolution) };
  return { urgent: p, normal: p, low: p };
};
/** A DefineSlaPolicy input's data with sensible defaults. */
export const policy = (policyId: string, typeIds: readonly string[], extra: Record<string, unknown> = {}) => ({
  policyId,
  name: policyId,
  typeIds,
  targets: targets(),
  reminders: [],
  recipients: { assignee: true, creator: false, people: [] },
  calendar: { kind: '24x7' },
  ...extra,
});

export const weekdays = { kind: 'weekly', zone: 'Asia/Shanghai', week: { mon: [{ start: '09:00', end: '18:00' }], tue: [{ start: '09:00', end: '18:00' }] } };

export const settingsHarness = () => {
  const clock = virtualClock(T0);
  const engine = createEngine({ modules: [deskModule, accessModule, ticketSettingsModule], clock, random: seededRandom(11), reactor: { mode: 'manual' } });
  const d = desk(SHOP);
  const driver = engineDriver(engine, clock);
  const staff = async () => {
    await driver.ok(d.createGroup({ groupId: 'g1', name: '售后' }));
    const agents: readonly [string, 'admin' | 'team-lead' | 'agent'][] = [
      ['boss', 'admin'],
      ['lead', 'team-lead'],
      ['amy', 'agent'],
      ['bob', 'agent'],
    ];
    for (const [agentId, role] of agents) await driver.ok(d.registerAgent({ agentId, name: agentId.toUpperCase(), maxSessions: 5, role, groups: ['g1'] }));
  };
  const settings = async (): Promise<TicketSettingsState> => {
    const loaded = await engine.load(ticketSettingsModule, ticketSettingsStream(SHOP));
    if (E.isLeft(loaded)) throw new Error(`load failed: ${JSON.stringify(loaded.left)}`);
    return loaded.right.state as TicketSettingsState;
  };
  /** A type tree: a > a1 > a11, a > a2, b. */
  const tree = async () => {
    await driver.ok(cmd('AddTicketType', { typeId: 'a', name: '售后' }));
    await driver.ok(cmd('AddTicketType', { typeId: 'a1', name: '退货', parentId: 'a' }));
    await driver.ok(cmd('AddTicketType', { typeId: 'a11', name: '七天无理由', parentId: 'a1' }));
    await driver.ok(cmd('AddTicketType', { typeId: 'a2', name: '换货', parentId: 'a' }));
    await driver.ok(cmd('AddTicketType', { typeId: 'b', name: '咨询' }));
  };
  return { engine, clock, d, ...driver, staff, settings, tree, events: async () => readEverything(engine.store) };
};

export type SettingsHarness = ReturnType<typeof settingsHarness>;

/** A harness with the staff and the type tree in place. */
export const ready = async (): Promise<SettingsHarness> => {
  const h = settingsHarness();
  await h.staff();
  await h.tree();
  return h;
};
