/** The whole of a shop's settings version, and its codec: the conversation settings plus the business calendar. */
import { struct } from '../validation.js';
import { autoRepliesCodec, defaultConversationSettings, timeoutsCodec, type ConversationSettings } from './shopSettings.js';

export const SETTINGS_PARTS = ['autoReplies', 'timeouts'] as const;
export type SettingsPart = (typeof SETTINGS_PARTS)[number];

export type ShopSettings = ConversationSettings;

export const defaultShopSettings: ShopSettings = defaultConversationSettings;

export const shopSettingsCodec = struct('ShopSettings', { autoReplies: autoRepliesCodec, timeouts: timeoutsCodec });
