/**
 * R1 sticky recent contact (最近联系人优先, on by default): a returning customer goes
 * to the agent who served them last, within the sticky window, if that agent can
 * take a new session now. Otherwise routing goes on: stickiness never makes a
 * customer wait.
 */
import type { StepResult } from '../decision.js';
import { canAutoTake } from '../eligibility.js';
import type { RoutingRequest } from '../model.js';
import type { RoutingView } from '../view.js';
import type { StepContext } from './context.js';

const DAY_MS = 86_400_000;

export const stickyStep = (view: RoutingView, request: RoutingRequest, context: StepContext): StepResult => {
  const { settings } = view;
  if (!settings.stickyRecentContact) return undefined;
  const last = view.lastContact.get(request.customerId);
  if (last === undefined || context.now - last.at > settings.stickyWindowDays * DAY_MS) return undefined;
  const agent = view.agents.get(last.agentId);
  return agent !== undefined && canAutoTake(agent, settings.adminsExcluded)
    ? { kind: 'assign', agentId: agent.id, via: 'sticky' }
    : undefined;
};
