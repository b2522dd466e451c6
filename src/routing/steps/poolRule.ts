/**
 * A rule that sends a session to a set of agents (some groups, some named agents),
 * picked by the base mode inside the set: R6's channel pin and R13's entry group.
 * If one of them can take the session, it does; if some are there (online or busy)
 * but none can take it now, the session waits for them; if none is there at all,
 * routing falls back to the next steps, unless the rule says to wait anyway.
 */
import type { AgentId, GroupId } from '../../domain/ids.js';
import { canAutoTake } from '../eligibility.js';
import type { StepResult } from '../decision.js';
import { poolDecision, queueDecision } from '../decisionTrace.js';
import { buildPools, pickFromUnion, type Pool } from '../pools.js';
import type { RoutingView } from '../view.js';
import type { StepContext } from './context.js';
import { isPresent } from './designatedAgent.js';

export interface PoolRule {
  readonly step: 'channel-pin' | 'entry-group';
  readonly groups: readonly GroupId[];
  readonly agents: readonly AgentId[];
  /** When none of the rule's agents is there: fall back to the next steps (true) or wait for them. */
  readonly fallback: boolean;
}

/** Whether any agent of the rule is there (online or busy, working, not an excluded admin for groups). */
export const someonePresent = (view: RoutingView, rule: Pick<PoolRule, 'groups' | 'agents'>): boolean =>
  rule.groups.some((g) => (view.groupPresence.get(g) ?? 0) > 0) || rule.agents.some((id) => isPresent(view, id));

export const poolRuleStep = (view: RoutingView, rule: PoolRule, context: StepContext): StepResult => {
  const { strategy } = view.pools;
  const groupPools = rule.groups.map((g) => view.pools.groups.get(g)).filter((p): p is Pool => p !== undefined);
  // Agents named in the rule form a small pool of their own; a named admin is reachable (an explicit designation).
  const named = rule.agents.flatMap((id) => {
    const agent = view.agents.get(id);
    return agent !== undefined && canAutoTake(agent, false) ? [agent] : [];
  });
  const pools = [...groupPools, buildPools(strategy, named, false).shop];
  const scope = { groups: rule.groups, agents: rule.agents };
  const agentId = pickFromUnion(pools, strategy, context.draws);
  if (agentId !== undefined) {
    return {
      kind: 'assign',
      agentId,
      via: rule.step,
      mode: view.settings.baseMode,
      decision: poolDecision(view, { step: rule.step, pools, chosen: agentId, scope }),
    };
  }
  if (!someonePresent(view, rule) && rule.fallback) return undefined;
  return { kind: 'queue', target: { kind: 'pool', groups: rule.groups, agents: rule.agents }, via: rule.step, decision: queueDecision(view, rule.step, scope) };
};
