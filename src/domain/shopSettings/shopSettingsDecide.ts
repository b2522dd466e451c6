/**
 * Deciding a settings change. P2: admins only (shopSettingsPolicy.ts); who is an
 * admin is the desk's knowledge and the configuration permission the access
 * module's, both read as references for an agent's command, never written.
 * A change never takes effect in the past (what was in effect at an instant is
 * fixed once it has passed, so reports replay exactly) nor before a version
 * already scheduled (versions stay in effect order). A change that changes nothing
 * is a no-op.
 */
import * as E from 'fp-ts/lib/Either.js';
import isDeepEqual from 'fast-deep-equal';
import type { DecideContext } from '../decider.js';
import { domainError, type DomainError } from '../errors.js';
import { authorizeBy } from '../permissions/policy.js';
import { whoFromContext } from '../permissions/who.js';
import { shopSettingsPolicy } from './shopSettingsPolicy.js';
import type { ShopSettingsCommand } from './shopSettingsCommands.js';
import type { ShopSettingsEvent } from './shopSettingsEvents.js';
import { SETTINGS_PARTS, shopSettingsCodec, type SettingsPart, type ShopSettings } from './shopSettingsShape.js';
import { latestVersion, type ShopSettingsState } from './settingsVersions.js';

export const settingsStream = (shopId: string): string => `shop-settings-${shopId}`;

const merged = (base: ShopSettings, change: ShopSettingsCommand['data']): ShopSettings => ({
  businessHours: change.businessHours ?? base.businessHours,
  autoReplies: { ...base.autoReplies, ...change.autoReplies },
  timeouts: { ...base.timeouts, ...change.timeouts },
  retention: change.retention ?? base.retention,
});

export const decideShopSettings = (
  command: ShopSettingsCommand,
  state: ShopSettingsState,
  context: DecideContext,
): E.Either<DomainError, readonly ShopSettingsEvent[]> => {
  const who = whoFromContext(context, command.meta.shopId, command.meta.actor);
  if (E.isLeft(who)) return who;
  // The settings are the shop's: nobody's own, so the relation does not matter.
  const allowed = authorizeBy(shopSettingsPolicy, command.type, who.right, 'other');
  if (E.isLeft(allowed)) return allowed;
  const { now } = command.meta;
  const effectiveAt = command.data.effectiveAt ?? now;
  const latest = latestVersion(state);
  if (effectiveAt < now) {
    return E.left(domainError('settings.effective-in-past', `effectiveAt ${new Date(effectiveAt).toISOString()} is before now; what was in effect then cannot change`, { field: 'effectiveAt', effectiveAt, now }));
  }
  if (effectiveAt < latest.effectiveAt) {
    return E.left(
      domainError('settings.before-scheduled', `effectiveAt is before version ${latest.version}, already scheduled from ${new Date(latest.effectiveAt).toISOString()}`, {
        field: 'effectiveAt',
        effectiveAt,
        scheduledAt: latest.effectiveAt,
      }),
    );
  }
  const settings = merged(latest.settings, command.data);
  // Compared as stored (a calendar by its definition, not its compiled tables).
  const after = shopSettingsCodec.encode(settings);
  const before = shopSettingsCodec.encode(latest.settings);
  const changed: SettingsPart[] = SETTINGS_PARTS.filter((part) => !isDeepEqual(after[part], before[part]));
  if (changed.length === 0) return E.right([]);
  return E.right([{ type: 'ShopSettingsChanged', data: { version: latest.version + 1, effectiveAt, settings, changed, at: now } }]);
};

export const evolveShopSettings = (state: ShopSettingsState, event: ShopSettingsEvent): ShopSettingsState => ({
  versions: [...state.versions, { version: event.data.version, effectiveAt: event.data.effectiveAt, settings: event.data.settings }],
});
