/**
 * P1-P3 for the session review: who may do what (policy.ts). A session's own
 * agent (or co-agent) invites, tags and stars; a team lead on the sessions of
 * their groups; an admin on any. Only the session's customer rates; only the
 * system forces the end-of-session invitation.
 */
import { noted, rules, type PolicyTable } from '../permissions/policy.js';
import type { ReviewCommandType } from './reviewCommands.js';

export const reviewPolicy: PolicyTable<ReviewCommandType> = {
  InviteRating: noted(rules.session(), 'own: the agent or a co-agent of the session now'),
  ForceRating: noted(rules.systemOnly(), 'sent by a reaction when the conversation ends'),
  RateSession: noted(rules.customerOwn(), "own: the session's customer"),
  TagSession: noted(rules.session(), 'own: an agent who took part in the session (even one who left)'),
  UntagSession: noted(rules.session(), 'own: an agent who took part in the session (even one who left)'),
  StarSession: noted(rules.session(), "own: an agent who took part; the star is the actor's own"),
  UnstarSession: noted(rules.session(), "own: an agent who took part; the star is the actor's own"),
};
