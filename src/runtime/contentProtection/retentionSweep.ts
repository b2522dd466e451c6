/**
 * S16: the retention sweep destroys the keys of the subjects (sessions) last
 * written before their shop's window, read from the shop's settings in force at
 * `now`. It rests only on durable data (the keys' last writes, the settings
 * stream), so it holds no deadline of its own: a sweep that did not run (a process
 * down, a missed timer) is made up by the next one, and running it twice, or in
 * two processes at once, destroys nothing more (each destruction is conditional on
 * the key's last write still being before the cut-off).
 *
 * The window is for message data (消息数据保留): only session subjects are swept;
 * keys of other subjects (should a module seal, say, a customer's profile) are
 * left alone.
 *
 * A window that gets shorter applies at the next sweep to everything older; one
 * that gets longer (or `forever`) keeps what is still there: a destroyed key does
 * not come back.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '../../adapters/eventStore.js';
import { LAST_WRITE_STEP_MS, type KeyCursor, type KeyRef, type KeyStore } from '../../adapters/keyStore.js';
import type { KefuError } from '../../domain/errors.js';
import { SESSION_SUBJECT_PREFIX } from '../../domain/personalData.js';
import { createRegistry } from '../../domain/registry.js';
import { retentionWindowMs, type Retention } from '../../domain/shopSettings/retention.js';
import { settingsStream } from '../../domain/shopSettings/shopSettingsDecide.js';
import { shopSettingsModule } from '../../domain/shopSettings/shopSettingsModule.js';
import { settingsAt, type ShopSettingsState } from '../../domain/shopSettings/settingsVersions.js';
import { createStreamLoader } from '../streamLoader.js';
import { protectionOf } from './protectContent.js';

export interface RetentionSweepOptions {
  /** Where the shops' settings are read (the engine's store; protected or not, settings are never sealed). */
  readonly store: EventStore;
  readonly keys: KeyStore;
  /** Epoch ms: the engine's clock. */
  readonly now: number;
  /** Keys listed per call to the key store (default 1000). */
  readonly pageSize?: number;
}

export interface SweptShop {
  readonly shopId: string;
  readonly retention: Retention;
  /** Keys last written before this were destroyed (absent for `forever`). */
  readonly cutoff?: number;
}

export interface SweepReport {
  readonly now: number;
  readonly shops: readonly SweptShop[];
  /** The keys this sweep destroyed. */
  readonly destroyed: readonly KeyRef[];
  /** What could not be done (a shop's settings unreadable, the key store's compaction): the next sweep tries again. */
  readonly problems: readonly { readonly shopId?: string; readonly error: KefuError }[];
}

const settingsRegistry = createRegistry([shopSettingsModule]);

export const retentionSweep = async (options: RetentionSweepOptions): Promise<E.Either<KefuError, SweepReport>> => {
  const { store, keys, now } = options;
  const pageSize = options.pageSize ?? 1000;
  const loader = createStreamLoader(store, settingsRegistry);
  const shops = await keys.shops();
  if (E.isLeft(shops)) return shops;
  const swept: SweptShop[] = [];
  const destroyed: KeyRef[] = [];
  const problems: { readonly shopId?: string; readonly error: KefuError }[] = [];
  for (const shopId of shops.right) {
    const loaded = await loader.loadCold(shopSettingsModule, settingsStream(shopId));
    if (E.isLeft(loaded)) {
      problems.push({ shopId, error: loaded.left });
      continue;
    }
    const { retention } = settingsAt(loaded.right.state as ShopSettingsState, now);
    const window = retentionWindowMs(retention);
    if (window === undefined) {
      swept.push({ shopId, retention });
      continue;
    }
    // The writers may have left a key's last write up to one step behind (keyStore.ts).
    const cutoff = now - window - LAST_WRITE_STEP_MS;
    swept.push({ shopId, retention, cutoff });
    let after: KeyCursor | undefined;
    for (;;) {
      const page = await keys.listKeys(shopId, { lastWriteBefore: cutoff, limit: pageSize, ...(after === undefined ? {} : { after }) });
      if (E.isLeft(page)) return page;
      for (const key of page.right) {
        if (!key.subject.startsWith(SESSION_SUBJECT_PREFIX)) continue;
        const done = await keys.destroy(key, cutoff, now);
        if (E.isLeft(done)) return done;
        if (done.right) destroyed.push({ shopId: key.shopId, subject: key.subject, generation: key.generation });
      }
      const last = page.right[page.right.length - 1];
      if (last === undefined || page.right.length < pageSize) break;
      after = { lastWriteAt: last.lastWriteAt, subject: last.subject, generation: last.generation };
    }
  }
  if (destroyed.length > 0) {
    protectionOf(store)?.forget(destroyed);
    const compacted = await keys.compact();
    if (E.isLeft(compacted)) problems.push({ error: compacted.left });
  }
  return E.right({ now, shops: swept, destroyed, problems });
};
