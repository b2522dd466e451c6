/**
 * S11 as read models: each shop's category tree as it stands (names, order),
 * each session's leaf with its path as classified (named as the tree names
 * them now), and how many sessions each leaf holds (the latest classification
 * of a session counts; a reclassification moves it). Folded from the summary
 * stream's events; the tree is folded by the module's own evolve, so the read
 * model and the decisions never disagree about its shape.
 *
 * Bounded: the tree is (MAX_CATEGORIES); the per-session view keeps the newest
 * `limit` sessions of each shop (default 100,000). The counts rest on the
 * events: a reclassification names the category it replaces, or the view
 * remembers it.
 */
import { Map as IMap, OrderedMap } from 'immutable';
import { evolveSummary, initialSummaryState, type SummaryState } from '../domain/consultationSummary/categoryTree.js';
import type { SummaryEvent } from '../domain/consultationSummary/summaryEvents.js';
import type { Projection } from './projection.js';

export interface SessionSummaryLine {
  readonly categoryId: string;
  /** Category ids from the top level down to the leaf, as classified. */
  readonly path: readonly string[];
  readonly by?: string;
  readonly at: number;
}

export interface SessionSummaries {
  readonly trees: IMap<string, SummaryState>;
  readonly sessions: IMap<string, OrderedMap<string, SessionSummaryLine>>;
  /** Shop id -> leaf id -> sessions classified there. */
  readonly counts: IMap<string, IMap<string, number>>;
}

export interface CategoryNode {
  readonly categoryId: string;
  readonly name: string;
  readonly children: readonly CategoryNode[];
}

export const DEFAULT_SUMMARISED_SESSIONS = 100_000;
export const MAX_SUMMARISED_SESSIONS = 10_000_000;

const TREE_EVENTS: ReadonlySet<string> = new Set<SummaryEvent['type']>(['CategoryAdded', 'CategoryRenamed', 'CategoryMoved', 'CategoriesReordered', 'CategoryDeleted']);

const bump = (counts: IMap<string, number>, categoryId: string, by: number) => {
  const next = (counts.get(categoryId) ?? 0) + by;
  return next === 0 ? counts.delete(categoryId) : counts.set(categoryId, next);
};

export const sessionSummariesProjection = (options: { readonly limit?: number } = {}): Projection<SessionSummaries, SummaryEvent> => {
  const limit = options.limit ?? DEFAULT_SUMMARISED_SESSIONS;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SUMMARISED_SESSIONS) throw new RangeError(`session summaries: limit must be an integer from 1 to ${MAX_SUMMARISED_SESSIONS}, got ${String(limit)}`);
  return {
    name: 'session-summaries',
    initialState: () => ({ trees: IMap(), sessions: IMap(), counts: IMap() }),
    apply: (state, event) => {
      const shop = event.metadata.shopId;
      // A projection may be fed the whole log: only the summary's events count here.
      if (TREE_EVENTS.has(event.type)) return { ...state, trees: state.trees.set(shop, evolveSummary(state.trees.get(shop) ?? initialSummaryState(), event)) };
      if (event.type !== 'SessionClassified') return state;
      const { sessionId, categoryId, path, by, at, previousCategoryId } = event.data;
      const mine = state.sessions.get(shop) ?? OrderedMap<string, SessionSummaryLine>();
      const previous = previousCategoryId ?? mine.get(sessionId)?.categoryId;
      let counts = state.counts.get(shop) ?? IMap<string, number>();
      if (previous !== undefined) counts = bump(counts, previous, -1);
      counts = bump(counts, categoryId, 1);
      let sessions = mine.delete(sessionId).set(sessionId, { categoryId, path, at, ...(by === undefined ? {} : { by }) });
      if (sessions.size > limit) sessions = sessions.delete(sessions.keySeq().first() as string);
      return { ...state, sessions: state.sessions.set(shop, sessions), counts: state.counts.set(shop, counts) };
    },
  };
};

const nameOf = (tree: SummaryState | undefined, categoryId: string) => tree?.categories.get(categoryId)?.name;

/** A session's leaf and path, each category with its name now. */
export const sessionSummaryOf = (state: SessionSummaries, shopId: string, sessionId: string) => {
  const line = state.sessions.get(shopId)?.get(sessionId);
  if (line === undefined) return undefined;
  const tree = state.trees.get(shopId);
  return { ...line, names: line.path.map((id) => nameOf(tree, id) ?? id) };
};

/** The shop's tree, top level first, siblings in their order. */
export const categoryTreeOf = (state: SessionSummaries, shopId: string): readonly CategoryNode[] => {
  const tree = state.trees.get(shopId);
  if (tree === undefined) return [];
  const node = (categoryId: string): CategoryNode => {
    const c = tree.categories.get(categoryId)!;
    return { categoryId, name: c.name, children: c.children.toArray().map(node) };
  };
  return tree.roots.toArray().map(node);
};

/** Sessions classified into the category or anywhere below it in the tree as it stands. */
export const sessionsUnder = (state: SessionSummaries, shopId: string, categoryId: string): number => {
  const tree = state.trees.get(shopId);
  const counts = state.counts.get(shopId);
  if (counts === undefined) return 0;
  const walk = (id: string): number => (counts.get(id) ?? 0) + (tree?.categories.get(id)?.children.reduce((sum, child) => sum + walk(child), 0) ?? 0);
  return walk(categoryId);
};
