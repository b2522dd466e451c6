/**
 * sorted-btree is CommonJS with `exports.default`: Node's ESM loader hands back the
 * whole exports object as the default import, bundlers may hand back the class.
 * This module gives the class either way. B+ trees with O(1) copy-on-write clones
 * are what the routing indexes and the virtual clock use as ordered sets.
 */
import * as sortedBtree from 'sorted-btree';

type BTreeConstructor = typeof sortedBtree.default.default;

const loaded = sortedBtree.default as unknown as BTreeConstructor | { default: BTreeConstructor };

export const BTree: BTreeConstructor = typeof loaded === 'function' ? loaded : loaded.default;
/** The instance type, generic in key and value. */
// The only way to name a CommonJS default class as a type from ESM is an import() type.
// eslint-disable-next-line @typescript-eslint/consistent-type-imports
export type BTree<K, V> = import('sorted-btree', { with: { 'resolution-mode': 'require' } }).default<K, V>;
