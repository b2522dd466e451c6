/**
 * R11 auto-dequeue: whenever an agent may have a free slot (a session ended or was
 * transferred away, it went online, its max was raised, it joined a group), it
 * takes queued sessions it can serve, best first, until it is full or nothing it
 * can serve is waiting. This keeps the desk work-conserving: no session waits
 * while an eligible agent that could serve it has a free slot.
 */
import type { AgentId } from '../../ids.js';
import { hasFreeSlot } from '../../../routing/eligibility.js';
import { nextFor } from '../../../routing/queue.js';
import type { Emitter } from './emitter.js';

export const fillFromQueue = (em: Emitter, agentId: AgentId, at: number, limit = Number.POSITIVE_INFINITY): void => {
  for (let taken = 0; taken < limit; taken++) {
    const state = em.state();
    const agent = state.agents.get(agentId);
    if (agent === undefined || !hasFreeSlot(agent)) return;
    // An admin left out of auto-assignment (A5) still serves sessions waiting for it by name.
    const shared = !(state.settings.adminsExcluded && agent.role === 'admin');
    const entry = nextFor(state.queue, agent, shared);
    if (entry === undefined) return;
    em.emit({
      type: 'SessionAssigned',
      data: {
        sessionId: entry.sessionId,
        agentId,
        customerId: entry.customerId,
        channel: entry.channel,
        vip: entry.vip,
        via: 'queue',
        queuedAt: entry.at,
        at,
      },
    });
  }
};

export const fillAll = (em: Emitter, agentIds: Iterable<AgentId>, at: number): void => {
  for (const id of agentIds) fillFromQueue(em, id, at);
};
