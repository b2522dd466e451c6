/** What one pipeline step can conclude about a new session. */
import type { AgentId } from '../domain/ids.js';
import type { BaseMode, QueueTarget } from './model.js';
import type { PipelineStep } from './settings.js';

/** How a session reached its agent: the step, or the later way (queue, manual pick, proactive, transfer). */
export type AssignVia = Exclude<PipelineStep, 'blacklist'> | 'queue' | 'manual-pick' | 'proactive';

export type RouteDecision =
  | { readonly kind: 'assign'; readonly agentId: AgentId; readonly via: AssignVia; readonly mode?: BaseMode }
  | { readonly kind: 'queue'; readonly target: QueueTarget; readonly via: PipelineStep | 'no-agent' }
  | { readonly kind: 'divert'; readonly reason: 'blacklisted' };

/** A step either decides or passes the session on to the next step. */
export type StepResult = RouteDecision | undefined;
