/**
 * ChangeShopSettings: admins change some parts of the settings, from now or from a
 * later time. Parts not named keep the values of the version in effect before.
 */
import type { Command } from '../command.js';
import { struct, timestamp } from '../validation.js';
import { calendarCodec } from '../calendar/calendarCodec.js';
import type { Calendar } from '../calendar/calendarTypes.js';
import { autoRepliesChangeCodec, timeoutsChangeCodec, type AutoReplies, type Timeouts } from './shopSettings.js';
import { retentionCodec, type Retention } from './retention.js';

export interface ShopSettingsChange {
  /** When the new version takes effect; the command's time when absent. Never earlier than that, nor than a version already scheduled. */
  readonly effectiveAt?: number;
  /** The business calendar, whole (its definition: see src/domain/calendar). */
  readonly businessHours?: Calendar;
  readonly autoReplies?: Partial<AutoReplies>;
  readonly timeouts?: Partial<Timeouts>;
  /** S16: how long the sessions' contents are kept. */
  readonly retention?: Retention;
}

export type ShopSettingsCommand = Command<'ChangeShopSettings', ShopSettingsChange>;

export const shopSettingsCommandCodecs = {
  ChangeShopSettings: struct('ChangeShopSettings', {}, { effectiveAt: timestamp, businessHours: calendarCodec, autoReplies: autoRepliesChangeCodec, timeouts: timeoutsChangeCodec, retention: retentionCodec }),
};
