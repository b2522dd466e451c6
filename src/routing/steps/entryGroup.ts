/**
 * R13 entry groups: a session that enters with a group (chosen by the entry point:
 * a menu choice, a product category, a page) is routed among that group's members,
 * by the base mode, independent of its channel. It waits for the group when its
 * members are there but all at max or busy; when none of them is online or busy it
 * falls back to the other agents, as R6 does for a channel, unless the shop sets
 * `entryGroupFallback: false`, and then it waits for the group.
 *
 * How it combines (R9, the default pipeline order): a customer pin (R7) and the
 * customer's own choice of agent (R8) come first; the entry group comes before the
 * channel rule, which then does not apply to that session (the entry point's choice
 * is the more specific one); inside the group, the returning customer's last agent
 * is preferred when it is a member and can take the session (R1 within the group).
 */
import type { StepResult } from '../decision.js';
import { designatedDecision } from '../decisionTrace.js';
import { canAutoTake } from '../eligibility.js';
import type { RoutingRequest } from '../model.js';
import type { RoutingView } from '../view.js';
import type { StepContext } from './context.js';
import { poolRuleStep } from './poolRule.js';
import { recentContactOf } from './sticky.js';

export const entryGroupStep = (view: RoutingView, request: RoutingRequest, context: StepContext): StepResult => {
  const groupId = request.entryGroupId;
  if (groupId === undefined) return undefined;
  const last = recentContactOf(view, request, context);
  if (last !== undefined && last.groups.includes(groupId) && canAutoTake(last, view.settings.adminsExcluded)) {
    return { kind: 'assign', agentId: last.id, via: 'entry-group', decision: { ...designatedDecision(view, 'entry-group', last.id), trigger: 'recent contact, a member of the group' } };
  }
  return poolRuleStep(view, { step: 'entry-group', groups: [groupId], agents: [], fallback: view.settings.entryGroupFallback }, context);
};
