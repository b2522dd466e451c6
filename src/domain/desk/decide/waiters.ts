/**
 * No session waits while an agent its rules allow has a free slot. A session waits
 * for a set of agents (its channel's, its entry group's, the one the customer
 * chose) because they were there but full; when the last of them leaves, its rule
 * falls back (R6, R8, R13) for it as for a new arrival: it is routed again, in its
 * place in the queue, and either goes at once to an agent with a free slot or now
 * waits for anyone. Called after every change of who is there (an agent's status,
 * lifecycle, groups or role) and of the rules (settings, channel rules, pins) with
 * the lanes it may have touched; O(waiters in those lanes), never a scan of agents.
 */
import equal from 'fast-deep-equal';
import type { AgentId, GroupId } from '../../ids.js';
import { drawsFromSeed } from '../../seededDraws.js';
import { isPresent } from '../../../routing/eligibility.js';
import { agentLane, groupLane, inServiceOrder, type QueueEntry } from '../../../routing/queue.js';
import type { RetargetReason } from '../deskEvents.js';
import { assignedEvent, requestOfEntry, routeAgain } from './assignment.js';
import type { Emitter } from './emitter.js';

export interface Touched {
  /** Agents that stopped being there: waiters for them by name, and in the lanes of their groups left with nobody there. */
  readonly agents?: readonly AgentId[];
  readonly groups?: readonly GroupId[];
  /** Waiters of these channels or customers (a channel rule or a pin changed), whatever they wait for. */
  readonly channels?: readonly string[];
  readonly customers?: readonly string[];
  /** Every waiter (a settings change: a rule may now name an agent, or no longer). */
  readonly all?: boolean;
}

const entriesIn = (em: Emitter, touched: Touched): QueueEntry[] => {
  const state = em.state();
  const { queue } = state;
  const ruled = (entry: QueueEntry) => entry.target.kind !== 'any';
  const ordered = () => inServiceOrder(queue);
  const channels = new Set(touched.channels ?? []);
  const customers = new Set(touched.customers ?? []);
  if (touched.all === true) return ordered();
  if (channels.size > 0 || customers.size > 0) return ordered().filter((e) => channels.has(e.channel) || customers.has(e.customerId));
  const ids = new Set<string>();
  // Only where a rule's fallback may now apply: the agent is gone, or its group has nobody there.
  const lanes = [
    ...(touched.agents ?? []).filter((id) => { const a = state.agents.get(id); return a === undefined || !isPresent(a); }).map(agentLane),
    ...(touched.groups ?? []).filter((g) => (state.groupPresence.get(g) ?? 0) === 0).map(groupLane),
  ];
  for (const lane of lanes) for (const id of queue.lanes.get(lane)?.values() ?? []) ids.add(id);
  if (ids.size === 0) return [];
  return ordered().filter((e) => ids.has(e.sessionId) && ruled(e));
};

export const settleWaiters = (em: Emitter, touched: Touched, at: number, seed: number, reason: RetargetReason): void => {
  const candidates = entriesIn(em, touched);
  candidates.forEach((original, i) => {
    const state = em.state();
    const entry = state.queue.entries.get(original.sessionId);
    if (entry === undefined) return;
    const request = requestOfEntry(entry, state.sessions.get(entry.sessionId));
    const decision = routeAgain(state, request, { now: at, draws: drawsFromSeed((seed + i) >>> 0) });
    if (decision.kind === 'assign') {
      em.emit(assignedEvent({ request, agentId: decision.agentId, via: 'queue', mode: decision.mode, decision: { ...decision.decision, trigger: reason }, at, queuedAt: entry.at }));
    } else if (decision.kind === 'queue' && (!equal(decision.target, entry.target) || decision.via !== entry.via)) {
      em.emit({ type: 'QueueTargetChanged', data: { sessionId: entry.sessionId, from: entry.target, to: decision.target, reason, via: decision.via, at } });
    }
  });
};
