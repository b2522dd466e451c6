/**
 * R6 channel pinning (渠道指定): a channel tied to groups and/or agents sends its
 * customers to them, picked by the base mode inside that set. If one of them can
 * take the session, it does; if some are online or busy but none can take it now,
 * the session waits for them (R13); if none of them is online at all, routing
 * falls back to the other agents (the next steps). Each rule can be switched off.
 */
import { canAutoTake } from '../eligibility.js';
import { buildPools, pickFromUnion, type Pool } from '../pools.js';
import type { StepResult } from '../decision.js';
import type { RoutingRequest } from '../model.js';
import type { RoutingView } from '../view.js';
import type { StepContext } from './context.js';
import { isPresent } from './designatedAgent.js';

export const channelPinStep = (view: RoutingView, request: RoutingRequest, context: StepContext): StepResult => {
  if (!view.settings.pinningEnabled) return undefined;
  const rule = view.channelRules.get(request.channel);
  if (rule === undefined || !rule.enabled || (rule.groups.length === 0 && rule.agents.length === 0)) return undefined;
  const { strategy } = view.pools;
  const groupPools = rule.groups.map((g) => view.pools.groups.get(g)).filter((p): p is Pool => p !== undefined);
  // Agents named in the rule form a small pool of their own; a named admin is reachable (see designatedAgent.ts).
  const named = rule.agents.flatMap((id) => {
    const agent = view.agents.get(id);
    return agent !== undefined && canAutoTake(agent, false) ? [agent] : [];
  });
  const namedPool = buildPools(strategy, named, false).shop;
  const agentId = pickFromUnion([...groupPools, namedPool], strategy, context.draws);
  if (agentId !== undefined) return { kind: 'assign', agentId, via: 'channel-pin', mode: view.settings.baseMode };
  const someonePresent =
    rule.groups.some((g) => (view.groupPresence.get(g) ?? 0) > 0) || rule.agents.some((id) => isPresent(view, id));
  return someonePresent
    ? { kind: 'queue', target: { kind: 'pool', groups: rule.groups, agents: rule.agents }, via: 'channel-pin' }
    : undefined;
};
