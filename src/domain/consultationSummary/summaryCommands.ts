/**
 * The consultation summary's commands (S11): admins shape the shop's category
 * tree (P2); staff of a session classify it into one leaf. Times come from the
 * command's meta.
 */
import * as t from 'io-ts';
import type { Command } from '../command.js';
import { identifier, intInRange, nonEmptyString, struct } from '../validation.js';
import { sessionIdCodec } from '../ids.js';
import type { CommandCodecs } from '../module.js';

/** S11: the tree is up to 5 levels deep ([002] 3.3.8 可细分 5 级). */
export const MAX_DEPTH = 5;
/** A bound on the tree (and so on the state and its snapshot); a manual's tree has tens. */
export const MAX_CATEGORIES = 1000;
export const CATEGORY_NAME_MAX_CHARS = 50;

export const categoryIdCodec = identifier('category id');
export const categoryNameCodec = nonEmptyString(CATEGORY_NAME_MAX_CHARS);
const positionCodec = intInRange(0, MAX_CATEGORIES);

const seedCodec = struct('SeedDefaultCategories', {});

/** Absent `parentId`: at the top level. */
type Placement = { readonly parentId?: string; readonly position?: number };

export type SummaryCommand =
  /** At the end of its siblings unless a position (0 = first) is given; a position past the end puts it last. */
  | Command<'AddCategory', Placement & { readonly categoryId: string; readonly name: string }>
  | Command<'RenameCategory', { readonly categoryId: string; readonly name: string }>
  /** Under another parent (or the top level), with its whole subtree. */
  | Command<'MoveCategory', Placement & { readonly categoryId: string }>
  /** The children of a parent (or the top level) in a new order: every one of them, each once. */
  | Command<'ReorderCategories', { readonly parentId?: string; readonly order: readonly string[] }>
  /** Only a leaf that no session was ever classified into. */
  | Command<'DeleteCategory', { readonly categoryId: string }>
  /** The manual's top level (defaultSummaryCategories), into an empty tree. */
  | Command<'SeedDefaultCategories', t.TypeOf<typeof seedCodec>>
  | Command<'ClassifySession', { readonly sessionId: string; readonly categoryId: string }>;

export type SummaryCommandType = SummaryCommand['type'];
export type SummaryCommandOf<T extends SummaryCommandType> = Extract<SummaryCommand, { type: T }>;

const placement = { parentId: categoryIdCodec, position: positionCodec };

export const summaryCommandCodecs = {
  AddCategory: struct('AddCategory', { categoryId: categoryIdCodec, name: categoryNameCodec }, placement),
  RenameCategory: struct('RenameCategory', { categoryId: categoryIdCodec, name: categoryNameCodec }),
  MoveCategory: struct('MoveCategory', { categoryId: categoryIdCodec }, placement),
  ReorderCategories: struct('ReorderCategories', { order: t.readonlyArray(categoryIdCodec) }, { parentId: categoryIdCodec }),
  DeleteCategory: struct('DeleteCategory', { categoryId: categoryIdCodec }),
  SeedDefaultCategories: seedCodec,
  ClassifySession: struct('ClassifySession', { sessionId: sessionIdCodec, categoryId: categoryIdCodec }),
} satisfies CommandCodecs<SummaryCommand>;
