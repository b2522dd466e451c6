/**
 * A base mode is a strategy. Three of them order the eligible agents by a key
 * (the smallest key is picked: a B+ tree gives it in O(log n)); random picks a
 * uniform position in a persistent list. Capacity is not a strategy's concern:
 * only agents that can take a new session are in a pool at all.
 */
import type { Agent, BaseMode } from '../model.js';

export type OrderKey = readonly (number | string)[];

/**
 * A strategy's own bookkeeping on the agent records, so that a new strategy touches
 * its own file and its registration only (the desk calls these, knowing no strategy).
 */
export interface StrategyBookkeeping {
  /** What changes on the agent just given a session (weighted: its pass moves on). */
  readonly assigned?: (agent: Agent) => Partial<Agent>;
  /**
   * What changes on an agent that becomes eligible again, given the smallest key of
   * the shop's pool (weighted: it restarts from the pool's virtual time).
   */
  readonly rejoining?: (agent: Agent, smallest: OrderKey | undefined) => Partial<Agent>;
  /** What changes on every agent when the shop switches to this strategy. */
  readonly activated?: (agent: Agent) => Partial<Agent>;
}

export interface OrderedStrategy extends StrategyBookkeeping {
  readonly kind: 'ordered';
  readonly mode: Exclude<BaseMode, 'random'>;
  /** The agent's place among the eligible; the smallest key is picked first. */
  readonly key: (agent: Agent) => OrderKey;
  readonly compare: (a: OrderKey, b: OrderKey) => number;
}

export interface RandomStrategy extends StrategyBookkeeping {
  readonly kind: 'random';
  readonly mode: 'random';
}

export type Strategy = OrderedStrategy | RandomStrategy;

export const compareValues = (a: number | string | undefined, b: number | string | undefined): number =>
  a === b ? 0 : (a ?? '') < (b ?? '') ? -1 : 1;
