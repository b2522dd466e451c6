/**
 * How many agents of the shop, and of each group, each eligibility rule keeps from
 * auto-assignment right now (exclusionOf), kept up to date as agents change: a
 * decision reads the counts of its scope in O(1) instead of walking the agents.
 */
import { Map as IMap } from 'immutable';
import type { GroupId } from '../domain/ids.js';
import { exclusionOf } from './eligibility.js';
import type { Agent } from './model.js';
import type { FilterCounts } from './trace.js';

export interface AgentCounts {
  readonly shop: FilterCounts;
  readonly groups: IMap<GroupId, FilterCounts>;
}

const zero: FilterCounts = { 'not-working': 0, offline: 0, busy: 0, 'excluded-admin': 0, 'at-max': 0, eligible: 0 };

export const noAgentCounts = (): AgentCounts => ({ shop: zero, groups: IMap() });

const bump = (counts: FilterCounts | undefined, key: keyof FilterCounts, delta: number): FilterCounts => {
  const base = counts ?? zero;
  return { ...base, [key]: base[key] + delta };
};

const categoryOf = (agent: Agent, adminsExcluded: boolean): keyof FilterCounts => exclusionOf(agent, adminsExcluded) ?? 'eligible';

/** Moves one agent from the category of its old record to that of its new one. */
export const moveAgentCounts = (counts: AgentCounts, before: Agent | undefined, after: Agent | undefined, adminsExcluded: boolean): AgentCounts => {
  // Most changes (a load moving below max) keep the agent where it was: no allocation then.
  if (before !== undefined && after !== undefined && before.groups === after.groups && categoryOf(before, adminsExcluded) === categoryOf(after, adminsExcluded)) return counts;
  let { shop, groups } = counts;
  if (before !== undefined) {
    const c = categoryOf(before, adminsExcluded);
    shop = bump(shop, c, -1);
    for (const g of before.groups) groups = groups.set(g, bump(groups.get(g), c, -1));
  }
  if (after !== undefined) {
    const c = categoryOf(after, adminsExcluded);
    shop = bump(shop, c, 1);
    for (const g of after.groups) groups = groups.set(g, bump(groups.get(g), c, 1));
  }
  return { shop, groups };
};

export const countAgents = (agents: Iterable<Agent>, adminsExcluded: boolean): AgentCounts => {
  let counts = noAgentCounts();
  for (const agent of agents) counts = moveAgentCounts(counts, undefined, agent, adminsExcluded);
  return counts;
};
