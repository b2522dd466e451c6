/**
 * S5 transfers (to an agent, optionally accepted by the target; to a group, whose
 * routing picks the agent) and S6 invitations and barge-ins. These are manual
 * acts: they may take an agent above max (flagged, A2), never through
 * auto-assignment.
 */
import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../../errors.js';
import { drawsFromSeed } from '../../seededDraws.js';
import { isPresent } from '../../../routing/eligibility.js';
import type { Agent } from '../../../routing/model.js';
import { designatedDecision } from '../../../routing/decisionTrace.js';
import { pickInGroup } from '../../../routing/pipeline.js';
import { moveAgentCounts } from '../../../routing/agentCounts.js';
import { placeAgent } from '../../../routing/pools.js';
import type { DeskCommandOf } from '../deskCommands.js';
import type { DeskEvent } from '../deskEvents.js';
import type { DeskState, PendingTransfer } from '../deskState.js';
import type { Actor } from '../../envelope.js';
import { canHandle } from '../permissions.js';
import { decided, nothing, type Decided, type DeskDecision } from './decision.js';
import { emitter } from './emitter.js';
import { checkCapacity } from './capacity.js';
import { fillFromQueue } from './fillFromQueue.js';
import { findAgent, findAssigned } from './lookups.js';


const actorName = (actor: Actor) => (actor.kind === 'system' ? actor.kind : actor.id);

const available = (agent: Agent, code: string): E.Either<DomainError, Agent> =>
  isPresent(agent)
    ? E.right(agent)
    : E.left(domainError(code, `agent ${agent.id} is ${agent.status === 'offline' ? 'offline' : 'not working'}: only online or busy agents can receive sessions`));

/**
 * The session moves to `to`; the old owner's freed slot takes from the queue. A
 * co-agent taking the session over first leaves as co-agent, so every load change
 * is spelt out by an event and projections need not know who was in the session.
 */
const moveTo = (state: DeskState, transferred: Extract<DeskEvent, { type: 'SessionTransferred' }>): Decided => {
  const em = emitter(state);
  const { sessionId, to, at } = transferred.data;
  if (state.sessions.get(sessionId)?.coAgents.includes(to)) em.emit({ type: 'CoAgentLeft', data: { sessionId, agentId: to, at } });
  em.emit(transferred);
  fillFromQueue(em, transferred.data.from, transferred.data.at, 'transferred-away');
  return E.right(em.decision());
};

/** A2 for a transfer: an agent already in the session (a co-agent taking it over) gains no load. */
const transferRoom = (state: DeskState, sessionId: string, target: Agent) =>
  state.sessions.get(sessionId)?.coAgents.includes(target.id) === true ? E.right(undefined) : checkCapacity(state, target, 'transfer');

/**
 * A pending transfer whose acceptance time has passed is over, whether or not the
 * deadline has fired yet (the reactor may be behind, or down): a new transfer of
 * the session first records its expiry, at the time it expired.
 */
const expireOverdue = (c: DeskCommandOf<'TransferSession'>, state: DeskState): readonly DeskEvent[] => {
  const pending = state.sessions.get(c.data.sessionId)?.pendingTransfer;
  if (pending === undefined || c.meta.now < pending.expiresAt) return [];
  return [{ type: 'TransferExpired', data: { sessionId: c.data.sessionId, requestId: pending.requestId, at: pending.expiresAt } }];
};

export const transferSession = (c: DeskCommandOf<'TransferSession'>, state: DeskState): Decided => {
  const overdue = expireOverdue(c, state);
  if (overdue.length === 0) return transferNow(c, state);
  const afterExpiry = decided(state, overdue);
  if (E.isLeft(afterExpiry)) return afterExpiry;
  const rest = transferNow(c, afterExpiry.right.state);
  return E.map((d: DeskDecision) => ({ events: [...overdue, ...d.events], state: d.state }))(rest);
};

const transferNow = (c: DeskCommandOf<'TransferSession'>, state: DeskState): Decided => {
  const session = findAssigned(state, c.data.sessionId);
  if (E.isLeft(session)) return session;
  const { toAgentId, toGroupId, note } = c.data;
  if ((toAgentId === undefined) === (toGroupId === undefined)) {
    return E.left(domainError('transfer.target-required', 'name exactly one of toAgentId and toGroupId'));
  }
  if (session.right.pendingTransfer !== undefined) {
    return E.left(domainError('transfer.pending', `session ${c.data.sessionId} already waits for ${session.right.pendingTransfer.to} to accept`));
  }
  const from = session.right.owner;
  const { now } = c.meta;
  const extra = note === undefined ? {} : { note };
  if (toAgentId !== undefined) {
    if (toAgentId === from) return E.left(domainError('transfer.same-agent', `session ${c.data.sessionId} is already with ${from}`));
    const target = E.chain((a: Agent) => available(a, 'transfer.target-unavailable'))(findAgent(state, toAgentId));
    if (E.isLeft(target)) return target;
    const room = transferRoom(state, c.data.sessionId, target.right);
    if (E.isLeft(room)) return room;
    if (state.settings.transferNeedsAcceptance) {
      const expiresAt = now + state.settings.transferAcceptSeconds * 1000;
      return decided(state, [
        { type: 'TransferRequested', data: { sessionId: c.data.sessionId, requestId: c.meta.commandId, from, to: toAgentId, expiresAt, ...extra, at: now } },
      ]);
    }
    const decision = designatedDecision(state, 'transfer', toAgentId, { trigger: `transferred by ${actorName(c.meta.actor)} from ${from}` });
    return moveTo(state, { type: 'SessionTransferred', data: { sessionId: c.data.sessionId, from, to: toAgentId, ...extra, decision, at: now } });
  }
  const groupId = toGroupId as string;
  if (!state.groups.has(groupId)) return E.left(domainError('group.unknown', `no group ${groupId} in this shop`));
  // The group's routing picks among its agents who can take a session, the current owner aside.
  const owner = state.agents.get(from);
  // The owner is not a candidate: out of the pools, and out of the counts its decision records.
  const view = {
    ...state,
    pools: placeAgent(state.pools, owner, undefined, state.settings.adminsExcluded),
    counts: moveAgentCounts(state.counts, owner, undefined, state.settings.adminsExcluded),
  };
  const picked = pickInGroup(view, groupId, { now, draws: drawsFromSeed(c.meta.seed) });
  if (picked === undefined) {
    return E.left(domainError('transfer.no-agent-available', `no agent of group ${groupId} can take the session now; it stays with ${from}`));
  }
  const decision = { ...picked.decision, trigger: `transferred to group ${groupId} by ${actorName(c.meta.actor)} from ${from}` };
  return moveTo(state, { type: 'SessionTransferred', data: { sessionId: c.data.sessionId, from, to: picked.agentId, groupId, ...extra, decision, at: now } });
};

const pendingFor = (c: DeskCommandOf<'AcceptTransfer' | 'DeclineTransfer' | 'ExpireTransfer' | 'CancelTransfer'>, state: DeskState) => {
  const session = state.sessions.get(c.data.sessionId);
  const pending = session?.pendingTransfer;
  return pending !== undefined && pending.requestId === c.data.requestId ? pending : undefined;
};

const noSuchTransfer = (c: DeskCommandOf<'AcceptTransfer' | 'DeclineTransfer'>) =>
  E.left(domainError('transfer.unknown', `no pending transfer ${c.data.requestId} for session ${c.data.sessionId}`));

/** An answer after the acceptance time is refused, even when the expiry has not fired yet. */
const answerable = (c: DeskCommandOf<'AcceptTransfer' | 'DeclineTransfer'>, state: DeskState): E.Either<DomainError, PendingTransfer> => {
  const pending = pendingFor(c, state);
  if (pending === undefined) return noSuchTransfer(c);
  return c.meta.now < pending.expiresAt
    ? E.right(pending)
    : E.left(domainError('transfer.expired', `transfer ${pending.requestId} expired at ${pending.expiresAt}`, { expiresAt: pending.expiresAt }));
};

export const acceptTransfer = (c: DeskCommandOf<'AcceptTransfer'>, state: DeskState): Decided => {
  const answer = answerable(c, state);
  if (E.isLeft(answer)) return answer;
  const pending = answer.right;
  const target = E.chain((a: Agent) => available(a, 'transfer.target-unavailable'))(findAgent(state, pending.to));
  if (E.isLeft(target)) return target;
  const room = transferRoom(state, c.data.sessionId, target.right);
  if (E.isLeft(room)) return room;
  const decision = designatedDecision(state, 'transfer', pending.to, { trigger: `accepted a transfer from ${pending.from}` });
  return moveTo(state, {
    type: 'SessionTransferred',
    data: { sessionId: c.data.sessionId, from: pending.from, to: pending.to, requestId: pending.requestId, decision, at: c.meta.now },
  });
};

export const declineTransfer = (c: DeskCommandOf<'DeclineTransfer'>, state: DeskState): Decided => {
  const answer = answerable(c, state);
  if (E.isLeft(answer)) return answer;
  return decided(state, [{ type: 'TransferDeclined', data: { ...c.data, at: c.meta.now } }]);
};

/** S5: the agent who asked for a transfer (or an admin, a lead of the session) takes it back before it is answered. */
export const cancelTransfer = (c: DeskCommandOf<'CancelTransfer'>, state: DeskState): Decided => {
  const session = findAssigned(state, c.data.sessionId);
  if (E.isLeft(session)) return session;
  const pending = pendingFor(c, state);
  if (pending === undefined) return E.left(domainError('transfer.unknown', `no pending transfer ${c.data.requestId} for session ${c.data.sessionId}`));
  return decided(state, [{ type: 'TransferCancelled', data: { ...c.data, reason: 'withdrawn', at: c.meta.now } }]);
};

/**
 * Fired by the runtime at the deadline (a durable one: any engine fires it, after
 * any restart); a transfer already accepted, declined or expired makes it a no-op,
 * so it has one effect however often it is fired. The expiry is recorded at the
 * time the transfer expired, not the (possibly later) time it was fired.
 */
export const expireTransfer = (c: DeskCommandOf<'ExpireTransfer'>, state: DeskState): Decided => {
  // The runtime's command (system only, deskPolicy.ts): a person answers or withdraws a transfer instead.
  const pending = pendingFor(c, state);
  if (pending === undefined) return nothing(state);
  if (c.meta.now < pending.expiresAt) {
    return E.left(domainError('transfer.not-expired', `transfer ${pending.requestId} expires at ${pending.expiresAt}`));
  }
  return decided(state, [{ type: 'TransferExpired', data: { ...c.data, at: pending.expiresAt } }]);
};

const alreadyIn = (session: { owner: string; coAgents: readonly string[] }, agentId: string) =>
  session.owner === agentId || session.coAgents.includes(agentId);

export const inviteAgent = (c: DeskCommandOf<'InviteAgent'>, state: DeskState): Decided => {
  const session = findAssigned(state, c.data.sessionId);
  if (E.isLeft(session)) return session;
  const target = E.chain((a: Agent) => available(a, 'invite.target-unavailable'))(findAgent(state, c.data.agentId));
  if (E.isLeft(target)) return target;
  if (alreadyIn(session.right, c.data.agentId)) return E.left(domainError('invite.already-in-session', `agent ${c.data.agentId} is already in the session`));
  const room = checkCapacity(state, target.right, 'invitation');
  if (E.isLeft(room)) return room;
  const by = c.meta.actor.kind === 'system' ? 'system' : c.meta.actor.id;
  return decided(state, [{ type: 'CoAgentAdded', data: { ...c.data, via: 'invitation', by, at: c.meta.now } }]);
};

/**
 * S6: admins and team leads join any session they may see (barge-in), as
 * themselves. The table (deskPolicy.ts) checked a staff actor; here the joiner is
 * checked too, since the system may send the command for one.
 */
export const joinSession = (c: DeskCommandOf<'JoinSession'>, state: DeskState): Decided => {
  const session = findAssigned(state, c.data.sessionId);
  if (E.isLeft(session)) return session;
  const joiner = findAgent(state, c.data.agentId);
  if (E.isLeft(joiner)) return joiner;
  const { actor } = c.meta;
  const self = actor.kind === 'agent' && actor.id === c.data.agentId;
  const mayJoin = (actor.kind === 'system' || self) && joiner.right.role !== 'agent' && canHandle(state, { kind: 'agent', agent: joiner.right }, session.right);
  if (!mayJoin) return E.left(domainError('actor.not-allowed', 'only an admin, or a team lead of the session\'s group, joins a session, as themselves'));
  const present = available(joiner.right, 'agent.unavailable');
  if (E.isLeft(present)) return present;
  if (alreadyIn(session.right, c.data.agentId)) return E.left(domainError('invite.already-in-session', `agent ${c.data.agentId} is already in the session`));
  const room = checkCapacity(state, joiner.right, 'bargeIn');
  if (E.isLeft(room)) return room;
  return decided(state, [{ type: 'CoAgentAdded', data: { ...c.data, via: 'barge-in', by: c.data.agentId, at: c.meta.now } }]);
};

export const leaveSession = (c: DeskCommandOf<'LeaveSession'>, state: DeskState): Decided => {
  const session = findAssigned(state, c.data.sessionId);
  if (E.isLeft(session)) return session;
  if (!session.right.coAgents.includes(c.data.agentId)) {
    return E.left(domainError('session.not-participant', `agent ${c.data.agentId} is not an invited participant of the session (the owner ends or transfers it)`));
  }
  const em = emitter(state);
  em.emit({ type: 'CoAgentLeft', data: { ...c.data, at: c.meta.now } });
  fillFromQueue(em, c.data.agentId, c.meta.now, 'co-agent-left');
  return E.right(em.decision());
};
