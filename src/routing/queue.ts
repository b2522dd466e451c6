/**
 * The queue (R10-R13). A waiting session sits in one or more lanes: the shop lane
 * (anyone may take it), a group's lane, or an agent's own lane (a pinned or chosen
 * agent). Each lane is ordered VIP first (when enabled), then earliest first
 * (FIFO) or latest first (LIFO), behind sessions requeued because their agent
 * left. An agent with a free slot takes the best head
 * among its own lane, its groups' lanes and the shop lane: O(groups x log n).
 */
import { Map as IMap } from 'immutable';
import { BTree } from '../domain/btree.js';
import type { AgentId, CustomerId, GroupId, SessionId } from '../domain/ids.js';
import type { Agent, QueueTarget } from './model.js';
import type { PipelineStep } from './settings.js';

export interface QueueEntry {
  readonly sessionId: SessionId;
  readonly customerId: CustomerId;
  readonly channel: string;
  readonly vip: boolean;
  readonly target: QueueTarget;
  /** Desk sequence number when it queued (a requeued session: when it first arrived): the FIFO/LIFO order. */
  readonly seq: number;
  /** When it queued (epoch ms), for wait times. */
  readonly at: number;
  /** Sent back to routing because its agent left: it goes ahead of every session waiting for its first agent. */
  readonly requeued?: boolean;
  /** The pipeline step that made it wait (`no-agent`: none could place it). */
  readonly via?: PipelineStep | 'no-agent';
  /**
   * Lanes of the rules it fell back from (fallbackLanes.ts): it waits there too, so
   * their agents take it when they come back with a free slot.
   */
  readonly alsoLanes?: readonly string[];
}

type LaneKey = readonly [rank: number, order: number];
const compareLaneKeys = (a: LaneKey, b: LaneKey) => a[0] - b[0] || a[1] - b[1];

export interface QueuePolicy {
  readonly order: 'fifo' | 'lifo';
  readonly vipFirst: boolean;
}

export interface Queue {
  readonly policy: QueuePolicy;
  readonly entries: IMap<SessionId, QueueEntry>;
  readonly lanes: IMap<string, BTree<LaneKey, SessionId>>;
}

export const SHOP_LANE = '*';
export const groupLane = (group: GroupId) => `g:${group}`;
export const agentLane = (agent: AgentId) => `a:${agent}`;

/** The lanes a waiting session sits in: those of what it waits for, and of the rules it fell back from. */
export const lanesOfEntry = (entry: Pick<QueueEntry, 'target' | 'alsoLanes'>): readonly string[] => {
  const lanes = lanesOf(entry.target);
  if (entry.alsoLanes === undefined || entry.alsoLanes.length === 0) return lanes;
  return [...new Set([...lanes, ...entry.alsoLanes])];
};

export const lanesOf = (target: QueueTarget): readonly string[] => {
  switch (target.kind) {
    case 'any':
      return [SHOP_LANE];
    case 'agent':
      return [agentLane(target.agentId)];
    case 'pool':
      return [...target.groups.map(groupLane), ...target.agents.map(agentLane)];
  }
};

/**
 * The lanes an agent serves: its own, and (unless `sharedLanes` is false: an admin
 * left out of auto-assignment) its groups' and the shop's.
 */
export const lanesServedBy = (agent: Pick<Agent, 'id' | 'groups'>, sharedLanes = true): readonly string[] =>
  sharedLanes ? [agentLane(agent.id), ...agent.groups.map(groupLane), SHOP_LANE] : [agentLane(agent.id)];

/**
 * The order within a lane: requeued sessions first (in the order they first
 * arrived, whatever the queue order: they were already being served), then VIP
 * when enabled, then earliest (FIFO) or latest (LIFO) first.
 */
const laneKey = (entry: QueueEntry, policy: QueuePolicy): LaneKey =>
  entry.requeued === true ? [0, entry.seq] : [policy.vipFirst && entry.vip ? 1 : 2, policy.order === 'fifo' ? entry.seq : -entry.seq];

export const emptyQueue = (policy: QueuePolicy): Queue => ({ policy, entries: IMap(), lanes: IMap() });

export const enqueue = (queue: Queue, entry: QueueEntry): Queue => {
  const key = laneKey(entry, queue.policy);
  let lanes = queue.lanes;
  for (const lane of lanesOfEntry(entry)) {
    const tree = lanes.get(lane) ?? new BTree<LaneKey, SessionId>(undefined, compareLaneKeys);
    lanes = lanes.set(lane, tree.with(key, entry.sessionId, true));
  }
  return { policy: queue.policy, entries: queue.entries.set(entry.sessionId, entry), lanes };
};

export const dequeue = (queue: Queue, sessionId: SessionId): Queue => {
  const entry = queue.entries.get(sessionId);
  if (entry === undefined) return queue;
  const key = laneKey(entry, queue.policy);
  let lanes = queue.lanes;
  for (const lane of lanesOfEntry(entry)) {
    const tree = lanes.get(lane);
    if (tree === undefined) continue;
    const smaller = tree.without(key);
    lanes = smaller.size === 0 ? lanes.delete(lane) : lanes.set(lane, smaller);
  }
  return { policy: queue.policy, entries: queue.entries.delete(sessionId), lanes };
};

/** The queued session this agent should take next, if any (the best head of the lanes it serves). */
export const nextFor = (queue: Queue, agent: Pick<Agent, 'id' | 'groups'>, sharedLanes = true): QueueEntry | undefined => {
  let best: LaneKey | undefined;
  let bestId: SessionId | undefined;
  for (const lane of lanesServedBy(agent, sharedLanes)) {
    const tree = queue.lanes.get(lane);
    const key = tree?.minKey();
    if (key !== undefined && (best === undefined || compareLaneKeys(key, best) < 0)) {
      best = key;
      bestId = tree?.get(key);
    }
  }
  return bestId === undefined ? undefined : queue.entries.get(bestId);
};

/** Whether an agent may serve a queued session (it is in one of the session's lanes). */
export const canServe = (entry: Pick<QueueEntry, 'target' | 'alsoLanes'>, agent: Pick<Agent, 'id' | 'groups'>): boolean => {
  const served = new Set(lanesServedBy(agent));
  return lanesOfEntry(entry).some((lane) => served.has(lane));
};

/** Puts an entry back with some fields changed (its target, its designation): same place in line. */
export const reenqueue = (queue: Queue, sessionId: SessionId, change: (entry: QueueEntry) => QueueEntry): Queue => {
  const entry = queue.entries.get(sessionId);
  return entry === undefined ? queue : enqueue(dequeue(queue, sessionId), change(entry));
};

/** The queue re-sorted under another policy (R10 settings changed). */
export const withPolicy = (queue: Queue, policy: QueuePolicy): Queue => {
  if (policy.order === queue.policy.order && policy.vipFirst === queue.policy.vipFirst) return queue;
  let next = emptyQueue(policy);
  for (const entry of queue.entries.values()) next = enqueue(next, entry);
  return next;
};

/** Queued sessions in the order they would be served from the shop's point of view. */
export const inServiceOrder = (queue: Queue): QueueEntry[] =>
  [...queue.entries.values()].sort((a, b) => compareLaneKeys(laneKey(a, queue.policy), laneKey(b, queue.policy)));
