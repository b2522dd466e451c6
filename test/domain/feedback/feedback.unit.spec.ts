/**
 * C5: feedback (问题反馈) through the engine, read back from the feedback list:
 * the status pending -> processing -> done with the time of each step, the reply,
 * the refusals of steps out of order, the handler's reach and the brand (P3).
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { FEEDBACK_ERROR_CODES } from '../../../src/domain/feedback/feedbackDecide.js';
import { feedbackItem, feedbackItems } from '../../../src/projections/feedbackList.js';
import { agent, cmd, customer, customersHarness, MINUTE, says, SHOP, system, T0 } from '../customers/harness.js';

const submit = (feedbackId: string, data: Record<string, unknown> = {}, actor = customer('yang')) =>
  cmd('SubmitFeedback', actor, { feedbackId, customerId: 'yang', content: '测试反馈功能', ...data });
const start = (feedbackId: string, actor = agent('amy'), data: Record<string, unknown> = {}) => cmd('StartProcessingFeedback', actor, { feedbackId, ...data });
const reply = (feedbackId: string, text: string, actor = agent('amy')) => cmd('ReplyToFeedback', actor, { feedbackId, reply: text });
const complete = (feedbackId: string, actor = agent('amy')) => cmd('CompleteFeedback', actor, { feedbackId });

const ready = async () => {
  const h = customersHarness();
  await h.staff();
  return h;
};

describe('C5: the feedback status times', () => {
  it('C5: pending at submission, processing and done at their steps, each step at the time it was taken', async () => {
    const h = await ready();
    await h.ok(submit('f1'));
    expect(feedbackItem(h.feedback(), SHOP, 'f1')).toEqual({ feedbackId: 'f1', customerId: 'yang', content: '测试反馈功能', images: [], status: 'pending', submittedAt: T0 });
    await h.later(73_000);
    await h.ok(start('f1'));
    await h.later(30_000);
    await h.ok(reply('f1', '已收到你的反馈,已完成你的反馈处理。'));
    await h.later(37_000);
    await h.ok(complete('f1'));
    expect(feedbackItem(h.feedback(), SHOP, 'f1')).toEqual({
      feedbackId: 'f1',
      customerId: 'yang',
      content: '测试反馈功能',
      images: [],
      status: 'done',
      submittedAt: T0,
      processingAt: T0 + 73_000,
      handler: 'amy',
      reply: '已收到你的反馈,已完成你的反馈处理。',
      repliedBy: 'amy',
      repliedAt: T0 + 103_000,
      doneAt: T0 + 140_000,
      completedBy: 'amy',
    });
    // The times are the events' own: the log says the same.
    const steps = (await h.events()).filter((e) => e.type.startsWith('Feedback')).map((e) => [e.type, (e.data as { at: number }).at]);
    expect(steps).toEqual([
      ['FeedbackSubmitted', T0],
      ['FeedbackProcessingStarted', T0 + 73_000],
      ['FeedbackReplied', T0 + 103_000],
      ['FeedbackCompleted', T0 + 140_000],
    ]);
  });

  it('C5: done straight from pending leaves the processing time empty (the manual lists such an item)', async () => {
    const h = await ready();
    await h.ok(submit('f1'));
    await h.later(MINUTE);
    await h.ok(reply('f1', '感谢你的支持!'));
    await h.ok(complete('f1'));
    const item = feedbackItem(h.feedback(), SHOP, 'f1');
    expect(item).toMatchObject({ status: 'done', submittedAt: T0, doneAt: T0 + MINUTE, reply: '感谢你的支持!' });
    expect(item).not.toHaveProperty('processingAt');
  });

  it('C5: steps out of order are refused with typed errors, nothing written', async () => {
    const h = await ready();
    expect(await h.code(start('nope'))).toBe('feedback.unknown');
    expect(await h.code(reply('nope', 'x'))).toBe('feedback.unknown');
    expect(await h.code(complete('nope'))).toBe('feedback.unknown');
    await h.ok(submit('f1'));
    await h.ok(start('f1'));
    // Started again by its handler: a no-op; by someone else: it is taken.
    expect(await h.ok(start('f1'))).toEqual([]);
    const taken = await h.refused(start('f1', agent('boss')));
    expect(taken).toMatchObject({ code: 'feedback.already-processing', details: { field: 'data.feedbackId' } });
    await h.ok(complete('f1'));
    for (const late of [start('f1'), reply('f1', 'late'), complete('f1')]) expect(await h.code(late)).toBe('feedback.done');
  });

  it('C5: a submission repeated with the same content is a no-op; another under the same id is feedback.exists', async () => {
    const h = await ready();
    await h.ok(submit('f1'));
    expect(await h.ok(submit('f1'))).toEqual([]);
    expect(await h.code(submit('f1', { content: '另一件事' }))).toBe('feedback.exists');
  });

  it('C5: a later reply replaces the one shown; every reply stays in the log', async () => {
    const h = await ready();
    await h.ok(submit('f1'));
    await h.ok(reply('f1', '12'));
    await h.later(MINUTE);
    await h.ok(reply('f1', '已处理', agent('lead')));
    expect(feedbackItem(h.feedback(), SHOP, 'f1')).toMatchObject({ reply: '已处理', repliedBy: 'lead', repliedAt: T0 + MINUTE, status: 'pending' });
    expect((await h.events()).filter((e) => e.type === 'FeedbackReplied')).toHaveLength(2);
  });

  it("C5: once taken, the item is its handler's: another agent may not answer it, its team lead and an admin may", async () => {
    const h = await ready();
    await h.ok(submit('f1'));
    await h.ok(start('f1', agent('amy')));
    expect(await h.code(reply('f1', 'mine now', agent('bob')))).toBe('actor.not-allowed');
    expect(await h.code(complete('f1', agent('bob')))).toBe('actor.not-allowed');
    expect(await h.ok(reply('f1', '组长回复', agent('lead')))).toHaveLength(1);
    expect(await h.ok(complete('f1', agent('boss')))).toHaveLength(1);
    expect(feedbackItem(h.feedback(), SHOP, 'f1')).toMatchObject({ handler: 'amy', repliedBy: 'lead', completedBy: 'boss' });
  });

  it('C5: the customer submits its own only; staff submit on its behalf; an agent never acts as another', async () => {
    const h = await ready();
    expect(await h.code(submit('f1', {}, customer('mallory')))).toBe('actor.not-allowed');
    expect(await h.ok(submit('f2', {}, agent('bob')))).toEqual([{ type: 'FeedbackSubmitted', data: expect.objectContaining({ customerId: 'yang', agentId: 'bob' }) }]);
    expect(await h.code(start('f2', customer('yang')))).toBe('actor.not-allowed');
    const asOther = await h.refused(start('f2', agent('amy'), { agentId: 'bob' }));
    expect(asOther).toMatchObject({ code: 'actor.not-allowed', details: { field: 'data.agentId' } });
    // The system names the agent it acts for.
    await h.ok(start('f2', system, { agentId: 'bob' }));
    expect(feedbackItem(h.feedback(), SHOP, 'f2')).toMatchObject({ status: 'processing', handler: 'bob' });
  });

  it("C5/P3: a feedback about a brand is touched only by staff whose roles handle that brand, and listed only to them", async () => {
    const h = await ready();
    await h.ok(cmd('DefineRole', system, { roleId: 'brand-a', name: 'A 品牌客服', permissions: ['customer-service', 'customer-service-session'], brands: ['brand-a'] }));
    await h.ok(cmd('SetAgentRoles', system, { agentId: 'amy', roleIds: ['brand-a'] }));
    await h.ok(submit('fa', { brandId: 'brand-a' }));
    await h.ok(submit('fb', { brandId: 'brand-b' }));
    const refused = await h.refused(start('fb', agent('amy')));
    expect(refused).toMatchObject({ code: 'actor.brand-not-allowed', details: { field: 'data.brandId', brandId: 'brand-b' } });
    expect(await h.code(submit('fc', { brandId: 'brand-b' }, agent('amy')))).toBe('actor.brand-not-allowed');
    await h.ok(start('fa', agent('amy')));
    await h.ok(start('fb', agent('bob')));
    const listed = (viewer: Awaited<ReturnType<typeof h.who>>) => {
      const page = feedbackItems(h.feedback(), SHOP, viewer);
      return E.isRight(page) ? page.right.items.map((i) => i.feedbackId) : [];
    };
    expect(listed(await h.who(agent('amy')))).toEqual(['fa']);
    expect(listed(await h.who(agent('bob')))).toEqual(['fa', 'fb']);
    expect(listed(await h.who(customer('yang')))).toEqual(['fa', 'fb']);
    expect(listed(await h.who(customer('mallory')))).toEqual([]);
  });

  it('C5: a feedback about a session must name one of the customer\'s sessions', async () => {
    const h = await ready();
    await h.onlyOnline('amy');
    await h.ok(says('yang', 's1', 'm1'));
    await h.ok(says('other', 's2', 'm2'));
    await h.settle();
    expect(await h.ok(submit('f1', { sessionId: 's1' }))).toHaveLength(1);
    const mismatch = await h.refused(submit('f2', { sessionId: 's2' }));
    expect(mismatch).toMatchObject({ code: 'feedback.session-mismatch', details: { field: 'data.sessionId' } });
    expect(await h.code(submit('f3', { sessionId: 'never' }))).toBe('feedback.session-unknown');
  });

  it('C5: the list filters by status, customer, brand and handler, newest first, in pages', async () => {
    const h = await ready();
    for (let i = 1; i <= 5; i++) {
      await h.ok(submit(`f${i}`, i % 2 === 0 ? { brandId: 'brand-a' } : {}));
      await h.later(MINUTE);
    }
    await h.ok(cmd('SubmitFeedback', customer('zhao'), { feedbackId: 'z1', customerId: 'zhao', content: '你好你好' }));
    await h.ok(start('f2'));
    await h.ok(start('f3', agent('bob')));
    await h.ok(complete('f4'));
    const ids = (query: Parameters<typeof feedbackItems>[3]) => {
      const page = feedbackItems(h.feedback(), SHOP, { kind: 'system' }, query);
      if (E.isLeft(page)) throw new Error(JSON.stringify(page.left));
      return [page.right.total, page.right.items.map((i) => i.feedbackId)];
    };
    expect(ids({})).toEqual([6, ['z1', 'f5', 'f4', 'f3', 'f2', 'f1']]);
    expect(ids({ status: 'pending' })).toEqual([3, ['z1', 'f5', 'f1']]);
    expect(ids({ status: 'processing' })).toEqual([2, ['f3', 'f2']]);
    expect(ids({ status: 'done' })).toEqual([1, ['f4']]);
    expect(ids({ customerId: 'zhao' })).toEqual([1, ['z1']]);
    expect(ids({ brandId: 'brand-a' })).toEqual([2, ['f4', 'f2']]);
    expect(ids({ handler: 'bob' })).toEqual([1, ['f3']]);
    expect(ids({ offset: 2, limit: 2 })).toEqual([6, ['f4', 'f3']]);
    const bad = feedbackItems(h.feedback(), SHOP, { kind: 'system' }, { status: 'closed' as never, limit: 0 });
    expect(E.isLeft(bad) && bad.left.issues.map((i) => i.path)).toEqual(['status', 'limit']);
  });

  it('C5: the list keeps every open item and only the newest done ones (retainDone)', async () => {
    const h = customersHarness({ retainDone: 2 });
    await h.staff();
    for (let i = 1; i <= 4; i++) {
      await h.ok(submit(`f${i}`));
      await h.later(MINUTE);
    }
    for (const id of ['f1', 'f2', 'f3']) await h.ok(complete(id));
    const all = feedbackItems(h.feedback(), SHOP, { kind: 'system' });
    expect(E.isRight(all) && all.right.items.map((i) => i.feedbackId)).toEqual(['f4', 'f3', 'f2']);
  });

  it('every error code is in the catalogue', () => {
    expect([...FEEDBACK_ERROR_CODES].sort()).toEqual([
      'actor.brand-not-allowed',
      'actor.missing-permission',
      'actor.not-allowed',
      'actor.unknown',
      'feedback.already-processing',
      'feedback.done',
      'feedback.exists',
      'feedback.session-mismatch',
      'feedback.session-unknown',
      'feedback.unknown',
    ]);
  });
});
