/**
 * Bad input for every consultation summary command (DESIGN 4): a typed error
 * naming the field and the reason, nothing written anywhere.
 */
import { describe, expect, it } from 'vitest';
import { CONSULTATION_SUMMARY_ERROR_CODES } from '../../../src/domain/consultationSummary/summaryDecide.js';
import { consultationSummaryPolicy } from '../../../src/domain/consultationSummary/consultationSummaryPolicy.js';
import type { SummaryCommandType } from '../../../src/domain/consultationSummary/summaryCommands.js';
import type { Actor } from '../../../src/domain/envelope.js';
import { agent, reviewHarness, SHOP, summary } from '../review/harness.js';
import { expectValidationErrorAt } from '../../support/validationError.js';

const admin = agent('boss');
const long = (n: number) => '名'.repeat(n);

const CASES: Record<SummaryCommandType, { actor: Actor; bad: readonly (readonly [string, unknown])[] }> = {
  AddCategory: {
    actor: admin,
    bad: [
      ['data.categoryId', { name: '售前' }],
      ['data.categoryId', { categoryId: 'has space', name: '售前' }],
      ['data.name', { categoryId: 'c1' }],
      ['data.name', { categoryId: 'c1', name: '  ' }],
      ['data.name', { categoryId: 'c1', name: long(51) }],
      ['data.parentId', { categoryId: 'c1', name: '售前', parentId: '' }],
      ['data.position', { categoryId: 'c1', name: '售前', position: -1 }],
      ['data.position', { categoryId: 'c1', name: '售前', position: 1.5 }],
      ['data.position', { categoryId: 'c1', name: '售前', position: 1001 }],
      ['data.color', { categoryId: 'c1', name: '售前', color: 'red' }],
    ],
  },
  RenameCategory: {
    actor: admin,
    bad: [
      ['data.name', { categoryId: 'pre-sale' }],
      ['data.name', { categoryId: 'pre-sale', name: 7 }],
      ['data.categoryId', { name: 'x' }],
    ],
  },
  MoveCategory: {
    actor: admin,
    bad: [
      ['data.categoryId', { parentId: 'pre-sale' }],
      ['data.parentId', { categoryId: 'other', parentId: null }],
      ['data.position', { categoryId: 'other', position: '1' }],
    ],
  },
  ReorderCategories: {
    actor: admin,
    bad: [
      ['data.order', {}],
      ['data.order', { order: 'pre-sale,other' }],
      ['data.order.1', { order: ['pre-sale', ''] }],
      ['data.parentId', { order: [], parentId: 3 }],
    ],
  },
  DeleteCategory: {
    actor: admin,
    bad: [
      ['data.categoryId', {}],
      ['data.categoryId', { categoryId: 'x'.repeat(129) }],
    ],
  },
  SeedDefaultCategories: {
    actor: admin,
    bad: [
      ['data.categories', { categories: [] }],
      ['data', null],
    ],
  },
  ClassifySession: {
    actor: agent('a1'),
    bad: [
      ['data.sessionId', { categoryId: 'other' }],
      ['data.categoryId', { sessionId: 's1' }],
      ['data.categoryId', { sessionId: 's1', categoryId: ['other'] }],
    ],
  },
};

const opened = async () => {
  const h = reviewHarness();
  await h.agents(['boss'], { role: 'admin', online: false });
  await h.agents(['a1']);
  await h.ok(summary('SeedDefaultCategories', admin, {}));
  await h.serve('alice', 's1');
  return h;
};

describe.each(Object.keys(CASES) as SummaryCommandType[])('%s: bad input is a typed error naming the field, nothing written', (type) => {
  it.each(CASES[type].bad.map(([path, data]) => [path, data] as const))('%s: %j', async (path, data) => {
    const h = await opened();
    expectValidationErrorAt(await h.refused({ type, shopId: SHOP, actor: CASES[type].actor, data }), path);
  });
});

describe('the catalogue', () => {
  it('every command has a rule and a bad-input case; codes are catalogued once', () => {
    expect(Object.keys(consultationSummaryPolicy).sort()).toEqual(Object.keys(CASES).sort());
    expect(new Set(CONSULTATION_SUMMARY_ERROR_CODES).size).toBe(CONSULTATION_SUMMARY_ERROR_CODES.length);
  });
});
