/**
 * The routing invariants, checked on a desk state and on the events that led to
 * it. Shared by the property tests (random command sequences), the two-engine
 * test and the many-writers tests of the durable stores; shipped in kefu/testing
 * so that a team can check the desk over its own store and its own command mix.
 * The checks throw node's AssertionError (check.ts), so they work under any runner.
 */
import type { DeskEvent } from '../domain/desk/deskEvents.js';
import { evolveDesk } from '../domain/desk/deskEvolve.js';
import type { DeskState } from '../domain/desk/deskState.js';
import type { QueueTarget } from '../routing/model.js';
import { canAutoTake, isWorking } from '../routing/eligibility.js';
import { drawsFromSeed } from '../domain/seededDraws.js';
import { pickFrom, poolHas, poolSize } from '../routing/pools.js';
import { lanesOf, lanesOfEntry, lanesServedBy, SHOP_LANE, type QueueEntry } from '../routing/queue.js';
import { requestOfSession, routeAgain } from '../domain/desk/decide/assignment.js';
import { check, same } from './check.js';

/** Assignments made by the desk itself (as opposed to a person's explicit act). */
export const AUTOMATIC = new Set(['customer-pin', 'customer-choice', 'entry-group', 'channel-pin', 'sticky', 'base-mode', 'queue', 'requeue']);

/** What the event history tells about sessions, to check that none is lost. */
export interface History {
  readonly opened: Set<string>;
  readonly ended: Set<string>;
  /** Sessions that arrived while their customer was pinned: the agent they may only go to (until the pin is lifted). */
  readonly pinnedTo: Map<string, { readonly agentId: string; readonly customerId: string }>;
}

export const emptyHistory = (): History => ({ opened: new Set(), ended: new Set(), pinnedTo: new Map() });

/**
 * Folds events into a state one by one, checking before each event what must hold
 * when it happens: an automatic assignment goes to an agent under max; a pinned
 * customer's session goes to its agent only.
 */
export const applyChecked = (state: DeskState, events: readonly DeskEvent[], history: History): DeskState => {
  let current = state;
  for (const event of events) {
    if (event.type === 'SessionAssigned') {
      const { sessionId, agentId, via } = event.data;
      const agent = current.agents.get(agentId);
      check(agent !== undefined, `assigned to unknown agent ${agentId}`);
      if (AUTOMATIC.has(via)) {
        check(agent.load < agent.maxSessions, `auto-assignment (${via}) of ${sessionId} to ${agentId} at max`);
        same(agent.status, 'online', `status of ${agentId} at the auto-assignment (${via}) of ${sessionId}`);
      }
      if (via === 'customer-pin') history.pinnedTo.set(sessionId, { agentId, customerId: event.data.customerId });
      const pinned = history.pinnedTo.get(sessionId);
      if (pinned !== undefined) same(agentId, pinned.agentId, `pinned session ${sessionId} given to another agent`);
      if (via !== 'queue' && via !== 'manual-pick' && via !== 'requeue') history.opened.add(sessionId);
    }
    if (event.type === 'SessionQueued') {
      history.opened.add(event.data.sessionId);
      if (event.data.via === 'customer-pin' && event.data.target.kind === 'agent') {
        history.pinnedTo.set(event.data.sessionId, { agentId: event.data.target.agentId, customerId: event.data.customerId });
      }
    }
    // A pin lifted (the customer unpinned, or pinning switched off) frees its waiting session for the current rules.
    if (event.type === 'CustomerPinned') {
      for (const [id, pin] of history.pinnedTo) if (pin.customerId === event.data.customerId) history.pinnedTo.set(id, { ...pin, agentId: event.data.agentId });
    }
    if (event.type === 'CustomerUnpinned') for (const [id, pin] of history.pinnedTo) if (pin.customerId === event.data.customerId) history.pinnedTo.delete(id);
    if (event.type === 'RoutingConfigured' && !event.data.settings.pinningEnabled) history.pinnedTo.clear();
    if (event.type === 'SessionEnded') history.ended.add(event.data.sessionId);
    current = evolveDesk(current, event);
  }
  return current;
};

/**
 * Whether every agent who may serve a new arrival routed to `than` may serve the
 * waiting entry: each lane of `than` is one of the entry's, or the entry is in the
 * shop lane, which every agent serves but an admin left out of auto-assignment
 * (who serves its own lane only).
 */
export const covers = (state: DeskState, entry: QueueEntry, than: QueueTarget): boolean => {
  const lanes = new Set(lanesOfEntry(entry));
  const excludedAdmin = (lane: string) => {
    const agent = state.agents.get(lane.slice(2));
    return lane.startsWith('a:') && agent !== undefined && state.settings.adminsExcluded && agent.role === 'admin';
  };
  return lanesOf(than).every((lane) => lanes.has(lane) || (lanes.has(SHOP_LANE) && !excludedAdmin(lane)));
};

/** The invariants of a desk at rest. */
export const checkDesk = (state: DeskState, history?: History): void => {
  // Each agent's load is the number of sessions it is in; a session has one owner, never also a co-agent.
  const load = new Map<string, number>();
  for (const session of state.sessions.values()) {
    const { sessionId } = session;
    if (session.status === 'queued') {
      same(session.owner, undefined, `owner of queued session ${sessionId}`);
      check(state.queue.entries.has(sessionId), `queued session ${sessionId} missing from the queue`);
      continue;
    }
    const { owner } = session;
    check(owner !== undefined, `assigned session ${sessionId} without an owner`);
    check(!session.coAgents.includes(owner), `owner ${owner} of session ${sessionId} is also one of its co-agents ${JSON.stringify(session.coAgents)}`);
    same(new Set(session.coAgents).size, session.coAgents.length, `distinct co-agents of session ${sessionId} ${JSON.stringify(session.coAgents)}`);
    for (const id of [owner, ...session.coAgents]) load.set(id, (load.get(id) ?? 0) + 1);
    same(state.queue.entries.has(sessionId), false, `assigned session ${sessionId} still in the queue`);
  }
  for (const agent of state.agents.values()) same(agent.load, load.get(agent.id) ?? 0, `load of ${agent.id}`);
  same(state.queue.entries.size, [...state.sessions.values()].filter((s) => s.status === 'queued').length, 'queue entries against queued sessions');
  // One session per customer at the desk, and the index agrees.
  same(state.activeByCustomer.size, state.sessions.size, 'customers at the desk against sessions at the desk');
  for (const [customer, sessionId] of state.activeByCustomer) same(state.sessions.get(sessionId)?.customerId, customer, `customer of session ${sessionId} (indexed for ${customer})`);

  // The pools hold exactly the agents that can take a new session.
  const { adminsExcluded } = state.settings;
  const eligible = [...state.agents.values()].filter((a) => canAutoTake(a, adminsExcluded));
  same(poolSize(state.pools.shop), eligible.length, 'agents in the shop pool against agents that can take a session');
  for (const agent of eligible) {
    check(poolHas(state.pools.shop, agent, state.pools.strategy), `${agent.id} can take a session but is not in the shop pool`);
    for (const g of agent.groups) check(poolHas(state.pools.groups.get(g)!, agent, state.pools.strategy), `${agent.id} can take a session but is not in the pool of group ${g}`);
  }

  // The pool's pick is the best eligible agent by the strategy's own order (the index is up to date).
  const { strategy } = state.pools;
  if (strategy.kind === 'ordered' && eligible.length > 0) {
    const best = eligible.reduce((a, b) => (strategy.compare(strategy.key(a), strategy.key(b)) <= 0 ? a : b));
    same(pickFrom(state.pools.shop, drawsFromSeed(0)), best.id, "the shop pool's pick against the best eligible agent");
  }

  // Work-conserving: nothing waits that an agent with a free slot could serve (except slots an agent
  // kept free by taking fewer than offered when coming online, R11, which the generators do not do).
  for (const entry of state.queue.entries.values()) {
    const lanes = new Set(lanesOfEntry(entry));
    for (const agent of state.agents.values()) {
      if (!(isWorking(agent) && agent.status === 'online' && agent.load < agent.maxSessions)) continue;
      const shared = !(adminsExcluded && agent.role === 'admin');
      const serves = lanesServedBy(agent, shared).some((lane) => lanes.has(lane));
      check(!serves, `session ${entry.sessionId} waits while ${agent.id} has a free slot`);
    }
  }

  // No stranded waiter: a waiting session may be served by at least every agent that routing would
  // allow a new arrival with its request now (a rule whose agents are all gone has fallen back for it
  // too, R6/R8/R13); and routing it again would not assign it (work-conserving across its rules). (A
  // customer blacklisted while at the desk keeps the session it has: routeAgain ignores the blacklist.)
  for (const entry of state.queue.entries.values()) {
    const session = state.sessions.get(entry.sessionId);
    check(session !== undefined, `queued ${entry.sessionId} has no session`);
    const again = routeAgain(state, requestOfSession(session), { now: Number.MAX_SAFE_INTEGER, draws: drawsFromSeed(0) });
    same(again.kind, 'queue', `waiting ${entry.sessionId} (for ${JSON.stringify(entry.target)}) would be assigned now`);
    if (again.kind === 'queue') {
      check(covers(state, entry, again.target), `waiting ${entry.sessionId} for ${JSON.stringify(entry.target)}, stranded: a new arrival would wait for ${JSON.stringify(again.target)}`);
    }
  }

  if (history !== undefined) {
    // Never lost: every session that reached the desk is at the desk or ended, not both.
    for (const id of history.opened) {
      const here = state.sessions.has(id);
      check(here !== history.ended.has(id), `session ${id} is ${here ? 'both at the desk and ended' : 'lost'}`);
    }
  }
};
