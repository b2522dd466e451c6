/** S12: a blacklisted customer goes straight to leave-a-message mode: no assignment, no queue. */
import type { StepResult } from '../decision.js';
import type { RoutingRequest } from '../model.js';
import type { RoutingView } from '../view.js';

export const blacklistStep = (view: RoutingView, request: RoutingRequest): StepResult =>
  view.blacklist.has(request.customerId) ? { kind: 'divert', reason: 'blacklisted' } : undefined;
