/**
 * S11 consultation summary through the engine: the shop's category tree (at
 * most 5 levels, siblings ordered, the manual's default top level), and each
 * session classified into one leaf; a category in use is never deleted.
 */
import { describe, expect, it } from 'vitest';
import { defaultSummaryCategories } from '../../../src/domain/consultationSummary/defaultCategories.js';
import { categoryTreeOf, sessionsUnder, sessionSummaryOf } from '../../../src/projections/sessionSummaries.js';
import { agent, reviewHarness, SHOP, summary, system } from '../review/harness.js';

const admin = agent('boss');
const add = (categoryId: string, name: string, parentId?: string, position?: number) =>
  summary('AddCategory', admin, { categoryId, name, ...(parentId === undefined ? {} : { parentId }), ...(position === undefined ? {} : { position }) });
const classify = (agentId: string, sessionId: string, categoryId: string) => summary('ClassifySession', agent(agentId), { sessionId, categoryId });

const shop = async () => {
  const h = reviewHarness();
  await h.agents(['boss'], { role: 'admin', online: false });
  await h.agents(['a1']);
  return h;
};

const names = (h: ReturnType<typeof reviewHarness>) => {
  const walk = (nodes: ReturnType<typeof categoryTreeOf>): unknown[] => nodes.map((n) => (n.children.length === 0 ? n.name : [n.name, walk(n.children)]));
  return walk(categoryTreeOf(h.summaries(), SHOP));
};

describe('S11: the category tree', () => {
  it("S11: the manual's default top level, into an empty tree only", async () => {
    const h = await shop();
    await h.ok(summary('SeedDefaultCategories', admin, {}));
    expect(names(h)).toEqual(defaultSummaryCategories.map((c) => c.name));
    expect(names(h)).toEqual(['售前咨询', '售后咨询', '售后投诉', '需求建议', '其他问题']);
    expect(await h.code(summary('SeedDefaultCategories', admin, {}))).toBe('summary.tree-not-empty');
  });

  it('S11: at most 5 levels, a moved subtree counted whole', async () => {
    const h = await shop();
    await h.ok(add('l1', '售后'));
    for (let level = 2; level <= 5; level++) await h.ok(add(`l${level}`, `level ${level}`, `l${level - 1}`));
    expect(await h.refused(add('l6', 'level 6', 'l5'))).toMatchObject({ code: 'summary.too-deep', details: { field: 'data.parentId' } });
    await h.ok(add('b1', '售前'));
    await h.ok(add('b2', '价格', 'b1'));
    // b1 with its child is 2 levels: under l4 it would reach level 6; under l3 it fits (4 and 5).
    expect(await h.code(summary('MoveCategory', admin, { categoryId: 'b1', parentId: 'l4' }))).toBe('summary.too-deep');
    await h.ok(summary('MoveCategory', admin, { categoryId: 'b1', parentId: 'l3' }));
    expect(await h.code(summary('MoveCategory', admin, { categoryId: 'l2', parentId: 'l4' }))).toBe('summary.move-into-itself');
    expect(await h.code(summary('MoveCategory', admin, { categoryId: 'l1', parentId: 'l1' }))).toBe('summary.move-into-itself');
  });

  it('S11: siblings are ordered: added at a position, moved, reordered', async () => {
    const h = await shop();
    await h.ok(summary('SeedDefaultCategories', admin, {}));
    await h.ok(add('logistics', '物流', 'after-sale'));
    await h.ok(add('returns', '退货', 'after-sale', 0));
    await h.ok(add('first', '置顶', undefined, 0));
    expect(names(h)).toEqual(['置顶', '售前咨询', ['售后咨询', ['退货', '物流']], '售后投诉', '需求建议', '其他问题']);
    await h.ok(summary('ReorderCategories', admin, { parentId: 'after-sale', order: ['logistics', 'returns'] }));
    await h.ok(summary('MoveCategory', admin, { categoryId: 'first', position: 99 }));
    expect(names(h)).toEqual(['售前咨询', ['售后咨询', ['物流', '退货']], '售后投诉', '需求建议', '其他问题', '置顶']);
    expect(await h.ok(summary('MoveCategory', admin, { categoryId: 'first', position: 5 }))).toEqual([]);
    expect(await h.ok(summary('ReorderCategories', admin, { parentId: 'after-sale', order: ['logistics', 'returns'] }))).toEqual([]);
    expect(await h.refused(summary('ReorderCategories', admin, { order: ['pre-sale'] }))).toMatchObject({ code: 'summary.order-mismatch', details: { field: 'data.order' } });
    expect(await h.code(summary('ReorderCategories', admin, { parentId: 'after-sale', order: ['logistics', 'logistics'] }))).toBe('summary.order-mismatch');
  });

  it('S11: names are unique among siblings (trimmed), not across the tree', async () => {
    const h = await shop();
    await h.ok(summary('SeedDefaultCategories', admin, {}));
    expect(await h.code(add('again', ' 售前咨询 '))).toBe('summary.name-taken');
    await h.ok(add('sub', '售前咨询', 'pre-sale'));
    expect(await h.code(summary('RenameCategory', admin, { categoryId: 'other', name: '需求建议' }))).toBe('summary.name-taken');
    expect(await h.ok(summary('RenameCategory', admin, { categoryId: 'other', name: '其他问题' }))).toEqual([]);
    await h.ok(summary('RenameCategory', admin, { categoryId: 'other', name: '其他' }));
    expect(await h.code(summary('MoveCategory', admin, { categoryId: 'sub' }))).toBe('summary.name-taken');
    expect(await h.code(add('pre-sale', '重复的编号'))).toBe('summary.category-exists');
    expect(await h.code(add('orphan', '孤儿', 'nowhere'))).toBe('summary.parent-unknown');
  });
});

describe('S11: classifying sessions', () => {
  it('S11: a session is classified into one leaf, its path as classified; the latest classification counts', async () => {
    const h = await shop();
    await h.ok(summary('SeedDefaultCategories', admin, {}));
    await h.ok(add('returns', '退货', 'after-sale'));
    await h.ok(add('logistics', '物流', 'after-sale'));
    await h.serve('alice', 's1');
    expect(await h.refused(classify('a1', 's1', 'after-sale'))).toMatchObject({ code: 'summary.not-a-leaf', details: { field: 'data.categoryId' } });
    await h.ok(classify('a1', 's1', 'returns'));
    expect(await h.ok(classify('a1', 's1', 'returns'))).toEqual([]);
    expect(sessionSummaryOf(h.summaries(), SHOP, 's1')).toMatchObject({ categoryId: 'returns', path: ['after-sale', 'returns'], names: ['售后咨询', '退货'], by: 'a1' });
    expect(sessionsUnder(h.summaries(), SHOP, 'after-sale')).toBe(1);
    const [moved] = await h.ok(classify('a1', 's1', 'logistics'));
    expect(moved?.data).toMatchObject({ previousCategoryId: 'returns', path: ['after-sale', 'logistics'] });
    expect([sessionsUnder(h.summaries(), SHOP, 'returns'), sessionsUnder(h.summaries(), SHOP, 'logistics'), sessionsUnder(h.summaries(), SHOP, 'after-sale')]).toEqual([0, 1, 1]);
    expect(await h.code(classify('a1', 'nope', 'returns'))).toBe('actor.not-allowed');
    expect(await h.code(summary('ClassifySession', system, { sessionId: 'nope', categoryId: 'returns' }))).toBe('conversation.unknown');
    expect(await h.code(classify('a1', 's1', 'no-such'))).toBe('summary.category-unknown');
  });

  it('S11: a category in use cannot be deleted, nor one with children, nor, once used, anything on its path; an unused leaf can', async () => {
    const h = await shop();
    await h.ok(summary('SeedDefaultCategories', admin, {}));
    await h.ok(add('returns', '退货', 'after-sale'));
    await h.serve('alice', 's1');
    await h.ok(classify('a1', 's1', 'returns'));
    expect(await h.refused(summary('DeleteCategory', admin, { categoryId: 'after-sale' }))).toMatchObject({ code: 'summary.category-has-children', details: { field: 'data.categoryId' } });
    expect(await h.refused(summary('DeleteCategory', admin, { categoryId: 'returns' }))).toMatchObject({ code: 'summary.category-in-use', details: { field: 'data.categoryId' } });
    // Moved away, the leaf leaves its old parent a leaf: still on a classified path, so it stays.
    await h.ok(summary('MoveCategory', admin, { categoryId: 'returns', parentId: 'complaint' }));
    expect(await h.code(summary('DeleteCategory', admin, { categoryId: 'after-sale' }))).toBe('summary.category-in-use');
    await h.ok(summary('DeleteCategory', admin, { categoryId: 'suggestion' }));
    expect(names(h)).toEqual(['售前咨询', '售后咨询', ['售后投诉', ['退货']], '其他问题']);
    expect(await h.code(summary('DeleteCategory', admin, { categoryId: 'suggestion' }))).toBe('summary.category-unknown');
  });
});
