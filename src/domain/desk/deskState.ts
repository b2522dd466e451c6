/**
 * The desk: one shop's routing state, folded from its routing stream. It holds
 * everything a routing decision needs, so that every routing invariant (never
 * above max through auto-assignment, one owner per session, a pinned customer
 * never elsewhere, a queued session never lost) is checked inside one decide and
 * one append with an expected version.
 *
 * Collections are persistent (immutable.js maps, B+ trees with copy-on-write), so
 * folding an event costs O(log n) of the agents and sessions, never a copy of them.
 */
import { Map as IMap, OrderedSet, Set as ISet } from 'immutable';
import { BTree } from '../btree.js';
import type { AgentId, CustomerId, GroupId, SessionId } from '../ids.js';
import { canAutoTake, countsAsPresent } from '../../routing/eligibility.js';
import type { Agent } from '../../routing/model.js';
import { countAgents, moveAgentCounts, noAgentCounts } from '../../routing/agentCounts.js';
import { buildPools, placeAgent } from '../../routing/pools.js';
import { emptyQueue, type Queue } from '../../routing/queue.js';
import { DEFAULT_ROUTING_SETTINGS, type RoutingSettings } from '../../routing/settings.js';
import { strategyFor } from '../../routing/strategies/index.js';
import type { ChannelRule, LastContact, RoutingView } from '../../routing/view.js';

export interface PendingTransfer {
  readonly requestId: string;
  readonly from: AgentId;
  readonly to: AgentId;
  readonly expiresAt: number;
}

export interface DeskSession {
  readonly sessionId: SessionId;
  readonly customerId: CustomerId;
  readonly channel: string;
  readonly vip: boolean;
  /** R13: the entry group it came in with; R8: the agent the customer chose. Kept to route it again. */
  readonly entryGroupId?: GroupId;
  readonly requestedAgentId?: AgentId;
  readonly status: 'queued' | 'assigned';
  readonly owner?: AgentId;
  readonly coAgents: readonly AgentId[];
  readonly since: number;
  /** The desk sequence number when it first arrived: a requeued session goes back in this order. */
  readonly arrivalSeq: number;
  readonly pendingTransfer?: PendingTransfer;
}

export interface Group {
  readonly id: GroupId;
  readonly name: string;
}

export interface DeskState extends RoutingView {
  readonly groups: IMap<GroupId, Group>;
  /** Queued and assigned sessions; an ended session leaves the desk. */
  readonly sessions: IMap<SessionId, DeskSession>;
  /** A customer has at most one session at the desk at a time. */
  readonly activeByCustomer: IMap<CustomerId, SessionId>;
  /** The sessions each agent is in (as owner or co-agent), to find them when it leaves. */
  readonly sessionsOf: IMap<AgentId, ISet<SessionId>>;
  /** The sessions whose transfer waits for each agent's acceptance, to cancel them when it leaves. */
  readonly awaitingAcceptance: IMap<AgentId, ISet<SessionId>>;
  readonly queue: Queue;
  /** Last contacts by time, so contacts older than the sticky window can be dropped. */
  readonly contactsByTime: BTree<readonly [number, CustomerId], true>;
  /** Counts assignments and queue entries: the order of round robin, ties and the queue. */
  readonly seq: number;
  /**
   * The last RECENTLY_ENDED session ids to end, oldest first. A session leaves the desk
   * when it ends, so without these a first message's OpenSession delivered again after
   * the end (a reactor handling events since its last checkpoint) would open it anew.
   */
  readonly recentlyEnded: OrderedSet<SessionId>;
}

/** How many ended session ids the desk remembers: far more than end between two reactor checkpoints. */
export const RECENTLY_ENDED = 10_000;

/** Remembers an ended session, forgetting the oldest beyond the bound. */
export const rememberEnded = (ended: OrderedSet<SessionId>, sessionId: SessionId): OrderedSet<SessionId> => {
  const next = ended.add(sessionId);
  return next.size > RECENTLY_ENDED ? next.delete(next.first()!) : next;
};

const compareContacts = (a: readonly [number, string], b: readonly [number, string]) =>
  a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

export const initialDeskState = (settings: RoutingSettings = DEFAULT_ROUTING_SETTINGS): DeskState => ({
  settings,
  agents: IMap(),
  pools: buildPools(strategyFor(settings.baseMode), [], settings.adminsExcluded),
  groupPresence: IMap(),
  counts: noAgentCounts(),
  channelRules: IMap<string, ChannelRule>(),
  pins: IMap(),
  blacklist: ISet(),
  lastContact: IMap<CustomerId, LastContact>(),
  groups: IMap(),
  sessions: IMap(),
  activeByCustomer: IMap(),
  sessionsOf: IMap(),
  awaitingAcceptance: IMap(),
  queue: emptyQueue({ order: settings.queueOrder, vipFirst: settings.vipFirst }),
  contactsByTime: new BTree<readonly [number, CustomerId], true>(undefined, compareContacts),
  recentlyEnded: OrderedSet(),
  seq: 0,
});

const movePresence = (presence: IMap<GroupId, number>, agent: Agent | undefined, delta: number, adminsExcluded: boolean) => {
  if (agent === undefined || !countsAsPresent(agent, adminsExcluded)) return presence;
  let next = presence;
  for (const g of agent.groups) next = next.set(g, (next.get(g) ?? 0) + delta);
  return next;
};

/** The smallest key of the shop's pool, for a strategy's rejoining bookkeeping. */
const smallestKey = (state: DeskState) => (state.pools.shop.kind === 'ordered' ? state.pools.shop.tree.minKey() : undefined);

/**
 * Replaces an agent's record and keeps the pools and the group presence counts in
 * step. An agent that becomes eligible again gets its strategy's rejoining
 * bookkeeping (weighted: it restarts from the pool's virtual time, not flooded).
 */
export const putAgent = (state: DeskState, next: Agent): DeskState => {
  const before = state.agents.get(next.id);
  const { adminsExcluded } = state.settings;
  const rejoins = canAutoTake(next, adminsExcluded) && (before === undefined || !canAutoTake(before, adminsExcluded));
  const rejoining = state.pools.strategy.rejoining;
  const after = rejoins && rejoining !== undefined ? { ...next, ...rejoining(next, smallestKey(state)) } : next;
  // A load change leaves the agent present in the same groups: the counts stay as they are.
  const samePresence =
    before !== undefined && before.groups === after.groups && countsAsPresent(before, adminsExcluded) === countsAsPresent(after, adminsExcluded);
  const presence = samePresence ? state.groupPresence : movePresence(movePresence(state.groupPresence, before, -1, adminsExcluded), after, 1, adminsExcluded);
  return {
    ...state,
    agents: state.agents.set(after.id, after),
    pools: placeAgent(state.pools, before, after, adminsExcluded),
    groupPresence: presence,
    counts: moveAgentCounts(state.counts, before, after, adminsExcluded),
  };
};

/**
 * Changes some fields of one agent. Agent records are flat and change on every
 * assignment, so this is a plain spread: cheaper than an immer draft on the
 * hottest path of the desk.
 */
export const updateAgent = (state: DeskState, id: AgentId, change: (agent: Agent) => Partial<Agent>): DeskState => {
  const agent = state.agents.get(id);
  return agent === undefined ? state : putAgent(state, { ...agent, ...change(agent) });
};

/**
 * Pools and presence counts recomputed from scratch (base mode or admin exclusion
 * changed). A new base mode first gets its strategy's `activated` bookkeeping on
 * every agent.
 */
export const reindex = (state: DeskState, modeChanged = false): DeskState => {
  const { baseMode, adminsExcluded } = state.settings;
  const strategy = strategyFor(baseMode);
  const activated = strategy.activated;
  const agents = modeChanged && activated !== undefined ? state.agents.map((a) => ({ ...a, ...activated(a) })) : state.agents;
  let presence = IMap<GroupId, number>();
  for (const agent of agents.values()) presence = movePresence(presence, agent, 1, adminsExcluded);
  return { ...state, agents, pools: buildPools(strategy, agents.values(), adminsExcluded), groupPresence: presence, counts: countAgents(agents.values(), adminsExcluded) };
};

/** Records who served a customer last (R1), dropping contacts older than the sticky window. */
export const rememberContact = (state: DeskState, customerId: CustomerId, agentId: AgentId, at: number): DeskState => {
  const windowStart = at - state.settings.stickyWindowDays * 86_400_000;
  let contacts = state.contactsByTime;
  let lastContact = state.lastContact;
  const previous = lastContact.get(customerId);
  if (previous !== undefined) contacts = contacts.without([previous.at, customerId]);
  for (let oldest = contacts.minKey(); oldest !== undefined && oldest[0] < windowStart; oldest = contacts.minKey()) {
    contacts = contacts.without(oldest);
    lastContact = lastContact.delete(oldest[1]);
  }
  return {
    ...state,
    lastContact: lastContact.set(customerId, { agentId, at }),
    contactsByTime: contacts.with([at, customerId], true, true),
  };
};

/** Records that an agent is in a session (joined) or no longer is (left). */
export const joinSessionOf = (state: DeskState, agentId: AgentId, sessionId: SessionId): DeskState => ({
  ...state,
  sessionsOf: state.sessionsOf.set(agentId, (state.sessionsOf.get(agentId) ?? ISet<SessionId>()).add(sessionId)),
});

export const leaveSessionOf = (state: DeskState, agentId: AgentId, sessionId: SessionId): DeskState => {
  const mine = state.sessionsOf.get(agentId);
  if (mine === undefined) return state;
  const rest = mine.delete(sessionId);
  return { ...state, sessionsOf: rest.size === 0 ? state.sessionsOf.delete(agentId) : state.sessionsOf.set(agentId, rest) };
};
