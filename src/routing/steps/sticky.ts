/**
 * R1 sticky recent contact (最近联系人优先, on by default): a returning customer goes
 * to the agent who served them last, within the sticky window, if that agent can
 * take a new session now. Otherwise routing goes on: stickiness never makes a
 * customer wait.
 */
import type { StepResult } from '../decision.js';
import { designatedDecision } from '../decisionTrace.js';
import { canAutoTake } from '../eligibility.js';
import type { Agent, RoutingRequest } from '../model.js';
import type { RoutingView } from '../view.js';
import type { StepContext } from './context.js';

const DAY_MS = 86_400_000;

/** The agent who served the customer last, within the sticky window, when stickiness is on. */
export const recentContactOf = (view: RoutingView, request: RoutingRequest, context: StepContext): Agent | undefined => {
  const { settings } = view;
  if (!settings.stickyRecentContact) return undefined;
  const last = view.lastContact.get(request.customerId);
  if (last === undefined || context.now - last.at > settings.stickyWindowDays * DAY_MS) return undefined;
  return view.agents.get(last.agentId);
};

export const stickyStep = (view: RoutingView, request: RoutingRequest, context: StepContext): StepResult => {
  const agent = recentContactOf(view, request, context);
  if (agent === undefined || !canAutoTake(agent, view.settings.adminsExcluded)) return undefined;
  const last = view.lastContact.get(request.customerId);
  return {
    kind: 'assign',
    agentId: agent.id,
    via: 'sticky',
    decision: designatedDecision(view, 'sticky', agent.id, last === undefined ? {} : { trigger: `served this customer last, at ${new Date(last.at).toISOString()}` }),
  };
};
