/**
 * The whole of a shop's settings version, and its codec: the business calendar
 * (stored as its definition, held compiled) plus the conversation settings.
 * Until a shop sets its hours it is open 24x7 in Asia/Shanghai: the zone still
 * gives the natural day of the once-a-day welcome.
 */
import { calendarCodec } from '../calendar/calendarCodec.js';
import type { Calendar } from '../calendar/calendarTypes.js';
import { compileCalendar } from '../calendar/compile.js';
import { struct } from '../validation.js';
import { autoRepliesCodec, defaultConversationSettings, timeoutsCodec, type ConversationSettings } from './shopSettings.js';
import { DEFAULT_RETENTION, retentionCodec, type Retention } from './retention.js';

export const SETTINGS_PARTS = ['businessHours', 'autoReplies', 'timeouts', 'retention'] as const;
export type SettingsPart = (typeof SETTINGS_PARTS)[number];

export interface ShopSettings extends ConversationSettings {
  readonly businessHours: Calendar;
  /** S16: how long the sessions' contents are kept (retention.ts). */
  readonly retention: Retention;
}

export const DEFAULT_ZONE = 'Asia/Shanghai';

export const defaultShopSettings: ShopSettings = {
  businessHours: compileCalendar({ kind: '24x7', zone: DEFAULT_ZONE }),
  ...defaultConversationSettings,
  retention: DEFAULT_RETENTION,
};

export const shopSettingsCodec = struct('ShopSettings', { businessHours: calendarCodec, autoReplies: autoRepliesCodec, timeouts: timeoutsCodec, retention: retentionCodec });
