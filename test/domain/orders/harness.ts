/**
 * Orders on one engine (virtual clock), as a shop's backend records them, beside
 * the desk (so an agent actor is resolved, and refused: orders are the system's).
 * Staff: `boss` (admin), `amy` (agent).
 */
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import type { Actor } from '../../../src/domain/envelope.js';
import { orderModule } from '../../../src/domain/orders/orderModule.js';
import { createEngine } from '../../../src/engine.js';
import { seededRandom } from '../../../src/runtime/seededRandom.js';
import { virtualClock } from '../../../src/runtime/virtualClock.js';
import { desk } from '../../../src/testing/deskInputs.js';
import { readEverything } from '../../conformance/fixtures.js';
import { engineDriver } from '../../support/engineDriver.js';

export const SHOP = 'shop-o';
export const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);
export const MINUTE = 60_000;
export const system: Actor = { kind: 'system' };
export const agent = (id: string): Actor => ({ kind: 'agent', id });

export const cmd = (type: string, data: unknown, actor: Actor = system) => ({ type, shopId: SHOP, actor, data });
export const placed = (orderId: string, data: Record<string, unknown> = {}, actor?: Actor) => cmd('RecordOrderPlaced', { orderId, buyerId: 'yang', amount: 12_800, units: 2, ...data }, actor);
export const paid = (orderId: string, data: Record<string, unknown> = {}, actor?: Actor) => cmd('RecordOrderPaid', { orderId, buyerId: 'yang', amount: 12_800, units: 2, ...data }, actor);
export const refunded = (orderId: string, refundId: string, data: Record<string, unknown> = {}, actor?: Actor) =>
  cmd('RecordOrderRefunded', { orderId, refundId, buyerId: 'yang', amount: 6_400, units: 1, ...data }, actor);

export const ordersHarness = () => {
  const clock = virtualClock(T0);
  const engine = createEngine({ modules: [deskModule, orderModule], clock, random: seededRandom(3) });
  const driver = engineDriver(engine, clock);
  const d = desk(SHOP);
  const staff = async () => {
    await driver.ok(d.registerAgent({ agentId: 'boss', name: 'BOSS', maxSessions: 5, role: 'admin', groups: [] }));
    await driver.ok(d.registerAgent({ agentId: 'amy', name: 'AMY', maxSessions: 5, role: 'agent', groups: [] }));
  };
  return { engine, clock, ...driver, staff, events: async () => readEverything(engine.store) };
};
