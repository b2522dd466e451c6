/**
 * R9 the precedence pipeline: the configured steps run in order and the first
 * that decides wins; when none does, the session queues for anyone. Default order:
 * blacklist -> customer pin -> customer choice -> channel pin -> sticky -> base mode -> queue.
 */
import type { GroupId } from '../domain/ids.js';
import type { RouteDecision, StepResult } from './decision.js';
import type { RoutingRequest } from './model.js';
import { pickFrom } from './pools.js';
import type { PipelineStep } from './settings.js';
import { baseModeStep } from './steps/baseMode.js';
import { blacklistStep } from './steps/blacklist.js';
import { channelPinStep } from './steps/channelPin.js';
import type { StepContext } from './steps/context.js';
import { customerChoiceStep } from './steps/customerChoice.js';
import { customerPinStep } from './steps/customerPin.js';
import { stickyStep } from './steps/sticky.js';
import type { RoutingView } from './view.js';

type Step = (view: RoutingView, request: RoutingRequest, context: StepContext) => StepResult;

const STEPS: Record<PipelineStep, Step> = {
  blacklist: blacklistStep,
  'customer-pin': customerPinStep,
  'customer-choice': customerChoiceStep,
  'channel-pin': channelPinStep,
  sticky: stickyStep,
  'base-mode': baseModeStep,
};

export const route = (view: RoutingView, request: RoutingRequest, context: StepContext): RouteDecision => {
  for (const step of view.settings.pipeline) {
    const decided = STEPS[step](view, request, context);
    if (decided !== undefined) return decided;
  }
  return { kind: 'queue', target: { kind: 'any' }, via: 'no-agent' };
};

/** S5: a transfer to a group: the group's routing (the base mode inside the group) picks the agent. */
export const pickInGroup = (view: RoutingView, group: GroupId, context: StepContext) => {
  const pool = view.pools.groups.get(group);
  return pool === undefined ? undefined : pickFrom(pool, context.draws);
};
