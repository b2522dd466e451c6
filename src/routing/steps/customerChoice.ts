/**
 * R8 the customer chooses the agent, when the shop allows it. The chosen agent
 * takes the session if it can; if it is online or busy but cannot take it now,
 * the session waits for it; if it is offline, routing goes on as if no choice was
 * made (the customer is not left waiting for someone who is not there).
 */
import type { StepResult } from '../decision.js';
import type { RoutingRequest } from '../model.js';
import type { RoutingView } from '../view.js';
import { assignOrWaitFor, isPresent } from './designatedAgent.js';

export const customerChoiceStep = (view: RoutingView, request: RoutingRequest): StepResult => {
  const agentId = request.requestedAgentId;
  if (!view.settings.customerChoice || agentId === undefined || !isPresent(view, agentId)) return undefined;
  return assignOrWaitFor(view, agentId, 'customer-choice');
};
