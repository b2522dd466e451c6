/**
 * Shop settings in their own module and stream (issue 15, item 3): versions with an
 * effective time, what was in effect at any instant, admins only (P2, read from the
 * desk as a reference), bad input named by field, nothing written on a refusal.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../../src/adapters/memory/inMemoryEventStore.js';
import { deskModule, routingStream } from '../../../src/domain/desk/deskModule.js';
import type { DomainError, ValidationError } from '../../../src/domain/errors.js';
import { DEFAULT_WELCOME, welcomeText } from '../../../src/domain/shopSettings/shopSettings.js';
import { settingsStream } from '../../../src/domain/shopSettings/shopSettingsDecide.js';
import { shopSettingsModule } from '../../../src/domain/shopSettings/shopSettingsModule.js';
import { settingsAt, versionAt, type ShopSettingsState } from '../../../src/domain/shopSettings/settingsVersions.js';
import { isOpen } from '../../../src/domain/calendar/businessTime.js';
import { createEngine } from '../../../src/engine.js';
import { seededRandom } from '../../../src/runtime/seededRandom.js';
import { virtualClock } from '../../../src/runtime/virtualClock.js';
import { desk } from '../../../src/testing/deskInputs.js';

const SHOP = 'shop-1';
const T0 = Date.UTC(2026, 11, 1, 1, 0, 0);
const HOUR = 3_600_000;
const d = desk(SHOP);

const change = (data: unknown, actor: unknown = { kind: 'system' }) => ({ type: 'ChangeShopSettings', shopId: SHOP, actor, data });

const setUp = async (store = createInMemoryEventStore(), seed = 1) => {
  const clock = virtualClock(T0);
  const engine = createEngine({ store, clock, modules: [deskModule, shopSettingsModule], random: seededRandom(seed) });
  const ok = async (input: unknown) => {
    const result = await engine.dispatchUnknown(input);
    if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
    return result.right.events;
  };
  const refused = async (input: unknown) => {
    const before = await store.readStream(settingsStream(SHOP));
    const result = await engine.dispatchUnknown(input);
    if (E.isRight(result)) throw new Error(`expected a refusal, got ${JSON.stringify(result.right.events)}`);
    const after = await store.readStream(settingsStream(SHOP));
    expect(after, 'nothing written on a refusal').toEqual(before);
    return result.left;
  };
  const state = async () => {
    const loaded = await engine.load(shopSettingsModule, settingsStream(SHOP));
    if (E.isLeft(loaded)) throw new Error(JSON.stringify(loaded.left));
    return loaded.right.state as ShopSettingsState;
  };
  return { store, clock, engine, ok, refused, state };
};

describe('versions with an effective time', () => {
  it('S8/S9: a change takes effect now, or later; what was in effect at each instant stays as it was', async () => {
    const { ok, state, clock } = await setUp();
    await ok(change({ autoReplies: { welcome: 'Hello' } }));
    await ok(change({ effectiveAt: T0 + 2 * HOUR, timeouts: { customerNoResponse: { promptAfterSeconds: 60, endAfterSeconds: 300 } } }));
    const s = await state();
    expect(versionAt(s, T0 - 1).version).toBe(0);
    expect(settingsAt(s, T0).autoReplies.welcome).toBe('Hello');
    expect(settingsAt(s, T0 + HOUR).timeouts.customerNoResponse).toBeNull();
    expect(settingsAt(s, T0 + 2 * HOUR).timeouts.customerNoResponse).toEqual({ promptAfterSeconds: 60, endAfterSeconds: 300 });
    // The later version keeps what the earlier one set.
    expect(settingsAt(s, T0 + 2 * HOUR).autoReplies.welcome).toBe('Hello');
    expect(versionAt(s, T0 + 3 * HOUR).version).toBe(2);
    await clock.advanceBy(3 * HOUR);
    const events = await ok(change({ autoReplies: { welcome: '' } }));
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({ version: 3, effectiveAt: T0 + 3 * HOUR, changed: ['autoReplies'] }),
    ]);
  });

  it('names what changed, and a change to the same values writes nothing', async () => {
    const { ok } = await setUp();
    const first = await ok(change({ autoReplies: { queueNotice: 'Please wait' }, timeouts: { agentNoResponse: { promptAfterSeconds: 120, endAfterSeconds: 600, onTimeout: 'requeue' } } }));
    expect((first[0]!.data as { changed: string[] }).changed).toEqual(['autoReplies', 'timeouts']);
    expect(await ok(change({ autoReplies: { queueNotice: 'Please wait' } }))).toEqual([]);
  });

  it('refuses a change that would take effect in the past or before a scheduled version', async () => {
    const { ok, refused } = await setUp();
    expect(((await refused(change({ effectiveAt: T0 - 1, autoReplies: { welcome: 'x' } }))) as DomainError).code).toBe('settings.effective-in-past');
    await ok(change({ effectiveAt: T0 + 5 * HOUR, autoReplies: { welcome: 'later' } }));
    const error = (await refused(change({ effectiveAt: T0 + HOUR, autoReplies: { welcome: 'sooner' } }))) as DomainError;
    expect(error.code).toBe('settings.before-scheduled');
    expect(error.details).toMatchObject({ field: 'effectiveAt' });
  });

  it('business hours: a calendar version takes effect at its time; until then the shop is open 24x7 in Asia/Shanghai', async () => {
    const { ok, state, store } = await setUp();
    const nineToSix = { kind: 'weekly', zone: 'Asia/Shanghai', week: { mon: [{ start: '09:00', end: '18:00' }], tue: [{ start: '09:00', end: '18:00' }] } };
    // T0 is Tuesday 09:00 in Shanghai; from Wednesday 00:00 Shanghai (Tuesday 16:00 UTC) the hours apply.
    const from = Date.UTC(2026, 11, 1, 16, 0, 0);
    const events = await ok(change({ effectiveAt: from, businessHours: nineToSix }));
    expect((events[0]!.data as { changed: string[] }).changed).toEqual(['businessHours']);
    const s = await state();
    expect(settingsAt(s, T0).businessHours.kind).toBe('24x7');
    expect(settingsAt(s, T0).businessHours.zone).toBe('Asia/Shanghai');
    expect(isOpen(settingsAt(s, from + HOUR).businessHours, from + HOUR)).toBe(false); // Wednesday 01:00: closed
    // Stored as the definition given, read back compiled.
    const stored = await store.readStream(settingsStream(SHOP));
    expect(E.isRight(stored) && (stored.right[0]!.data as { settings: { businessHours: unknown } }).settings.businessHours).toEqual(nineToSix);
    expect(await ok(change({ effectiveAt: from + HOUR, businessHours: nineToSix }))).toEqual([]);
  });

  it('S9: an empty welcome sends the default text', () => {
    expect(welcomeText({ welcome: '  ', queueNotice: '', afterHoursNotice: '', customerNoResponsePrompt: '', agentNoResponsePrompt: '', promotion: '' })).toBe(DEFAULT_WELCOME);
    expect(DEFAULT_WELCOME).toBe('你好，欢迎光临');
  });
});

describe('P2: admins only, read from the desk', () => {
  it('refuses an agent that is not an admin and accepts an admin', async () => {
    const { ok, refused } = await setUp();
    await ok(d.registerAgent({ agentId: 'a1', name: 'A1', maxSessions: 3 }));
    await ok(d.registerAgent({ agentId: 'boss', name: 'Boss', maxSessions: 3 }));
    await ok(d.setRole({ agentId: 'boss', role: 'admin' }));
    expect(((await refused(change({ autoReplies: { welcome: 'x' } }, { kind: 'agent', id: 'a1' }))) as DomainError).code).toBe('actor.not-allowed');
    expect(((await refused(change({ autoReplies: { welcome: 'x' } }, { kind: 'agent', id: 'ghost' }))) as DomainError).code).toBe('actor.unknown');
    expect(((await refused(change({ autoReplies: { welcome: 'x' } }, { kind: 'customer', id: 'c1' }))) as DomainError).code).toBe('actor.not-allowed');
    expect(await ok(change({ autoReplies: { welcome: 'x' } }, { kind: 'agent', id: 'boss' }))).toHaveLength(1);
  });

  it('reads the desk as another engine left it (the reference is caught up before deciding)', async () => {
    const store = createInMemoryEventStore();
    const one = await setUp(store, 1);
    const two = await setUp(store, 2);
    await two.ok(change({ autoReplies: { welcome: 'x' } }));
    // Engine two has read the desk once; engine one now makes boss an admin.
    await one.ok(d.registerAgent({ agentId: 'boss', name: 'Boss', maxSessions: 3 }));
    await one.ok(d.setRole({ agentId: 'boss', role: 'admin' }));
    expect(await two.ok(change({ autoReplies: { welcome: 'y' } }, { kind: 'agent', id: 'boss' }))).toHaveLength(1);
    // The desk's stream was only read: nothing of the settings is in it.
    const routing = await store.readStream(routingStream(SHOP));
    expect(E.isRight(routing) && routing.right.every((e) => e.type !== 'ShopSettingsChanged')).toBe(true);
  });
});

describe('bad input', () => {
  const field = (error: unknown) => (error as ValidationError).issues.map((i) => i.path);

  it('names the field of a text over 1000 characters, of a prompt after its end, of an unknown part', async () => {
    const { refused } = await setUp();
    expect(field(await refused(change({ autoReplies: { welcome: 'x'.repeat(1001) } })))).toEqual([expect.stringContaining('autoReplies.welcome')]);
    expect(field(await refused(change({ timeouts: { customerNoResponse: { promptAfterSeconds: 300, endAfterSeconds: 60 } } })))).toEqual([
      expect.stringContaining('timeouts.customerNoResponse'),
    ]);
    expect(field(await refused(change({ timeouts: { agentNoResponse: { promptAfterSeconds: 1, endAfterSeconds: 2, onTimeout: 'explode' } } })))).toEqual([
      expect.stringContaining('onTimeout'),
    ]);
    expect(field(await refused(change({ colour: 'red' })))).toEqual([expect.stringContaining('colour')]);
    expect(field(await refused(change({ businessHours: { kind: 'weekly', zone: 'Mars/Olympus', week: {} } })))).toEqual([expect.stringContaining('businessHours.zone')]);
    expect(field(await refused(change({ effectiveAt: -5 })))).toEqual([expect.stringContaining('effectiveAt')]);
  });
});
