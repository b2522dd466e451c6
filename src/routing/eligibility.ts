/**
 * Who may be given work, in one place. Every routing path asks these questions
 * and no other file answers them again:
 *
 * - working: active (A7) and enabled; a frozen, disabled or pending agent gets nothing;
 * - present: working and not offline (online or busy, A1): may receive transfers and
 *   invitations, answers its sessions, and counts as "someone is there" for R6;
 * - free slot: working, online and under max (A2);
 * - auto-takeable: a free slot, and not an admin left out of auto-assignment (A5).
 *   Explicit designations (a pin, a customer's choice, an agent named in a channel
 *   rule) ask with `adminsExcluded` false: A5 is about automatic spreading.
 *
 * `exclusionOf` says which of these rules keeps an agent from auto-assignment, in
 * a fixed order, so a decision can count what each filter removed.
 */
import type { Agent } from './model.js';

export const isWorking = (agent: Agent): boolean => agent.lifecycle === 'active' && agent.enabled;

export const isPresent = (agent: Agent): boolean => isWorking(agent) && agent.status !== 'offline';

export const hasFreeSlot = (agent: Agent): boolean => isWorking(agent) && agent.status === 'online' && agent.load < agent.maxSessions;

export const isExcludedAdmin = (agent: Agent, adminsExcluded: boolean): boolean => adminsExcluded && agent.role === 'admin';

/** Auto-assignment may give this agent a new session now; capacity is checked before any strategy looks. */
export const canAutoTake = (agent: Agent, adminsExcluded: boolean): boolean => hasFreeSlot(agent) && !isExcludedAdmin(agent, adminsExcluded);

/** R6's "is any of them there": present, and not an admin left out of auto-assignment. */
export const countsAsPresent = (agent: Agent, adminsExcluded: boolean): boolean => isPresent(agent) && !isExcludedAdmin(agent, adminsExcluded);

/** A2: load above max (max lowered below the load, or a path allowed to exceed it). */
export const isOverCapacity = (agent: Agent): boolean => agent.load > agent.maxSessions;

/** Why auto-assignment passes an agent by, checked in this order; undefined when it may take a session. */
export type Exclusion = 'not-working' | 'offline' | 'busy' | 'excluded-admin' | 'at-max';

export const EXCLUSIONS: readonly Exclusion[] = ['not-working', 'offline', 'busy', 'excluded-admin', 'at-max'];

export const exclusionOf = (agent: Agent, adminsExcluded: boolean): Exclusion | undefined => {
  if (!isWorking(agent)) return 'not-working';
  if (agent.status === 'offline') return 'offline';
  if (agent.status === 'busy') return 'busy';
  if (isExcludedAdmin(agent, adminsExcluded)) return 'excluded-admin';
  return agent.load >= agent.maxSessions ? 'at-max' : undefined;
};
