/** S1, S7, S12, R9-R13, R15: sessions arriving, routed, queued, picked and ended. */
import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../../errors.js';
import { drawsFromSeed } from '../../seededDraws.js';
import { designatedDecision } from '../../../routing/decisionTrace.js';
import { isPresent } from '../../../routing/eligibility.js';
import type { RoutingRequest } from '../../../routing/model.js';
import { route } from '../../../routing/pipeline.js';
import { canServe } from '../../../routing/queue.js';
import type { DeskCommandOf } from '../deskCommands.js';
import type { EndReason } from '../deskEvents.js';
import type { DeskState } from '../deskState.js';
import type { Actor } from '../../envelope.js';
import { assignedEvent, queuedEvent, requestOfEntry } from './assignment.js';
import { checkCapacity } from './capacity.js';
import { decided, type Decided } from './decision.js';
import { emitter, type Emitter } from './emitter.js';
import { fillAll } from './fillFromQueue.js';
import { findAgent, findSession, requireGroups } from './lookups.js';

const actorName = (actor: Actor) => (actor.kind === 'system' ? actor.kind : actor.id);

const newSessionChecks = (state: DeskState, sessionId: string, customerId: string): E.Either<DomainError, void> => {
  if (state.sessions.has(sessionId)) return E.left(domainError('session.exists', `session ${sessionId} is already at the desk`));
  // A repeat of an opening after the end: a new conversation has a new session id.
  if (state.recentlyEnded.has(sessionId)) return E.left(domainError('session.ended', `session ${sessionId} has ended; a new session needs a new id`));
  const active = state.activeByCustomer.get(customerId);
  return active === undefined
    ? E.right(undefined)
    : E.left(domainError('customer.session-active', `customer ${customerId} already has session ${active} at the desk`, { sessionId: active }));
};

export const openSession = (c: DeskCommandOf<'OpenSession'>, state: DeskState): Decided => {
  // Its customer or the system opens it; agents start proactive sessions (deskPolicy.ts).
  const { now } = c.meta;
  const checks = newSessionChecks(state, c.data.sessionId, c.data.customerId);
  if (E.isLeft(checks)) return checks;
  const { sessionId, customerId, channel, entryGroupId } = c.data;
  if (entryGroupId !== undefined) {
    const known = requireGroups(state, [entryGroupId]);
    if (E.isLeft(known)) return known;
  }
  const { settings } = state;
  // R15: some messages never reach the desk.
  if (settings.bypassChannels.includes(channel)) {
    return decided(state, [{ type: 'SessionDiverted', data: { sessionId, customerId, channel, reason: 'bypassed-channel', at: now } }]);
  }
  if (settings.keywordReplyFirst && c.data.keywordReplied === true) {
    return decided(state, [{ type: 'SessionDiverted', data: { sessionId, customerId, channel, reason: 'keyword-reply', at: now } }]);
  }
  const request: RoutingRequest = {
    sessionId,
    customerId,
    channel,
    vip: c.data.vip ?? false,
    ...(c.data.requestedAgentId === undefined ? {} : { requestedAgentId: c.data.requestedAgentId }),
    ...(entryGroupId === undefined ? {} : { entryGroupId }),
  };
  const decision = route(state, request, { now, draws: drawsFromSeed(c.meta.seed) });
  switch (decision.kind) {
    case 'assign':
      return decided(state, [assignedEvent({ request, agentId: decision.agentId, via: decision.via, mode: decision.mode, decision: decision.decision, at: now })]);
    case 'queue':
      return decided(state, [queuedEvent(request, decision.target, decision.via, decision.decision, now)]);
    case 'divert':
      return decided(state, [{ type: 'SessionDiverted', data: { sessionId, customerId, channel, reason: decision.reason, at: now } }]);
  }
};

/** S1 agent outreach (主动发起): a manual start, which may take the agent above max where the shop allows (A2). */
export const startProactiveSession = (c: DeskCommandOf<'StartProactiveSession'>, state: DeskState): Decided => {
  const agent = findAgent(state, c.data.agentId);
  if (E.isLeft(agent)) return agent;
  if (!isPresent(agent.right)) return E.left(domainError('agent.unavailable', `agent ${agent.right.id} is offline or not working`));
  const room = checkCapacity(state, agent.right, 'proactive');
  if (E.isLeft(room)) return room;
  const checks = newSessionChecks(state, c.data.sessionId, c.data.customerId);
  if (E.isLeft(checks)) return checks;
  const { sessionId, customerId, channel, agentId } = c.data;
  const request = { sessionId, customerId, channel, vip: c.data.vip ?? false };
  const decision = designatedDecision(state, 'proactive', agentId, { trigger: `started by ${actorName(c.meta.actor)}` });
  return decided(state, [assignedEvent({ request, agentId, via: 'proactive', decision, at: c.meta.now })]);
};

/**
 * R12 manual pick from the queue, for an agent who can see the session (R13:
 * admins see every lane); a team lead may pick a session of its groups for one of
 * their agents (deskPolicy.ts).
 */
export const pickFromQueue = (c: DeskCommandOf<'PickFromQueue'>, state: DeskState): Decided => {
  const agent = findAgent(state, c.data.agentId);
  if (E.isLeft(agent)) return agent;
  const entry = state.queue.entries.get(c.data.sessionId);
  if (entry === undefined) return E.left(domainError('queue.not-queued', `session ${c.data.sessionId} is not in the queue`));
  if (!isPresent(agent.right)) return E.left(domainError('agent.unavailable', `agent ${agent.right.id} is offline or not working`));
  // A session waiting for one agent by name (R7 pin, R8 choice) is that agent's alone, even for admins.
  const waitsForAnother = entry.target.kind === 'agent' && entry.target.agentId !== agent.right.id;
  if (waitsForAnother || (agent.right.role !== 'admin' && !canServe(entry, agent.right))) {
    return E.left(domainError('queue.not-visible', `session ${entry.sessionId} waits in a lane agent ${agent.right.id} does not see`));
  }
  const room = checkCapacity(state, agent.right, 'manualPick');
  if (E.isLeft(room)) return room;
  const decision = designatedDecision(state, 'manual-pick', agent.right.id, { trigger: `picked by ${actorName(c.meta.actor)}`, waitedMs: Math.max(0, c.meta.now - entry.at) });
  const request = requestOfEntry(entry, state.sessions.get(entry.sessionId));
  return decided(state, [assignedEvent({ request, agentId: agent.right.id, via: 'manual-pick', decision, at: c.meta.now, queuedAt: entry.at })]);
};

const defaultReason = (actor: Actor): EndReason => (actor.kind === 'system' ? 'system' : actor.kind === 'customer' ? 'customer-left' : 'agent');

/** S7: ends sessions (who may: deskPolicy.ts, checked for every one of them); their agents' freed slots take from the queue (R11). */
const endAll = (
  state: DeskState,
  actor: Actor,
  ends: readonly { sessionId: string; reason?: EndReason; stats?: DeskCommandOf<'EndSession'>['data']['stats'] }[],
  at: number,
): Decided => {
  const em: Emitter = emitter(state);
  const freed = new Set<string>();
  for (const end of ends) {
    const session = findSession(em.state(), end.sessionId);
    if (E.isLeft(session)) return session;
    const s = session.right;
    const agents = s.owner === undefined ? [] : [s.owner, ...s.coAgents];
    agents.forEach((a) => freed.add(a));
    em.emit({
      type: 'SessionEnded',
      data: { sessionId: s.sessionId, reason: end.reason ?? defaultReason(actor), agents, ...(end.stats ? { stats: end.stats } : {}), at },
    });
  }
  fillAll(em, freed, at, 'session-ended');
  return E.right(em.decision());
};

export const endSession = (c: DeskCommandOf<'EndSession'>, state: DeskState): Decided => endAll(state, c.meta.actor, [c.data], c.meta.now);

/** S7 batch exit: all of them or none. */
export const endSessions = (c: DeskCommandOf<'EndSessions'>, state: DeskState): Decided => {
  const ids = [...new Set(c.data.sessionIds)];
  const reason = c.data.reason;
  return endAll(state, c.meta.actor, ids.map((sessionId) => (reason === undefined ? { sessionId } : { sessionId, reason })), c.meta.now);
};
