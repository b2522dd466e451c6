/**
 * A base mode is a strategy. Three of them order the eligible agents by a key
 * (the smallest key is picked: a B+ tree gives it in O(log n)); random picks a
 * uniform position in a persistent list. Capacity is not a strategy's concern:
 * only agents that can take a new session are in a pool at all.
 */
import type { Agent, BaseMode } from '../model.js';

export type OrderKey = readonly (number | string)[];

export interface OrderedStrategy {
  readonly kind: 'ordered';
  readonly mode: Exclude<BaseMode, 'random'>;
  /** The agent's place among the eligible; the smallest key is picked first. */
  readonly key: (agent: Agent) => OrderKey;
  readonly compare: (a: OrderKey, b: OrderKey) => number;
}

export interface RandomStrategy {
  readonly kind: 'random';
  readonly mode: 'random';
}

export type Strategy = OrderedStrategy | RandomStrategy;

export const compareValues = (a: number | string | undefined, b: number | string | undefined): number =>
  a === b ? 0 : (a ?? '') < (b ?? '') ? -1 : 1;
