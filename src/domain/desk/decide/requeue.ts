/**
 * Requeue when the assignee is gone (the shop's `whenAgentLeaves: 'requeue'`): an
 * agent that goes offline, is disabled or frozen loses its open sessions, which go
 * back to routing in the order they first arrived, ahead of every session still
 * waiting for its first agent (queue.ts orders them first). Each is routed again by
 * its own rules with the leaving agent no longer there: it goes at once to an agent
 * with a free slot, or waits; a pinned customer waits for its agent (R7). The
 * events say who lost each session (SessionRequeued.from) and who gained it
 * (SessionAssigned, via requeue). Where the agent was only invited (a co-agent), it
 * leaves the session. A requeued session goes back whole: its invited co-agents
 * leave it, and a pending transfer of it is cancelled. The co-agents' freed slots
 * take from the queue afterwards.
 */
import type { AgentId } from '../../ids.js';
import { drawsFromSeed } from '../../seededDraws.js';
import type { LeaveReason } from '../deskEvents.js';
import type { DeskSession } from '../deskState.js';
import { assignedEvent, requestFields, requestOfSession, routeAgain } from './assignment.js';
import type { Emitter } from './emitter.js';
import { fillAll } from './fillFromQueue.js';

export const requeueSessionsOf = (em: Emitter, agentId: AgentId, reason: LeaveReason, at: number, seed: number): void => {
  const state = em.state();
  const freed = new Set<AgentId>();
  const mine = [...(state.sessionsOf.get(agentId) ?? [])]
    .map((id) => state.sessions.get(id))
    .filter((s): s is DeskSession => s !== undefined)
    .sort((a, b) => a.arrivalSeq - b.arrivalSeq);
  mine.forEach((session, i) => {
    const { sessionId } = session;
    if (session.owner !== agentId) {
      em.emit({ type: 'CoAgentLeft', data: { sessionId, agentId, at } });
      return;
    }
    // The session goes back to routing whole: invited co-agents leave it too (their slots free up).
    for (const coAgent of session.coAgents) {
      em.emit({ type: 'CoAgentLeft', data: { sessionId, agentId: coAgent, at } });
      freed.add(coAgent);
    }
    if (session.pendingTransfer !== undefined) {
      em.emit({ type: 'TransferCancelled', data: { sessionId, requestId: session.pendingTransfer.requestId, reason: 'session-requeued', at } });
    }
    const request = requestOfSession(session);
    const decision = routeAgain(em.state(), request, { now: at, draws: drawsFromSeed((seed + i) >>> 0) });
    const target = decision.kind === 'queue' ? decision.target : { kind: 'any' as const };
    const via = decision.kind === 'queue' ? decision.via : 'no-agent';
    em.emit({ type: 'SessionRequeued', data: { sessionId, ...requestFields(request), from: agentId, reason, target, via, at } });
    if (decision.kind === 'assign') {
      const trigger = `${agentId} left (${reason})`;
      em.emit(assignedEvent({ request, agentId: decision.agentId, via: 'requeue', mode: decision.mode, decision: { ...decision.decision, trigger }, at, queuedAt: at }));
    }
  });
  fillAll(em, freed, at, 'co-agent-left');
};
