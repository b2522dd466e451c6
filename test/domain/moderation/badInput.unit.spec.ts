/**
 * Bad input for every moderation command, through the engine: a ValidationError
 * naming the field (an element of the word list by its index, `data.words.3`),
 * and nothing written to any stream. Then the conversation's two S15 refusals.
 */
import { describe, expect, it } from 'vitest';
import type { KefuError } from '../../../src/domain/errors.js';
import { says, text } from '../conversation/harness.js';
import { moderation, moderationHarness, type ModerationHarness } from './harness.js';

const nothingWritten = async (h: ModerationHarness, act: () => Promise<void>) => {
  const before = (await h.events()).length;
  await act();
  expect((await h.events()).length).toBe(before);
};

const issues = (error: KefuError) => (error._tag === 'ValidationError' ? error.issues.map((i) => [i.path, i.reason]) : [[error._tag, error._tag === 'DomainError' ? error.code : '']]);
const paths = (error: KefuError) => issues(error).map(([path]) => path);

describe('bad input is a typed error naming the field, and nothing is written', () => {
  it('SetSensitiveWords: a word empty after trimming, too long, not a string, a control character, a lone surrogate; not a list; too many', async () => {
    const h = moderationHarness();
    await nothingWritten(h, async () => {
      const bad = await h.refused(moderation('SetSensitiveWords', { words: ['微信', '   ', 'x'.repeat(51), 42 as never, 'a\u0007b', 'a\ud800'] }));
      expect(issues(bad)).toEqual([
        ['data.words.1', 'must not be empty'],
        ['data.words.2', 'must be at most 50 characters, got 51'],
        ['data.words.3', 'expected a word (a string), got number'],
        ['data.words.4', 'must not contain control characters'],
        ['data.words.5', 'must be well-formed text (a lone surrogate)'],
      ]);
      expect(paths(await h.refused(moderation('SetSensitiveWords', { words: '微信' as never })))).toEqual(['data.words']);
      expect(paths(await h.refused(moderation('SetSensitiveWords', {} as never)))).toEqual(['data.words']);
      expect(paths(await h.refused(moderation('SetSensitiveWords', { words: [], extra: 1 } as never)))).toEqual(['data.extra']);
      const tooMany = await h.refused(moderation('SetSensitiveWords', { words: Array.from({ length: 10_001 }, (_, i) => `w${i}`) }));
      expect(issues(tooMany)).toEqual([['data.words', 'must list at most 10000 words, got 10001']]);
    });
    // 50 characters are counted as characters: fifty Chinese characters, or fifty emoji, are one word.
    await h.ok(moderation('SetSensitiveWords', { words: ['字'.repeat(50), '😀'.repeat(50)] }));
  });

  it('AddSensitiveWords / RemoveSensitiveWords: an empty list, a bad word', async () => {
    const h = moderationHarness();
    await nothingWritten(h, async () => {
      expect(issues(await h.refused(moderation('AddSensitiveWords', { words: [] })))).toEqual([['data.words', 'must list at least 1 word']]);
      expect(paths(await h.refused(moderation('AddSensitiveWords', { words: ['ok', ''] })))).toEqual(['data.words.1']);
      expect(paths(await h.refused(moderation('RemoveSensitiveWords', { words: [] })))).toEqual(['data.words']);
      expect(paths(await h.refused(moderation('RemoveSensitiveWords', { words: [null as never] })))).toEqual(['data.words.0']);
    });
  });

  it('SetSensitiveWordRule: an unknown action, an unknown direction', async () => {
    const h = moderationHarness();
    await nothingWritten(h, async () => {
      expect(issues(await h.refused(moderation('SetSensitiveWordRule', { incoming: 'delete' as never })))).toEqual([['data.incoming', 'must be one of off, block, mask, got "delete"']]);
      expect(paths(await h.refused(moderation('SetSensitiveWordRule', { outgoing: 1 as never })))).toEqual(['data.outgoing']);
      expect(paths(await h.refused(moderation('SetSensitiveWordRule', { internal: 'mask' } as never)))).toEqual(['data.internal']);
    });
  });

  it('SetMessageThrottle: enabled missing, a capacity of 0 or 1.5, a refill above 60,000 a minute', async () => {
    const h = moderationHarness();
    await nothingWritten(h, async () => {
      expect(paths(await h.refused(moderation('SetMessageThrottle', { capacity: 3 } as never)))).toEqual(['data.enabled']);
      expect(issues(await h.refused(moderation('SetMessageThrottle', { enabled: true, capacity: 0 })))).toEqual([['data.capacity', 'must be an integer from 1 to 1000, got 0']]);
      expect(paths(await h.refused(moderation('SetMessageThrottle', { enabled: true, capacity: 1.5 })))).toEqual(['data.capacity']);
      expect(paths(await h.refused(moderation('SetMessageThrottle', { enabled: true, refillPerMinute: 60_001 })))).toEqual(['data.refillPerMinute']);
    });
  });

  it('S15: a sensitive word under block names data.content; a throttled customer gets retryAfterMs; neither writes', async () => {
    const h = moderationHarness();
    await h.ok(moderation('SetSensitiveWords', { words: ['加微信'] }));
    await h.ok(moderation('SetSensitiveWordRule', { incoming: 'block' }));
    await h.ok(moderation('SetMessageThrottle', { enabled: true, capacity: 1, refillPerMinute: 1 }));
    await nothingWritten(h, async () => {
      expect(await h.refused(says('alice', 's1', 'm1', text('加微信')))).toMatchObject({ code: 'message.sensitive', details: { field: 'data.content', words: ['加微信'] } });
    });
    await h.ok(says('alice', 's1', 'm1', text('你好')));
    await nothingWritten(h, async () => {
      expect(await h.refused(says('alice', 's1', 'm2', text('在吗')))).toMatchObject({ code: 'customer.throttled', details: { retryAfterMs: 60_000 } });
    });
  });
});
