/**
 * T2: reading the ticket type tree: a type's siblings, its ancestors (the type
 * first, then its parent, up to the top level: what the SLA matching rule walks),
 * its depth (1 for the top level) and the height of its subtree. Pure functions
 * of the settings state; an unknown type has no ancestors and depth 0.
 */
import type { TicketSettingsState, TicketType } from './ticketSettingsTypes.js';

type Tree = Pick<TicketSettingsState, 'types' | 'rootTypes'>;

export const isKnownType = (state: Tree, typeId: string): boolean => state.types.has(typeId);

/** The ids under a parent (the top level for undefined), in display order. */
export const siblingsOf = (state: Tree, parentId: string | undefined): readonly string[] =>
  parentId === undefined ? state.rootTypes : (state.types.get(parentId)?.children ?? []);

/** The type, then its parent, ..., up to its top-level type; empty for an unknown type. */
export const ancestorsOf = (state: Tree, typeId: string): readonly string[] => {
  const path: string[] = [];
  let current: TicketType | undefined = state.types.get(typeId);
  // The bound guards against a malformed (cyclic) state: a tree is never deeper than its size.
  while (current !== undefined && path.length <= state.types.size) {
    path.push(current.typeId);
    current = current.parentId === undefined ? undefined : state.types.get(current.parentId);
  }
  return path;
};

/** 1 for a top-level type, 2 for its child, ...; 0 for undefined (the top level's parent) or an unknown type. */
export const depthOf = (state: Tree, typeId: string | undefined): number => (typeId === undefined ? 0 : ancestorsOf(state, typeId).length);

/** The ids from the top level down to the type (the reverse of ancestorsOf), for display. */
export const pathOf = (state: Tree, typeId: string): readonly string[] => [...ancestorsOf(state, typeId)].reverse();

/** The type and every type below it, depth first in display order. */
export const subtreeOf = (state: Tree, typeId: string): readonly string[] => {
  const type = state.types.get(typeId);
  return type === undefined ? [] : [typeId, ...type.children.flatMap((child) => subtreeOf(state, child))];
};
