/** S9: auto-replies follow from conversation events: only the system (its reactions, a trusted backend) asks for them. */
import { noted, rules, type PolicyTable } from '../permissions/policy.js';
import type { AutoRepliesCommandType } from './autoRepliesCommands.js';

export const autoRepliesPolicy: PolicyTable<AutoRepliesCommandType> = {
  DecideStartReplies: noted(rules.systemOnly(), 'a reaction to ConversationOpened'),
  DecideQueueNotice: noted(rules.systemOnly(), "a reaction to the desk's SessionQueued"),
};
