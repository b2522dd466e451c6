/**
 * R7 customer pinning (客户指定): a pinned customer goes only to their agent, and
 * waits for that agent when it is away or full: never to anyone else.
 */
import type { StepResult } from '../decision.js';
import type { RoutingRequest } from '../model.js';
import type { RoutingView } from '../view.js';
import { assignOrWaitFor } from './designatedAgent.js';

export const customerPinStep = (view: RoutingView, request: RoutingRequest): StepResult => {
  if (!view.settings.pinningEnabled) return undefined;
  const agentId = view.pins.get(request.customerId);
  return agentId === undefined ? undefined : assignOrWaitFor(view, agentId, 'customer-pin');
};
