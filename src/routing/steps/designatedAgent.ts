/**
 * Shared by the steps that name one agent (a customer pin, a customer's choice):
 * the agent takes the session if it can, otherwise the session waits for it.
 * Explicit designations reach admins even when admins are left out of
 * auto-assignment (A5 is about automatic spreading, not about named agents).
 */
import type { AgentId } from '../../domain/ids.js';
import type { AssignVia, StepResult } from '../decision.js';
import { designatedDecision, queueDecision } from '../decisionTrace.js';
import { canAutoTake, isPresent as agentIsPresent } from '../eligibility.js';
import type { RoutingView } from '../view.js';

export const designatedAgentCanTake = (view: RoutingView, agentId: AgentId): boolean => {
  const agent = view.agents.get(agentId);
  return agent !== undefined && canAutoTake(agent, false);
};

export const isPresent = (view: RoutingView, agentId: AgentId): boolean => {
  const agent = view.agents.get(agentId);
  return agent !== undefined && agentIsPresent(agent);
};

export const assignOrWaitFor = (view: RoutingView, agentId: AgentId, via: AssignVia & ('customer-pin' | 'customer-choice')): StepResult =>
  designatedAgentCanTake(view, agentId)
    ? { kind: 'assign', agentId, via, decision: designatedDecision(view, via, agentId) }
    : { kind: 'queue', target: { kind: 'agent', agentId }, via, decision: queueDecision(view, via, { agents: [agentId] }) };
