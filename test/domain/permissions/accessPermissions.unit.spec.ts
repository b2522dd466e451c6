/** P1: roles are edited by admins only, with no named permission needed (accessPolicy.ts). */
import { accessModule } from '../../../src/domain/access/accessModule.js';
import { accessPolicy } from '../../../src/domain/access/accessPolicy.js';
import type { AccessCommandType } from '../../../src/domain/access/accessCommands.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import type { Actor } from '../../../src/domain/envelope.js';
import { PERMISSION_SHOP, permissionTableSuite, type CommandInputLike, type PermissionFixture } from '../../support/permissionTable.js';

const send = (type: AccessCommandType, actor: Actor, data: unknown): CommandInputLike => ({ type, shopId: PERMISSION_SHOP, actor, data });
const roleR1 = () => [send('DefineRole', { kind: 'system' }, { roleId: 'r1', name: 'Sales', permissions: ['customer-service'], brands: ['siemens'] })];

const fixtures: { readonly [K in AccessCommandType]: PermissionFixture } = {
  DefineRole: { command: (c) => send('DefineRole', c.actor, { roleId: 'r-new', name: 'New', permissions: ['customer-service', 'customer-service-session'], brands: 'all' }) },
  RemoveRole: { setup: roleR1, command: (c) => send('RemoveRole', c.actor, { roleId: 'r1' }) },
  SetAgentRoles: { setup: roleR1, command: (c) => send('SetAgentRoles', c.actor, { agentId: c.owner, roleIds: ['r1'] }) },
};

permissionTableSuite('access', { modules: [deskModule, accessModule], table: accessPolicy, fixtures });
