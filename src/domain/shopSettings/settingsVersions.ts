/**
 * The versions of a shop's settings in effect order, and what was in effect at an
 * instant: a binary search over effective times. Before the first version the
 * defaults apply (version 0).
 */
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
export const versionAt = (state: ShopSettingsState | undefined, at: number): SettingsVersion => {
  const versions = state?.versions ?? [];
  let low = 0;
  let high = versions.length - 1;
  let found: SettingsVersion = DEFAULTS;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const candidate = versions[mid]!;
    if (candidate.effectiveAt <= at) {
      found = candidate;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
};

export const settingsAt = (state: ShopSettingsState | undefined, at: number): ShopSettings => versionAt(state, at).settings;

/** The newest version, scheduled or in effect. */
export const latestVersion = (state: ShopSettingsState): SettingsVersion => state.versions[state.versions.length - 1] ?? DEFAULTS;
