/**
 * C1 / P1: the permission table of the customers module, every command x every
 * actor, with the shared kit (test/support/permissionTable.ts). The profile the
 * commands touch is the case's customer's (`c-own`), registered by the system.
 */
import { describe, expect, it } from 'vitest';
import { accessModule } from '../../../src/domain/access/accessModule.js';
import type { CustomersCommandType } from '../../../src/domain/customers/customersCommands.js';
import { customersModule } from '../../../src/domain/customers/customersModule.js';
import { customersPolicy } from '../../../src/domain/customers/customersPolicy.js';
import { permissionTableSuite, type CaseContext, type CommandInputLike, type PermissionFixture } from '../../support/permissionTable.js';

const system = { kind: 'system' } as const;
const input = (c: CaseContext, type: CustomersCommandType, data: Record<string, unknown>, actor: CaseContext['actor'] = c.actor): CommandInputLike => ({
  type,
  shopId: c.shopId,
  actor,
  data: { customerId: c.customerId, ...data },
});
const registered = (c: CaseContext) => [input(c, 'RegisterCustomer', { name: '杜琪', tags: ['老客户'] }, system)];

const fixtures: { readonly [K in CustomersCommandType]: PermissionFixture } = {
  RegisterCustomer: { command: (c) => input(c, 'RegisterCustomer', { nickname: 'Lucy' }) },
  // The one field a customer may change on its own profile.
  UpdateCustomerProfile: { setup: registered, command: (c) => input(c, 'UpdateCustomerProfile', { nickname: '修远' }) },
  TagCustomer: { setup: registered, command: (c) => input(c, 'TagCustomer', { tag: '满1笔打标测试' }) },
  UntagCustomer: { setup: registered, command: (c) => input(c, 'UntagCustomer', { tag: '老客户' }) },
};

permissionTableSuite('customers', { modules: [customersModule, accessModule], table: customersPolicy, fixtures });

describe('customers: the declared table', () => {
  it('C1: staff need the customer-service-session permission and reach every customer; only UpdateCustomerProfile lets a customer act (on its own)', () => {
    for (const [type, rule] of Object.entries(customersPolicy)) {
      expect(rule).toMatchObject({ needs: 'customer-service-session', admin: 'all', 'team-lead': 'all', agent: 'all' });
      expect(rule.customer).toBe(type === 'UpdateCustomerProfile' ? 'own' : 'none');
      expect(rule.note?.length ?? 0).toBeGreaterThan(0);
    }
  });
});
