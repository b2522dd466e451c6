/**
 * The desk's events: everything routing decided, in the shop's routing stream.
 * Each carries `at` (the command's time) because attendance, wait times and the
 * sticky window are measured on it.
 */
import * as t from 'io-ts';
import type { DomainEvent } from '../decider.js';
import { agentIdCodec, customerIdCodec, groupIdCodec, sessionIdCodec } from '../ids.js';
import type { EventDefinitions } from '../module.js';
import { sessionSubject, type PersonalData } from '../personalData.js';
import { nonEmptyString, nonNegativeInt, oneOf, struct, timestamp } from '../validation.js';
import { ASSIGN_VIAS, type AssignVia } from '../../routing/decision.js';
import { assignmentDecisionCodec, queueDecisionCodec, type AssignmentDecision, type QueueDecision } from '../../routing/trace.js';
import type { AgentLifecycle, AgentRole, AgentStatus, BaseMode, QueueTarget } from '../../routing/model.js';
import { PIPELINE_STEPS, routingSettingsCodec, upcastSettingsV1, type PipelineStep, type RoutingSettings } from '../../routing/settings.js';
import type { ChannelRule } from '../../routing/view.js';
import { agentRoleCodec, agentStatusCodec, baseModeCodec, channelCodec, lifecycleCodec, queueTargetCodec } from './deskCodecs.js';

type At = { readonly at: number };
type AgentRef = { readonly agentId: string };
type SessionRef = { readonly sessionId: string };

export type EndReason = 'agent' | 'timeout' | 'closed' | 'customer-left' | 'system';

/** What a session arrived with, kept so a waiting or requeued session can be routed again by the same rules. */
export interface RoutingRequestFields {
  readonly customerId: string;
  readonly channel: string;
  readonly vip: boolean;
  /** R13: the entry group the entry point chose (a menu item, a product category). */
  readonly entryGroupId?: string;
  /** R8: the agent the customer chose. */
  readonly requestedAgentId?: string;
}

export type TransferCancelReason = 'session-requeued' | 'target-left' | 'withdrawn';
export type RetargetReason = 'rule-agents-absent' | 'rule-changed';
/** Why an agent lost its sessions: it left, or (S8, one session) it did not reply in time. */
export type LeaveReason = 'agent-offline' | 'agent-disabled' | 'agent-frozen' | 'agent-no-response';

/** What the session module reports when a session ends, for R4's efficiency factor. */
export interface SessionStats {
  readonly agentReplied: boolean;
  readonly firstResponseSec?: number;
}

export type DeskEvent =
  | DomainEvent<'RoutingConfigured', { readonly settings: RoutingSettings } & At>
  | DomainEvent<'GroupCreated', { readonly groupId: string; readonly name: string } & At>
  | DomainEvent<'ChannelRuleSet', ChannelRule & At>
  | DomainEvent<'CustomerPinned', { readonly customerId: string } & AgentRef & At>
  | DomainEvent<'CustomerUnpinned', { readonly customerId: string } & At>
  | DomainEvent<'CustomerBlacklisted', { readonly customerId: string } & At>
  | DomainEvent<'CustomerUnblacklisted', { readonly customerId: string } & At>
  | DomainEvent<
      'AgentRegistered',
      AgentRef & {
        readonly name: string;
        readonly role: AgentRole;
        readonly groups: readonly string[];
        readonly maxSessions: number;
        readonly capability: number;
        readonly lifecycle: AgentLifecycle;
      } & At
    >
  | DomainEvent<'AgentLifecycleChanged', AgentRef & { readonly lifecycle: AgentLifecycle } & At>
  | DomainEvent<'AgentEnabledChanged', AgentRef & { readonly enabled: boolean } & At>
  | DomainEvent<'AgentStatusChanged', AgentRef & { readonly from: AgentStatus; readonly to: AgentStatus } & At>
  | DomainEvent<'AgentMaxSessionsChanged', AgentRef & { readonly from: number; readonly to: number } & At>
  | DomainEvent<'AgentCapabilityChanged', AgentRef & { readonly capability: number } & At>
  | DomainEvent<'AgentGroupsChanged', AgentRef & { readonly groups: readonly string[] } & At>
  | DomainEvent<'AgentRoleChanged', AgentRef & { readonly role: AgentRole } & At>
  | DomainEvent<
      'SessionQueued',
      SessionRef &
        RoutingRequestFields & {
          readonly target: QueueTarget;
          readonly via: PipelineStep | 'no-agent';
          /** Why it waits (absent in events written before decisions were recorded). */
          readonly decision?: QueueDecision;
        } & At
    >
  | DomainEvent<
      'SessionAssigned',
      SessionRef &
        AgentRef &
        RoutingRequestFields & {
          readonly via: AssignVia;
          readonly mode?: BaseMode;
          /** When the session had queued, if it had. */
          readonly queuedAt?: number;
          /** Why this agent (absent in events written before decisions were recorded). */
          readonly decision?: AssignmentDecision;
        } & At
    >
  /** A waiting session now waits for others: its rule's agents are gone and it falls back (R6, R8, R13), or its rule changed. */
  | DomainEvent<
      'QueueTargetChanged',
      SessionRef & { readonly from: QueueTarget; readonly to: QueueTarget; readonly reason: RetargetReason; readonly via?: PipelineStep | 'no-agent' } & At
    >
  /** The session's agent left (offline, disabled, frozen) and the shop requeues: the agent loses it, it waits ahead of later arrivals. */
  | DomainEvent<
      'SessionRequeued',
      SessionRef & RoutingRequestFields & { readonly from: string; readonly reason: LeaveReason; readonly target: QueueTarget; readonly via?: PipelineStep | 'no-agent' } & At
    >
  | DomainEvent<'SessionDiverted', SessionRef & { readonly customerId: string; readonly channel: string; readonly reason: 'blacklisted' | 'bypassed-channel' | 'keyword-reply' } & At>
  | DomainEvent<'SessionEnded', SessionRef & { readonly reason: EndReason; readonly agents: readonly string[]; readonly stats?: SessionStats } & At>
  | DomainEvent<'TransferRequested', SessionRef & { readonly requestId: string; readonly from: string; readonly to: string; readonly expiresAt: number; readonly note?: string } & At>
  | DomainEvent<'TransferDeclined', SessionRef & { readonly requestId: string } & At>
  | DomainEvent<'TransferExpired', SessionRef & { readonly requestId: string } & At>
  /** A pending transfer that will not happen: the session went back to routing, its target left, or it was withdrawn. */
  | DomainEvent<'TransferCancelled', SessionRef & { readonly requestId: string; readonly reason: TransferCancelReason } & At>
  | DomainEvent<
      'SessionTransferred',
      SessionRef & {
        readonly from: string;
        readonly to: string;
        readonly groupId?: string;
        readonly requestId?: string;
        readonly note?: string;
        /** A transfer to a group: why the group's routing chose this agent. */
        readonly decision?: AssignmentDecision;
      } & At
    >
  | DomainEvent<'CoAgentAdded', SessionRef & AgentRef & { readonly via: 'invitation' | 'barge-in'; readonly by: string } & At>
  | DomainEvent<'CoAgentLeft', SessionRef & AgentRef & At>;

export type DeskEventType = DeskEvent['type'];
export type DeskEventOf<T extends DeskEventType> = Extract<DeskEvent, { type: T }>;

const v1 = <C extends t.Mixed>(codec: C) => ({ schemaVersion: 1, codec });
const at = { at: timestamp };
const note = nonEmptyString(500);
/** S16: a transfer note is text an agent wrote about the session: sealed with the session's key, left out once it is destroyed. */
const transferNotePersonal: PersonalData<{ readonly sessionId: string; readonly note?: string }> = {
  subject: (data) => sessionSubject(data.sessionId),
  fields: { note: undefined },
};
const statsCodec = struct('SessionStats', { agentReplied: t.boolean }, { firstResponseSec: nonNegativeInt });
const assignVia = oneOf('AssignVia', ASSIGN_VIAS as [AssignVia, ...AssignVia[]]);
const queueVia = oneOf('QueueVia', [...PIPELINE_STEPS, 'no-agent']);
const requestRequired = { sessionId: sessionIdCodec, customerId: customerIdCodec, channel: channelCodec, vip: t.boolean };
const requestOptional = { entryGroupId: groupIdCodec, requestedAgentId: agentIdCodec };

export const deskEventDefinitions = {
  // Version 2: settings gained entry groups, requeue, the capacity rules and the runners-up count.
  RoutingConfigured: {
    schemaVersion: 2,
    codec: struct('RoutingConfigured', { settings: routingSettingsCodec, ...at }),
    upcasters: { 1: (data) => ({ ...(data as object), settings: upcastSettingsV1((data as { settings: Record<string, unknown> }).settings) }) },
  },
  GroupCreated: v1(struct('GroupCreated', { groupId: groupIdCodec, name: nonEmptyString(100), ...at })),
  ChannelRuleSet: v1(
    struct('ChannelRuleSet', { channel: channelCodec, groups: t.readonlyArray(groupIdCodec), agents: t.readonlyArray(agentIdCodec), enabled: t.boolean, ...at }),
  ),
  CustomerPinned: v1(struct('CustomerPinned', { customerId: customerIdCodec, agentId: agentIdCodec, ...at })),
  CustomerUnpinned: v1(struct('CustomerUnpinned', { customerId: customerIdCodec, ...at })),
  CustomerBlacklisted: v1(struct('CustomerBlacklisted', { customerId: customerIdCodec, ...at })),
  CustomerUnblacklisted: v1(struct('CustomerUnblacklisted', { customerId: customerIdCodec, ...at })),
  AgentRegistered: v1(
    struct('AgentRegistered', {
      agentId: agentIdCodec,
      name: nonEmptyString(100),
      role: agentRoleCodec,
      groups: t.readonlyArray(groupIdCodec),
      maxSessions: nonNegativeInt,
      capability: nonNegativeInt,
      lifecycle: lifecycleCodec,
      ...at,
    }),
  ),
  AgentLifecycleChanged: v1(struct('AgentLifecycleChanged', { agentId: agentIdCodec, lifecycle: lifecycleCodec, ...at })),
  AgentEnabledChanged: v1(struct('AgentEnabledChanged', { agentId: agentIdCodec, enabled: t.boolean, ...at })),
  AgentStatusChanged: v1(struct('AgentStatusChanged', { agentId: agentIdCodec, from: agentStatusCodec, to: agentStatusCodec, ...at })),
  AgentMaxSessionsChanged: v1(struct('AgentMaxSessionsChanged', { agentId: agentIdCodec, from: nonNegativeInt, to: nonNegativeInt, ...at })),
  AgentCapabilityChanged: v1(struct('AgentCapabilityChanged', { agentId: agentIdCodec, capability: nonNegativeInt, ...at })),
  AgentGroupsChanged: v1(struct('AgentGroupsChanged', { agentId: agentIdCodec, groups: t.readonlyArray(groupIdCodec), ...at })),
  AgentRoleChanged: v1(struct('AgentRoleChanged', { agentId: agentIdCodec, role: agentRoleCodec, ...at })),
  SessionQueued: v1(
    struct(
      'SessionQueued',
      { ...requestRequired, target: queueTargetCodec, via: queueVia, ...at },
      { ...requestOptional, decision: queueDecisionCodec },
    ),
  ),
  SessionAssigned: v1(
    struct(
      'SessionAssigned',
      { ...requestRequired, agentId: agentIdCodec, via: assignVia, ...at },
      { ...requestOptional, mode: baseModeCodec, queuedAt: timestamp, decision: assignmentDecisionCodec },
    ),
  ),
  QueueTargetChanged: v1(
    struct(
      'QueueTargetChanged',
      { sessionId: sessionIdCodec, from: queueTargetCodec, to: queueTargetCodec, reason: oneOf('RetargetReason', ['rule-agents-absent', 'rule-changed']), ...at },
      { via: queueVia },
    ),
  ),
  SessionRequeued: v1(
    struct(
      'SessionRequeued',
      {
        ...requestRequired,
        from: agentIdCodec,
        reason: oneOf('LeaveReason', ['agent-offline', 'agent-disabled', 'agent-frozen', 'agent-no-response']),
        target: queueTargetCodec,
        ...at,
      },
      { ...requestOptional, via: queueVia },
    ),
  ),
  SessionDiverted: v1(
    struct('SessionDiverted', {
      sessionId: sessionIdCodec,
      customerId: customerIdCodec,
      channel: channelCodec,
      reason: oneOf('DivertReason', ['blacklisted', 'bypassed-channel', 'keyword-reply']),
      ...at,
    }),
  ),
  SessionEnded: v1(
    struct(
      'SessionEnded',
      { sessionId: sessionIdCodec, reason: oneOf('EndReason', ['agent', 'timeout', 'closed', 'customer-left', 'system']), agents: t.readonlyArray(agentIdCodec), ...at },
      { stats: statsCodec },
    ),
  ),
  TransferRequested: {
    ...v1(
      struct(
        'TransferRequested',
        { sessionId: sessionIdCodec, requestId: nonEmptyString(200), from: agentIdCodec, to: agentIdCodec, expiresAt: timestamp, ...at },
        { note },
      ),
    ),
    personal: transferNotePersonal,
  },
  TransferDeclined: v1(struct('TransferDeclined', { sessionId: sessionIdCodec, requestId: nonEmptyString(200), ...at })),
  TransferExpired: v1(struct('TransferExpired', { sessionId: sessionIdCodec, requestId: nonEmptyString(200), ...at })),
  TransferCancelled: v1(
    struct('TransferCancelled', { sessionId: sessionIdCodec, requestId: nonEmptyString(200), reason: oneOf('CancelReason', ['session-requeued', 'target-left', 'withdrawn']), ...at }),
  ),
  SessionTransferred: {
    ...v1(
      struct(
        'SessionTransferred',
        { sessionId: sessionIdCodec, from: agentIdCodec, to: agentIdCodec, ...at },
        { groupId: groupIdCodec, requestId: nonEmptyString(200), note, decision: assignmentDecisionCodec },
      ),
    ),
    personal: transferNotePersonal,
  },
  CoAgentAdded: v1(
    struct('CoAgentAdded', { sessionId: sessionIdCodec, agentId: agentIdCodec, via: oneOf('CoAgentVia', ['invitation', 'barge-in']), by: nonEmptyString(200), ...at }),
  ),
  CoAgentLeft: v1(struct('CoAgentLeft', { sessionId: sessionIdCodec, agentId: agentIdCodec, ...at })),
} satisfies EventDefinitions<DeskEvent>;
