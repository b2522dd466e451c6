/**
 * The summary stream's snapshot: the stream takes an event per classified
 * session (thousands a day in a busy shop) while its state stays bounded (the
 * tree, the ids in use, the recent window), so a cold start reads a snapshot and
 * a short tail instead of every classification ever made.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { List, Map as IMap, OrderedMap, Set as ISet } from 'immutable';
import type { ValidationError } from '../errors.js';
import { sessionIdCodec } from '../ids.js';
import { decodeWith, struct } from '../validation.js';
import type { Category, SummaryState } from './categoryTree.js';
import { categoryIdCodec, categoryNameCodec } from './summaryCommands.js';

const ids = t.readonlyArray(categoryIdCodec);

const snapshotCodec = struct('SummarySnapshot', {
  categories: t.readonlyArray(struct('SnapshotCategory', { categoryId: categoryIdCodec, name: categoryNameCodec, children: ids }, { parentId: categoryIdCodec })),
  roots: ids,
  used: ids,
  recent: t.readonlyArray(t.tuple([sessionIdCodec, categoryIdCodec])),
});
const decodeSnapshot = decodeWith(snapshotCodec, 'consultation summary snapshot');

export const encodeSummary = (state: SummaryState): unknown =>
  snapshotCodec.encode({
    categories: [...state.categories.values()].map((c) => ({ categoryId: c.categoryId, name: c.name, children: c.children.toArray(), ...(c.parentId === undefined ? {} : { parentId: c.parentId }) })),
    roots: state.roots.toArray(),
    used: state.used.toArray(),
    recent: [...state.recent.entries()],
  });

export const decodeSummary = (encoded: unknown): E.Either<ValidationError, SummaryState> =>
  E.map(
    (s: t.TypeOf<typeof snapshotCodec>): SummaryState => ({
      categories: IMap(s.categories.map((c): [string, Category] => [c.categoryId, { categoryId: c.categoryId, name: c.name, children: List(c.children), ...(c.parentId === undefined ? {} : { parentId: c.parentId }) }])),
      roots: List(s.roots),
      used: ISet(s.used),
      recent: OrderedMap(s.recent.map(([session, category]): [string, string] => [session, category])),
    }),
  )(decodeSnapshot(encoded));
