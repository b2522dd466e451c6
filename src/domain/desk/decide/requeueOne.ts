/**
 * S8 beyond the anchors: a session whose agent stayed silent too long goes to
 * another agent instead of ending (the shop's `agentNoResponse.onTimeout:
 * 'requeue'`). It is routed again by its own rules with the silent agent left out
 * (routed on a copy of the desk where that agent is busy). When another agent
 * takes it, the events say who lost it and who gained it (SessionRequeued, then
 * SessionAssigned via requeue), and the silent agent's freed slot takes from the
 * queue. When nobody else can take it now, it stays where it is: moving it to the
 * queue would hand it straight back to the agent with the free slot, and ending
 * it would drop a customer who is waiting. The command is the system's, and a
 * no-op once the session has ended or moved to another agent.
 */
import * as E from 'fp-ts/lib/Either.js';
import { drawsFromSeed } from '../../seededDraws.js';
import type { DeskCommandOf } from '../deskCommands.js';
import { updateAgent, type DeskState } from '../deskState.js';
import { assignedEvent, requestFields, requestOfSession, routeAgain } from './assignment.js';
import { nothing, type Decided } from './decision.js';
import { emitter } from './emitter.js';
import { fillAll } from './fillFromQueue.js';

export const requeueSession = (c: DeskCommandOf<'RequeueSession'>, state: DeskState): Decided => {
  const { sessionId, excludeAgentId, reason } = c.data;
  const session = state.sessions.get(sessionId);
  if (session === undefined || session.owner !== excludeAgentId) return nothing(state);
  const at = c.meta.now;
  const request = requestOfSession(session);
  const without = updateAgent(state, excludeAgentId, () => ({ status: 'busy' }));
  const decision = routeAgain(without, request, { now: at, draws: drawsFromSeed(c.meta.seed) });
  if (decision.kind !== 'assign') return nothing(state);
  const em = emitter(state);
  for (const coAgent of session.coAgents) em.emit({ type: 'CoAgentLeft', data: { sessionId, agentId: coAgent, at } });
  if (session.pendingTransfer !== undefined) {
    em.emit({ type: 'TransferCancelled', data: { sessionId, requestId: session.pendingTransfer.requestId, reason: 'session-requeued', at } });
  }
  em.emit({ type: 'SessionRequeued', data: { sessionId, ...requestFields(request), from: excludeAgentId, reason, target: { kind: 'any' }, at } });
  em.emit(
    assignedEvent({ request, agentId: decision.agentId, via: 'requeue', mode: decision.mode, decision: { ...decision.decision, trigger: `${excludeAgentId} did not reply (${reason})` }, at, queuedAt: at }),
  );
  fillAll(em, [excludeAgentId, ...session.coAgents], at, 'requeued');
  return E.right(em.decision());
};
