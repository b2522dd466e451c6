/** A1-A7: registering agents, their lifecycle, presence, capacity, capability, groups and role. Who may: deskPolicy.ts. */
import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../../errors.js';
import { isWorking } from '../../../routing/eligibility.js';
import type { Agent } from '../../../routing/model.js';
import type { DeskCommandOf } from '../deskCommands.js';
import type { LeaveReason } from '../deskEvents.js';
import type { DeskState } from '../deskState.js';
import { decided, nothing, type Decided } from './decision.js';
import { emitter, type Emitter } from './emitter.js';
import { fillFromQueue } from './fillFromQueue.js';
import { requeueSessionsOf } from './requeue.js';
import { settleWaiters } from './waiters.js';
import { findAgent, requireGroups } from './lookups.js';


/** A4's default capability score. */
export const DEFAULT_CAPABILITY = 80;

export const registerAgent = (c: DeskCommandOf<'RegisterAgent'>, state: DeskState): Decided => {
  if (state.agents.has(c.data.agentId)) return E.left(domainError('agent.exists', `agent ${c.data.agentId} is already registered`));
  const groups = requireGroups(state, c.data.groups ?? []);
  if (E.isLeft(groups)) return groups;
  return decided(state, [
    {
      type: 'AgentRegistered',
      data: {
        agentId: c.data.agentId,
        name: c.data.name,
        role: c.data.role ?? 'agent',
        groups: groups.right,
        maxSessions: c.data.maxSessions,
        capability: c.data.capability ?? DEFAULT_CAPABILITY,
        lifecycle: c.data.pending === true ? 'pending' : 'active',
        at: c.meta.now,
      },
    },
  ]);
};

/**
 * An agent stopped being there (offline, disabled, frozen): transfers waiting for
 * its acceptance are cancelled, the shop's `whenAgentLeaves` decides whether its
 * sessions stay or go back to routing, and the waiters whose rule it was part of
 * fall back if nobody of that rule is left.
 */
const afterLeaving = (em: Emitter, agent: Agent, reason: LeaveReason, at: number, seed: number) => {
  // A transfer waiting for this agent's acceptance can no longer be accepted: it ends now, not at its deadline.
  for (const sessionId of em.state().awaitingAcceptance.get(agent.id) ?? []) {
    const requestId = em.state().sessions.get(sessionId)?.pendingTransfer?.requestId;
    if (requestId !== undefined) em.emit({ type: 'TransferCancelled', data: { sessionId, requestId, reason: 'target-left', at } });
  }
  if (em.state().settings.whenAgentLeaves === 'requeue') requeueSessionsOf(em, agent.id, reason, at, seed);
  settleWaiters(em, { agents: [agent.id], groups: agent.groups }, at, seed, 'rule-agents-absent');
};

/** An agent that stops working (frozen, disabled) is also taken offline, so attendance stops counting. */
const goOffline = (em: Emitter, agent: Agent, at: number) => {
  if (agent.status !== 'offline') em.emit({ type: 'AgentStatusChanged', data: { agentId: agent.id, from: agent.status, to: 'offline', at } });
};

interface ChangeContext {
  readonly em: Emitter;
  readonly at: number;
  readonly seed: number;
}

const adminChange =
  (change: (agent: Agent, context: ChangeContext) => E.Either<DomainError, void>) =>
  (c: DeskCommandOf<'ActivateAgent' | 'FreezeAgent' | 'UnfreezeAgent' | 'EnableAgent' | 'DisableAgent'>, state: DeskState): Decided => {
    const agent = findAgent(state, c.data.agentId);
    if (E.isLeft(agent)) return agent;
    const em = emitter(state);
    const changed = change(agent.right, { em, at: c.meta.now, seed: c.meta.seed });
    return E.isLeft(changed) ? changed : E.right(em.decision());
  };

const ok = E.right(undefined);

export const activateAgent = adminChange((agent, { em, at }) => {
  if (agent.lifecycle === 'frozen') return E.left(domainError('agent.frozen', `agent ${agent.id} is frozen: unfreeze it instead`));
  if (agent.lifecycle === 'pending') em.emit({ type: 'AgentLifecycleChanged', data: { agentId: agent.id, lifecycle: 'active', at } });
  return ok;
});

export const freezeAgent = adminChange((agent, { em, at, seed }) => {
  if (agent.lifecycle === 'frozen') return ok;
  em.emit({ type: 'AgentLifecycleChanged', data: { agentId: agent.id, lifecycle: 'frozen', at } });
  goOffline(em, agent, at);
  afterLeaving(em, agent, 'agent-frozen', at, seed);
  return ok;
});

export const unfreezeAgent = adminChange((agent, { em, at }) => {
  if (agent.lifecycle === 'frozen') em.emit({ type: 'AgentLifecycleChanged', data: { agentId: agent.id, lifecycle: 'active', at } });
  return ok;
});

export const enableAgent = adminChange((agent, { em, at }) => {
  if (!agent.enabled) em.emit({ type: 'AgentEnabledChanged', data: { agentId: agent.id, enabled: true, at } });
  return ok;
});

export const disableAgent = adminChange((agent, { em, at, seed }) => {
  if (!agent.enabled) return ok;
  em.emit({ type: 'AgentEnabledChanged', data: { agentId: agent.id, enabled: false, at } });
  goOffline(em, agent, at);
  afterLeaving(em, agent, 'agent-disabled', at, seed);
  return ok;
});

export const changeAgentStatus = (c: DeskCommandOf<'ChangeAgentStatus'>, state: DeskState): Decided => {
  const agent = findAgent(state, c.data.agentId);
  if (E.isLeft(agent)) return agent;
  const { status, takeFromQueue } = c.data;
  if (status !== 'offline' && !isWorking(agent.right)) {
    return E.left(domainError('agent.not-working', `agent ${agent.right.id} is ${agent.right.lifecycle}${agent.right.enabled ? '' : ' and disabled'}`));
  }
  const em = emitter(state);
  if (agent.right.status !== status) {
    em.emit({ type: 'AgentStatusChanged', data: { agentId: agent.right.id, from: agent.right.status, to: status, at: c.meta.now } });
    if (status === 'offline') afterLeaving(em, agent.right, 'agent-offline', c.meta.now, c.meta.seed);
  }
  // R11: an agent going online takes from the queue: up to its free slots, or the N it asked for.
  if (status === 'online') fillFromQueue(em, agent.right.id, c.meta.now, 'went-online', takeFromQueue ?? Number.POSITIVE_INFINITY);
  return E.right(em.decision());
};

export const setMaxSessions = (c: DeskCommandOf<'SetMaxSessions'>, state: DeskState): Decided => {
  const agent = findAgent(state, c.data.agentId);
  if (E.isLeft(agent)) return agent;
  if (agent.right.maxSessions === c.data.maxSessions) return nothing(state);
  const em = emitter(state);
  // A2: lowering below the current load is allowed; the agent is over capacity until load <= max.
  em.emit({ type: 'AgentMaxSessionsChanged', data: { agentId: agent.right.id, from: agent.right.maxSessions, to: c.data.maxSessions, at: c.meta.now } });
  fillFromQueue(em, agent.right.id, c.meta.now, 'max-raised');
  return E.right(em.decision());
};

export const setCapability = (c: DeskCommandOf<'SetCapability'>, state: DeskState): Decided => {
  const agent = findAgent(state, c.data.agentId);
  if (E.isLeft(agent)) return agent;
  if (agent.right.capability === c.data.capability) return nothing(state);
  return decided(state, [{ type: 'AgentCapabilityChanged', data: { ...c.data, at: c.meta.now } }]);
};

export const setAgentGroups = (c: DeskCommandOf<'SetAgentGroups'>, state: DeskState): Decided => {
  const agent = findAgent(state, c.data.agentId);
  if (E.isLeft(agent)) return agent;
  const groups = requireGroups(state, [...new Set(c.data.groups)]);
  if (E.isLeft(groups)) return groups;
  const same = groups.right.length === agent.right.groups.length && groups.right.every((g) => agent.right.groups.includes(g));
  if (same) return nothing(state);
  const em = emitter(state);
  em.emit({ type: 'AgentGroupsChanged', data: { agentId: agent.right.id, groups: groups.right, at: c.meta.now } });
  // The groups it left may have nobody there now: their waiters fall back.
  settleWaiters(em, { groups: agent.right.groups.filter((g) => !groups.right.includes(g)) }, c.meta.now, c.meta.seed, 'rule-agents-absent');
  fillFromQueue(em, agent.right.id, c.meta.now, 'groups-changed'); // new groups, new lanes to serve
  return E.right(em.decision());
};

export const setAgentRole = (c: DeskCommandOf<'SetAgentRole'>, state: DeskState): Decided => {
  const agent = findAgent(state, c.data.agentId);
  if (E.isLeft(agent)) return agent;
  if (agent.right.role === c.data.role) return nothing(state);
  const em = emitter(state);
  em.emit({ type: 'AgentRoleChanged', data: { ...c.data, at: c.meta.now } });
  // Made an admin while admins are left out (A5): it no longer counts as there for its groups' waiters.
  settleWaiters(em, { groups: agent.right.groups }, c.meta.now, c.meta.seed, 'rule-agents-absent');
  fillFromQueue(em, agent.right.id, c.meta.now, 'role-changed'); // an admin no longer left out (A5) may take work
  return E.right(em.decision());
};
