/**
 * P1-P3 for the consultation summary: the category tree is configuration
 * (P2: admins, with the configuration permission); classifying a session is
 * session work (its agents, a team lead on the sessions of their groups, an
 * admin on any).
 */
import { noted, rules, type PolicyTable } from '../permissions/policy.js';
import type { SummaryCommandType } from './summaryCommands.js';

export const consultationSummaryPolicy: PolicyTable<SummaryCommandType> = {
  AddCategory: rules.adminOnly(),
  RenameCategory: rules.adminOnly(),
  MoveCategory: rules.adminOnly(),
  ReorderCategories: rules.adminOnly(),
  DeleteCategory: rules.adminOnly(),
  SeedDefaultCategories: rules.adminOnly(),
  ClassifySession: noted(rules.session(), 'own: an agent who took part in the session (even one who left)'),
};
