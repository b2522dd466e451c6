/**
 * M18 / P1: the permission table of orders, every command x every actor, with the
 * shared kit: only the system records orders.
 */
import { describe, expect, it } from 'vitest';
import type { OrderCommandType } from '../../../src/domain/orders/orderCommands.js';
import { orderModule } from '../../../src/domain/orders/orderModule.js';
import { orderPolicy } from '../../../src/domain/orders/orderPolicy.js';
import { permissionTableSuite, type CaseContext, type CommandInputLike, type PermissionFixture } from '../../support/permissionTable.js';

const system = { kind: 'system' } as const;
const input = (c: CaseContext, type: OrderCommandType, data: Record<string, unknown> = {}, actor: CaseContext['actor'] = c.actor): CommandInputLike => ({
  type,
  shopId: c.shopId,
  actor,
  data: { orderId: 'o-1', buyerId: c.customerId, amount: 100, units: 1, ...data },
});

const fixtures: { readonly [K in OrderCommandType]: PermissionFixture } = {
  RecordOrderPlaced: { command: (c) => input(c, 'RecordOrderPlaced') },
  RecordOrderPaid: { command: (c) => input(c, 'RecordOrderPaid') },
  RecordOrderRefunded: { setup: (c) => [input(c, 'RecordOrderPaid', {}, system)], command: (c) => input(c, 'RecordOrderRefunded', { refundId: 'r-1' }) },
};

permissionTableSuite('order', { modules: [orderModule], table: orderPolicy, fixtures });

describe('order: the declared table', () => {
  it('M18/P1: every order command is system-only', () => {
    for (const rule of Object.values(orderPolicy)) expect(rule).toMatchObject({ systemOnly: true, admin: 'none', 'team-lead': 'none', agent: 'none', customer: 'none' });
  });
});
