/**
 * P1/P3 for feedback (C5). A customer submits its own; staff with the
 * customer-service permission submit on a customer's behalf and take up any
 * pending item. Once an agent has started processing an item it is that agent's:
 * the reply and the completion are its own, a team lead's for its groups' agents,
 * an admin's for all; an item nobody has taken yet is anyone's (own). On top of
 * the table, P3: a feedback about a brand is touched only by staff whose roles
 * handle that brand (requireBrand, `actor.brand-not-allowed`).
 */
import { noted, rules, type PolicyTable } from '../permissions/policy.js';
import type { FeedbackCommandType } from './feedbackCommands.js';

const handled = noted(rules.session('customer-service'), "own = the actor started processing it, or nobody has yet; a team lead: its groups' agents'");

export const feedbackPolicy: PolicyTable<FeedbackCommandType> = {
  SubmitFeedback: noted({ ...rules.anyStaff('customer-service'), customer: 'own' }, 'a customer: its own feedback; staff: for any customer'),
  StartProcessingFeedback: noted(rules.anyStaff('customer-service'), 'any pending feedback; it becomes the actor\'s'),
  ReplyToFeedback: handled,
  CompleteFeedback: handled,
};
