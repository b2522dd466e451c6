/** P2: the shop's settings (business hours, auto-reply texts, timeouts) are changed by admins only. */
import { noted, rules, type PolicyTable } from '../permissions/policy.js';
import type { ShopSettingsCommand } from './shopSettingsCommands.js';

export const shopSettingsPolicy: PolicyTable<ShopSettingsCommand['type']> = {
  ChangeShopSettings: noted(rules.adminOnly(), 'business hours, auto-reply texts, timeouts'),
};
