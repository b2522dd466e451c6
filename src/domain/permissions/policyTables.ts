/**
 * P1-P3 declared once: every module's permission table, keyed by the module's
 * name. The permission table tests, the coverage test (every command of every
 * module has exactly one rule) and the README's permission table
 * (tools/permissionTable.ts) all read this record, so they cannot drift.
 * A new module adds its `<module>Policy` here.
 */
import { accessPolicy } from '../access/accessPolicy.js';
import { autoRepliesPolicy } from '../autoReplies/autoRepliesPolicy.js';
import { consultationSummaryPolicy } from '../consultationSummary/consultationSummaryPolicy.js';
import { conversationPolicy } from '../conversation/conversationPolicy.js';
import { customersPolicy } from '../customers/customersPolicy.js';
import { deskPolicy } from '../desk/deskPolicy.js';
import { feedbackPolicy } from '../feedback/feedbackPolicy.js';
import { orderPolicy } from '../orders/orderPolicy.js';
import { moderationPolicy } from '../moderation/moderationPolicy.js';
import { quickRepliesPolicy } from '../quickReplies/quickRepliesPolicy.js';
import { reviewPolicy } from '../review/reviewPolicy.js';
import { shopSettingsPolicy } from '../shopSettings/shopSettingsPolicy.js';
import type { CommandRule } from './policy.js';
import { ticketSettingsPolicy } from '../../tickets/settings/ticketSettingsPolicy.js';
import { ticketPolicy } from '../../tickets/ticket/ticketPolicy.js';
import { ticketIndexPolicy } from '../../tickets/index/ticketIndexPolicy.js';

/** In the README's order: the desk, the conversation and what hangs off it, then configuration. */
export const policyTables = {
  desk: deskPolicy,
  conversation: conversationPolicy,
  review: reviewPolicy,
  'consultation-summary': consultationSummaryPolicy,
  'quick-replies': quickRepliesPolicy,
  customers: customersPolicy,
  feedback: feedbackPolicy,
  'auto-replies': autoRepliesPolicy,
  'shop-settings': shopSettingsPolicy,
  moderation: moderationPolicy,
  access: accessPolicy,
  'ticket-settings': ticketSettingsPolicy,
  ticket: ticketPolicy,
  'ticket-index': ticketIndexPolicy,
  order: orderPolicy,
} as const satisfies Readonly<Record<string, Readonly<Record<string, CommandRule>>>>;

export type PolicyModuleName = keyof typeof policyTables;

/** Every rule as one row: the module, the command and its rule, in the tables' order. */
export const policyRows = (): readonly { readonly module: string; readonly command: string; readonly rule: CommandRule }[] =>
  Object.entries(policyTables).flatMap(([module, table]) => Object.entries(table as Readonly<Record<string, CommandRule>>).map(([command, rule]) => ({ module, command, rule })));
