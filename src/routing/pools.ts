/**
 * The eligible pools: for the whole shop and for each group, the agents that can
 * take a new session now, kept in the order of the shop's base mode. They are
 * persistent structures (B+ trees with copy-on-write clones, immutable lists), so
 * evolving the desk updates them in O(log n) without copying, and a pick never
 * scans the agents.
 */
import { List, Map as IMap } from 'immutable';
import { BTree } from '../domain/btree.js';
import type { Draws } from '../domain/seededDraws.js';
import type { AgentId, GroupId } from '../domain/ids.js';
import { canAutoTake } from './eligibility.js';
import type { Agent } from './model.js';
import type { OrderKey, OrderedStrategy, Strategy } from './strategies/strategy.js';

/** Ordered by the strategy's key; a member is found (and removed) by the key of its record. */
export interface OrderedPool {
  readonly kind: 'ordered';
  readonly tree: BTree<OrderKey, AgentId>;
}

export interface RandomPool {
  readonly kind: 'random';
  readonly members: List<AgentId>;
  readonly positions: IMap<AgentId, number>;
}

export type Pool = OrderedPool | RandomPool;

export interface Pools {
  readonly strategy: Strategy;
  readonly shop: Pool;
  readonly groups: IMap<GroupId, Pool>;
}

const emptyPool = (strategy: Strategy): Pool =>
  strategy.kind === 'ordered'
    ? { kind: 'ordered', tree: new BTree<OrderKey, AgentId>(undefined, strategy.compare) }
    : { kind: 'random', members: List(), positions: IMap() };

export const emptyPools = (strategy: Strategy): Pools => ({ strategy, shop: emptyPool(strategy), groups: IMap() });

/** Removes an agent, given the record it was placed with (its key is computed from that record). */
const without = (pool: Pool, agent: Agent, strategy: Strategy): Pool => {
  if (pool.kind === 'ordered') return { kind: 'ordered', tree: pool.tree.without((strategy as OrderedStrategy).key(agent)) };
  const id = agent.id;
  const at = pool.positions.get(id);
  if (at === undefined) return pool;
  // Swap the last member into the hole: O(log32 n), order does not matter for a uniform pick.
  const lastIndex = pool.members.size - 1;
  const last = pool.members.get(lastIndex) as AgentId;
  const members = pool.members.set(at, last).pop();
  const positions = last === id ? pool.positions.delete(id) : pool.positions.delete(id).set(last, at);
  return { kind: 'random', members, positions };
};

const withAgent = (pool: Pool, agent: Agent, strategy: Strategy): Pool => {
  if (pool.kind === 'ordered') {
    return { kind: 'ordered', tree: pool.tree.with((strategy as OrderedStrategy).key(agent), agent.id, true) };
  }
  return { kind: 'random', members: pool.members.push(agent.id), positions: pool.positions.set(agent.id, pool.members.size) };
};

const updateGroup = (groups: IMap<GroupId, Pool>, group: GroupId, change: (p: Pool) => Pool, strategy: Strategy) =>
  groups.set(group, change(groups.get(group) ?? emptyPool(strategy)));

/**
 * Moves one agent in the pools from its old record to its new one: out of every
 * pool it was in, into every pool it belongs in now (if it can take a session).
 */
export const placeAgent = (pools: Pools, before: Agent | undefined, after: Agent | undefined, adminsExcluded: boolean): Pools => {
  const { strategy } = pools;
  let { shop, groups } = pools;
  if (before !== undefined && canAutoTake(before, adminsExcluded)) {
    shop = without(shop, before, strategy);
    for (const g of before.groups) groups = updateGroup(groups, g, (p) => without(p, before, strategy), strategy);
  }
  if (after !== undefined && canAutoTake(after, adminsExcluded)) {
    shop = withAgent(shop, after, strategy);
    for (const g of after.groups) groups = updateGroup(groups, g, (p) => withAgent(p, after, strategy), strategy);
  }
  return { strategy, shop, groups };
};

/** All pools rebuilt from the agents, e.g. after the base mode or an eligibility rule changed. */
export const buildPools = (strategy: Strategy, agents: Iterable<Agent>, adminsExcluded: boolean): Pools => {
  let pools = emptyPools(strategy);
  for (const agent of agents) pools = placeAgent(pools, undefined, agent, adminsExcluded);
  return pools;
};

export const poolSize = (pool: Pool): number => (pool.kind === 'ordered' ? pool.tree.size : pool.members.size);

/** Whether the agent, as this record, is in the pool. */
export const poolHas = (pool: Pool, agent: Agent, strategy: Strategy): boolean =>
  pool.kind === 'ordered' ? pool.tree.get((strategy as OrderedStrategy).key(agent)) === agent.id : pool.positions.has(agent.id);

/** The pool's pick: the smallest key, or a uniform draw. */
export const pickFrom = (pool: Pool, draws: Draws): AgentId | undefined => {
  if (pool.kind === 'ordered') {
    const first = pool.tree.minKey();
    return first === undefined ? undefined : pool.tree.get(first);
  }
  return pool.members.size === 0 ? undefined : pool.members.get(draws.below(pool.members.size));
};

/**
 * The pick over several pools (a union that may overlap, e.g. a channel pinned to
 * two groups). Ordered: the smallest of the pools' smallest keys. Random: a uniform
 * draw over the union, by drawing a pool in proportion to its size and a member in
 * it, and redrawing when that member is also in an earlier pool (so members in
 * several pools are not favoured).
 */
export const pickFromUnion = (pools: readonly Pool[], strategy: Strategy, draws: Draws): AgentId | undefined => {
  const nonEmpty = pools.filter((p) => poolSize(p) > 0);
  if (nonEmpty.length === 0) return undefined;
  if (strategy.kind === 'ordered') {
    let best: OrderKey | undefined;
    let bestId: AgentId | undefined;
    for (const pool of nonEmpty as OrderedPool[]) {
      const key = pool.tree.minKey();
      if (key !== undefined && (best === undefined || strategy.compare(key, best) < 0)) {
        best = key;
        bestId = pool.tree.get(key);
      }
    }
    return bestId;
  }
  const total = nonEmpty.reduce((n, p) => n + poolSize(p), 0);
  for (;;) {
    let index = draws.below(total);
    let at = 0;
    while (index >= poolSize(nonEmpty[at] as Pool)) index -= poolSize(nonEmpty[at++] as Pool);
    const pool = nonEmpty[at] as RandomPool;
    const id = pool.members.get(index) as AgentId;
    if (!nonEmpty.slice(0, at).some((earlier) => earlier.kind === 'random' && earlier.positions.has(id))) return id;
  }
};
