/** S9/P1: only the system asks for auto-replies (autoRepliesPolicy.ts); the moment's session s1 exists in every case. */
import { accessModule } from '../../../src/domain/access/accessModule.js';
import { autoRepliesModule } from '../../../src/domain/autoReplies/autoRepliesModule.js';
import { autoRepliesPolicy } from '../../../src/domain/autoReplies/autoRepliesPolicy.js';
import type { AutoRepliesCommandType } from '../../../src/domain/autoReplies/autoRepliesCommands.js';
import { conversationModule } from '../../../src/domain/conversation/conversationModule.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import { shopSettingsModule } from '../../../src/domain/shopSettings/shopSettingsModule.js';
import { PERMISSION_SHOP, PERMISSION_T0, permissionTableSuite, type CaseContext, type PermissionFixture } from '../../support/permissionTable.js';

const opened = () => [
  {
    type: 'SendCustomerMessage',
    shopId: PERMISSION_SHOP,
    actor: { kind: 'customer' as const, id: 'c-own' },
    data: { sessionId: 's1', messageId: 'm0', customerId: 'c-own', content: { kind: 'text', text: 'hi' }, channel: 'app' },
  },
];

const moment = (type: AutoRepliesCommandType): PermissionFixture => ({
  setup: opened,
  command: (c: CaseContext) => ({ type, shopId: c.shopId, actor: c.actor, data: { customerId: 'c-own', sessionId: 's1', at: PERMISSION_T0 } }),
});

permissionTableSuite('auto-replies', {
  modules: [deskModule, conversationModule, shopSettingsModule, autoRepliesModule, accessModule],
  table: autoRepliesPolicy,
  fixtures: { DecideStartReplies: moment('DecideStartReplies'), DecideQueueNotice: moment('DecideQueueNotice') },
});
