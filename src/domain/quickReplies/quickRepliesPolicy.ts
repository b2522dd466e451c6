/**
 * Q1 / P1: who manages which phrases. The manual: team phrases are created,
 * ordered and deleted by admins ("普通客服只能浏览和搜索团队快捷短语"); each agent
 * manages its own personal phrases ("每个客服都可以对个人快捷短语进行新建、排序、删除").
 *
 * One rule for every command, `ownOrAdmin`: an admin reaches everything, a team
 * lead or an agent only its own. What is "own" is the scope's (quickRepliesDecide.ts,
 * `relationOf`): a personal scope is the actor's own when it names the actor; the
 * team scope is nobody's own, so only admins (and the system) manage team phrases.
 *
 * The permission is `customer-service` (客服权限), the menu the phrases are used
 * and edited from, not `customer-service-configuration`: an agent whose role lacks
 * the configuration menu still keeps its personal phrases, and for the team's the
 * admin role already decides.
 */
import { noted, rules, type PolicyTable } from '../permissions/policy.js';
import type { QuickRepliesCommandType } from './quickRepliesCommands.js';

const manage = noted(rules.ownOrAdmin('customer-service'), 'own = personal phrases of the actor (scope.agentId); team phrases: admins only');

export const quickRepliesPolicy: PolicyTable<QuickRepliesCommandType> = {
  CreatePhraseGroup: manage,
  RenamePhraseGroup: manage,
  DeletePhraseGroup: manage,
  AddPhrase: manage,
  EditPhrase: manage,
  MovePhrase: manage,
  DeletePhrase: manage,
  ImportPhrases: manage,
};
