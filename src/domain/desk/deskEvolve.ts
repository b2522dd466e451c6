/** How each desk event changes the desk. Pure; every branch O(log n). */
import { produce } from 'immer';
import { Set as ISet } from 'immutable';
import type { AgentId } from '../ids.js';
import equal from 'fast-deep-equal';
import { fallbackLanes } from '../../routing/fallbackLanes.js';
import { dequeue, enqueue, reenqueue, withPolicy, type QueueEntry } from '../../routing/queue.js';
import { NEW_AGENT_EFFICIENCY, recordSession } from '../../routing/strategies/weighted.js';
import type { DeskEvent, DeskEventOf } from './deskEvents.js';
import { joinSessionOf, leaveSessionOf, putAgent, rememberContact, reindex, updateAgent, type DeskSession, type DeskState, rememberEnded } from './deskState.js';

const changeLoad = (state: DeskState, agentId: AgentId, delta: number): DeskState =>
  updateAgent(state, agentId, (a) => ({ load: Math.max(0, a.load + delta) }));

/** The lanes of the rules a waiting session fell back from, by the desk's current rules (fallbackLanes.ts). */
const alsoLanesOf = (state: DeskState, entry: Pick<QueueEntry, 'customerId' | 'channel'> & { readonly sessionId: string }, via: QueueEntry['via']) => {
  const session = state.sessions.get(entry.sessionId);
  const request = {
    customerId: entry.customerId,
    channel: entry.channel,
    ...(session?.requestedAgentId === undefined ? {} : { requestedAgentId: session.requestedAgentId }),
    ...(session?.entryGroupId === undefined ? {} : { entryGroupId: session.entryGroupId }),
  };
  const lanes = via === undefined ? [] : fallbackLanes(state, request, via);
  return lanes.length === 0 ? {} : { alsoLanes: lanes };
};

/** Waiting entries (of some customers or channels, or all) with the lanes of their fallen-back rules worked out again. */
const refreshLanes = (state: DeskState, only?: (entry: QueueEntry) => boolean): DeskState => {
  let queue = state.queue;
  for (const entry of state.queue.entries.values()) {
    if (only !== undefined && !only(entry)) continue;
    const { alsoLanes: _old, ...rest } = entry;
    const next: QueueEntry = { ...rest, ...alsoLanesOf(state, entry, entry.via) };
    if (!equal(next.alsoLanes, entry.alsoLanes)) queue = reenqueue(queue, entry.sessionId, () => next);
  }
  return queue === state.queue ? state : { ...state, queue };
};

/** The routing request a session arrived with, as its events carry it. */
const requestOf = (e: { readonly entryGroupId?: string; readonly requestedAgentId?: string }) => ({
  ...(e.entryGroupId === undefined ? {} : { entryGroupId: e.entryGroupId }),
  ...(e.requestedAgentId === undefined ? {} : { requestedAgentId: e.requestedAgentId }),
});

const assigned = (state: DeskState, e: DeskEventOf<'SessionAssigned'>['data']): DeskState => {
  const seq = state.seq + 1;
  const { strategy } = state.pools;
  const before = state.sessions.get(e.sessionId);
  let next = updateAgent({ ...state, queue: dequeue(state.queue, e.sessionId) }, e.agentId, (a) => ({
    load: a.load + 1,
    lastAssignedSeq: seq,
    lastAssignedAt: e.at,
    ...strategy.assigned?.(a),
  }));
  const session: DeskSession = {
    sessionId: e.sessionId,
    customerId: e.customerId,
    channel: e.channel,
    vip: e.vip,
    ...requestOf(e),
    status: 'assigned',
    owner: e.agentId,
    coAgents: before?.coAgents ?? [],
    since: before?.since ?? e.at,
    // A session that waited (or was requeued) keeps its place of first arrival.
    arrivalSeq: before?.arrivalSeq ?? seq,
  };
  next = {
    ...joinSessionOf(next, e.agentId, e.sessionId),
    seq,
    sessions: next.sessions.set(e.sessionId, session),
    activeByCustomer: next.activeByCustomer.set(e.customerId, e.sessionId),
  };
  return rememberContact(next, e.customerId, e.agentId, e.at);
};

const queued = (state: DeskState, e: DeskEventOf<'SessionQueued'>['data']): DeskState => {
  const seq = state.seq + 1;
  const session: DeskSession = {
    sessionId: e.sessionId,
    customerId: e.customerId,
    channel: e.channel,
    vip: e.vip,
    ...requestOf(e),
    status: 'queued',
    coAgents: [],
    since: e.at,
    arrivalSeq: seq,
  };
  return {
    ...state,
    seq,
    queue: enqueue(state.queue, {
      sessionId: e.sessionId,
      customerId: e.customerId,
      channel: e.channel,
      vip: e.vip,
      target: e.target,
      seq,
      at: e.at,
      via: e.via,
      ...alsoLanesOf({ ...state, sessions: state.sessions.set(e.sessionId, session) }, e, e.via),
    }),
    sessions: state.sessions.set(e.sessionId, session),
    activeByCustomer: state.activeByCustomer.set(e.customerId, e.sessionId),
  };
};

/** A waiting session's target re-derived: same place in line, other lanes. */
const retargeted = (state: DeskState, e: DeskEventOf<'QueueTargetChanged'>['data']): DeskState => ({
  ...state,
  queue: reenqueue(state.queue, e.sessionId, (entry) => {
    const { alsoLanes: _old, ...rest } = entry;
    const via = e.via ?? entry.via;
    return { ...rest, target: e.to, ...(via === undefined ? {} : { via }), ...alsoLanesOf(state, entry, via) };
  }),
});

/** The owner left: it loses the session, which waits ahead of the queue in its order of first arrival. */
const requeued = (state: DeskState, e: DeskEventOf<'SessionRequeued'>['data']): DeskState => {
  const session = state.sessions.get(e.sessionId);
  if (session === undefined) return state;
  let next = leaveSessionOf(changeLoad(state, e.from, -1), e.from, e.sessionId);
  const { owner: _owner, pendingTransfer: _pending, ...rest } = session;
  next = { ...next, sessions: next.sessions.set(e.sessionId, { ...rest, status: 'queued' }) };
  const entry = {
    sessionId: e.sessionId,
    customerId: session.customerId,
    channel: session.channel,
    vip: session.vip,
    target: e.target,
    seq: session.arrivalSeq,
    at: e.at,
    requeued: true,
    ...(e.via === undefined ? {} : { via: e.via }),
    ...alsoLanesOf(next, { sessionId: e.sessionId, customerId: session.customerId, channel: session.channel }, e.via),
  };
  return { ...next, queue: enqueue(next.queue, entry) };
};

const ended = (state: DeskState, e: DeskEventOf<'SessionEnded'>['data']): DeskState => {
  const session = state.sessions.get(e.sessionId);
  if (session === undefined) return state;
  let next: DeskState = {
    ...state,
    queue: dequeue(state.queue, e.sessionId),
    sessions: state.sessions.delete(e.sessionId),
    activeByCustomer: state.activeByCustomer.delete(session.customerId),
    recentlyEnded: rememberEnded(state.recentlyEnded, e.sessionId),
  };
  for (const agentId of e.agents) next = leaveSessionOf(changeLoad(next, agentId, -1), agentId, e.sessionId);
  const { stats } = e;
  if (session.owner !== undefined && stats !== undefined) {
    next = updateAgent(next, session.owner, (a) => ({ efficiency: recordSession(a.efficiency, stats.agentReplied, stats.firstResponseSec) }));
  }
  return next;
};

const updateSession = (state: DeskState, sessionId: string, recipe: (s: { -readonly [K in keyof DeskSession]: DeskSession[K] }) => void) => {
  const session = state.sessions.get(sessionId);
  return session === undefined ? state : { ...state, sessions: state.sessions.set(sessionId, produce(session, recipe)) };
};

const clearPending = (state: DeskState, sessionId: string) =>
  updateSession(state, sessionId, (s) => {
    delete s.pendingTransfer;
  });

/**
 * Keeps the index of transfers waiting for each target's acceptance in step with the
 * session's pending transfer, whichever event set or cleared it.
 */
const syncAwaiting = (before: DeskState, after: DeskState, sessionId: string): DeskState => {
  const was = before.sessions.get(sessionId)?.pendingTransfer?.to;
  const now = after.sessions.get(sessionId)?.pendingTransfer?.to;
  if (was === now) return after;
  let awaiting = after.awaitingAcceptance;
  if (was !== undefined) {
    const rest = (awaiting.get(was) ?? ISet<string>()).delete(sessionId);
    awaiting = rest.size === 0 ? awaiting.delete(was) : awaiting.set(was, rest);
  }
  if (now !== undefined) awaiting = awaiting.set(now, (awaiting.get(now) ?? ISet<string>()).add(sessionId));
  return { ...after, awaitingAcceptance: awaiting };
};

export const evolveDesk = (state: DeskState, event: DeskEvent): DeskState => {
  const next = evolveEvent(state, event);
  const sessionId = (event.data as { readonly sessionId?: unknown }).sessionId;
  return typeof sessionId === 'string' ? syncAwaiting(state, next, sessionId) : next;
};

const evolveEvent = (state: DeskState, event: DeskEvent): DeskState => {
  switch (event.type) {
    case 'RoutingConfigured': {
      const before = state.settings;
      const settings = event.data.settings;
      let next: DeskState = { ...state, settings, queue: withPolicy(state.queue, { order: settings.queueOrder, vipFirst: settings.vipFirst }) };
      if (before.baseMode !== settings.baseMode || before.adminsExcluded !== settings.adminsExcluded) next = reindex(next, before.baseMode !== settings.baseMode);
      next = refreshLanes(next); // which rules a waiter fell back from depends on the settings
      return next;
    }
    case 'GroupCreated':
      return { ...state, groups: state.groups.set(event.data.groupId, { id: event.data.groupId, name: event.data.name }) };
    case 'ChannelRuleSet': {
      const { at: _at, ...rule } = event.data;
      return refreshLanes({ ...state, channelRules: state.channelRules.set(rule.channel, rule) }, (e) => e.channel === rule.channel);
    }
    case 'CustomerPinned':
      return { ...state, pins: state.pins.set(event.data.customerId, event.data.agentId) };
    case 'CustomerUnpinned':
      return { ...state, pins: state.pins.delete(event.data.customerId) };
    case 'CustomerBlacklisted':
      return { ...state, blacklist: state.blacklist.add(event.data.customerId) };
    case 'CustomerUnblacklisted':
      return { ...state, blacklist: state.blacklist.delete(event.data.customerId) };
    case 'AgentRegistered': {
      const e = event.data;
      return putAgent(state, {
        id: e.agentId,
        name: e.name,
        role: e.role,
        groups: e.groups,
        status: 'offline',
        statusSince: e.at,
        lifecycle: e.lifecycle,
        enabled: true,
        maxSessions: e.maxSessions,
        load: 0,
        capability: e.capability,
        lastAssignedSeq: -1,
        lastAssignedAt: -1,
        pass: 0,
        efficiency: NEW_AGENT_EFFICIENCY,
      });
    }
    case 'AgentLifecycleChanged':
      return updateAgent(state, event.data.agentId, () => ({ lifecycle: event.data.lifecycle }));
    case 'AgentEnabledChanged':
      return updateAgent(state, event.data.agentId, () => ({ enabled: event.data.enabled }));
    case 'AgentStatusChanged':
      return updateAgent(state, event.data.agentId, () => ({ status: event.data.to, statusSince: event.data.at }));
    case 'AgentMaxSessionsChanged':
      return updateAgent(state, event.data.agentId, () => ({ maxSessions: event.data.to }));
    case 'AgentCapabilityChanged':
      return updateAgent(state, event.data.agentId, () => ({ capability: event.data.capability }));
    case 'AgentGroupsChanged':
      return updateAgent(state, event.data.agentId, () => ({ groups: event.data.groups }));
    case 'AgentRoleChanged':
      return updateAgent(state, event.data.agentId, () => ({ role: event.data.role }));
    case 'SessionQueued':
      return queued(state, event.data);
    case 'SessionAssigned':
      return assigned(state, event.data);
    case 'SessionDiverted':
      return state;
    case 'SessionEnded':
      return ended(state, event.data);
    case 'TransferRequested': {
      const { requestId, from, to, expiresAt } = event.data;
      return updateSession(state, event.data.sessionId, (s) => {
        s.pendingTransfer = { requestId, from, to, expiresAt };
      });
    }
    case 'TransferDeclined':
    case 'TransferExpired':
    case 'TransferCancelled':
      return clearPending(state, event.data.sessionId);
    case 'QueueTargetChanged':
      return retargeted(state, event.data);
    case 'SessionRequeued':
      return requeued(state, event.data);
    case 'SessionTransferred': {
      const e = event.data;
      const session = state.sessions.get(e.sessionId);
      if (session === undefined) return state;
      let next = changeLoad(changeLoad(state, e.from, -1), e.to, 1);
      next = joinSessionOf(leaveSessionOf(next, e.from, e.sessionId), e.to, e.sessionId);
      next = updateSession(next, e.sessionId, (s) => {
        s.owner = e.to;
        delete s.pendingTransfer;
      });
      // The receiving agent is now the customer's latest contact (R1).
      return rememberContact(next, session.customerId, e.to, e.at);
    }
    case 'CoAgentAdded': {
      const next = joinSessionOf(changeLoad(state, event.data.agentId, 1), event.data.agentId, event.data.sessionId);
      return updateSession(next, event.data.sessionId, (s) => {
        s.coAgents = [...s.coAgents, event.data.agentId];
      });
    }
    case 'CoAgentLeft': {
      const next = leaveSessionOf(changeLoad(state, event.data.agentId, -1), event.data.agentId, event.data.sessionId);
      return updateSession(next, event.data.sessionId, (s) => {
        s.coAgents = s.coAgents.filter((id) => id !== event.data.agentId);
      });
    }
  }
};
