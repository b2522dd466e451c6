/**
 * The lanes a waiting session also sits in, beyond those of what it waits for now:
 * the lanes of the rules it fell back from. A session that entered with a group
 * whose members were all away, and waits for its channel's agents instead, waits
 * for its group too: the first of them to come back with a free slot takes it. The
 * same for the agent the customer chose (R8) and the channel's groups and named
 * agents (R6) when it fell back to anyone. Only rules earlier in the pipeline than
 * the step that made it wait count, so a session waiting for its entry group is
 * not taken by its channel's agents (the entry group comes first, R13), and a pin
 * (R7) never falls back, so a pinned session waits for its agent alone.
 */
import type { AgentId, CustomerId } from '../domain/ids.js';
import type { Map as IMap } from 'immutable';
import type { RoutingRequest } from './model.js';
import { agentLane, groupLane } from './queue.js';
import type { PipelineStep, RoutingSettings } from './settings.js';
import type { ChannelRule } from './view.js';

export interface FallbackRules {
  readonly settings: RoutingSettings;
  readonly channelRules: IMap<string, ChannelRule>;
  readonly pins: IMap<CustomerId, AgentId>;
}

const ruleLanes = (rules: FallbackRules, request: Pick<RoutingRequest, 'customerId' | 'channel' | 'requestedAgentId' | 'entryGroupId'>, step: PipelineStep): readonly string[] => {
  const { settings } = rules;
  switch (step) {
    case 'customer-choice':
      return settings.customerChoice && request.requestedAgentId !== undefined ? [agentLane(request.requestedAgentId)] : [];
    case 'entry-group':
      return request.entryGroupId === undefined ? [] : [groupLane(request.entryGroupId)];
    case 'channel-pin': {
      const rule = settings.pinningEnabled ? rules.channelRules.get(request.channel) : undefined;
      return rule === undefined || !rule.enabled ? [] : [...rule.groups.map(groupLane), ...rule.agents.map(agentLane)];
    }
    default:
      return [];
  }
};

/** The lanes of the rules before `via` (the step that made it wait; `no-agent`: after every step). */
export const fallbackLanes = (
  rules: FallbackRules,
  request: Pick<RoutingRequest, 'customerId' | 'channel' | 'requestedAgentId' | 'entryGroupId'>,
  via: PipelineStep | 'no-agent',
): readonly string[] => {
  const { pipeline } = rules.settings;
  const until = via === 'no-agent' ? pipeline.length : pipeline.indexOf(via);
  const lanes = new Set<string>();
  for (const step of pipeline.slice(0, until < 0 ? pipeline.length : until)) for (const lane of ruleLanes(rules, request, step)) lanes.add(lane);
  return [...lanes];
};
