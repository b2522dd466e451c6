/**
 * Tickets on a real engine (virtual clock, manual reactor): the desk, access,
 * conversation, ticket settings, ticket and ticket-index modules, as a backend
 * drives them. The staff: `boss` (admin), `lead` (team lead), `amy`, `bob`,
 * `cat` (agents). Acceptance groups: `tg1` (amy, bob, lead), `tg2` (cat),
 * `empty` (no members). Types: `complaint` > `refund` (template: `order` text
 * required, `amount` number), `question`. SLA policy `p1` on `complaint`
 * (24x7): normal 2 h response / 8 h resolution, urgent 30 min / 4 h, low
 * 4 h / 24 h; a response reminder 30 minutes before, recipients the assignee,
 * the creator and `lead`.
 */
import * as E from 'fp-ts/lib/Either.js';
import { accessModule } from '../../../src/domain/access/accessModule.js';
import { conversationModule } from '../../../src/domain/conversation/conversationModule.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import type { Actor } from '../../../src/domain/envelope.js';
import { createEngine } from '../../../src/engine.js';
import type { EventStore } from '../../../src/adapters/eventStore.js';
import { seededRandom } from '../../../src/runtime/seededRandom.js';
import { virtualClock, type VirtualClock } from '../../../src/runtime/virtualClock.js';
import { desk } from '../../../src/testing/deskInputs.js';
import { ticketSettingsModule } from '../../../src/tickets/settings/ticketSettingsModule.js';
import { ticketIndexModule } from '../../../src/tickets/index/ticketIndexModule.js';
import { ticketModule, ticketStream } from '../../../src/tickets/ticket/ticketModule.js';
import type { TicketState } from '../../../src/tickets/ticket/ticketTypes.js';
import { readEverything } from '../../conformance/fixtures.js';
import { engineDriver } from '../../support/engineDriver.js';

export const SHOP = 'shop-t';
export const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export const agent = (id: string): Actor => ({ kind: 'agent', id });
export const customer = (id: string): Actor => ({ kind: 'customer', id });
export const system: Actor = { kind: 'system' };

export const cmd = (type: string, actor: Actor, data: unknown) => ({ type, shopId: SHOP, actor, data });

const hm = (minutes: number) => ({ hours: Math.floor(minutes / 60), minutes: minutes % 60 });

/** A policy on `complaint`, with response/resolution minutes for normal (urgent halves, low doubles... as given). */
export const policy = (overrides: Record<string, unknown> = {}, normal: readonly [number, number] = [120, 480]) => ({
  policyId: 'p1',
  name: '投诉SLA',
  typeIds: ['complaint'],
  targets: {
    urgent: { response: hm(30), resolution: hm(240) },
    normal: { response: hm(normal[0]), resolution: hm(normal[1]) },
    low: { response: hm(240), resolution: hm(1440) },
  },
  reminders: [{ clock: 'response', when: { kind: 'before', minutes: 30 } }],
  recipients: { assignee: true, creator: true, people: ['lead'] },
  calendar: { kind: '24x7' },
  ...overrides,
});

/** A ticket as the centre creates it: `complaint`, normal, group tg1. */
export const ticket = (ticketId: string, extra: Record<string, unknown> = {}) => ({ ticketId, typeId: 'complaint', subject: '商品破损', priority: 'normal', groupId: 'tg1', ...extra });

export interface Emitted {
  readonly type: string;
  readonly data: Record<string, unknown>;
}

const MODULES = [deskModule, accessModule, conversationModule, ticketSettingsModule, ticketModule, ticketIndexModule];

export const engineOn = (clock: VirtualClock, store?: EventStore) =>
  createEngine({ modules: MODULES, clock, random: seededRandom(17), reactor: { mode: 'manual' }, ...(store === undefined ? {} : { store }) });

export const ticketHarness = () => {
  const clock = virtualClock(T0);
  const engine = engineOn(clock);
  const d = desk(SHOP);
  const driver = engineDriver(engine, clock);
  const { ok } = driver;
  const settings = (type: string, data: unknown) => ok(cmd(type, system, data));
  const setup = async (options: { policy?: boolean } = {}) => {
    await ok(d.createGroup({ groupId: 'g1', name: '售后' }));
    const staff: readonly [string, 'admin' | 'team-lead' | 'agent'][] = [
      ['boss', 'admin'],
      ['lead', 'team-lead'],
      ['amy', 'agent'],
      ['bob', 'agent'],
      ['cat', 'agent'],
    ];
    for (const [agentId, role] of staff) await ok(d.registerAgent({ agentId, name: agentId.toUpperCase(), maxSessions: 5, role, groups: ['g1'] }));
    await settings('CreateAcceptanceGroup', { groupId: 'tg1', name: '售后一组' });
    await settings('AddGroupMembers', { groupId: 'tg1', agentIds: ['amy', 'bob', 'lead'] });
    await settings('CreateAcceptanceGroup', { groupId: 'tg2', name: '售后二组' });
    await settings('AddGroupMembers', { groupId: 'tg2', agentIds: ['cat'] });
    await settings('CreateAcceptanceGroup', { groupId: 'empty', name: '空组' });
    await settings('AddTicketType', { typeId: 'complaint', name: '投诉' });
    await settings('AddTicketType', { typeId: 'refund', name: '退款', parentId: 'complaint' });
    await settings('AddTicketType', { typeId: 'question', name: '咨询' });
    await settings('DefineTicketTemplate', {
      templateId: 'tpl-refund',
      name: '退款模板',
      fields: [
        { fieldId: 'order', name: '订单号', kind: 'text', required: true },
        { fieldId: 'amount', name: '金额', kind: 'number', required: false },
      ],
    });
    await settings('BindTicketTemplate', { templateId: 'tpl-refund', typeId: 'refund' });
    if (options.policy !== false) await settings('DefineSlaPolicy', policy());
    await driver.settle();
  };
  const load = async (ticketId: string): Promise<TicketState> => {
    const loaded = await engine.load(ticketModule, ticketStream(SHOP, ticketId));
    if (E.isLeft(loaded)) throw new Error('load failed');
    return loaded.right.state as TicketState;
  };
  const events = async (): Promise<readonly Emitted[]> => (await readEverything(engine.store)).map((e) => ({ type: e.type, data: e.data as Record<string, unknown> }));
  const ofTicket = async (ticketId: string, type?: string): Promise<readonly Emitted[]> =>
    (await events()).filter((e) => e.data['ticketId'] === ticketId && (type === undefined || e.type === type));
  /** Moves the clock to `at`, firing every deadline due on the way at its instant. */
  const advanceTo = async (at: number): Promise<void> => {
    const advanced = await engine.advanceTo(at);
    if (E.isLeft(advanced)) throw new Error(JSON.stringify(advanced.left));
  };
  return { engine, clock, d, ...driver, settings, setup, load, events, ofTicket, advanceTo };
};

export type TicketHarness = ReturnType<typeof ticketHarness>;
