/**
 * S16 (消息数据保留: 一个月 / 三个月 / 半年 / 永久): past the shop's window, a
 * session's contents cannot be read through any projection, store read or export,
 * and every read model rebuilt by replay gives the same figures as before.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { copyLog } from '../../../src/adapters/copyLog.js';
import { createInMemoryEventStore } from '../../../src/adapters/memory/inMemoryEventStore.js';
import { createInMemoryKeyStore } from '../../../src/adapters/memory/inMemoryKeyStore.js';
import { conversationStream } from '../../../src/domain/conversation/conversationModule.js';
import { EXPIRED_CONTENT } from '../../../src/domain/conversation/messages.js';
import { routingStream } from '../../../src/domain/desk/deskModule.js';
import type { ValidationError } from '../../../src/domain/errors.js';
import { settingsStream } from '../../../src/domain/shopSettings/shopSettingsDecide.js';
import { createEngine } from '../../../src/engine.js';
import { staffView, customerView } from '../../../src/projections/conversationTimeline.js';
import { virtualClock } from '../../../src/runtime/virtualClock.js';
import { readEverything, right } from '../../conformance/fixtures.js';
import { contents, DAY, HOUR, modules, notes, replies, retention, retentionHarness, says, SHOP, T0, withoutContent } from './retentionHarness.js';

const SECRET = '我的手机号是13800138000，地址是上海市静安区';
const REPLY = 'Thanks Alice, your parcel 7788-XYZ ships today';
const NOTE = 'VIP: called back on 13800138000';

/** One conversation: a customer message, the agent's reply, an internal note; then the end. */
const conversation = async (h: ReturnType<typeof retentionHarness>, sessionId = 's1') => {
  await h.agents(['a1']);
  await h.ok(says('alice', sessionId, `${sessionId}-m1`, SECRET));
  await h.settle();
  await h.ok(replies('a1', sessionId, `${sessionId}-m2`, REPLY));
  await h.ok(notes('a1', sessionId, `${sessionId}-m3`, NOTE));
  await h.ok(h.d.end({ sessionId }));
  await h.settle();
};

const plainTexts = [SECRET, REPLY, NOTE];
const jsonOf = (value: unknown) => JSON.stringify(value);
const holdsPlainText = (value: unknown) => plainTexts.some((t) => jsonOf(value).includes(t) || jsonOf(value).includes(JSON.stringify(t).slice(1, -1)));

describe.each([
  ['1-month', 31],
  ['3-months', 92],
  ['6-months', 184],
] as const)('S16: a %s window', (window, days) => {
  it(`S16: contents read until ${days} days after the last message, expired everywhere after; the figures stay`, async () => {
    const h = retentionHarness();
    await h.ok(retention(window));
    await conversation(h);
    const lastMessage = h.clock.now();
    const before = await h.replay();
    expect(contents(h.timelines())).toEqual([{ kind: 'text', text: SECRET }, { kind: 'text', text: REPLY }, { kind: 'text', text: NOTE }]);

    // The window is kept in full (and the hour the writers may lag behind).
    await h.at(lastMessage + days * DAY + HOUR);
    expect(contents(h.timelines())).toEqual([{ kind: 'text', text: SECRET }, { kind: 'text', text: REPLY }, { kind: 'text', text: NOTE }]);
    expect(contents((await h.replay())['conversation-timeline'])).toEqual(contents(before['conversation-timeline']));

    await h.at(lastMessage + days * DAY + HOUR + 1);
    const swept = h.sweeps.at(-1);
    expect(swept !== undefined && E.isRight(swept) && swept.right.destroyed).toEqual([{ shopId: SHOP, subject: 'session:s1', generation: 1 }]);

    // Store reads: the engine's store, stream and log.
    const stream = right(await h.engine.store.readStream(conversationStream(SHOP, 's1')));
    const messages = stream.filter((e) => e.type === 'MessageSent');
    expect(messages.map((e) => (e.data as { content: unknown }).content)).toEqual([EXPIRED_CONTENT, EXPIRED_CONTENT, EXPIRED_CONTENT]);
    expect(holdsPlainText(await readEverything(h.engine.store))).toBe(false);
    // Projections: the engine's inline ones were folded again, staff and customer views alike.
    expect(contents(h.timelines())).toEqual([EXPIRED_CONTENT, EXPIRED_CONTENT, EXPIRED_CONTENT]);
    expect(staffView(h.timelines(), SHOP, 's1').map((m) => m.kind)).toEqual(['text', 'text', 'internal-note']);
    expect(holdsPlainText(customerView(h.timelines(), SHOP, 's1'))).toBe(false);
    // Export: a copy of the log holds no content either.
    const copy = createInMemoryEventStore();
    right(await copyLog(h.engine.store, copy));
    expect(holdsPlainText(await readEverything(copy))).toBe(false);

    // Replay: every read model gives the same figures; only the contents changed.
    const after = await h.replay();
    expect(withoutContent(after['conversation-timeline'])).toEqual(withoutContent(before['conversation-timeline']));
    for (const name of ['agent-inbox', 'recent-contacts', 'agent-board', 'queue-view']) expect(after[name], name).toEqual(before[name]);
    expect(contents(after['conversation-timeline'])).toEqual([EXPIRED_CONTENT, EXPIRED_CONTENT, EXPIRED_CONTENT]);
  });
});

describe('S16: what is stored', () => {
  it('S16: the raw log holds ciphertext for every content, never the plain text, from the first write', async () => {
    const h = retentionHarness();
    await conversation(h);
    const raw = await h.raw();
    expect(holdsPlainText(raw)).toBe(false);
    const sealed = raw.filter((e) => e.type === 'MessageSent').map((e) => (e.data as { content: unknown }).content);
    expect(sealed).toHaveLength(3);
    for (const value of sealed) expect(value).toMatchObject({ 'kefu:sealed': 1, s: 'session:s1', g: 1, iv: expect.any(String), ct: expect.any(String) });
    // Only the content: kinds, senders, times and sequence numbers are stored as they are.
    expect(raw.filter((e) => e.type === 'MessageSent').map((e) => (e.data as { kind: string; seq: number }).kind)).toEqual(['text', 'text', 'internal-note']);
  });

  it('S16: forever (the default) keeps every content, years later', async () => {
    const h = retentionHarness();
    await conversation(h);
    await h.at(T0 + 5 * 365 * DAY);
    expect(contents(h.timelines())).toEqual([{ kind: 'text', text: SECRET }, { kind: 'text', text: REPLY }, { kind: 'text', text: NOTE }]);
    expect(right(await h.keys.listKeys(SHOP))).toHaveLength(1);
  });

  it('S16: the window counts per session from its last message: a later session outlives an earlier one', async () => {
    const h = retentionHarness();
    await h.ok(retention('1-month'));
    await conversation(h, 's1');
    await h.at(T0 + 20 * DAY);
    await h.ok(says('bob', 's2', 's2-m1', 'bob writes later'));
    await h.at(T0 + 35 * DAY);
    const timeline = h.timelines().get(SHOP)!;
    expect(timeline.get('s1')!.messages.toArray().map((m) => m.content)).toEqual([EXPIRED_CONTENT, EXPIRED_CONTENT, EXPIRED_CONTENT]);
    expect(timeline.get('s2')!.messages.toArray().map((m) => m.content)).toEqual([{ kind: 'text', text: 'bob writes later' }]);
  });

  it('S16/S7: a message after the end belongs to the next session: both its copies go with that session\'s key', async () => {
    const h = retentionHarness();
    await h.ok(retention('1-month'));
    await conversation(h, 's1');
    await h.at(T0 + 10 * DAY);
    await h.ok(says('alice', 's1', 'late', 'one more thing'));
    await h.settle();
    const continued = async () =>
      right(await h.engine.store.readStream(conversationStream(SHOP, 's1'))).filter((e) => e.type === 'ConversationContinued').map((e) => (e.data as { content: unknown; nextSessionId: string }));
    const [first] = await continued();
    expect(first!.content).toEqual({ kind: 'text', text: 'one more thing' });
    const raw = (await h.raw()).find((e) => e.type === 'ConversationContinued')!;
    expect((raw.data as { content: unknown }).content).toMatchObject({ s: `session:${first!.nextSessionId}` });
    // s1's own messages go a month after its end; the continued message a month after the next session's.
    await h.at(T0 + 35 * DAY);
    const timelines = h.timelines().get(SHOP)!;
    expect(timelines.get('s1')!.messages.toArray().map((m) => m.content)).toEqual([EXPIRED_CONTENT, EXPIRED_CONTENT, EXPIRED_CONTENT]);
    expect((await continued())[0]!.content).toEqual({ kind: 'text', text: 'one more thing' });
    expect(timelines.get(first!.nextSessionId)!.messages.toArray().map((m) => m.content)).toEqual([{ kind: 'text', text: 'one more thing' }]);
    await h.at(T0 + 45 * DAY);
    expect((await continued())[0]!.content).toEqual(EXPIRED_CONTENT);
    expect(h.timelines().get(SHOP)!.get(first!.nextSessionId)!.messages.toArray().map((m) => m.content)).toEqual([EXPIRED_CONTENT]);
  });

  it('S16/S5: a transfer note is sealed with the session and left out once its key is destroyed', async () => {
    const h = retentionHarness();
    await h.ok(retention('1-month'));
    await h.agents(['a1', 'a2']);
    await h.ok(says('alice', 's1', 'm1', SECRET));
    await h.settle();
    const owner = h.timelines().get(SHOP)!.get('s1')!.agentId!;
    await h.ok(h.d.transfer({ sessionId: 's1', toAgentId: owner === 'a1' ? 'a2' : 'a1', note: NOTE }));
    await h.settle();
    const noted = () => h.engine.store.readStream(routingStream(SHOP)).then((r) => right(r).filter((e) => e.type === 'SessionTransferred' || e.type === 'TransferRequested'));
    expect((await noted()).map((e) => (e.data as { note?: string }).note)).toContain(NOTE);
    expect(holdsPlainText((await h.raw()).filter((e) => e.stream === routingStream(SHOP)))).toBe(false);
    await h.at(T0 + 40 * DAY);
    const after = await noted();
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((e) => (e.data as { note?: string }).note === undefined)).toBe(true);
  });
});

describe('S16: changing the window', () => {
  it('S16: a shorter window applies at the next sweep to everything older; a longer one keeps what is left', async () => {
    const h = retentionHarness();
    await h.ok(retention('6-months'));
    await conversation(h, 's1');
    await h.at(T0 + 40 * DAY);
    expect(contents(h.timelines())).not.toContain(EXPIRED_CONTENT);
    await h.ok(retention('1-month'));
    await h.settle();
    expect(contents(h.timelines())).toEqual([EXPIRED_CONTENT, EXPIRED_CONTENT, EXPIRED_CONTENT]);
    // Back to forever: what was destroyed does not come back, what is written now is kept.
    await h.ok(retention('forever'));
    await h.ok(says('bob', 's2', 's2-m1', 'kept forever'));
    await h.at(T0 + 400 * DAY);
    const timeline = h.timelines().get(SHOP)!;
    expect(timeline.get('s1')!.messages.toArray().map((m) => m.content)).toEqual([EXPIRED_CONTENT, EXPIRED_CONTENT, EXPIRED_CONTENT]);
    expect(timeline.get('s2')!.messages.toArray().map((m) => m.content)).toEqual([{ kind: 'text', text: 'kept forever' }]);
  });

  it('S16: a window scheduled for later applies only once it is in force', async () => {
    const h = retentionHarness();
    await conversation(h, 's1');
    await h.ok(retention('1-month', T0 + 100 * DAY));
    await h.at(T0 + 99 * DAY);
    expect(contents(h.timelines())).not.toContain(EXPIRED_CONTENT);
    await h.at(T0 + 100 * DAY);
    expect(contents(h.timelines())).toEqual([EXPIRED_CONTENT, EXPIRED_CONTENT, EXPIRED_CONTENT]);
  });

  it('S16: a bad window is a ValidationError naming data.retention, and nothing is written', async () => {
    const h = retentionHarness();
    for (const bad of ['2-months', '', 30, null, { days: 30 }]) {
      const refused = await h.engine.dispatchUnknown(retention(bad));
      expect(E.isLeft(refused) && refused.left._tag).toBe('ValidationError');
      const issues = E.isLeft(refused) ? (refused.left as ValidationError).issues : [];
      expect(issues.map((i) => i.path)).toEqual(['data.retention']);
    }
    expect(right(await h.engine.store.readStream(settingsStream(SHOP)))).toEqual([]);
  });

  it('S16: the window is a settings part: named as changed, and an unchanged one writes nothing', async () => {
    const h = retentionHarness();
    const [event] = await h.ok(retention('3-months'));
    expect(event!.data).toMatchObject({ changed: ['retention'], settings: { retention: '3-months' } });
    expect(await h.ok(retention('3-months'))).toEqual([]);
  });
});

describe('S16: the sweep', () => {
  it('S16: a session written again after its key was destroyed gets a new key; the old contents stay expired', async () => {
    const h = retentionHarness();
    await h.ok(retention('1-month'));
    await h.agents(['a1']);
    await h.ok(says('alice', 's1', 'm1', SECRET));
    await h.settle();
    await h.at(T0 + 40 * DAY);
    await h.ok(replies('a1', 's1', 'm2', 'late reply'));
    const messages = right(await h.engine.store.readStream(conversationStream(SHOP, 's1'))).filter((e) => e.type === 'MessageSent');
    expect(messages.map((e) => (e.data as { content: unknown }).content)).toEqual([EXPIRED_CONTENT, { kind: 'text', text: 'late reply' }]);
    expect(right(await h.keys.listKeys(SHOP)).map((k) => k.generation)).toEqual([2]);
  });

  it('S16: is idempotent and made up later: a missed run destroys at the next, a repeated one destroys nothing more', async () => {
    const h = retentionHarness();
    await h.ok(retention('1-month'));
    await conversation(h);
    // No sweep for a year (the clock moved without the engine), then one.
    await h.clock.advanceTo(T0 + 365 * DAY);
    expect(contents(h.timelines())).not.toContain(EXPIRED_CONTENT);
    const first = right(await h.engine.sweepRetention());
    expect(first.destroyed).toHaveLength(1);
    expect(first.shops).toEqual([{ shopId: SHOP, retention: '1-month', cutoff: T0 + 365 * DAY - 31 * DAY - HOUR }]);
    expect(contents(h.timelines())).toEqual([EXPIRED_CONTENT, EXPIRED_CONTENT, EXPIRED_CONTENT]);
    const again = right(await h.engine.sweepRetention());
    // Nothing live is left in the shop, so it is not even looked at.
    expect(again).toMatchObject({ destroyed: [], shops: [], problems: [] });
  });

  it('S16: sweeps only session subjects: a key of another subject in the shop is left alone', async () => {
    const h = retentionHarness();
    await h.ok(retention('1-month'));
    right(await h.keys.keyForWrite({ shopId: SHOP, subject: 'customer:alice' }, T0));
    await conversation(h);
    await h.at(T0 + 40 * DAY);
    expect(right(await h.keys.listKeys(SHOP)).map((k) => k.subject)).toEqual(['customer:alice']);
  });

  it('S16: two engines on one log and one key store: the one that did not sweep reads expired at once (no key kept in memory)', async () => {
    const keys = createInMemoryKeyStore();
    const store = createInMemoryEventStore();
    const a = retentionHarness({ store, keys, protection: { keyCacheMs: 0 } });
    await a.ok(retention('1-month'));
    await conversation(a);
    const b = createEngine({ store, modules, clock: virtualClock(T0), contentProtection: { keys, keyCacheMs: 0 } });
    const read = async () => right(await b.store.readStream(conversationStream(SHOP, 's1'))).filter((e) => e.type === 'MessageSent').map((e) => (e.data as { content: unknown }).content);
    expect(await read()).toContainEqual({ kind: 'text', text: SECRET });
    await a.at(T0 + 40 * DAY);
    expect(await read()).toEqual([EXPIRED_CONTENT, EXPIRED_CONTENT, EXPIRED_CONTENT]);
    await b.close();
  });

  it('S16: a log read without its keys (a backup, a replay without the key store) reads every content as expired, with the same figures', async () => {
    const h = retentionHarness();
    await conversation(h);
    const before = await h.replay();
    // The raw store, no key store: the registry reads a still-sealed field as expired.
    const backup = await h.replay(h.base);
    expect(contents(backup['conversation-timeline'])).toEqual([EXPIRED_CONTENT, EXPIRED_CONTENT, EXPIRED_CONTENT]);
    expect(withoutContent(backup['conversation-timeline'])).toEqual(withoutContent(before['conversation-timeline']));
    expect(backup['agent-inbox']).toEqual(before['agent-inbox']);
    expect(backup['recent-contacts']).toEqual(before['recent-contacts']);
  });

  it('S16: a command still refuses expired content: it is for stored events only', async () => {
    const h = retentionHarness();
    const refused = await h.engine.dispatchUnknown({ ...says('alice', 's1', 'm1', 'x'), data: { sessionId: 's1', messageId: 'm1', customerId: 'alice', content: EXPIRED_CONTENT, channel: 'web-mall' } });
    expect(E.isLeft(refused) && refused.left).toMatchObject({ _tag: 'ValidationError', issues: [expect.objectContaining({ path: 'data.content.kind' })] });
  });

  it('S16: an engine without content protection has nothing to sweep, and says so', async () => {
    const engine = createEngine({ modules, clock: virtualClock(T0) });
    const swept = await engine.sweepRetention();
    expect(E.isLeft(swept) && swept.left).toMatchObject({ _tag: 'ValidationError', issues: [expect.objectContaining({ path: 'contentProtection' })] });
  });

  it('S16: on a live clock the engine sweeps when it starts and at every wake-up, from durable data only', async () => {
    let now = T0;
    const timers: { at: number; run: () => void | Promise<void> }[] = [];
    const clock = { now: () => now, schedule: (at: number, run: () => void | Promise<void>) => (timers.push({ at, run }), () => undefined) };
    const keys = createInMemoryKeyStore();
    const store = createInMemoryEventStore();
    const sweeps: unknown[] = [];
    // A first engine wrote the session a year ago, with a one-month window.
    const writer = retentionHarness({ store, keys, start: T0 - 365 * DAY });
    await writer.ok(retention('1-month'));
    await writer.ok(says('alice', 's1', 'm1', SECRET));
    const engine = createEngine({
      store,
      modules,
      clock,
      reactor: { mode: 'off' },
      contentProtection: { keys, sweepEveryMs: 10 * 60_000, keyCacheMs: 0, onSweep: (r) => sweeps.push(r) },
    });
    await expect.poll(() => sweeps.length).toBe(1);
    expect(sweeps[0]).toMatchObject({ _tag: 'Right', right: { destroyed: [{ shopId: SHOP, subject: 'session:s1', generation: 1 }] } });
    await expect.poll(() => timers.length).toBe(1);
    expect(timers[0]!.at).toBe(T0 + 10 * 60_000);
    now = timers[0]!.at;
    await timers[0]!.run();
    expect(sweeps).toHaveLength(2);
    expect(timers).toHaveLength(2);
    await engine.close();
  });

  it('refuses wiring that cannot work, by name', () => {
    expect(() => createEngine({ modules, contentProtection: { keys: {} as never } })).toThrow(/contentProtection.keys/);
    expect(() => createEngine({ modules, clock: virtualClock(T0), contentProtection: { keys: createInMemoryKeyStore(), sweepEveryMs: -1 } })).toThrow(/sweepEveryMs/);
    const protectedEngine = createEngine({ modules, clock: virtualClock(T0), contentProtection: { keys: createInMemoryKeyStore() } });
    expect(() => createEngine({ store: protectedEngine.store, modules, clock: virtualClock(T0), contentProtection: { keys: createInMemoryKeyStore() } })).toThrow(/protected already/);
  });
});
