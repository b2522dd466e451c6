/**
 * One event: a new version of the shop's settings, whole (bounded: a calendar and
 * a few texts), with the time it takes effect and the names of the parts that
 * changed. Whole versions make "what was in effect at t" a lookup, not a merge.
 */
import type { DomainEvent } from '../decider.js';
import type { EventDefinitions } from '../module.js';
import { nonNegativeInt, oneOf, struct, timestamp } from '../validation.js';
import * as t from 'io-ts';
import { shopSettingsCodec, SETTINGS_PARTS, type SettingsPart, type ShopSettings } from './shopSettingsShape.js';

export type ShopSettingsChanged = DomainEvent<
  'ShopSettingsChanged',
  { readonly version: number; readonly effectiveAt: number; readonly settings: ShopSettings; readonly changed: readonly SettingsPart[]; readonly at: number }
>;

export type ShopSettingsEvent = ShopSettingsChanged;

export const shopSettingsEventDefinitions: EventDefinitions<ShopSettingsEvent> = {
  ShopSettingsChanged: {
    schemaVersion: 1,
    codec: struct('ShopSettingsChanged', {
      version: nonNegativeInt,
      effectiveAt: timestamp,
      settings: shopSettingsCodec,
      changed: t.readonlyArray(oneOf('SettingsPart', SETTINGS_PARTS)),
      at: timestamp,
    }),
  },
};
