/**
 * Building the decision an assignment carries (trace.ts): the chosen agent's
 * standing, the best k after it read off the ordered pools (O(k log n), never a
 * scan), the filter counts of the scopes the step looked at (kept up to date by
 * the desk, so reading them is O(1) a scope), and what broke the tie.
 */
import type { AgentId, GroupId } from '../domain/ids.js';
import { EXCLUSIONS, exclusionOf } from './eligibility.js';
import type { Agent } from './model.js';
import type { Pool } from './pools.js';
import type { OrderKey, Strategy } from './strategies/strategy.js';
import { weightOf } from './strategies/weighted.js';
import { MAX_SCOPES, type AssignmentDecision, type DecisionStep, type FilterCounts, type QueueDecision, type ScopeCounts, type Standing, type TieBreak } from './trace.js';
import type { RoutingView } from './view.js';

const noCounts = (): FilterCounts => ({ 'not-working': 0, offline: 0, busy: 0, 'excluded-admin': 0, 'at-max': 0, eligible: 0 });

const total = (counts: FilterCounts) => EXCLUSIONS.reduce((n, e) => n + counts[e], counts.eligible);

export const standingOf = (agent: Agent, strategy: Strategy): Standing => ({
  agentId: agent.id,
  load: agent.load,
  maxSessions: agent.maxSessions,
  lastAssignedAt: agent.lastAssignedAt,
  ...(strategy.mode === 'weighted' ? { pass: agent.pass, weight: weightOf(agent) } : {}),
});

/** The scopes of a step: the shop, some groups, and agents named in a rule. */
export interface ScopeSpec {
  readonly groups?: readonly GroupId[];
  readonly agents?: readonly AgentId[];
}

/** Filter counts for named agents, counted one by one (a channel rule names few). */
const namedCounts = (view: RoutingView, ids: readonly AgentId[]): FilterCounts => {
  const counts = { ...noCounts() } as { -readonly [K in keyof FilterCounts]: number };
  for (const id of ids) {
    const agent = view.agents.get(id);
    // A named agent counts by A5's rule as a designation does: admins are not excluded.
    if (agent !== undefined) counts[exclusionOf(agent, false) ?? 'eligible']++;
  }
  return counts;
};

export const scopeCounts = (view: RoutingView, spec: ScopeSpec | undefined): { scopes: ScopeCounts[]; moreScopes?: number; outsideScope?: number } => {
  if (spec === undefined) return { scopes: [{ scope: { kind: 'shop' }, counts: view.counts.shop }] };
  const scopes: ScopeCounts[] = [];
  for (const groupId of spec.groups ?? []) scopes.push({ scope: { kind: 'group', groupId }, counts: view.counts.groups.get(groupId) ?? noCounts() });
  if ((spec.agents ?? []).length > 0) scopes.push({ scope: { kind: 'agents' }, counts: namedCounts(view, spec.agents ?? []) });
  const kept = scopes.slice(0, MAX_SCOPES);
  // Members of several scopes count in each; "outside" is exact for one scope, a lower bound for several.
  const inScopes = kept.reduce((n, s) => n + total(s.counts), 0);
  const outsideScope = Math.max(0, total(view.counts.shop) - inScopes);
  return { scopes: kept, ...(scopes.length > kept.length ? { moreScopes: scopes.length - kept.length } : {}), outsideScope };
};

/** The best `k` members of some ordered pools after `chosen`, merged in the strategy's order, each agent once. */
const runnersUpOf = (view: RoutingView, pools: readonly Pool[], chosen: AgentId, k: number): Standing[] => {
  const { strategy } = view.pools;
  if (k === 0 || strategy.kind !== 'ordered') return [];
  const candidates: { key: OrderKey; id: AgentId }[] = [];
  for (const pool of pools) {
    if (pool.kind !== 'ordered') continue;
    // The first k + 1 of each pool (one may be the chosen), pair by pair from the first
    // (nextHigherPair(undefined)): O(log n) a step, without an iterator's set-up.
    let pair = pool.tree.nextHigherPair(undefined);
    for (let taken = 0; pair !== undefined && taken <= k; taken++) {
      candidates.push({ key: pair[0], id: pair[1] });
      pair = pool.tree.nextHigherPair(pair[0]);
    }
  }
  // One pool (the shop's, most often) is already in order.
  if (pools.length > 1) candidates.sort((a, b) => strategy.compare(a.key, b.key));
  const seen = new Set<AgentId>([chosen]);
  const out: Standing[] = [];
  for (const { id } of candidates) {
    if (out.length >= k) break;
    if (seen.has(id)) continue;
    seen.add(id);
    const agent = view.agents.get(id);
    if (agent !== undefined) out.push(standingOf(agent, strategy));
  }
  return out;
};

/** What decided between the chosen and the first runner-up, in the base mode's terms. */
const tieBreakOf = (strategy: Strategy, chosen: Standing, next: Standing | undefined, chosenAgent: Agent, nextAgent: Agent | undefined): TieBreak => {
  if (strategy.kind === 'random') return 'draw';
  if (next === undefined || nextAgent === undefined) return 'only-candidate';
  if (strategy.mode === 'least-load') {
    const sameRatio = chosen.load * next.maxSessions === next.load * chosen.maxSessions;
    if (!sameRatio) return 'key';
    return chosenAgent.lastAssignedSeq !== nextAgent.lastAssignedSeq ? 'idle-longest' : 'agent-id';
  }
  if (strategy.mode === 'round-robin') return chosenAgent.lastAssignedSeq !== nextAgent.lastAssignedSeq ? 'idle-longest' : 'agent-id';
  return chosenAgent.pass !== nextAgent.pass ? 'key' : 'agent-id';
};

export interface PoolPick {
  readonly step: DecisionStep;
  readonly pools: readonly Pool[];
  readonly chosen: AgentId;
  readonly scope?: ScopeSpec;
  readonly trigger?: string;
}

/** The decision of a pick by the base mode among pools (base mode, entry group, channel pin, a transfer to a group). */
export const poolDecision = (view: RoutingView, pick: PoolPick): AssignmentDecision => {
  const { strategy } = view.pools;
  const chosenAgent = view.agents.get(pick.chosen) as Agent;
  const chosen = standingOf(chosenAgent, strategy);
  const runnersUp = runnersUpOf(view, pick.pools, pick.chosen, view.settings.runnersUp);
  const first = runnersUp[0];
  const tieBreak = tieBreakOf(strategy, chosen, first, chosenAgent, first === undefined ? undefined : view.agents.get(first.agentId));
  return {
    step: pick.step,
    mode: strategy.mode,
    chosen,
    runnersUp,
    ...scopeCounts(view, pick.scope),
    tieBreak,
    ...(pick.trigger === undefined ? {} : { trigger: pick.trigger }),
  };
};

/** The decision of an assignment to one agent that was named, not compared (a pin, a choice, sticky, a manual act). */
export const designatedDecision = (
  view: RoutingView,
  step: DecisionStep,
  agentId: AgentId,
  extra: { readonly trigger?: string; readonly waitedMs?: number } = {},
): AssignmentDecision => ({
  step,
  chosen: standingOf(view.agents.get(agentId) as Agent, view.pools.strategy),
  runnersUp: [],
  scopes: [],
  tieBreak: 'designated',
  ...extra,
});

export const queueDecision = (view: RoutingView, step: QueueDecision['step'], scope?: ScopeSpec): QueueDecision => {
  const { scopes, moreScopes } = scopeCounts(view, scope);
  return { step, scopes, ...(moreScopes === undefined ? {} : { moreScopes }) };
};
