/**
 * Who may edit roles (P1): admins only. Role management is the admin's own (the
 * manual's 权限管理), not one of the customer-service permissions: no role can take
 * it from an admin, so an admin cannot lock the shop out of its own role editor.
 */
import { noted, rules, type PolicyTable } from '../permissions/policy.js';
import type { AccessCommandType } from './accessCommands.js';

export const accessPolicy: PolicyTable<AccessCommandType> = {
  DefineRole: noted(rules.adminOnly(null), 'role management is the admin\'s: no named permission needed'),
  RemoveRole: noted(rules.adminOnly(null), 'its members lose it'),
  SetAgentRoles: noted(rules.adminOnly(null), 'the agent must be one of the desk\'s'),
};
