/**
 * Bad input for every feedback command (DESIGN 4): a typed error naming the
 * field and the reason, and nothing written anywhere (the harness's `refused`
 * compares the whole log before and after).
 */
import { describe, expect, it } from 'vitest';
import type { ValidationError } from '../../../src/domain/errors.js';
import { agent, cmd, customer, customersHarness } from '../customers/harness.js';

const ready = async () => {
  const h = customersHarness();
  await h.staff();
  await h.ok(cmd('SubmitFeedback', customer('yang'), { feedbackId: 'f1', customerId: 'yang', content: '尺码不对' }));
  return h;
};

const expectField = async (type: string, data: unknown, path: string) => {
  const h = await ready();
  const error = (await h.refused(cmd(type, agent('amy'), data))) as ValidationError;
  expect(error._tag).toBe('ValidationError');
  expect(error.issues.map((i) => i.path)).toContain(path);
  expect(error.issues.every((i) => i.reason.length > 0)).toBe(true);
};

const good = { feedbackId: 'f2', customerId: 'yang', content: '你好你好' };

describe('SubmitFeedback: bad input is a typed error naming the field, nothing written', () => {
  it.each([
    ['data.feedbackId', { customerId: 'yang', content: 'x' }],
    ['data.feedbackId', { ...good, feedbackId: 'with space' }],
    ['data.customerId', { feedbackId: 'f2', content: 'x' }],
    ['data.customerId', { ...good, customerId: '' }],
    ['data.content', { feedbackId: 'f2', customerId: 'yang' }],
    ['data.content', { ...good, content: '  ' }],
    ['data.content', { ...good, content: '长'.repeat(501) }],
    ['data.content', { ...good, content: 42 }],
    ['data.sessionId', { ...good, sessionId: 'x'.repeat(129) }],
    ['data.category', { ...good, category: '' }],
    ['data.brandId', { ...good, brandId: 'brand a' }],
    ['data.images', { ...good, images: Array.from({ length: 10 }, (_, i) => `https://img.example/${i}.jpg`) }],
    ['data.images.0', { ...good, images: [''] }],
    ['data.images', { ...good, images: 'https://img.example/1.jpg' }],
    ['data.extra', { ...good, extra: true }],
  ])('%s: %j', async (path, data) => expectField('SubmitFeedback', data, path));

  it('500 characters and nine images are accepted', async () => {
    const h = await ready();
    const events = await h.ok(cmd('SubmitFeedback', agent('amy'), { ...good, content: '长'.repeat(500), images: Array.from({ length: 9 }, (_, i) => `https://img.example/${i}.jpg`) }));
    expect(events).toHaveLength(1);
  });
});

describe.each(['StartProcessingFeedback', 'CompleteFeedback'])('%s: bad input is a typed error naming the field, nothing written', (type) => {
  it.each([
    ['data.feedbackId', {}],
    ['data.feedbackId', { feedbackId: '' }],
    ['data.feedbackId', { feedbackId: 7 }],
    ['data.agentId', { feedbackId: 'f1', agentId: 'not an id' }],
    ['data.reply', { feedbackId: 'f1', reply: 'x' }],
  ])('%s: %j', async (path, data) => expectField(type, data, path));
});

describe('ReplyToFeedback: bad input is a typed error naming the field, nothing written', () => {
  it.each([
    ['data.reply', { feedbackId: 'f1' }],
    ['data.reply', { feedbackId: 'f1', reply: '' }],
    ['data.reply', { feedbackId: 'f1', reply: '回'.repeat(501) }],
    ['data.reply', { feedbackId: 'f1', reply: ['ok'] }],
    ['data.feedbackId', { reply: 'ok' }],
    ['data.agentId', { feedbackId: 'f1', reply: 'ok', agentId: '' }],
    ['data.extra', { feedbackId: 'f1', reply: 'ok', extra: null }],
  ])('%s: %j', async (path, data) => expectField('ReplyToFeedback', data, path));
});
