/**
 * P1-P3, declared once: every command of every module has exactly one rule in
 * policyTables (the record the README's table and the permission tests read), no
 * rule names a command its module does not have, and no module is left out:
 * every module this file knows of, and every module src/index.ts exports, has its
 * table.
 */
import { describe, expect, it } from 'vitest';
import * as kefu from '../../../src/index.js';
import { accessModule } from '../../../src/domain/access/accessModule.js';
import { autoRepliesModule } from '../../../src/domain/autoReplies/autoRepliesModule.js';
import { consultationSummaryModule } from '../../../src/domain/consultationSummary/summaryModule.js';
import { conversationModule } from '../../../src/domain/conversation/conversationModule.js';
import { customersModule } from '../../../src/domain/customers/customersModule.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import { feedbackModule } from '../../../src/domain/feedback/feedbackModule.js';
import type { AnyModule } from '../../../src/domain/module.js';
import { moderationModule } from '../../../src/domain/moderation/moderationModule.js';
import { orderModule } from '../../../src/domain/orders/orderModule.js';
import { NAMED_PERMISSIONS, STAFF_ROLES, type CommandRule } from '../../../src/domain/permissions/policy.js';
import { policyRows, policyTables } from '../../../src/domain/permissions/policyTables.js';
import { quickRepliesModule } from '../../../src/domain/quickReplies/quickRepliesModule.js';
import { reviewModule } from '../../../src/domain/review/reviewModule.js';
import { shopSettingsModule } from '../../../src/domain/shopSettings/shopSettingsModule.js';
import { ticketIndexModule } from '../../../src/tickets/index/ticketIndexModule.js';
import { ticketSettingsModule } from '../../../src/tickets/settings/ticketSettingsModule.js';
import { ticketModule } from '../../../src/tickets/ticket/ticketModule.js';

const isModule = (value: unknown): value is AnyModule =>
  typeof value === 'object' && value !== null && typeof (value as AnyModule).name === 'string' && typeof (value as AnyModule).commands === 'object' && typeof (value as AnyModule).decider === 'object';

const known: readonly AnyModule[] = [
  deskModule,
  conversationModule,
  reviewModule,
  consultationSummaryModule,
  quickRepliesModule,
  customersModule,
  feedbackModule,
  autoRepliesModule,
  shopSettingsModule,
  moderationModule,
  accessModule,
  ticketSettingsModule,
  ticketModule,
  ticketIndexModule,
  orderModule,
];
const exported = Object.values(kefu).filter(isModule);
const modules = new Map<string, AnyModule>([...known, ...exported].map((m) => [m.name, m]));
const tables = policyTables as Readonly<Record<string, Readonly<Record<string, CommandRule>>>>;

describe('P1-P3: the permission tables cover every command once (policyTables.ts)', () => {
  it('every module has a table, and every table is a module\'s', () => {
    expect(Object.keys(tables).sort()).toEqual([...modules.keys()].sort());
  });

  for (const [name, module] of modules) {
    it(`${name}: one rule per command, none for a command it does not have`, () => {
      const table = tables[name] ?? {};
      const commands = Object.keys(module.commands).sort();
      expect(Object.keys(table).sort()).toEqual(commands);
    });
  }

  it('a command type is ruled by one module only, so the README names it once', () => {
    const rows = policyRows();
    const byCommand = new Map<string, string[]>();
    for (const row of rows) byCommand.set(row.command, [...(byCommand.get(row.command) ?? []), row.module]);
    expect([...byCommand].filter(([, owners]) => owners.length > 1)).toEqual([]);
  });

  it('every rule is well formed: known roles, reaches and permissions; a system-only rule reaches nobody', () => {
    for (const { module, command, rule } of policyRows()) {
      const where = `${module}.${command}`;
      for (const role of STAFF_ROLES) expect(['all', 'own-groups', 'own', 'none'], where).toContain(rule[role]);
      expect(['own', 'none'], where).toContain(rule.customer);
      if (rule.needs !== undefined) expect(NAMED_PERMISSIONS, where).toContain(rule.needs);
      if (rule.systemOnly === true) expect([rule.admin, rule['team-lead'], rule.agent, rule.customer], where).toEqual(['none', 'none', 'none', 'none']);
    }
  });
});
