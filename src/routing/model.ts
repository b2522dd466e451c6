/**
 * The words of routing: agents as the desk sees them, the base assignment modes,
 * what a session waits for when it queues, and who can take new work.
 */
import type { AgentId, CustomerId, GroupId, SessionId } from '../domain/ids.js';

export type AgentRole = 'admin' | 'team-lead' | 'agent';
/** A1: online gets new sessions; busy keeps and answers its sessions; offline does neither. */
export type AgentStatus = 'online' | 'busy' | 'offline';
/** A7: the employee lifecycle. Only active agents work. */
export type AgentLifecycle = 'pending' | 'active' | 'frozen';
/** R2-R5: how the desk picks among eligible agents. */
export type BaseMode = 'least-load' | 'round-robin' | 'weighted' | 'random';

/** R4: running measures of an agent's efficiency, folded from ended sessions. */
export interface Efficiency {
  /** Share of sessions the agent replied in (moving average, 0..1). */
  readonly replyRate: number;
  /** Seconds to the agent's first reply (moving average over replied sessions). */
  readonly firstResponseSec: number;
}

export interface Agent {
  readonly id: AgentId;
  readonly name: string;
  readonly role: AgentRole;
  readonly groups: readonly GroupId[];
  readonly status: AgentStatus;
  /** When the status last changed (epoch ms): the attendance clock starts from it. */
  readonly statusSince: number;
  readonly lifecycle: AgentLifecycle;
  readonly enabled: boolean;
  /** A2: the most sessions auto-assignment gives this agent at once. */
  readonly maxSessions: number;
  /** Sessions the agent is in now, as owner or invited co-agent. */
  readonly load: number;
  /** A4: 0..100, default 80. */
  readonly capability: number;
  /** Desk sequence number of the last session given to the agent (-1: never). Orders round robin and least-load ties. */
  readonly lastAssignedSeq: number;
  /** When it was last given a session (epoch ms; -1: never): "idle since" in a decision's words. */
  readonly lastAssignedAt: number;
  /** Weighted mode's pass (stride scheduling): the agent with the smallest pass is next. */
  readonly pass: number;
  readonly efficiency: Efficiency;
}

/** What a queued session waits for. */
export type QueueTarget =
  | { readonly kind: 'any' }
  /** R7 (customer pinning) and R8 (customer's choice): one agent only. */
  | { readonly kind: 'agent'; readonly agentId: AgentId }
  /** R6 (channel pinning) and R13 (group queues): any agent of these groups, or these agents. */
  | { readonly kind: 'pool'; readonly groups: readonly GroupId[]; readonly agents: readonly AgentId[] };

export interface RoutingRequest {
  readonly sessionId: SessionId;
  readonly customerId: CustomerId;
  readonly channel: string;
  readonly vip: boolean;
  /** R8: the agent the customer chose, when the shop lets customers choose. */
  readonly requestedAgentId?: AgentId;
  /** R13: the group the entry point chose (a menu item, a product category, a page). */
  readonly entryGroupId?: GroupId;
}
