/**
 * P1-P3 for the consultation summary (S11): the permission table, every command
 * x every actor, with the shared kit. The tree is configuration (P2: admins);
 * classifying is session work on the case owner's session.
 */
import { describe, expect, it } from 'vitest';
import { accessModule } from '../../../src/domain/access/accessModule.js';
import { consultationSummaryPolicy } from '../../../src/domain/consultationSummary/consultationSummaryPolicy.js';
import type { SummaryCommandType } from '../../../src/domain/consultationSummary/summaryCommands.js';
import { consultationSummaryModule } from '../../../src/domain/consultationSummary/summaryModule.js';
import { conversationModule } from '../../../src/domain/conversation/conversationModule.js';
import { permissionTableSuite, type CaseContext, type PermissionFixture } from '../../support/permissionTable.js';
import { caseInput as input, ownersSession } from '../review/caseSession.js';

const system = { kind: 'system' } as const;
const categories = (c: CaseContext) => [input(c, 'AddCategory', { categoryId: 'c1', name: '售前' }, system), input(c, 'AddCategory', { categoryId: 'c2', name: '售后' }, system)];

const fixtures: { readonly [K in SummaryCommandType]: PermissionFixture } = {
  AddCategory: { command: (c) => input(c, 'AddCategory', { categoryId: 'c9', name: '投诉' }) },
  RenameCategory: { setup: categories, command: (c) => input(c, 'RenameCategory', { categoryId: 'c1', name: '售前咨询' }) },
  MoveCategory: { setup: categories, command: (c) => input(c, 'MoveCategory', { categoryId: 'c2', parentId: 'c1' }) },
  ReorderCategories: { setup: categories, command: (c) => input(c, 'ReorderCategories', { order: ['c2', 'c1'] }) },
  DeleteCategory: { setup: categories, command: (c) => input(c, 'DeleteCategory', { categoryId: 'c2' }) },
  SeedDefaultCategories: { command: (c) => input(c, 'SeedDefaultCategories', {}) },
  ClassifySession: { setup: (c) => [...ownersSession(c), ...categories(c)], command: (c) => input(c, 'ClassifySession', { sessionId: 's1', categoryId: 'c1' }) },
};

permissionTableSuite('consultation summary', { modules: [conversationModule, consultationSummaryModule, accessModule], table: consultationSummaryPolicy, fixtures });

describe('consultation summary: the declared table', () => {
  it('P2 / S11: the tree is admin-only configuration; classifying follows the session', () => {
    for (const [type, rule] of Object.entries(consultationSummaryPolicy)) {
      if (type === 'ClassifySession') expect(rule).toMatchObject({ needs: 'customer-service', admin: 'all', 'team-lead': 'own-groups', agent: 'own', customer: 'none' });
      else expect(rule, type).toMatchObject({ needs: 'customer-service-configuration', admin: 'all', 'team-lead': 'none', agent: 'none', customer: 'none' });
    }
  });
});
