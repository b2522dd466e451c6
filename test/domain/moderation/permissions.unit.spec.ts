/**
 * P2 for moderation (S15): the permission table, every command x every actor, with
 * the shared kit (test/support/permissionTable.ts). The settings are the shop's:
 * admins (with the configuration permission) and the system only.
 */
import { describe, expect, it } from 'vitest';
import { accessModule } from '../../../src/domain/access/accessModule.js';
import type { ModerationCommandType } from '../../../src/domain/moderation/moderationCommands.js';
import { moderationModule } from '../../../src/domain/moderation/moderationModule.js';
import { moderationPolicy } from '../../../src/domain/moderation/moderationPolicy.js';
import { permissionTableSuite, type CaseContext, type CommandInputLike, type PermissionFixture } from '../../support/permissionTable.js';

const input = (c: CaseContext, type: ModerationCommandType, data: Record<string, unknown>, actor: CaseContext['actor'] = c.actor): CommandInputLike => ({ type, shopId: c.shopId, actor, data });
const listed = (c: CaseContext) => [input(c, 'SetSensitiveWords', { words: ['微信', 'VX'] }, { kind: 'system' })];

const fixtures: { readonly [K in ModerationCommandType]: PermissionFixture } = {
  SetSensitiveWords: { command: (c) => input(c, 'SetSensitiveWords', { words: ['加微信'] }) },
  AddSensitiveWords: { command: (c) => input(c, 'AddSensitiveWords', { words: ['QQ'] }) },
  RemoveSensitiveWords: { setup: listed, command: (c) => input(c, 'RemoveSensitiveWords', { words: ['vx'] }) },
  SetSensitiveWordRule: { command: (c) => input(c, 'SetSensitiveWordRule', { incoming: 'mask', outgoing: 'block' }) },
  SetMessageThrottle: { command: (c) => input(c, 'SetMessageThrottle', { enabled: true, capacity: 5, refillPerMinute: 30 }) },
};

permissionTableSuite('moderation', { modules: [moderationModule, accessModule], table: moderationPolicy, fixtures });

describe('moderation: the declared table', () => {
  it('P2 / S15: every moderation command is admin only, with the configuration permission', () => {
    for (const rule of Object.values(moderationPolicy)) {
      expect(rule).toMatchObject({ needs: 'customer-service-configuration', admin: 'all', 'team-lead': 'none', agent: 'none', customer: 'none' });
    }
  });
});
