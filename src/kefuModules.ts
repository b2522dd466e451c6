/**
 * Every domain module kefu ships, in one list (exported from `kefu`): what an
 * engine that runs all of kefu passes to createEngine, what `kefu replay` and the
 * other commands decode a log with, what `given(...)` finds a command's module in,
 * and what a tester hands to anyCommandArbitrary.
 */
import { accessModule } from './domain/access/accessModule.js';
import { autoRepliesModule } from './domain/autoReplies/autoRepliesModule.js';
import { consultationSummaryModule } from './domain/consultationSummary/summaryModule.js';
import { conversationModule } from './domain/conversation/conversationModule.js';
import { customersModule } from './domain/customers/customersModule.js';
import { deskModule } from './domain/desk/deskModule.js';
import { feedbackModule } from './domain/feedback/feedbackModule.js';
import type { AnyModule } from './domain/module.js';
import { moderationModule } from './domain/moderation/moderationModule.js';
import { orderModule } from './domain/orders/orderModule.js';
import { quickRepliesModule } from './domain/quickReplies/quickRepliesModule.js';
import { reviewModule } from './domain/review/reviewModule.js';
import { shopSettingsModule } from './domain/shopSettings/shopSettingsModule.js';
import { ticketIndexModule } from './tickets/index/ticketIndexModule.js';
import { ticketSettingsModule } from './tickets/settings/ticketSettingsModule.js';
import { ticketModule } from './tickets/ticket/ticketModule.js';

export const KEFU_MODULES: readonly AnyModule[] = [
  deskModule,
  conversationModule,
  shopSettingsModule,
  autoRepliesModule,
  reviewModule,
  consultationSummaryModule,
  moderationModule,
  quickRepliesModule,
  customersModule,
  feedbackModule,
  accessModule,
  ticketSettingsModule,
  ticketModule,
  ticketIndexModule,
  orderModule,
];
