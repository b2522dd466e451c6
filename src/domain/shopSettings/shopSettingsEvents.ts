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
import { DEFAULT_RETENTION } from './retention.js';

export type ShopSettingsChanged = DomainEvent<
  'ShopSettingsChanged',
  { readonly version: number; readonly effectiveAt: number; readonly settings: ShopSettings; readonly changed: readonly SettingsPart[]; readonly at: number }
>;

export type ShopSettingsEvent = ShopSettingsChanged;

/** Version 2 (S16): the settings gained `retention`; a version written before kept everything. */
const upcastV1 = (data: unknown): unknown => {
  const v1 = data as { readonly settings: Record<string, unknown> };
  return { ...v1, settings: { ...v1.settings, retention: DEFAULT_RETENTION } };
};

export const shopSettingsEventDefinitions: EventDefinitions<ShopSettingsEvent> = {
  ShopSettingsChanged: {
    schemaVersion: 2,
    upcasters: { 1: upcastV1 },
    codec: struct('ShopSettingsChanged', {
      version: nonNegativeInt,
      effectiveAt: timestamp,
      settings: shopSettingsCodec,
      changed: t.readonlyArray(oneOf('SettingsPart', SETTINGS_PARTS)),
      at: timestamp,
    }),
  },
};
