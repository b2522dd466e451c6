/**
 * R6 channel pinning (渠道指定): a channel tied to groups and/or agents sends its
 * customers to them, picked by the base mode inside that set; they wait for them
 * when some are there but full or busy (R13), and fall back to the other agents
 * when none of them is online at all. Each rule can be switched off.
 */
import type { StepResult } from '../decision.js';
import type { RoutingRequest } from '../model.js';
import type { RoutingView } from '../view.js';
import type { StepContext } from './context.js';
import { poolRuleStep } from './poolRule.js';

export const channelPinStep = (view: RoutingView, request: RoutingRequest, context: StepContext): StepResult => {
  if (!view.settings.pinningEnabled) return undefined;
  const rule = view.channelRules.get(request.channel);
  if (rule === undefined || !rule.enabled || (rule.groups.length === 0 && rule.agents.length === 0)) return undefined;
  return poolRuleStep(view, { step: 'channel-pin', groups: rule.groups, agents: rule.agents, fallback: true }, context);
};
