/**
 * R11 auto-dequeue: whenever an agent may have a free slot (a session ended or was
 * transferred away, it went online, its max was raised, it joined a group), it
 * takes queued sessions it can serve, best first, until it is full or nothing it
 * can serve is waiting. This keeps the desk work-conserving: no session waits
 * while an eligible agent that could serve it has a free slot. Each assignment
 * records what freed the slot and how long the session waited.
 */
import type { AgentId } from '../../ids.js';
import { designatedDecision } from '../../../routing/decisionTrace.js';
import { hasFreeSlot, isExcludedAdmin } from '../../../routing/eligibility.js';
import { nextFor } from '../../../routing/queue.js';
import { assignedEvent, requestOfEntry } from './assignment.js';
import type { Emitter } from './emitter.js';

/** What freed the slot, in a decision's words. */
export type DequeueTrigger = 'session-ended' | 'went-online' | 'max-raised' | 'groups-changed' | 'role-changed' | 'transferred-away' | 'co-agent-left' | 'admins-included' | 'requeued';

export const fillFromQueue = (em: Emitter, agentId: AgentId, at: number, trigger: DequeueTrigger, limit = Number.POSITIVE_INFINITY): void => {
  for (let taken = 0; taken < limit; taken++) {
    const state = em.state();
    const agent = state.agents.get(agentId);
    if (agent === undefined || !hasFreeSlot(agent)) return;
    // An admin left out of auto-assignment (A5) still serves sessions waiting for it by name.
    const shared = !isExcludedAdmin(agent, state.settings.adminsExcluded);
    const entry = nextFor(state.queue, agent, shared);
    if (entry === undefined) return;
    const decision = designatedDecision(state, 'dequeue', agentId, { trigger, waitedMs: Math.max(0, at - entry.at) });
    em.emit(assignedEvent({ request: requestOfEntry(entry, state.sessions.get(entry.sessionId)), agentId, via: 'queue', decision, at, queuedAt: entry.at }));
  }
};

export const fillAll = (em: Emitter, agentIds: Iterable<AgentId>, at: number, trigger: DequeueTrigger): void => {
  for (const id of agentIds) fillFromQueue(em, id, at, trigger);
};
