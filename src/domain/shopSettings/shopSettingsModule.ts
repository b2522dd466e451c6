/**
 * The shop settings module: one stream per shop (`shop-settings-<shopId>`), a
 * version per change. Other modules read it as a reference (module.ts,
 * `references`) and use `settingsAt(state, t)`; no other module writes it.
 */
import { defineModule } from '../module.js';
import { permissionReferencesFor } from '../permissions/who.js';
import { shopSettingsCommandCodecs, type ShopSettingsCommand } from './shopSettingsCommands.js';
import { decideShopSettings, evolveShopSettings, settingsStream } from './shopSettingsDecide.js';
import { shopSettingsEventDefinitions, type ShopSettingsEvent } from './shopSettingsEvents.js';
import { initialShopSettingsState, type ShopSettingsState } from './settingsVersions.js';

export const shopSettingsModule = defineModule<ShopSettingsState, ShopSettingsCommand, ShopSettingsEvent>({
  name: 'shop-settings',
  commands: shopSettingsCommandCodecs,
  events: shopSettingsEventDefinitions,
  streamOf: (command) => settingsStream(command.meta.shopId),
  // P2: who is an admin (the desk) and with which permissions (access), for an agent's change.
  references: (command) => permissionReferencesFor(command.meta.shopId, command.meta.actor),
  decider: {
    initialState: initialShopSettingsState,
    decide: decideShopSettings,
    evolve: evolveShopSettings,
  },
});
