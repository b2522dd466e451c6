/**
 * What the consultation summary records: the category tree's changes, and each
 * session's classification with the path to its leaf as it was then (ids from
 * the top level down), so a report by category folds the events alone even
 * after the tree is rearranged. A reclassification names the category it
 * replaces when the stream still remembers it (summaryState.ts).
 */
import * as t from 'io-ts';
import type { DomainEvent } from '../decider.js';
import { agentIdCodec, sessionIdCodec } from '../ids.js';
import type { EventDefinitions } from '../module.js';
import { intInRange, struct, timestamp } from '../validation.js';
import { categoryIdCodec, categoryNameCodec, MAX_CATEGORIES } from './summaryCommands.js';

type At = { readonly at: number };
type Parent = { readonly parentId?: string };

export type SummaryEvent =
  | DomainEvent<'CategoryAdded', Parent & At & { readonly categoryId: string; readonly name: string; readonly position: number }>
  | DomainEvent<'CategoryRenamed', At & { readonly categoryId: string; readonly name: string }>
  | DomainEvent<'CategoryMoved', Parent & At & { readonly categoryId: string; readonly position: number }>
  | DomainEvent<'CategoriesReordered', Parent & At & { readonly order: readonly string[] }>
  | DomainEvent<'CategoryDeleted', At & { readonly categoryId: string }>
  | DomainEvent<
      'SessionClassified',
      At & { readonly sessionId: string; readonly categoryId: string; readonly path: readonly string[]; readonly previousCategoryId?: string; readonly by?: string }
    >;

export type SummaryEventType = SummaryEvent['type'];

const v1 = <C extends t.Mixed>(codec: C) => ({ schemaVersion: 1, codec });
const at = { at: timestamp };
const parent = { parentId: categoryIdCodec };
const position = intInRange(0, MAX_CATEGORIES);

export const summaryEventDefinitions = {
  CategoryAdded: v1(struct('CategoryAdded', { categoryId: categoryIdCodec, name: categoryNameCodec, position, ...at }, parent)),
  CategoryRenamed: v1(struct('CategoryRenamed', { categoryId: categoryIdCodec, name: categoryNameCodec, ...at })),
  CategoryMoved: v1(struct('CategoryMoved', { categoryId: categoryIdCodec, position, ...at }, parent)),
  CategoriesReordered: v1(struct('CategoriesReordered', { order: t.readonlyArray(categoryIdCodec), ...at }, parent)),
  CategoryDeleted: v1(struct('CategoryDeleted', { categoryId: categoryIdCodec, ...at })),
  SessionClassified: v1(
    struct('SessionClassified', { sessionId: sessionIdCodec, categoryId: categoryIdCodec, path: t.readonlyArray(categoryIdCodec), ...at }, { previousCategoryId: categoryIdCodec, by: agentIdCodec }),
  ),
} satisfies EventDefinitions<SummaryEvent>;
