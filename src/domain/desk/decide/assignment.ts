/** The events that put a session with an agent or in the queue, built in one place from its routing request. */
import type { AgentId } from '../../ids.js';
import type { AssignVia } from '../../../routing/decision.js';
import type { BaseMode, QueueTarget, RoutingRequest } from '../../../routing/model.js';
import type { PipelineStep } from '../../../routing/settings.js';
import type { AssignmentDecision, QueueDecision } from '../../../routing/trace.js';
import type { DeskEvent, RoutingRequestFields } from '../deskEvents.js';
import type { DeskSession, DeskState } from '../deskState.js';
import type { RouteDecision } from '../../../routing/decision.js';
import { route } from '../../../routing/pipeline.js';
import type { StepContext } from '../../../routing/steps/context.js';
import type { QueueEntry } from '../../../routing/queue.js';

/** What routing needs to route a session (again): the request it arrived with. */
export const requestOfSession = (session: DeskSession): RoutingRequest => ({
  sessionId: session.sessionId,
  customerId: session.customerId,
  channel: session.channel,
  vip: session.vip,
  ...(session.requestedAgentId === undefined ? {} : { requestedAgentId: session.requestedAgentId }),
  ...(session.entryGroupId === undefined ? {} : { entryGroupId: session.entryGroupId }),
});

export const requestFields = (request: RoutingRequest): RoutingRequestFields => ({
  customerId: request.customerId,
  channel: request.channel,
  vip: request.vip,
  ...(request.entryGroupId === undefined ? {} : { entryGroupId: request.entryGroupId }),
  ...(request.requestedAgentId === undefined ? {} : { requestedAgentId: request.requestedAgentId }),
});

export interface Assignment {
  readonly request: RoutingRequest;
  readonly agentId: AgentId;
  readonly via: AssignVia;
  readonly decision: AssignmentDecision;
  readonly at: number;
  readonly mode?: BaseMode | undefined;
  /** When it started waiting, if it waited. */
  readonly queuedAt?: number | undefined;
}

export const assignedEvent = (a: Assignment): DeskEvent => ({
  type: 'SessionAssigned',
  data: {
    sessionId: a.request.sessionId,
    agentId: a.agentId,
    ...requestFields(a.request),
    via: a.via,
    ...(a.mode === undefined ? {} : { mode: a.mode }),
    ...(a.queuedAt === undefined ? {} : { queuedAt: a.queuedAt }),
    decision: a.decision,
    at: a.at,
  },
});

export const queuedEvent = (request: RoutingRequest, target: QueueTarget, via: PipelineStep | 'no-agent', decision: QueueDecision, at: number): DeskEvent => ({
  type: 'SessionQueued',
  data: { sessionId: request.sessionId, ...requestFields(request), target, via, decision, at },
});

/** The request of a queued entry: its session's, which holds what it arrived with. */
export const requestOfEntry = (entry: QueueEntry, session: DeskSession | undefined): RoutingRequest =>
  session === undefined ? { sessionId: entry.sessionId, customerId: entry.customerId, channel: entry.channel, vip: entry.vip } : requestOfSession(session);

/**
 * Routing a session already at the desk again (a waiter whose rule fell back, a
 * session whose agent left): the same pipeline as for an arrival, but the blacklist
 * (S12) is for new sessions only: a customer blacklisted while at the desk keeps
 * the session it has.
 */
export const routeAgain = (state: DeskState, request: RoutingRequest, context: StepContext): RouteDecision =>
  route(state.blacklist.has(request.customerId) ? { ...state, blacklist: state.blacklist.delete(request.customerId) } : state, request, context);
