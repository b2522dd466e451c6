/** P2: the shop's settings are changed by admins only, with the configuration permission (shopSettingsPolicy.ts). */
import { accessModule } from '../../../src/domain/access/accessModule.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import { shopSettingsModule } from '../../../src/domain/shopSettings/shopSettingsModule.js';
import { shopSettingsPolicy } from '../../../src/domain/shopSettings/shopSettingsPolicy.js';
import { permissionTableSuite } from '../../support/permissionTable.js';

permissionTableSuite('shop settings', {
  modules: [deskModule, shopSettingsModule, accessModule],
  table: shopSettingsPolicy,
  fixtures: {
    ChangeShopSettings: { command: (c) => ({ type: 'ChangeShopSettings', shopId: c.shopId, actor: c.actor, data: { autoReplies: { welcome: '欢迎' } } }) },
  },
});
