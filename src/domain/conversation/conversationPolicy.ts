/**
 * The conversation's permission table (P1): a staff member writes and reads only
 * in a session it takes part in (its agent or a co-agent), whatever its role: an
 * admin or a team lead joins first (the desk's JoinSession, S6). The customer
 * writes, reads and tells its presence in its own session; the system mirrors the
 * desk, fires the deadlines and sends the auto messages.
 */
import { noted, rules, type PolicyTable } from '../permissions/policy.js';
import type { ConversationCommandType } from './conversationCommands.js';

const participant = noted(rules.participant(), 'own: it takes part in the session (an admin joins first)');

export const conversationPolicy: PolicyTable<ConversationCommandType> = {
  SendCustomerMessage: noted(rules.customerOwn(), 'own: the customer of the session (agents use SendAgentMessage)'),
  SendAgentMessage: participant,
  SendAnonymousReply: participant,
  AddInternalNote: participant,
  SendSystemMessage: noted(rules.systemOnly(), 'S9 auto messages'),
  MarkRead: noted(rules.participant('customer-service', 'own'), 'own: its customer, or a staff member taking part'),
  SetCustomerPresence: noted(rules.customerOwn(), "own: the session's customer"),
  RecordRouting: noted(rules.systemOnly(), "the desk's decisions, mirrored"),
  PromptNoResponse: noted(rules.systemOnly(), 'S8 deadline'),
  TimeOutNoResponse: noted(rules.systemOnly(), 'S8 deadline'),
};
