/**
 * T10: the lists' small indexes, so the "my" views and the unassigned view read
 * only their own tickets, not the whole list: per shop, a sorted set of row keys
 * (newest first, as the list) for each assignee (`a:`), agent who completed
 * (`x:`), creating agent (`c:`) and group of to-assign tickets (`g:`). A ticket
 * is in at most four sets. A view walks the merge of its sets from the cursor.
 */
import type { Map as IMap } from 'immutable';
import { BTree } from '../domain/btree.js';
import type { TicketRow, TicketSortKey } from './ticketLists.js';

export type TicketKeySets = IMap<string, BTree<TicketSortKey, true>>;

export const assigneeSet = (agentId: string) => `a:${agentId}`;
export const completerSet = (agentId: string) => `x:${agentId}`;
export const creatorSet = (agentId: string) => `c:${agentId}`;
export const unassignedSet = (groupId: string) => `g:${groupId}`;

const setsOf = (row: TicketRow | undefined): readonly string[] => {
  if (row === undefined) return [];
  const sets: string[] = [];
  if (row.assigneeId !== undefined) sets.push(assigneeSet(row.assigneeId));
  if (row.completedBy !== undefined) sets.push(completerSet(row.completedBy));
  if (row.creator.kind === 'agent') sets.push(creatorSet(row.creator.id));
  if (row.status === 'to-assign') sets.push(unassignedSet(row.groupId));
  return sets;
};

/** The sets after a row changed from `before` (undefined: new) to `after`. */
export const reindex = (sets: TicketKeySets, key: TicketSortKey, before: TicketRow | undefined, after: TicketRow, order: (a: TicketSortKey, b: TicketSortKey) => number): TicketKeySets => {
  const was = setsOf(before);
  const is = setsOf(after);
  let next = sets;
  for (const name of was) {
    if (is.includes(name)) continue;
    const set = next.get(name);
    if (set === undefined) continue;
    const smaller = set.without(key);
    next = smaller.size === 0 ? next.delete(name) : next.set(name, smaller);
  }
  for (const name of is) {
    if (was.includes(name)) continue;
    next = next.set(name, (next.get(name) ?? new BTree<TicketSortKey, true>(undefined, order)).with(key, true, true));
  }
  return next;
};

/** The keys of the union of `names`, in the list's order from `start` (inclusive), each once. */
export function* mergedKeys(sets: TicketKeySets, names: readonly string[], start: TicketSortKey | undefined, order: (a: TicketSortKey, b: TicketSortKey) => number): Generator<TicketSortKey> {
  const iterators = [...new Set(names)].flatMap((name) => {
    const set = sets.get(name);
    return set === undefined ? [] : [set.keys(start)];
  });
  const heads = iterators.map((it) => it.next());
  for (;;) {
    let best: TicketSortKey | undefined;
    for (const head of heads) if (!head.done && (best === undefined || order(head.value, best) < 0)) best = head.value;
    if (best === undefined) return;
    yield best;
    heads.forEach((head, i) => {
      if (!head.done && order(head.value, best) === 0) heads[i] = iterators[i]!.next();
    });
  }
}
