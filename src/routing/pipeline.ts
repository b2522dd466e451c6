/**
 * R9 the precedence pipeline: the configured steps run in order and the first
 * that decides wins; when none does, the session queues for anyone. Default order:
 * blacklist -> customer pin -> customer choice -> entry group -> channel pin -> sticky -> base mode -> queue.
 */
import type { AgentId, GroupId } from '../domain/ids.js';
import type { RouteDecision, StepResult } from './decision.js';
import type { RoutingRequest } from './model.js';
import { poolDecision, queueDecision } from './decisionTrace.js';
import { pickFrom } from './pools.js';
import type { AssignmentDecision } from './trace.js';
import type { PipelineStep } from './settings.js';
import { baseModeStep } from './steps/baseMode.js';
import { blacklistStep } from './steps/blacklist.js';
import { channelPinStep } from './steps/channelPin.js';
import type { StepContext } from './steps/context.js';
import { customerChoiceStep } from './steps/customerChoice.js';
import { customerPinStep } from './steps/customerPin.js';
import { entryGroupStep } from './steps/entryGroup.js';
import { stickyStep } from './steps/sticky.js';
import type { RoutingView } from './view.js';

type Step = (view: RoutingView, request: RoutingRequest, context: StepContext) => StepResult;

const STEPS: Record<PipelineStep, Step> = {
  blacklist: blacklistStep,
  'customer-pin': customerPinStep,
  'customer-choice': customerChoiceStep,
  'entry-group': entryGroupStep,
  'channel-pin': channelPinStep,
  sticky: stickyStep,
  'base-mode': baseModeStep,
};

export const route = (view: RoutingView, request: RoutingRequest, context: StepContext): RouteDecision => {
  for (const step of view.settings.pipeline) {
    const decided = STEPS[step](view, request, context);
    if (decided !== undefined) return decided;
  }
  return { kind: 'queue', target: { kind: 'any' }, via: 'no-agent', decision: queueDecision(view, 'no-agent') };
};

/** S5: a transfer to a group: the group's routing (the base mode inside the group) picks the agent, with its decision. */
export const pickInGroup = (view: RoutingView, group: GroupId, context: StepContext): { agentId: AgentId; decision: AssignmentDecision } | undefined => {
  const pool = view.pools.groups.get(group);
  const agentId = pool === undefined ? undefined : pickFrom(pool, context.draws);
  if (pool === undefined || agentId === undefined) return undefined;
  return { agentId, decision: poolDecision(view, { step: 'transfer', pools: [pool], chosen: agentId, scope: { groups: [group] } }) };
};
