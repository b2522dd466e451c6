/** R2-R5: the shop's base mode picks among every agent that can take a new session. */
import type { StepResult } from '../decision.js';
import { poolDecision } from '../decisionTrace.js';
import { pickFrom } from '../pools.js';
import type { RoutingView } from '../view.js';
import type { StepContext } from './context.js';

export const baseModeStep = (view: RoutingView, _request: unknown, context: StepContext): StepResult => {
  const agentId = pickFrom(view.pools.shop, context.draws);
  if (agentId === undefined) return undefined;
  return {
    kind: 'assign',
    agentId,
    via: 'base-mode',
    mode: view.settings.baseMode,
    decision: poolDecision(view, { step: 'base-mode', pools: [view.pools.shop], chosen: agentId }),
  };
};
