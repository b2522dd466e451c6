/**
 * S11: the shop's category tree and what the summary stream remembers, bounded:
 * at most MAX_CATEGORIES categories, the ids of those any session was ever
 * classified into, the leaf and every category above it then (they cannot be
 * deleted: history points at them, path and all), and the
 * category of the last RECENT_CLASSIFICATIONS sessions classified (a repeat is a
 * no-op; a reclassification names what it replaces). Immutable collections, so
 * folding a classification, the frequent event, costs O(log n), not a copy.
 */
import { List, Map as IMap, OrderedMap, Set as ISet } from 'immutable';
import type { SummaryEvent } from './summaryEvents.js';

/** Sessions whose category the stream remembers (about a day of a busy shop's classifications). */
export const RECENT_CLASSIFICATIONS = 2000;

export interface Category {
  readonly categoryId: string;
  readonly name: string;
  readonly parentId?: string;
  readonly children: List<string>;
}

export interface SummaryState {
  readonly categories: IMap<string, Category>;
  /** The top level, in order. */
  readonly roots: List<string>;
  readonly used: ISet<string>;
  /** Session id -> category, oldest first, at most RECENT_CLASSIFICATIONS. */
  readonly recent: OrderedMap<string, string>;
}

export const initialSummaryState = (): SummaryState => ({ categories: IMap(), roots: List(), used: ISet(), recent: OrderedMap() });

export const siblingsOf = (state: SummaryState, parentId: string | undefined): List<string> =>
  parentId === undefined ? state.roots : (state.categories.get(parentId)?.children ?? List());

/** The ids from the top level down to the category (empty for an unknown one). */
export const pathOf = (state: SummaryState, categoryId: string): readonly string[] => {
  const path: string[] = [];
  let current = state.categories.get(categoryId);
  while (current !== undefined && path.length <= state.categories.size) {
    path.unshift(current.categoryId);
    current = current.parentId === undefined ? undefined : state.categories.get(current.parentId);
  }
  return path;
};

/** 1 for the top level; 0 for no parent (the top level's parent). */
export const depthOf = (state: SummaryState, categoryId: string | undefined): number => (categoryId === undefined ? 0 : pathOf(state, categoryId).length);

/** Levels in the subtree rooted at the category (1 for a leaf). */
export const heightOf = (state: SummaryState, categoryId: string): number => {
  const children = state.categories.get(categoryId)?.children ?? List<string>();
  return 1 + children.reduce((max, child) => Math.max(max, heightOf(state, child)), 0);
};

export const isLeaf = (category: Category): boolean => category.children.isEmpty();

/** Whether `candidate` is the category or below it. */
export const isWithin = (state: SummaryState, candidate: string | undefined, categoryId: string): boolean => candidate !== undefined && pathOf(state, candidate).includes(categoryId);

const insertAt = (list: List<string>, position: number, id: string) => list.insert(Math.min(position, list.size), id);

const setSiblings = (state: SummaryState, parentId: string | undefined, siblings: List<string>): SummaryState =>
  parentId === undefined
    ? { ...state, roots: siblings }
    : { ...state, categories: state.categories.update(parentId, (p) => (p === undefined ? p : { ...p, children: siblings })) as IMap<string, Category> };

const detach = (state: SummaryState, categoryId: string): SummaryState => {
  const parentId = state.categories.get(categoryId)?.parentId;
  return setSiblings(state, parentId, siblingsOf(state, parentId).filter((id) => id !== categoryId));
};

const remember = (recent: OrderedMap<string, string>, sessionId: string, categoryId: string): OrderedMap<string, string> => {
  const next = recent.delete(sessionId).set(sessionId, categoryId);
  return next.size > RECENT_CLASSIFICATIONS ? next.delete(next.keySeq().first() as string) : next;
};

export const evolveSummary = (state: SummaryState, event: SummaryEvent): SummaryState => {
  switch (event.type) {
    case 'CategoryAdded': {
      const { categoryId, name, parentId, position } = event.data;
      const category: Category = { categoryId, name, children: List(), ...(parentId === undefined ? {} : { parentId }) };
      const added = { ...state, categories: state.categories.set(categoryId, category) };
      return setSiblings(added, parentId, insertAt(siblingsOf(added, parentId), position, categoryId));
    }
    case 'CategoryRenamed':
      return { ...state, categories: state.categories.update(event.data.categoryId, (c) => (c === undefined ? c : { ...c, name: event.data.name })) as IMap<string, Category> };
    case 'CategoryMoved': {
      const { categoryId, parentId, position } = event.data;
      const moving = state.categories.get(categoryId);
      if (moving === undefined) return state;
      const { parentId: _old, ...rest } = moving;
      const detached = detach(state, categoryId);
      const moved = { ...detached, categories: detached.categories.set(categoryId, { ...rest, ...(parentId === undefined ? {} : { parentId }) }) };
      return setSiblings(moved, parentId, insertAt(siblingsOf(moved, parentId), position, categoryId));
    }
    case 'CategoriesReordered':
      return setSiblings(state, event.data.parentId, List(event.data.order));
    case 'CategoryDeleted': {
      const detached = detach(state, event.data.categoryId);
      return { ...detached, categories: detached.categories.delete(event.data.categoryId) };
    }
    case 'SessionClassified':
      return { ...state, used: state.used.union(event.data.path), recent: remember(state.recent, event.data.sessionId, event.data.categoryId) };
  }
};
