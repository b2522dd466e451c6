/**
 * S8: customer-no-response and agent-no-response on durable deadlines, each with
 * its prompt before the end; a reply in time cancels; nothing fires twice, after
 * the end, or is lost across a restart; beyond the anchors, a silent agent's
 * session goes to another agent instead of ending.
 */
import { describe, expect, it } from 'vitest';
import { replies, says } from './harness.js';
import { timeoutHarness } from './timeoutHarness.js';

const S = 1000;
const agentTimeout = (onTimeout: 'end' | 'requeue' = 'end') => ({
  autoReplies: { agentNoResponsePrompt: '客服正在赶来，请稍候' },
  timeouts: { agentNoResponse: { promptAfterSeconds: 60, endAfterSeconds: 180, onTimeout } },
});
const customerTimeout = {
  autoReplies: { customerNoResponsePrompt: '客户长时间未回复, 稍后系统将自动结束会话' },
  timeouts: { customerNoResponse: { promptAfterSeconds: 120, endAfterSeconds: 300 } },
};

type Data = Record<string, unknown>;
const dataOf = (events: readonly { data: unknown }[]) => events.map((e) => e.data as Data);

describe('S8 agent-no-response', () => {
  it('prompts at its time, then ends the session (reason timeout) at the desk and in the conversation', async () => {
    const h = timeoutHarness();
    await h.timeouts(agentTimeout());
    await h.agents(['a1']);
    await h.ok(says('alice', 's1', 'm1'));
    await h.at(0);
    expect(dataOf(await h.ofType('NoResponseClockStarted'))).toEqual([expect.objectContaining({ clock: 'agent', promptAt: h.clock.now() + 60 * S, endAt: h.clock.now() + 180 * S })]);
    await h.at(59 * S);
    expect(await h.ofType('NoResponsePrompted')).toHaveLength(0);
    await h.at(60 * S);
    const prompts = dataOf(await h.ofType('MessageSent')).filter((m) => m.purpose === 'agent-no-response-prompt');
    expect(prompts).toEqual([expect.objectContaining({ sender: { kind: 'system' }, kind: 'auto', content: { kind: 'text', text: '客服正在赶来，请稍候' } })]);
    expect(await h.ofType('SessionEnded')).toHaveLength(0);
    await h.at(180 * S);
    expect(dataOf(await h.ofType('SessionEnded'))).toEqual([expect.objectContaining({ sessionId: 's1', reason: 'timeout' })]);
    expect(dataOf(await h.ofType('ConversationEnded'))).toEqual([expect.objectContaining({ reason: 'timeout' })]);
    // Much later: nothing more.
    const count = (await h.events()).length;
    await h.at(3600 * S);
    expect((await h.events()).length).toBe(count);
  });

  it('a reply in time cancels it: no prompt, no end', async () => {
    const h = timeoutHarness();
    await h.timeouts(agentTimeout());
    await h.agents(['a1']);
    await h.ok(says('alice', 's1', 'm1'));
    await h.at(30 * S);
    await h.ok(replies('a1', 's1', 'm2'));
    await h.at(3600 * S);
    expect(await h.ofType('NoResponsePrompted')).toHaveLength(0);
    expect(await h.ofType('NoResponseTimedOut')).toHaveLength(0);
    expect(await h.ofType('SessionEnded')).toHaveLength(0);
  });

  it('the prompt (a system message) gives the agent no more time and counts as no reply', async () => {
    const h = timeoutHarness();
    await h.timeouts(agentTimeout());
    await h.agents(['a1']);
    await h.ok(says('alice', 's1', 'm1'));
    await h.at(180 * S);
    expect(dataOf(await h.ofType('NoResponseTimedOut'))).toEqual([expect.objectContaining({ clock: 'agent', action: 'end', agentId: 'a1' })]);
    expect(await h.ofType('NoResponseClockStarted')).toHaveLength(1);
  });

  it('the clock of a session that waited in the queue starts when its agent gets it', async () => {
    const h = timeoutHarness();
    await h.timeouts(agentTimeout());
    await h.ok(says('alice', 's1', 'm1'));
    await h.at(600 * S); // nobody online: queued, no clock
    expect(await h.ofType('NoResponseClockStarted')).toHaveLength(0);
    await h.agents(['a1']);
    await h.at(600 * S);
    expect(dataOf(await h.ofType('NoResponseClockStarted'))).toEqual([expect.objectContaining({ clock: 'agent', since: h.clock.now(), endAt: h.clock.now() + 180 * S })]);
  });

  it('beyond the anchors: with onTimeout requeue, another agent takes the session; the silent one is left out', async () => {
    const h = timeoutHarness();
    await h.timeouts(agentTimeout('requeue'));
    await h.agents(['a1']);
    await h.ok(says('alice', 's1', 'm1'));
    await h.at(0);
    await h.agents(['a2']);
    await h.at(180 * S);
    expect(dataOf(await h.ofType('SessionRequeued'))).toEqual([expect.objectContaining({ sessionId: 's1', from: 'a1', reason: 'agent-no-response' })]);
    const assigned = dataOf(await h.ofType('SessionAssigned')).filter((a) => a.sessionId === 's1');
    expect(assigned.map((a) => a.agentId)).toEqual(['a1', 'a2']);
    expect(await h.ofType('SessionEnded')).toHaveLength(0);
    // a2 gets the full time from when it got the session.
    const runs = dataOf(await h.ofType('NoResponseClockStarted'));
    expect(runs).toHaveLength(2);
    expect(runs[1]).toMatchObject({ clock: 'agent', since: h.clock.now() });
  });

  it('with onTimeout requeue and nobody else free, the session stays with its agent (not ended, not handed back)', async () => {
    const h = timeoutHarness();
    await h.timeouts(agentTimeout('requeue'));
    await h.agents(['a1']);
    await h.ok(says('alice', 's1', 'm1'));
    await h.at(180 * S);
    expect(await h.ofType('SessionRequeued')).toHaveLength(0);
    expect(await h.ofType('SessionEnded')).toHaveLength(0);
    expect(await h.ofType('NoResponseTimedOut')).toHaveLength(1);
  });
});

describe('S8 customer-no-response', () => {
  it('starts on the agent reply, prompts, ends; a customer message in time stops it', async () => {
    const h = timeoutHarness();
    await h.timeouts(customerTimeout);
    await h.agents(['a1']);
    await h.ok(says('alice', 's1', 'm1'));
    await h.at(10 * S);
    await h.ok(replies('a1', 's1', 'm2'));
    await h.at(100 * S);
    await h.ok(says('alice', 's1', 'm3')); // in time: the customer clock stops
    await h.at(110 * S);
    await h.ok(replies('a1', 's1', 'm4')); // a new run from here
    await h.at(110 * S + 120 * S);
    const prompts = dataOf(await h.ofType('MessageSent')).filter((m) => m.purpose === 'customer-no-response-prompt');
    expect(prompts).toHaveLength(1);
    await h.at(110 * S + 300 * S);
    expect(dataOf(await h.ofType('SessionEnded'))).toEqual([expect.objectContaining({ reason: 'timeout' })]);
    expect(dataOf(await h.ofType('NoResponseTimedOut'))).toEqual([expect.objectContaining({ clock: 'customer', since: h.clock.now() - 300 * S })]);
  });
});

describe('S8 durability', () => {
  it('a restart loses no deadline and fires none twice', async () => {
    const h = timeoutHarness();
    await h.timeouts(agentTimeout());
    await h.agents(['a1']);
    await h.ok(says('alice', 's1', 'm1'));
    await h.at(0);
    await h.restart();
    await h.at(60 * S);
    await h.restart();
    await h.at(60 * S);
    await h.restart();
    await h.at(500 * S);
    expect(await h.ofType('NoResponsePrompted')).toHaveLength(1);
    expect(await h.ofType('NoResponseTimedOut')).toHaveLength(1);
    expect(await h.ofType('SessionEnded')).toHaveLength(1);
  });

  it('nothing fires after the session ended', async () => {
    const h = timeoutHarness();
    await h.timeouts({ ...agentTimeout(), timeouts: { ...agentTimeout().timeouts, ...customerTimeout.timeouts } });
    await h.agents(['a1']);
    await h.ok(says('alice', 's1', 'm1'));
    await h.at(30 * S);
    await h.ok(h.d.asAgent('a1').end({ sessionId: 's1' }));
    await h.at(3600 * S);
    expect(await h.ofType('NoResponsePrompted')).toHaveLength(0);
    expect(await h.ofType('NoResponseTimedOut')).toHaveLength(0);
    expect(dataOf(await h.ofType('SessionEnded'))).toEqual([expect.objectContaining({ reason: 'agent' })]);
  });

  it('a settings change applies to sessions assigned after it', async () => {
    const h = timeoutHarness();
    await h.timeouts(agentTimeout());
    await h.agents(['a1']);
    await h.ok(says('alice', 's1', 'm1'));
    await h.at(0);
    await h.timeouts({ timeouts: { agentNoResponse: { promptAfterSeconds: 600, endAfterSeconds: 1200, onTimeout: 'end' } } });
    await h.ok(says('bob', 's2', 'm1'));
    await h.at(0);
    const runs = dataOf(await h.ofType('NoResponseClockStarted'));
    expect(runs.map((r) => (r.endAt as number) - (r.since as number))).toEqual([180 * S, 1200 * S]);
  });
});

describe('S8 bad input', () => {
  it('deadline commands are the system\'s; a wrong clock or run is named; nothing is written', async () => {
    const h = timeoutHarness();
    await h.timeouts(agentTimeout());
    await h.agents(['a1']);
    await h.ok(says('alice', 's1', 'm1'));
    await h.at(0);
    const before = (await h.events()).length;
    const fire = (actor: unknown, data: unknown) => h.engine().dispatchUnknown({ type: 'TimeOutNoResponse', shopId: 'shop-c', actor, data });
    const asCustomer = await fire({ kind: 'customer', id: 'alice' }, { sessionId: 's1', clock: 'agent', run: 1, since: 0 });
    expect(asCustomer).toMatchObject({ _tag: 'Left', left: { _tag: 'DomainError', code: 'actor.not-allowed' } });
    const badClock = await fire({ kind: 'system' }, { sessionId: 's1', clock: 'robot', run: 1, since: 0 });
    expect(badClock).toMatchObject({ _tag: 'Left', left: { _tag: 'ValidationError', issues: [expect.objectContaining({ path: 'data.clock' })] } });
    const badRun = await fire({ kind: 'system' }, { sessionId: 's1', clock: 'agent', run: 0, since: 0 });
    expect(badRun).toMatchObject({ _tag: 'Left', left: { _tag: 'ValidationError', issues: [expect.objectContaining({ path: 'data.run' })] } });
    // A run that is not the running one (already over, or never was) does nothing.
    expect(await h.ok({ type: 'TimeOutNoResponse', shopId: 'shop-c', actor: { kind: 'system' }, data: { sessionId: 's1', clock: 'agent', run: 7, since: 0 } })).toEqual([]);
    const requeue = await h.engine().dispatch(h.d.asAgent('a1').as({ kind: 'agent', id: 'a1' }).end({ sessionId: 'zz' }));
    expect(requeue._tag).toBe('Left');
    const byAgent = await h.engine().dispatch({ type: 'RequeueSession', shopId: 'shop-c', actor: { kind: 'agent', id: 'a1' }, data: { sessionId: 's1', excludeAgentId: 'a1', reason: 'agent-no-response' } });
    expect(byAgent).toMatchObject({ _tag: 'Left', left: { code: 'actor.not-allowed' } });
    expect((await h.events()).length).toBe(before);
  });
});
