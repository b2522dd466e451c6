/**
 * Builders for desk events, so that a `given` history reads as what happened:
 * `...onlineAgent('a1', { maxSessions: 1 }), sessionAssigned('s1', 'a1', { customerId: 'alice' })`.
 * Each builds a whole DeskEvent as the desk writes it, with sensible defaults: the
 * time of makeCommand's default meta (T0), the web-mall channel, a fresh agent of
 * max 3, and for an assignment a designated decision (a decision is not folded, so
 * a history need not say it; an expectation that is about it passes its own, see
 * deskDecisions.ts). Options left undefined are left out, as the desk leaves them.
 */
import type { AssignVia } from '../routing/decision.js';
import type { AgentLifecycle, AgentRole, AgentStatus, BaseMode, QueueTarget } from '../routing/model.js';
import { applySettingsPatch, DEFAULT_ROUTING_SETTINGS, type PipelineStep, type RoutingSettingsPatch } from '../routing/settings.js';
import type { AssignmentDecision, DecisionStep, QueueDecision } from '../routing/trace.js';
import type { DeskEvent, DeskEventOf, EndReason, LeaveReason, RetargetReason, SessionStats } from '../domain/desk/deskEvents.js';
import { defaultMeta } from './commands.js';
import { designated, present, waiting } from './deskDecisions.js';

/** When the given events happen, unless told: the `now` of makeCommand's default meta. */
export const T0 = defaultMeta.now;

type At = { readonly at?: number };

// ---- shop settings and rules

/** The settings: the defaults with `patch` applied (an event carries them whole, so a later one repeats earlier changes). */
export const routingConfigured = (patch: RoutingSettingsPatch = {}, { at = T0 }: At = {}): DeskEventOf<'RoutingConfigured'> => ({
  type: 'RoutingConfigured',
  data: { settings: applySettingsPatch(DEFAULT_ROUTING_SETTINGS, patch), at },
});

export const groupCreated = (groupId: string, { name = groupId, at = T0 }: At & { readonly name?: string } = {}): DeskEventOf<'GroupCreated'> => ({
  type: 'GroupCreated',
  data: { groupId, name, at },
});

export const channelRuleSet = (
  channel: string,
  { groups = [], agents = [], enabled = true, at = T0 }: At & { readonly groups?: readonly string[]; readonly agents?: readonly string[]; readonly enabled?: boolean } = {},
): DeskEventOf<'ChannelRuleSet'> => ({ type: 'ChannelRuleSet', data: { channel, groups, agents, enabled, at } });

export const customerPinned = (customerId: string, agentId: string, { at = T0 }: At = {}): DeskEventOf<'CustomerPinned'> => ({
  type: 'CustomerPinned',
  data: { customerId, agentId, at },
});
export const customerUnpinned = (customerId: string, { at = T0 }: At = {}): DeskEventOf<'CustomerUnpinned'> => ({ type: 'CustomerUnpinned', data: { customerId, at } });
export const customerBlacklisted = (customerId: string, { at = T0 }: At = {}): DeskEventOf<'CustomerBlacklisted'> => ({
  type: 'CustomerBlacklisted',
  data: { customerId, at },
});

// ---- agents

export interface AgentOptions extends At {
  readonly name?: string;
  readonly role?: AgentRole;
  readonly groups?: readonly string[];
  readonly maxSessions?: number;
  readonly capability?: number;
  readonly lifecycle?: AgentLifecycle;
}

/** A registered agent (offline, as registration leaves it): an active agent of max 3, capability 80, named like its id in capitals. */
export const agentRegistered = (agentId: string, { name = agentId.toUpperCase(), role = 'agent', groups = [], maxSessions = 3, capability = 80, lifecycle = 'active', at = T0 }: AgentOptions = {}): DeskEventOf<'AgentRegistered'> => ({
  type: 'AgentRegistered',
  data: { agentId, name, role, groups, maxSessions, capability, lifecycle, at },
});

export const agentStatusChanged = (agentId: string, from: AgentStatus, to: AgentStatus, { at = T0 }: At = {}): DeskEventOf<'AgentStatusChanged'> => ({
  type: 'AgentStatusChanged',
  data: { agentId, from, to, at },
});
export const agentOnline = (agentId: string, { from = 'offline', at = T0 }: At & { readonly from?: AgentStatus } = {}) => agentStatusChanged(agentId, from, 'online', { at });
export const agentBusy = (agentId: string, { from = 'online', at = T0 }: At & { readonly from?: AgentStatus } = {}) => agentStatusChanged(agentId, from, 'busy', { at });
export const agentOffline = (agentId: string, { from = 'online', at = T0 }: At & { readonly from?: AgentStatus } = {}) => agentStatusChanged(agentId, from, 'offline', { at });

/** An agent registered and brought online: the start of most histories. */
export const onlineAgent = (agentId: string, options: AgentOptions = {}): readonly DeskEvent[] => [agentRegistered(agentId, options), agentOnline(agentId, options.at === undefined ? {} : { at: options.at })];

export const agentMaxSessionsChanged = (agentId: string, from: number, to: number, { at = T0 }: At = {}): DeskEventOf<'AgentMaxSessionsChanged'> => ({
  type: 'AgentMaxSessionsChanged',
  data: { agentId, from, to, at },
});
export const agentLifecycleChanged = (agentId: string, lifecycle: AgentLifecycle, { at = T0 }: At = {}): DeskEventOf<'AgentLifecycleChanged'> => ({
  type: 'AgentLifecycleChanged',
  data: { agentId, lifecycle, at },
});
export const agentEnabledChanged = (agentId: string, enabled: boolean, { at = T0 }: At = {}): DeskEventOf<'AgentEnabledChanged'> => ({
  type: 'AgentEnabledChanged',
  data: { agentId, enabled, at },
});
export const agentGroupsChanged = (agentId: string, groups: readonly string[], { at = T0 }: At = {}): DeskEventOf<'AgentGroupsChanged'> => ({
  type: 'AgentGroupsChanged',
  data: { agentId, groups, at },
});
export const agentRoleChanged = (agentId: string, role: AgentRole, { at = T0 }: At = {}): DeskEventOf<'AgentRoleChanged'> => ({ type: 'AgentRoleChanged', data: { agentId, role, at } });
export const agentCapabilityChanged = (agentId: string, capability: number, { at = T0 }: At = {}): DeskEventOf<'AgentCapabilityChanged'> => ({
  type: 'AgentCapabilityChanged',
  data: { agentId, capability, at },
});

// ---- sessions

/** What a session arrived with; the customer defaults to `c-<sessionId>`, the channel to web-mall. */
export interface RequestOptions extends At {
  readonly customerId?: string;
  readonly channel?: string;
  readonly vip?: boolean;
  readonly entryGroupId?: string;
  readonly requestedAgentId?: string;
}

const request = (sessionId: string, { customerId = `c-${sessionId}`, channel = 'web-mall', vip = false, entryGroupId, requestedAgentId }: RequestOptions) => ({
  customerId,
  channel,
  vip,
  ...present({ entryGroupId, requestedAgentId }),
});

/** The decision step an assignment's `via` records: a session from the queue was dequeued; a requeued one routed again (by the base mode, say). */
const stepOf = (via: AssignVia): DecisionStep => (via === 'queue' ? 'dequeue' : via === 'requeue' ? 'base-mode' : via);

export interface AssignedOptions extends RequestOptions {
  readonly via?: AssignVia;
  readonly mode?: BaseMode;
  readonly queuedAt?: number;
  readonly decision?: AssignmentDecision;
}

/** A session given to an agent, by the base mode unless told, with a designated decision unless given one. */
export const sessionAssigned = (sessionId: string, agentId: string, options: AssignedOptions = {}): DeskEventOf<'SessionAssigned'> => {
  const { via = 'base-mode', mode, queuedAt, decision = designated(stepOf(via), agentId), at = T0 } = options;
  return { type: 'SessionAssigned', data: { sessionId, agentId, ...request(sessionId, options), via, ...present({ mode, queuedAt }), decision, at } };
};

export interface QueuedOptions extends RequestOptions {
  readonly target?: QueueTarget;
  readonly via?: PipelineStep | 'no-agent';
  readonly decision?: QueueDecision;
}

/** A session waiting, for anyone because nobody could take it unless told. */
export const sessionQueued = (sessionId: string, options: QueuedOptions = {}): DeskEventOf<'SessionQueued'> => {
  const { target = { kind: 'any' }, via = 'no-agent', decision = waiting(via === 'blacklist' ? 'no-agent' : via), at = T0 } = options;
  return { type: 'SessionQueued', data: { sessionId, ...request(sessionId, options), target, via, decision, at } };
};

export const sessionEnded = (
  sessionId: string,
  agents: readonly string[],
  { reason = 'agent', stats, at = T0 }: At & { readonly reason?: EndReason; readonly stats?: SessionStats } = {},
): DeskEventOf<'SessionEnded'> => ({ type: 'SessionEnded', data: { sessionId, reason, agents, ...present({ stats }), at } });

export const sessionDiverted = (
  sessionId: string,
  reason: DeskEventOf<'SessionDiverted'>['data']['reason'],
  { customerId = `c-${sessionId}`, channel = 'web-mall', at = T0 }: At & { readonly customerId?: string; readonly channel?: string } = {},
): DeskEventOf<'SessionDiverted'> => ({ type: 'SessionDiverted', data: { sessionId, customerId, channel, reason, at } });

export const queueTargetChanged = (
  sessionId: string,
  from: QueueTarget,
  to: QueueTarget,
  { reason = 'rule-agents-absent', via, at = T0 }: At & { readonly reason?: RetargetReason; readonly via?: PipelineStep | 'no-agent' } = {},
): DeskEventOf<'QueueTargetChanged'> => ({ type: 'QueueTargetChanged', data: { sessionId, from, to, reason, ...present({ via }), at } });

export const sessionRequeued = (
  sessionId: string,
  from: string,
  options: RequestOptions & { readonly reason?: LeaveReason; readonly target?: QueueTarget; readonly via?: PipelineStep | 'no-agent' } = {},
): DeskEventOf<'SessionRequeued'> => {
  const { reason = 'agent-offline', target = { kind: 'any' }, via, at = T0 } = options;
  return { type: 'SessionRequeued', data: { sessionId, ...request(sessionId, options), from, reason, target, ...present({ via }), at } };
};

// ---- transfers and co-agents

/** A transfer waiting for `to` to accept; the request is `req-1` and expires after the default 60 s unless told. */
export const transferRequested = (
  sessionId: string,
  from: string,
  to: string,
  { requestId = 'req-1', at = T0, expiresAt = at + 60_000, note }: At & { readonly requestId?: string; readonly expiresAt?: number; readonly note?: string } = {},
): DeskEventOf<'TransferRequested'> => ({ type: 'TransferRequested', data: { sessionId, requestId, from, to, expiresAt, ...present({ note }), at } });

export const transferDeclined = (sessionId: string, requestId = 'req-1', { at = T0 }: At = {}): DeskEventOf<'TransferDeclined'> => ({
  type: 'TransferDeclined',
  data: { sessionId, requestId, at },
});
export const transferExpired = (sessionId: string, requestId = 'req-1', { at = T0 }: At = {}): DeskEventOf<'TransferExpired'> => ({
  type: 'TransferExpired',
  data: { sessionId, requestId, at },
});

/** A session moved to `to`, with a designated transfer decision unless given one. */
export const sessionTransferred = (
  sessionId: string,
  from: string,
  to: string,
  { groupId, requestId, note, decision = designated('transfer', to), at = T0 }: At & { readonly groupId?: string; readonly requestId?: string; readonly note?: string; readonly decision?: AssignmentDecision } = {},
): DeskEventOf<'SessionTransferred'> => ({ type: 'SessionTransferred', data: { sessionId, from, to, ...present({ groupId, requestId, note }), decision, at } });

export const coAgentAdded = (
  sessionId: string,
  agentId: string,
  { via = 'invitation', by = 'system', at = T0 }: At & { readonly via?: 'invitation' | 'barge-in'; readonly by?: string } = {},
): DeskEventOf<'CoAgentAdded'> => ({ type: 'CoAgentAdded', data: { sessionId, agentId, via, by, at } });

export const coAgentLeft = (sessionId: string, agentId: string, { at = T0 }: At = {}): DeskEventOf<'CoAgentLeft'> => ({ type: 'CoAgentLeft', data: { sessionId, agentId, at } });
