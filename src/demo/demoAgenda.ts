/**
 * The demo's own to-do list on the virtual clock: what customers and agents will
 * do next, in time order (ties in the order they were planned, so a run is
 * repeatable). A B+ tree (sorted-btree, as the virtual clock uses) keeps it
 * ordered while the day adds to it.
 */
import { BTree } from '../domain/btree.js';

type Key = readonly [number, number];

const byTimeThenSeq = (a: Key, b: Key): number => a[0] - b[0] || a[1] - b[1];

export interface Agenda<A> {
  readonly add: (at: number, action: A) => void;
  /** The earliest action's time, if any. */
  readonly nextAt: () => number | undefined;
  /** Removes and answers the earliest action. */
  readonly take: () => { readonly at: number; readonly action: A } | undefined;
  readonly size: () => number;
}

export const createAgenda = <A>(): Agenda<A> => {
  const tree = new BTree<Key, A>(undefined, byTimeThenSeq);
  let seq = 0;
  return {
    add: (at, action) => {
      tree.set([Math.round(at), seq++], action);
    },
    nextAt: () => tree.minKey()?.[0],
    take: () => {
      const key = tree.minKey();
      if (key === undefined) return undefined;
      const action = tree.get(key) as A;
      tree.delete(key);
      return { at: key[0], action };
    },
    size: () => tree.size,
  };
};
