/**
 * The versions of a shop's settings in effect order, and what was in effect at an
 * instant: a binary search over effective times. Before the first version the
 * defaults apply (version 0).
 */
import { inForceAt } from '../effectiveAt.js';
import { defaultShopSettings, type ShopSettings } from './shopSettingsShape.js';

export interface SettingsVersion {
  readonly version: number;
  readonly effectiveAt: number;
  readonly settings: ShopSettings;
}

export interface ShopSettingsState {
  /** In ascending effectiveAt (the decider keeps it so). */
  readonly versions: readonly SettingsVersion[];
}

export const initialShopSettingsState = (): ShopSettingsState => ({ versions: [] });

const DEFAULTS: SettingsVersion = { version: 0, effectiveAt: 0, settings: defaultShopSettings };

/** The version in effect at `at`: the last one whose effectiveAt <= at. */
export const versionAt = (state: ShopSettingsState | undefined, at: number): SettingsVersion => inForceAt(state?.versions ?? [], at, DEFAULTS);

export const settingsAt = (state: ShopSettingsState | undefined, at: number): ShopSettings => versionAt(state, at).settings;

/** The newest version, scheduled or in effect. */
export const latestVersion = (state: ShopSettingsState): SettingsVersion => state.versions[state.versions.length - 1] ?? DEFAULTS;
