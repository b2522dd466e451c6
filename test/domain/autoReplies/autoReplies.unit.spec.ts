/**
 * S9 auto-replies end to end on one engine: the conversation opens, the desk
 * routes, the auto-replies module decides on the shop's settings and the desk's
 * agents, and a reaction writes each decision into the conversation as a system
 * message (DESIGN 11). Times are on a virtual clock; T0 is Wed 2026-12-02 09:00
 * UTC, 17:00 in Asia/Shanghai (UTC+8, local midnight is 16:00 UTC).
 */
import { describe, expect, it } from 'vitest';
import { autoReplyMessageId } from '../../../src/domain/autoReplies/rules.js';
import { localDateOf } from '../../../src/domain/autoReplies/localDate.js';
import { nextSessionIdOf } from '../../../src/domain/conversation/conversationDecide.js';
import { DEFAULT_WELCOME } from '../../../src/domain/shopSettings/shopSettings.js';
import { says } from '../conversation/harness.js';
import { autoRepliesHarness, change, closedAtT0, decideInput, HOUR, MINUTE, T0 } from './harness.js';

const LOCAL_MIDNIGHT = Date.UTC(2026, 11, 2, 16, 0, 0);

/** A customer session: the first message, the reactions carried, then ended at the desk so the next one can start. */
const session = async (h: ReturnType<typeof autoRepliesHarness>, customerId: string, sessionId: string, at: number, end = true) => {
  await h.clock.advanceTo(at);
  await h.ok(says(customerId, sessionId, `${sessionId}-m1`));
  await h.settle();
  if (end) {
    await h.ok(h.d.end({ sessionId }));
    await h.settle();
  }
};

describe('S9 welcome: at most once per customer per natural day in the shop zone', () => {
  it('local dates in Asia/Shanghai turn at 16:00 UTC', () => {
    expect(localDateOf('Asia/Shanghai', LOCAL_MIDNIGHT - 1)).toBe('2026-12-02');
    expect(localDateOf('Asia/Shanghai', LOCAL_MIDNIGHT)).toBe('2026-12-03');
    expect(localDateOf('UTC', LOCAL_MIDNIGHT)).toBe('2026-12-02');
  });

  it('two sessions the same local day get one welcome; a session after local midnight (16:00 UTC) gets another', async () => {
    const h = autoRepliesHarness();
    await h.agents(['a1']);
    await session(h, 'alice', 's1', T0);
    await session(h, 'alice', 's2', LOCAL_MIDNIGHT - 30 * MINUTE); // 23:30 local, the same day
    await session(h, 'alice', 's3', LOCAL_MIDNIGHT + 5 * MINUTE); // 00:05 local, the next day (still 2 Dec in UTC)
    expect(await h.purposes('s1')).toEqual(['welcome']);
    expect(await h.purposes('s2')).toEqual([]);
    expect(await h.purposes('s3')).toEqual(['welcome']);
    const decided = (await h.customerStream('alice')).filter((e) => e.type === 'AutoReplyDecided').map((e) => (e.data as { localDate: string }).localDate);
    expect(decided).toEqual(['2026-12-02', '2026-12-03']);
    expect(h.reports).toEqual([]);
  });

  it('the memory is per customer: another customer the same day is welcomed', async () => {
    const h = autoRepliesHarness();
    await h.agents(['a1']);
    await session(h, 'alice', 's1', T0);
    await session(h, 'bob', 's2', T0 + HOUR);
    expect(await h.purposes('s2')).toEqual(['welcome']);
  });

  it('the day is the calendar zone: a shop on UTC does not welcome again at 16:05 UTC', async () => {
    const h = autoRepliesHarness();
    await h.ok(change({ businessHours: { kind: '24x7', zone: 'UTC' } }));
    await h.agents(['a1']);
    await session(h, 'alice', 's1', T0);
    await session(h, 'alice', 's2', LOCAL_MIDNIGHT + 5 * MINUTE);
    expect(await h.purposes('s2')).toEqual([]);
  });

  it('an empty (or blank) configured welcome sends the default; a configured one is sent as is, as an auto message', async () => {
    const h = autoRepliesHarness();
    await h.agents(['a1']);
    await h.ok(change({ autoReplies: { welcome: '   ' } }));
    await session(h, 'alice', 's1', T0);
    expect(await h.autoMessages('s1')).toEqual([{ purpose: 'welcome', text: DEFAULT_WELCOME, messageId: autoReplyMessageId('s1', 'welcome'), auto: true }]);
    expect(DEFAULT_WELCOME).toBe('你好，欢迎光临');
    await h.ok(change({ autoReplies: { welcome: '欢迎来到小店' } }));
    await session(h, 'bob', 's2', T0 + HOUR);
    expect((await h.autoMessages('s2')).map((m) => m.text)).toEqual(['欢迎来到小店']);
  });

  it('a welcome of 1000 characters is sent whole; the settings refuse 1001', async () => {
    const h = autoRepliesHarness();
    await h.agents(['a1']);
    await h.ok(change({ autoReplies: { welcome: '欢'.repeat(1000) } }));
    expect((await h.refused(change({ autoReplies: { welcome: '欢'.repeat(1001) } })))._tag).toBe('ValidationError');
    await session(h, 'alice', 's1', T0);
    expect((await h.autoMessages('s1'))[0]!.text).toHaveLength(1000);
  });

  it('a session an agent starts (proactive, S1) is not greeted: the customer did not arrive', async () => {
    const h = autoRepliesHarness();
    await h.agents(['a1']);
    await h.ok(h.d.asAgent('a1').proactive({ sessionId: 'p1', customerId: 'carol', agentId: 'a1', channel: 'app' }));
    await h.settle();
    expect(await h.purposes('p1')).toEqual([]);
    expect(await h.customerStream('carol')).toEqual([]);
  });
});

describe('S9 queue notice: when the session queues, once per session', () => {
  it('a session that queues (nobody online) gets the notice; one assigned at once does not', async () => {
    const h = autoRepliesHarness();
    await h.ok(change({ autoReplies: { queueNotice: '您前面还有顾客，请稍候' } }));
    await h.agents(['a1'], false);
    await session(h, 'alice', 's1', T0, false);
    expect(await h.purposes('s1')).toEqual(['welcome', 'queue-notice']);
    expect((await h.autoMessages('s1'))[1]!.text).toBe('您前面还有顾客，请稍候');
    await h.ok(h.d.online('a1'));
    await h.settle();
    await session(h, 'bob', 's2', T0 + MINUTE, false);
    expect(await h.purposes('s2')).toEqual(['welcome']);
  });

  it('an empty queue notice is off', async () => {
    const h = autoRepliesHarness();
    await session(h, 'alice', 's1', T0, false);
    expect(await h.purposes('s1')).toEqual(['welcome']);
    expect((await h.customerStream('alice')).map((e) => e.type)).toEqual(['AutoRepliesChecked', 'AutoReplyDecided', 'AutoRepliesChecked']);
  });
});

describe('S9 after-hours notice: only when the calendar is closed AND every agent is offline', () => {
  const setUp = async (calendar: unknown) => {
    const h = autoRepliesHarness();
    await h.ok(change({ businessHours: calendar, autoReplies: { afterHoursNotice: '现在是非工作时间，请留言' } }));
    await h.agents(['a1', 'a2'], false);
    return h;
  };

  it('closed and everyone offline: the notice, after the welcome', async () => {
    const h = await setUp(closedAtT0);
    await session(h, 'alice', 's1', T0, false);
    expect(await h.purposes('s1')).toEqual(['welcome', 'after-hours-notice']);
    expect((await h.autoMessages('s1'))[1]!.text).toBe('现在是非工作时间，请留言');
  });

  it('closed but one agent online: no notice', async () => {
    const h = await setUp(closedAtT0);
    await h.ok(h.d.online('a2'));
    await session(h, 'alice', 's1', T0, false);
    expect(await h.purposes('s1')).toEqual(['welcome']);
  });

  it('closed but one agent busy: no notice', async () => {
    const h = await setUp(closedAtT0);
    await h.ok(h.d.online('a2'));
    await h.ok(h.d.busy('a2'));
    await session(h, 'alice', 's1', T0, false);
    expect(await h.purposes('s1')).toEqual(['welcome']);
  });

  it('open and everyone offline: no notice', async () => {
    const h = await setUp({ kind: 'weekly', zone: 'Asia/Shanghai', week: { wed: [{ start: '09:00', end: '18:00' }] } });
    await session(h, 'alice', 's1', T0, false);
    expect(await h.purposes('s1')).toEqual(['welcome']);
  });

  it('the hours of the session start count, not those of a reactor catching up later', async () => {
    const h = await setUp({ kind: 'weekly', zone: 'Asia/Shanghai', week: { wed: [{ start: '09:00', end: '17:30' }] } });
    await h.ok(says('alice', 's1', 'm1')); // 17:00 local: open
    await h.at(T0 + HOUR); // the reactor gets to it at 18:00, closed
    expect(await h.purposes('s1')).toEqual(['welcome']);
  });
});

describe('S9 promotion: at each customer session start', () => {
  it('every session gets it, also when the welcome was sent already that day', async () => {
    const h = autoRepliesHarness();
    await h.agents(['a1']);
    await h.ok(change({ autoReplies: { promotion: '双十二全场满199减30' } }));
    await session(h, 'alice', 's1', T0);
    await session(h, 'alice', 's2', T0 + HOUR);
    expect(await h.purposes('s1')).toEqual(['welcome', 'promotion']);
    expect(await h.purposes('s2')).toEqual(['promotion']);
    expect((await h.autoMessages('s2'))[0]!.text).toBe('双十二全场满199减30');
  });

  it('S7: a message after the end starts a new session, which gets the promotion (and no second welcome that day)', async () => {
    const h = autoRepliesHarness();
    await h.agents(['a1']);
    await h.ok(change({ autoReplies: { promotion: 'promo' } }));
    await session(h, 'alice', 's1', T0);
    await h.clock.advanceTo(T0 + HOUR);
    await h.ok(says('alice', 's1', 'again'));
    await h.settle();
    const next = nextSessionIdOf('s1', 'again');
    expect(await h.purposes(next)).toEqual(['promotion']);
    expect(h.reports).toEqual([]);
  });

  it('the settings in effect at the session start are used, and the version is recorded', async () => {
    const h = autoRepliesHarness();
    await h.agents(['a1']);
    await h.ok(change({ autoReplies: { promotion: 'old' } }));
    await h.ok(change({ effectiveAt: T0 + HOUR, autoReplies: { promotion: 'new' } }));
    await session(h, 'alice', 's1', T0);
    await session(h, 'alice', 's2', T0 + HOUR);
    expect((await h.autoMessages('s1')).map((m) => m.text)).toEqual([DEFAULT_WELCOME, 'old']);
    expect((await h.autoMessages('s2')).map((m) => m.text)).toEqual(['new']);
    const versions = (await h.customerStream('alice')).filter((e) => e.type === 'AutoRepliesChecked').map((e) => (e.data as { settingsVersion: number }).settingsVersion);
    expect(versions).toEqual([1, 2]);
  });
});

describe('delivered twice, sent once (DESIGN 11)', () => {
  it('a second engine on the same log, its reactor from the start, adds no event anywhere', async () => {
    const h = autoRepliesHarness();
    await h.ok(change({ autoReplies: { promotion: 'promo', queueNotice: 'wait' } }));
    await h.agents(['a1'], false);
    await session(h, 'alice', 's1', T0, false);
    const before = await h.events();
    expect(await h.purposes('s1')).toEqual(['welcome', 'promotion', 'queue-notice']);
    const second = h.engineOn(h.store);
    await second.advanceTo(h.clock.now());
    expect((await h.events()).length).toBe(before.length);
    expect(await h.purposes('s1')).toEqual(['welcome', 'promotion', 'queue-notice']);
    await second.close();
  });

  it('the same moment asked again is a no-op by state, and the same message again is a no-op at the conversation', async () => {
    const h = autoRepliesHarness();
    await h.agents(['a1']);
    await session(h, 'alice', 's1', T0, false);
    expect(await h.ok(decideInput('DecideStartReplies', { customerId: 'alice', sessionId: 's1', at: T0 }))).toEqual([]);
    // Even on another day (a late redelivery), the moment was checked: nothing.
    expect(await h.ok(decideInput('DecideStartReplies', { customerId: 'alice', sessionId: 's1', at: T0 + 24 * HOUR }))).toEqual([]);
    const sent = (await h.autoMessages('s1'))[0]!;
    const again = { type: 'SendSystemMessage', shopId: 'shop-c', actor: { kind: 'system' }, data: { sessionId: 's1', messageId: sent.messageId, text: sent.text, auto: true, purpose: 'welcome' } };
    expect(await h.ok(again)).toEqual([]);
    expect(await h.purposes('s1')).toEqual(['welcome']);
  });
});
