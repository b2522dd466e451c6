/**
 * P2 for moderation (S15): the sensitive words, their rule and the throttle are the
 * shop's configuration, set by admins with the configuration permission (客服配置权限).
 */
import { noted, rules, type PolicyTable } from '../permissions/policy.js';
import type { ModerationCommandType } from './moderationCommands.js';

const configuration = noted(rules.adminOnly(), "the shop's moderation settings");

export const moderationPolicy: PolicyTable<ModerationCommandType> = {
  SetSensitiveWords: configuration,
  AddSensitiveWords: configuration,
  RemoveSensitiveWords: configuration,
  SetSensitiveWordRule: configuration,
  SetMessageThrottle: configuration,
};
