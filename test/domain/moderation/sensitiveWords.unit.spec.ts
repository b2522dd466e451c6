/**
 * S15 sensitive words (敏感词) on the conversation, through the engine: block or
 * mask per shop and per direction, Chinese words, overlapping matches, case and
 * full-width forms, only text contents, and a conversation without the module.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { conversationModule, conversationStream } from '../../../src/domain/conversation/conversationModule.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import { moderationStream } from '../../../src/domain/moderation/moderationStream.js';
import { agent, customer, input, replies, says, text } from '../conversation/harness.js';
import { moderation, moderationHarness, SHOP, type ModerationHarness } from './harness.js';

/** A shop with words and a rule, and alice's session s1 assigned to a1. */
const shop = async (words: readonly string[], rule: { incoming?: 'off' | 'block' | 'mask'; outgoing?: 'off' | 'block' | 'mask' }) => {
  const h = moderationHarness();
  await h.agents(['a1']);
  await h.ok(moderation('SetSensitiveWords', { words }));
  await h.ok(moderation('SetSensitiveWordRule', rule));
  await h.ok(says('alice', 's1', 'm0', text('你好')));
  await h.settle();
  return h;
};

const version = async (h: ModerationHarness, stream: string) => {
  const v = await h.store.streamVersion(stream);
  if (E.isLeft(v)) throw new Error(JSON.stringify(v.left));
  return v.right;
};

const stored = async (h: ModerationHarness, messageId: string, sessionId = 's1') => (await h.messages(sessionId)).find((m) => m.messageId === messageId);

describe('S15: block', () => {
  it('S15: a customer message holding a sensitive word is refused (message.sensitive, the words, data.content), nothing written', async () => {
    const h = await shop(['加微信', 'VX', '转账'], { incoming: 'block' });
    const before = await version(h, conversationStream(SHOP, 's1'));
    const error = await h.refused(says('alice', 's1', 'm1', text('加微信聊，vx 也行')));
    expect(error).toMatchObject({ _tag: 'DomainError', code: 'message.sensitive', details: { field: 'data.content', words: ['加微信', 'VX'], direction: 'incoming' } });
    expect(await version(h, conversationStream(SHOP, 's1'))).toBe(before);
    // A clean message still goes through, and the refused id is free to use.
    await h.ok(says('alice', 's1', 'm1', text('请问有货吗')));
    expect((await stored(h, 'm1'))?.content).toEqual(text('请问有货吗'));
  });

  it("S15: a customer's first message is refused whole: no conversation is opened", async () => {
    const h = await shop(['加微信'], { incoming: 'block' });
    expect(await h.code(says('bob', 's2', 'b1', text('加微信')))).toBe('message.sensitive');
    expect(await version(h, conversationStream(SHOP, 's2'))).toBe(0);
  });

  it('S15: outgoing block refuses an agent message and an anonymous reply; the customer side stays off', async () => {
    const h = await shop(['转账'], { outgoing: 'block' });
    await h.ok(says('alice', 's1', 'm1', text('可以转账吗')));
    expect(await h.code(replies('a1', 's1', 'r1', text('直接转账给我')))).toBe('message.sensitive');
    expect(await h.code(input('SendAnonymousReply', agent('a1'), { sessionId: 's1', messageId: 'r2', content: text('转账就行') }))).toBe('message.sensitive');
    expect((await stored(h, 'm1'))?.content).toEqual(text('可以转账吗'));
    expect(await stored(h, 'r1')).toBeUndefined();
  });
});

describe('S15: mask', () => {
  it('S15: every match becomes one * per character, overlapping Chinese matches merged, and the event says it was masked', async () => {
    const h = await shop(['加微', '微信', '信号', '二维码'], { incoming: 'mask' });
    await h.ok(says('alice', 's1', 'm1', text('请加微信号123，或扫二维码')));
    const m = await stored(h, 'm1');
    // 加微 [1,3), 微信 [2,4), 信号 [3,5) overlap: one span [1,5); 二维码 another.
    expect(m?.content).toEqual(text('请****123，或扫***'));
    expect(m?.masked).toEqual({ listVersion: 1, spans: 2 });
  });

  it('S15: matching ignores case and full-width forms; a character outside the BMP is one *', async () => {
    const h = await shop(['VX', '😀币'], { incoming: 'mask' });
    await h.ok(says('alice', 's1', 'm1', text('My vx: 123, ＶＸ too, 买😀币')));
    expect((await stored(h, 'm1'))?.content).toEqual(text('My **: 123, ** too, 买**'));
  });

  it('S15: outgoing mask covers agent messages and quick replies; internal notes are not checked', async () => {
    const h = await shop(['微信'], { outgoing: 'mask' });
    await h.ok(replies('a1', 's1', 'r1', text('不能加微信哦')));
    await h.ok(input('SendAgentMessage', agent('a1'), { sessionId: 's1', messageId: 'r2', content: { kind: 'quick-reply', phraseId: 'p1', text: '微信联系' } }));
    await h.ok(input('AddInternalNote', agent('a1'), { sessionId: 's1', messageId: 'n1', content: text('客户想加微信') }));
    expect((await stored(h, 'r1'))?.content).toEqual(text('不能加**哦'));
    expect((await stored(h, 'r2'))?.content).toEqual({ kind: 'quick-reply', phraseId: 'p1', text: '**联系' });
    expect((await stored(h, 'n1'))?.content).toEqual(text('客户想加微信'));
    expect((await stored(h, 'n1'))?.masked).toBeUndefined();
  });

  it('S15: only text contents are checked: a product card titled with a word passes under block', async () => {
    const h = await shop(['微信'], { incoming: 'block' });
    const card = { kind: 'product-card', productId: 'p1', title: '微信同款' } as const;
    await h.ok(says('alice', 's1', 'm1', card));
    expect((await stored(h, 'm1'))?.content).toEqual(card);
  });

  it("S15: a customer's message after the end is masked where it was written, and carried masked into the new session", async () => {
    const h = await shop(['微信'], { incoming: 'mask' });
    await h.ok(h.d.end({ sessionId: 's1', reason: 'agent' }));
    await h.settle();
    const [continued] = await h.ok(says('alice', 's1', 'm9', text('再问下微信')));
    expect(continued).toMatchObject({ type: 'ConversationContinued', data: { content: text('再问下**'), masked: { listVersion: 1, spans: 1 } } });
    await h.settle();
    const next = (continued!.data as { nextSessionId: string }).nextSessionId;
    const first = await stored(h, 'm9', next);
    expect(first?.content).toEqual(text('再问下**'));
    // Carried over, not checked again: it records no mask of its own.
    expect(first?.masked).toBeUndefined();
  });
});

describe('S15: off, directions and the list', () => {
  it('S15: with the rule off (the default) a word passes as written, with no record', async () => {
    const h = await shop(['微信'], {});
    await h.ok(says('alice', 's1', 'm1', text('加微信')));
    await h.ok(replies('a1', 's1', 'r1', text('微信不行')));
    expect((await stored(h, 'm1'))?.content).toEqual(text('加微信'));
    expect((await stored(h, 'r1'))?.content).toEqual(text('微信不行'));
    expect((await stored(h, 'm1'))?.masked).toBeUndefined();
  });

  it('S15: each direction has its own action: incoming masked, outgoing blocked', async () => {
    const h = await shop(['微信'], { incoming: 'mask', outgoing: 'block' });
    await h.ok(says('alice', 's1', 'm1', text('加微信')));
    expect((await stored(h, 'm1'))?.content).toEqual(text('加**'));
    expect(await h.code(replies('a1', 's1', 'r1', text('微信不行')))).toBe('message.sensitive');
  });

  it('S15: the list changes take effect on the next message; the mask records the version it used', async () => {
    const h = await shop(['微信'], { incoming: 'mask' });
    await h.ok(moderation('AddSensitiveWords', { words: ['QQ'] }));
    await h.ok(says('alice', 's1', 'm1', text('qq 或微信')));
    expect(await stored(h, 'm1')).toMatchObject({ content: text('** 或**'), masked: { listVersion: 2, spans: 2 } });
    await h.ok(moderation('RemoveSensitiveWords', { words: ['微信'] }));
    await h.ok(says('alice', 's1', 'm2', text('qq 或微信')));
    expect(await stored(h, 'm2')).toMatchObject({ content: text('** 或微信'), masked: { listVersion: 3, spans: 1 } });
    await h.ok(moderation('SetSensitiveWords', { words: [] }));
    await h.ok(says('alice', 's1', 'm3', text('qq 或微信')));
    expect((await stored(h, 'm3'))?.content).toEqual(text('qq 或微信'));
  });

  it('S15: without the moderation module, a conversation behaves as it did (no reference is read)', async () => {
    const h = moderationHarness({ modules: [deskModule, conversationModule] });
    await h.agents(['a1']);
    await h.ok(says('alice', 's1', 'm1', text('加微信')));
    await h.settle();
    await h.ok(replies('a1', 's1', 'r1', text('微信不行')));
    expect((await h.messages('s1')).map((m) => [m.content, m.masked, m.throttle])).toEqual([
      [text('加微信'), undefined, undefined],
      [text('微信不行'), undefined, undefined],
    ]);
    expect((await h.events()).some((e) => e.stream === moderationStream(SHOP))).toBe(false);
  });
});

describe('S15: the moderation commands', () => {
  it('S15: words are trimmed and deduplicated ignoring case and width; the first spelling is kept; the same list again is a no-op', async () => {
    const h = moderationHarness();
    const [set] = await h.ok(moderation('SetSensitiveWords', { words: [' 微信 ', 'VX', 'vx', 'ＶＸ', '微信'] }));
    expect(set).toMatchObject({ type: 'SensitiveWordsSet', data: { words: ['微信', 'VX'] } });
    expect(await h.ok(moderation('SetSensitiveWords', { words: ['微信', 'VX'] }))).toEqual([]);
    expect(await h.ok(moderation('AddSensitiveWords', { words: ['vx', '微信'] }))).toEqual([]);
    expect(await h.ok(moderation('AddSensitiveWords', { words: ['vx', 'QQ'] }))).toMatchObject([{ type: 'SensitiveWordsAdded', data: { words: ['QQ'] } }]);
    expect(await h.ok(moderation('RemoveSensitiveWords', { words: ['qq', '没有的词'] }))).toMatchObject([{ type: 'SensitiveWordsRemoved', data: { words: ['QQ'] } }]);
    expect(await h.ok(moderation('RemoveSensitiveWords', { words: ['qq'] }))).toEqual([]);
  });

  it('S15: the list holds at most 10,000 words: an addition beyond is refused (moderation.too-many-words), nothing written', async () => {
    const h = moderationHarness();
    await h.ok(moderation('SetSensitiveWords', { words: Array.from({ length: 9_999 }, (_, i) => `词${i}`) }));
    const before = await version(h, moderationStream(SHOP));
    const error = await h.refused(moderation('AddSensitiveWords', { words: ['甲', '乙'] }));
    expect(error).toMatchObject({ code: 'moderation.too-many-words', details: { field: 'data.words', limit: 10_000, count: 10_001 } });
    expect(await version(h, moderationStream(SHOP))).toBe(before);
    await h.ok(moderation('AddSensitiveWords', { words: ['甲', '词1'] }));
  });

  it('S15: the rule and the throttle keep what a command does not name; the same values again are a no-op', async () => {
    const h = moderationHarness();
    expect(await h.ok(moderation('SetSensitiveWordRule', { incoming: 'mask' }))).toMatchObject([{ data: { incoming: 'mask', outgoing: 'off' } }]);
    expect(await h.ok(moderation('SetSensitiveWordRule', { outgoing: 'block' }))).toMatchObject([{ data: { incoming: 'mask', outgoing: 'block' } }]);
    expect(await h.ok(moderation('SetSensitiveWordRule', { incoming: 'mask' }))).toEqual([]);
    expect(await h.ok(moderation('SetMessageThrottle', { enabled: true, capacity: 3 }))).toMatchObject([{ data: { enabled: true, capacity: 3, refillPerMinute: 20 } }]);
    expect(await h.ok(moderation('SetMessageThrottle', { enabled: true }))).toEqual([]);
  });

  it('P2: an admin sets the words; an agent may not', async () => {
    const h = moderationHarness();
    await h.ok(h.d.registerAgent({ agentId: 'boss', name: 'Boss', maxSessions: 5, role: 'admin' }));
    await h.agents(['a1']);
    await h.ok(moderation('SetSensitiveWords', { words: ['微信'] }, agent('boss')));
    expect(await h.code(moderation('SetSensitiveWords', { words: ['QQ'] }, agent('a1')))).toBe('actor.not-allowed');
    expect(await h.code(moderation('SetSensitiveWordRule', { incoming: 'block' }, customer('alice')))).toBe('actor.not-allowed');
  });
});
