/**
 * A module may read other streams as references (module.ts): the engine hands their
 * caught-up states to decide, locks only the command's own stream, and says clearly
 * when a referenced module is not registered.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../src/adapters/memory/inMemoryEventStore.js';
import { deskModule } from '../../src/domain/desk/deskModule.js';
import { shopSettingsModule } from '../../src/domain/shopSettings/shopSettingsModule.js';
import { createEngine } from '../../src/engine.js';
import { seededRandom } from '../../src/runtime/seededRandom.js';
import { virtualClock } from '../../src/runtime/virtualClock.js';
import { desk } from '../../src/testing/deskInputs.js';

const change = (actor: unknown) => ({ type: 'ChangeShopSettings', shopId: 'shop-1', actor, data: { autoReplies: { welcome: 'hi' } } });

describe('references', () => {
  it('a module whose referenced module is not registered fails with a message naming both', async () => {
    const engine = createEngine({ store: createInMemoryEventStore(), clock: virtualClock(0), modules: [shopSettingsModule], random: seededRandom(1) });
    await expect(engine.dispatch(change({ kind: 'system' }))).rejects.toThrow(/shop-settings references stream routing-shop-1 of module desk/);
  });

  it('commands on the referenced stream and on the referring one, all at once, all succeed (no lock is held across streams)', async () => {
    const store = createInMemoryEventStore();
    const engine = createEngine({ store, clock: virtualClock(0), modules: [deskModule, shopSettingsModule], random: seededRandom(1) });
    const d = desk('shop-1');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? engine.dispatch(d.registerAgent({ agentId: `a${i}`, name: `A${i}`, maxSessions: 2 })) : engine.dispatch({ ...change({ kind: 'system' }), data: { autoReplies: { welcome: `hi ${i}` } } }))),
    );
    expect(results.every(E.isRight)).toBe(true);
  });
});
