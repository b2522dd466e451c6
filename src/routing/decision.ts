/** What one pipeline step can conclude about a new session, with the decision it records. */
import type { AgentId } from '../domain/ids.js';
import type { BaseMode, QueueTarget } from './model.js';
import type { PipelineStep } from './settings.js';
import type { AssignmentDecision, QueueDecision } from './trace.js';

/**
 * How a session reached its agent: the pipeline step, or the later way (from the
 * queue, a manual pick, an outreach, back to routing after its agent left).
 */
export type AssignVia = Exclude<PipelineStep, 'blacklist'> | 'queue' | 'manual-pick' | 'proactive' | 'requeue';

export const ASSIGN_VIAS: readonly AssignVia[] = ['customer-pin', 'customer-choice', 'entry-group', 'channel-pin', 'sticky', 'base-mode', 'queue', 'manual-pick', 'proactive', 'requeue'];

export type RouteDecision =
  | { readonly kind: 'assign'; readonly agentId: AgentId; readonly via: AssignVia; readonly mode?: BaseMode; readonly decision: AssignmentDecision }
  | { readonly kind: 'queue'; readonly target: QueueTarget; readonly via: PipelineStep | 'no-agent'; readonly decision: QueueDecision }
  | { readonly kind: 'divert'; readonly reason: 'blacklisted' };

/** A step either decides or passes the session on to the next step. */
export type StepResult = RouteDecision | undefined;
