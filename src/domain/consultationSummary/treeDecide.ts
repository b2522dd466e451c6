/**
 * S11, shaping the tree (admins only, checked before: summaryDecide.ts). The
 * rules: at most MAX_DEPTH levels (a move carries its whole subtree, so the
 * subtree's height counts), names unique among siblings (compared trimmed),
 * never a category under itself, a reorder names every sibling once, and a
 * category is deleted only as a leaf that no classification ever pointed at.
 * What changes nothing (a rename to the same name, a move to where it is, the
 * same order) is a no-op.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { List } from 'immutable';
import { depthOf, heightOf, isWithin, siblingsOf, type SummaryState } from './categoryTree.js';
import { defaultSummaryCategories } from './defaultCategories.js';
import { MAX_CATEGORIES, MAX_DEPTH, type SummaryCommandOf } from './summaryCommands.js';
import { nothing, refuse, type Decided } from './summaryErrors.js';
import type { SummaryEvent } from './summaryEvents.js';

const parentOf = (parentId: string | undefined) => (parentId === undefined ? {} : { parentId });

const requireCategory = (state: SummaryState, categoryId: string, field = 'data.categoryId') =>
  state.categories.has(categoryId) ? E.right(undefined) : refuse('summary.category-unknown', `no category ${categoryId}`, { field, categoryId });

const requireParent = (state: SummaryState, parentId: string | undefined) =>
  parentId === undefined || state.categories.has(parentId) ? E.right(undefined) : refuse('summary.parent-unknown', `no category ${parentId} to put it under`, { field: 'data.parentId', parentId });

/** A sibling (other than `except`) already has the name. */
const nameTaken = (state: SummaryState, siblings: List<string>, name: string, except?: string) =>
  siblings.some((id) => id !== except && state.categories.get(id)?.name.trim() === name.trim());

const refuseName = (name: string) => refuse('summary.name-taken', `a sibling is named ${JSON.stringify(name.trim())} already`, { field: 'data.name' });

const clamp = (position: number | undefined, size: number) => Math.min(position ?? size, size);

export const addCategory = (command: SummaryCommandOf<'AddCategory'>, state: SummaryState): Decided => {
  const { categoryId, parentId, position } = command.data;
  const name = command.data.name.trim();
  if (state.categories.has(categoryId)) return refuse('summary.category-exists', `category ${categoryId} exists`, { field: 'data.categoryId', categoryId });
  const parent = requireParent(state, parentId);
  if (E.isLeft(parent)) return parent;
  if (state.categories.size >= MAX_CATEGORIES) return refuse('summary.too-many-categories', `a shop has at most ${MAX_CATEGORIES} categories`, { field: 'data.categoryId', max: MAX_CATEGORIES });
  if (depthOf(state, parentId) + 1 > MAX_DEPTH) return refuse('summary.too-deep', `the tree has at most ${MAX_DEPTH} levels`, { field: 'data.parentId', max: MAX_DEPTH });
  const siblings = siblingsOf(state, parentId);
  if (nameTaken(state, siblings, name)) return refuseName(name);
  return E.right([{ type: 'CategoryAdded', data: { categoryId, name, ...parentOf(parentId), position: clamp(position, siblings.size), at: command.meta.now } }]);
};

export const renameCategory = (command: SummaryCommandOf<'RenameCategory'>, state: SummaryState): Decided => {
  const { categoryId } = command.data;
  const name = command.data.name.trim();
  const known = requireCategory(state, categoryId);
  if (E.isLeft(known)) return known;
  const category = state.categories.get(categoryId)!;
  if (category.name === name) return nothing;
  if (nameTaken(state, siblingsOf(state, category.parentId), name, categoryId)) return refuseName(name);
  return E.right([{ type: 'CategoryRenamed', data: { categoryId, name, at: command.meta.now } }]);
};

export const moveCategory = (command: SummaryCommandOf<'MoveCategory'>, state: SummaryState): Decided => {
  const { categoryId, parentId, position } = command.data;
  const known = requireCategory(state, categoryId);
  if (E.isLeft(known)) return known;
  const parent = requireParent(state, parentId);
  if (E.isLeft(parent)) return parent;
  if (isWithin(state, parentId, categoryId)) return refuse('summary.move-into-itself', `category ${categoryId} cannot go under itself or its own subtree`, { field: 'data.parentId' });
  if (depthOf(state, parentId) + heightOf(state, categoryId) > MAX_DEPTH) {
    return refuse('summary.too-deep', `there, category ${categoryId} and its subtree would go below level ${MAX_DEPTH}`, { field: 'data.parentId', max: MAX_DEPTH });
  }
  const category = state.categories.get(categoryId)!;
  const siblings = siblingsOf(state, parentId);
  const staying = category.parentId === parentId;
  if (!staying && nameTaken(state, siblings, category.name)) return refuseName(category.name);
  // Among the siblings once it has left its place: the position it will have.
  const others = siblings.filter((id) => id !== categoryId);
  const target = clamp(position, others.size);
  if (staying && siblings.indexOf(categoryId) === target) return nothing;
  return E.right([{ type: 'CategoryMoved', data: { categoryId, ...parentOf(parentId), position: target, at: command.meta.now } }]);
};

export const reorderCategories = (command: SummaryCommandOf<'ReorderCategories'>, state: SummaryState): Decided => {
  const { parentId, order } = command.data;
  const parent = requireParent(state, parentId);
  if (E.isLeft(parent)) return parent;
  const siblings = siblingsOf(state, parentId);
  const same = order.length === siblings.size && new Set(order).size === order.length && order.every((id) => siblings.includes(id));
  if (!same) return refuse('summary.order-mismatch', `the order must name each of the ${siblings.size} categories there exactly once`, { field: 'data.order', expected: siblings.toArray() });
  if (order.every((id, i) => siblings.get(i) === id)) return nothing;
  return E.right([{ type: 'CategoriesReordered', data: { ...parentOf(parentId), order: [...order], at: command.meta.now } }]);
};

export const deleteCategory = (command: SummaryCommandOf<'DeleteCategory'>, state: SummaryState): Decided => {
  const { categoryId } = command.data;
  const known = requireCategory(state, categoryId);
  if (E.isLeft(known)) return known;
  if (!state.categories.get(categoryId)!.children.isEmpty()) return refuse('summary.category-has-children', `category ${categoryId} has categories under it`, { field: 'data.categoryId' });
  if (state.used.has(categoryId)) return refuse('summary.category-in-use', `sessions were classified under category ${categoryId}: it stays (rename or move it instead)`, { field: 'data.categoryId' });
  return E.right([{ type: 'CategoryDeleted', data: { categoryId, at: command.meta.now } }]);
};

export const seedDefaultCategories = (command: SummaryCommandOf<'SeedDefaultCategories'>, state: SummaryState): Decided => {
  if (!state.categories.isEmpty()) return refuse('summary.tree-not-empty', 'the default categories go into an empty tree only', { field: 'type' });
  return E.right(defaultSummaryCategories.map((c, position): SummaryEvent => ({ type: 'CategoryAdded', data: { categoryId: c.categoryId, name: c.name, position, at: command.meta.now } })));
};
