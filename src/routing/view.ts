/**
 * What the routing pipeline reads: a read-only view of the desk. The desk
 * aggregate (src/domain/desk) keeps it up to date as it folds its events.
 */
import type { Map as IMap, Set as ISet } from 'immutable';
import type { AgentId, CustomerId, GroupId } from '../domain/ids.js';
import type { AgentCounts } from './agentCounts.js';
import type { Agent } from './model.js';
import type { Pools } from './pools.js';
import type { RoutingSettings } from './settings.js';

/** R6: a channel tied to groups and/or agents, switchable on its own. */
export interface ChannelRule {
  readonly channel: string;
  readonly groups: readonly GroupId[];
  readonly agents: readonly AgentId[];
  readonly enabled: boolean;
}

export interface LastContact {
  readonly agentId: AgentId;
  readonly at: number;
}

export interface RoutingView {
  readonly settings: RoutingSettings;
  readonly agents: IMap<AgentId, Agent>;
  readonly pools: Pools;
  /** Per group, how many members are online or busy (and may take work): R6's "is any of them online". */
  readonly groupPresence: IMap<GroupId, number>;
  readonly channelRules: IMap<string, ChannelRule>;
  readonly pins: IMap<CustomerId, AgentId>;
  readonly blacklist: ISet<CustomerId>;
  readonly lastContact: IMap<CustomerId, LastContact>;
  /** What each eligibility rule removes from the shop and each group now (for decisions). */
  readonly counts: AgentCounts;
}
