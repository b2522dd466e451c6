/**
 * One pass over a shop's decoded log (desk and conversation events, in global
 * order) that keeps what a recorded day is made of: each session's arrival,
 * first assignment, holders, replies and end; each agent's status, availability,
 * settings and load as snapshots in time; the queue's length; the routing
 * settings in force. Pure: recordedDay.ts turns the fold into a workload and the
 * outcome that really happened.
 */
import type { ConversationEvent } from '../domain/conversation/conversation.js';
import { isReply } from '../domain/conversation/messages.js';
import type { DeskEvent, EndReason } from '../domain/desk/deskEvents.js';
import type { ProjectedEvent } from '../projections/projection.js';
import type { AgentLifecycle, AgentStatus } from '../routing/model.js';
import type { RoutingSettings } from '../routing/settings.js';
import type { QueueSample } from './workload.js';

export interface RecordedSession {
  readonly sessionId: string;
  customerId: string;
  channel: string;
  vip: boolean;
  entryGroup?: string;
  /** The customer's first message (ConversationOpened), else the desk's first word on it. */
  arrivedAt: number;
  assignedAt?: number;
  agentId?: string;
  via?: string;
  holder?: string;
  queued: boolean;
  endedAt?: number;
  endReason?: EndReason;
  /** It ended while waiting (queued or requeued, no holder): the customer left unserved. */
  endedWaiting?: boolean;
  /** Agent-started (R16's outreach): not routed, left out of the day. */
  proactive: boolean;
  diverted: boolean;
  /** The desk routed it (queued or assigned): a conversation the desk never saw is not an arrival. */
  routed: boolean;
  customerMessages: number[];
  replies: number[];
  transfers: number;
  requeues: number;
}

/** An agent's state from `at` until its next snapshot. */
export interface AgentSnapshot {
  readonly at: number;
  readonly status: AgentStatus;
  readonly enabled: boolean;
  readonly lifecycle: AgentLifecycle;
  readonly maxSessions: number;
  /** Sessions of the day it holds. */
  readonly held: number;
}

export interface RecordedAgent {
  readonly agentId: string;
  groups: readonly string[];
  maxSessions: number;
  capability: number;
  /** Settings changed after registration (reported with the assumptions). */
  changes: string[];
  received: number;
  readonly snapshots: AgentSnapshot[];
}

export interface RecordedLog {
  readonly sessions: Map<string, RecordedSession>;
  readonly agents: Map<string, RecordedAgent>;
  readonly groups: Set<string>;
  /** Every change of the queue's length, one a change, several at one instant (sessions of the window only). */
  readonly queue: QueueSample[];
  /** RoutingConfigured, in order. */
  readonly routing: { readonly at: number; readonly settings: RoutingSettings }[];
  readonly pins: Map<string, string>;
  readonly events: number;
  readonly commands: number;
  /** Whether the log has the conversations (messages): without them first responses are unknown. */
  readonly conversations: boolean;
  readonly firstAt?: number;
  readonly lastAt?: number;
}

export interface FoldWindow {
  readonly shopId: string;
  /** Sessions that arrive before it, or at or after `to`, are not the day's. */
  readonly from: number;
  readonly to: number;
}

type DayEvent = ProjectedEvent<DeskEvent | ConversationEvent>;

/** Folds the log; events of other shops and of other modules are passed over. */
export const foldRecordedLog = (events: Iterable<ProjectedEvent>, window: FoldWindow): RecordedLog => {
  const sessions = new Map<string, RecordedSession>();
  const agents = new Map<string, RecordedAgent>();
  const groups = new Set<string>();
  const queue: QueueSample[] = [];
  const routing: { at: number; settings: RoutingSettings }[] = [];
  const pins = new Map<string, string>();
  const causes = new Set<string>();
  /** Sessions whose arrival falls outside the window: their events are passed over. */
  const outside = new Set<string>();
  let queueLength = 0;
  let conversations = false;
  let count = 0;
  let firstAt: number | undefined;
  let lastAt: number | undefined;

  const inWindow = (at: number) => at >= window.from && at < window.to;
  const setQueue = (at: number, delta: number) => {
    queueLength += delta;
    queue.push({ at, length: queueLength });
  };
  const snapshot = (agent: RecordedAgent, at: number, change: Partial<Omit<AgentSnapshot, 'at'>>) => {
    const last = agent.snapshots[agent.snapshots.length - 1] as AgentSnapshot;
    const next = { ...last, ...change, at };
    if (last.at === at) agent.snapshots[agent.snapshots.length - 1] = next;
    else agent.snapshots.push(next);
  };
  const hold = (agentId: string | undefined, at: number, delta: number) => {
    const agent = agentId === undefined ? undefined : agents.get(agentId);
    if (agent === undefined) return;
    const last = agent.snapshots[agent.snapshots.length - 1] as AgentSnapshot;
    snapshot(agent, at, { held: last.held + delta });
  };
  /** The session of the day an event is about, opened at its first word; undefined when it is not the day's. */
  const sessionOf = (sessionId: string, at: number, fields?: { customerId: string; channel: string; vip: boolean; entryGroupId?: string }): RecordedSession | undefined => {
    if (outside.has(sessionId)) return undefined;
    const known = sessions.get(sessionId);
    if (known !== undefined) {
      if (fields !== undefined && known.customerId === '') Object.assign(known, { customerId: fields.customerId, channel: fields.channel, vip: fields.vip });
      if (fields?.entryGroupId !== undefined && known.entryGroup === undefined) known.entryGroup = fields.entryGroupId;
      return known;
    }
    if (!inWindow(at)) {
      outside.add(sessionId);
      return undefined;
    }
    const session: RecordedSession = {
      sessionId,
      customerId: fields?.customerId ?? '',
      channel: fields?.channel ?? '',
      vip: fields?.vip ?? false,
      ...(fields?.entryGroupId === undefined ? {} : { entryGroup: fields.entryGroupId }),
      arrivedAt: at,
      queued: false,
      proactive: false,
      diverted: false,
      routed: false,
      customerMessages: [],
      replies: [],
      transfers: 0,
      requeues: 0,
    };
    sessions.set(sessionId, session);
    return session;
  };
  const received = (agentId: string, at: number) => {
    const agent = agents.get(agentId);
    if (agent !== undefined && inWindow(at)) agent.received++;
  };
  const changed = (agentId: string, at: number, what: string) => {
    const agent = agents.get(agentId);
    if (agent !== undefined && agent.snapshots[0] !== undefined && at > (agent.snapshots[0] as AgentSnapshot).at && at < window.to) agent.changes.push(what);
  };

  for (const raw of events) {
    if (raw.metadata.shopId !== window.shopId) continue;
    const event = raw as DayEvent;
    const at = typeof (event.data as { at?: unknown }).at === 'number' ? (event.data as { at: number }).at : event.metadata.occurredAt;
    count++;
    causes.add(event.metadata.causationId);
    firstAt ??= at;
    lastAt = at;
    switch (event.type) {
      case 'RoutingConfigured':
        routing.push({ at, settings: event.data.settings });
        break;
      case 'GroupCreated':
        groups.add(event.data.groupId);
        break;
      case 'CustomerPinned':
        if (at < window.to) pins.set(event.data.customerId, event.data.agentId);
        break;
      case 'CustomerUnpinned':
        if (at < window.to) pins.delete(event.data.customerId);
        break;
      case 'AgentRegistered': {
        const d = event.data;
        for (const g of d.groups) groups.add(g);
        agents.set(d.agentId, {
          agentId: d.agentId,
          groups: d.groups,
          maxSessions: d.maxSessions,
          capability: d.capability,
          changes: [],
          received: 0,
          snapshots: [{ at, status: 'offline', enabled: true, lifecycle: d.lifecycle, maxSessions: d.maxSessions, held: 0 }],
        });
        break;
      }
      case 'AgentStatusChanged': {
        const agent = agents.get(event.data.agentId);
        if (agent !== undefined) snapshot(agent, at, { status: event.data.to });
        break;
      }
      case 'AgentEnabledChanged': {
        const agent = agents.get(event.data.agentId);
        if (agent !== undefined) snapshot(agent, at, { enabled: event.data.enabled });
        break;
      }
      case 'AgentLifecycleChanged': {
        const agent = agents.get(event.data.agentId);
        if (agent !== undefined) snapshot(agent, at, { lifecycle: event.data.lifecycle });
        break;
      }
      case 'AgentMaxSessionsChanged': {
        const agent = agents.get(event.data.agentId);
        if (agent === undefined) break;
        changed(agent.agentId, at, `max sessions ${event.data.from} -> ${event.data.to}`);
        if (at < window.to) agent.maxSessions = event.data.to;
        snapshot(agent, at, { maxSessions: event.data.to });
        break;
      }
      case 'AgentCapabilityChanged': {
        const agent = agents.get(event.data.agentId);
        if (agent === undefined || at >= window.to) break;
        changed(agent.agentId, at, `capability -> ${event.data.capability}`);
        agent.capability = event.data.capability;
        break;
      }
      case 'AgentGroupsChanged': {
        const agent = agents.get(event.data.agentId);
        if (agent === undefined || at >= window.to) break;
        changed(agent.agentId, at, `groups -> ${event.data.groups.join(', ') || 'none'}`);
        agent.groups = event.data.groups;
        for (const g of event.data.groups) groups.add(g);
        break;
      }
      case 'ConversationOpened': {
        const d = event.data;
        conversations = true;
        sessionOf(d.sessionId, at, { customerId: d.customerId, channel: d.channel, vip: d.vip, ...(d.entryGroupId === undefined ? {} : { entryGroupId: d.entryGroupId }) });
        break;
      }
      case 'MessageSent': {
        const session = sessions.get(event.data.sessionId);
        if (session === undefined) break;
        if (event.data.sender.kind === 'customer') session.customerMessages.push(at);
        else if (isReply(event.data.kind, event.data.sender)) session.replies.push(at);
        break;
      }
      case 'SessionQueued': {
        const session = sessionOf(event.data.sessionId, at, event.data);
        if (session === undefined) break;
        session.routed = true;
        if (session.queued) break;
        session.queued = true;
        setQueue(at, 1);
        break;
      }
      case 'SessionAssigned': {
        const d = event.data;
        const session = sessionOf(d.sessionId, at, d);
        if (session === undefined) break;
        session.routed = true;
        if (d.via === 'proactive' && session.assignedAt === undefined) session.proactive = true;
        if (session.queued) {
          session.queued = false;
          setQueue(at, -1);
        }
        if (session.assignedAt === undefined) {
          session.assignedAt = at;
          session.agentId = d.agentId;
          session.via = d.via;
        }
        session.holder = d.agentId;
        if (!session.proactive) {
          received(d.agentId, at);
          hold(d.agentId, at, 1);
        }
        break;
      }
      case 'SessionTransferred': {
        const session = sessions.get(event.data.sessionId);
        if (session === undefined || session.proactive) break;
        session.transfers++;
        hold(event.data.from, at, -1);
        hold(event.data.to, at, 1);
        received(event.data.to, at);
        session.holder = event.data.to;
        break;
      }
      case 'SessionRequeued': {
        const session = sessions.get(event.data.sessionId);
        if (session === undefined || session.proactive) break;
        session.requeues++;
        hold(event.data.from, at, -1);
        delete session.holder;
        if (!session.queued) {
          session.queued = true;
          setQueue(at, 1);
        }
        break;
      }
      case 'SessionDiverted': {
        const session = sessionOf(event.data.sessionId, at, { customerId: event.data.customerId, channel: event.data.channel, vip: false });
        if (session !== undefined) session.diverted = true;
        break;
      }
      case 'SessionEnded': {
        const session = sessions.get(event.data.sessionId);
        if (session === undefined || session.endedAt !== undefined) break;
        session.endedAt = at;
        session.endReason = event.data.reason;
        session.endedWaiting = session.queued || session.holder === undefined;
        if (session.queued) {
          session.queued = false;
          setQueue(at, -1);
        }
        if (session.holder !== undefined && !session.proactive) hold(session.holder, at, -1);
        delete session.holder;
        break;
      }
      default:
        break;
    }
  }
  return {
    sessions,
    agents,
    groups,
    queue,
    routing,
    pins,
    events: count,
    commands: causes.size,
    conversations,
    ...(firstAt === undefined ? {} : { firstAt }),
    ...(lastAt === undefined ? {} : { lastAt }),
  };
};
