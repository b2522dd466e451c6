/**
 * P1: the conversation's permission table (conversationPolicy.ts) as a test. Each
 * case gets the conversation s1 of customer c-own, assigned to the case's owner
 * (the desk's decision mirrored by the system): a staff member writes and reads
 * there only if it is that owner; the customer only as itself.
 */
import { accessModule } from '../../../src/domain/access/accessModule.js';
import type { ConversationCommandType } from '../../../src/domain/conversation/conversationCommands.js';
import { conversationModule } from '../../../src/domain/conversation/conversationModule.js';
import { conversationPolicy } from '../../../src/domain/conversation/conversationPolicy.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import type { Actor } from '../../../src/domain/envelope.js';
import { PERMISSION_SHOP, PERMISSION_T0, permissionTableSuite, type CaseContext, type CommandInputLike, type PermissionFixture } from '../../support/permissionTable.js';

const system: Actor = { kind: 'system' };
const send = (type: ConversationCommandType, actor: Actor, data: unknown): CommandInputLike => ({ type, shopId: PERMISSION_SHOP, actor, data });
const text = (value: string) => ({ kind: 'text' as const, text: value });

/** s1: opened by c-own's first message, assigned to the owner. */
const conversationOf = (c: CaseContext): readonly CommandInputLike[] => [
  send('SendCustomerMessage', { kind: 'customer', id: 'c-own' }, { sessionId: 's1', messageId: 'm0', customerId: 'c-own', content: text('hi'), channel: 'app' }),
  send('RecordRouting', system, { sessionId: 's1', routingVersion: 1, at: PERMISSION_T0, change: { kind: 'assigned', agentId: c.owner, via: 'test' } }),
];

/** A staff message: the system names the agent it writes for (the owner). */
const staffWrites = (type: 'SendAgentMessage' | 'SendAnonymousReply' | 'AddInternalNote'): PermissionFixture => ({
  setup: conversationOf,
  command: (c) => send(type, c.actor, { sessionId: 's1', messageId: 'm1', content: text('hello'), ...(c.actor.kind === 'system' ? { agentId: c.owner } : {}) }),
});

const fired = (type: 'PromptNoResponse' | 'TimeOutNoResponse'): PermissionFixture => ({
  setup: conversationOf,
  command: (c) => send(type, c.actor, { sessionId: 's1', clock: 'customer', run: 1, since: PERMISSION_T0 }),
});

const fixtures: { readonly [K in ConversationCommandType]: PermissionFixture } = {
  SendCustomerMessage: { setup: conversationOf, command: (c) => send('SendCustomerMessage', c.actor, { sessionId: 's1', messageId: 'm1', customerId: c.customerId, content: text('still there?') }) },
  SendAgentMessage: staffWrites('SendAgentMessage'),
  SendAnonymousReply: staffWrites('SendAnonymousReply'),
  AddInternalNote: staffWrites('AddInternalNote'),
  SendSystemMessage: { setup: conversationOf, command: (c) => send('SendSystemMessage', c.actor, { sessionId: 's1', messageId: 'w1', text: '你好，欢迎光临' }) },
  MarkRead: { setup: conversationOf, command: (c) => send('MarkRead', c.actor, { sessionId: 's1', ...(c.actor.kind === 'system' ? { side: 'agent' } : {}) }) },
  SetCustomerPresence: { setup: conversationOf, command: (c) => send('SetCustomerPresence', c.actor, { sessionId: 's1', presence: 'away' }) },
  RecordRouting: { setup: conversationOf, command: (c) => send('RecordRouting', c.actor, { sessionId: 's1', routingVersion: 2, at: PERMISSION_T0, change: { kind: 'ended', reason: 'agent' } }) },
  PromptNoResponse: fired('PromptNoResponse'),
  TimeOutNoResponse: fired('TimeOutNoResponse'),
};

permissionTableSuite('conversation', { modules: [deskModule, conversationModule, accessModule], table: conversationPolicy, fixtures });
