/**
 * S15 anti-spam (防骚扰): per-customer throttling of message bursts with a token
 * bucket whose time is the command's, through the engine. Examples, then two
 * properties: the same inputs on a fresh engine, and the log replayed, give the
 * same decisions and the same state; and the decisions are those of a reference
 * model written another way (GCRA, the virtual-scheduling form of a token bucket).
 */
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConversationState } from '../../../src/domain/conversation/conversation.js';
import { conversationModule, conversationStream } from '../../../src/domain/conversation/conversationModule.js';
import { admit, afterTaking, unitsAt, type BucketLevel } from '../../../src/domain/moderation/tokenBucket.js';
import { customer, input, replies, says, text } from '../conversation/harness.js';
import { moderation, moderationHarness, SHOP, T0, type ModerationHarness } from './harness.js';

const MINUTE = 60_000;

const throttled = async (capacity: number, refillPerMinute: number) => {
  const h = moderationHarness();
  await h.ok(moderation('SetMessageThrottle', { enabled: true, capacity, refillPerMinute }));
  return h;
};

const at = async (h: ModerationHarness, t: number) => h.clock.advanceTo(t);

const stateOf = async (h: ModerationHarness, sessionId: string) => {
  const loaded = await h.engine.load(conversationModule, conversationStream(SHOP, sessionId));
  if (E.isLeft(loaded)) throw new Error(JSON.stringify(loaded.left));
  return loaded.right.state as ConversationState;
};

describe('S15: throttling a customer', () => {
  it('S15: a burst up to the capacity passes; the next is refused with retryAfterMs, nothing written; one token refills per 60/refill s', async () => {
    const h = await throttled(3, 6);
    for (const id of ['m1', 'm2', 'm3']) await h.ok(says('alice', 's1', id));
    const before = (await h.events()).length;
    expect(await h.refused(says('alice', 's1', 'm4'))).toMatchObject({ _tag: 'DomainError', code: 'customer.throttled', details: { retryAfterMs: 10_000, capacity: 3, refillPerMinute: 6 } });
    expect((await h.events()).length).toBe(before);
    await at(h, T0 + 4_000);
    expect(await h.refused(says('alice', 's1', 'm4'))).toMatchObject({ details: { retryAfterMs: 6_000 } });
    await at(h, T0 + 10_000);
    await h.ok(says('alice', 's1', 'm4'));
    expect((await h.messages('s1')).map((m) => m.messageId)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect((await h.messages('s1')).every((m) => m.throttle?.capacity === 3 && m.throttle.refillPerMinute === 6)).toBe(true);
  });

  it('S15: a refused message costs no token, a repeated message id (a no-op) neither', async () => {
    const h = await throttled(2, 60);
    await h.ok(says('alice', 's1', 'm1'));
    await h.ok(says('alice', 's1', 'm1'));
    await h.ok(says('alice', 's1', 'm2'));
    for (let i = 0; i < 5; i++) expect(await h.code(says('alice', 's1', `x${i}`))).toBe('customer.throttled');
    // One token a second: refused attempts did not push the wait further.
    await at(h, T0 + 1_000);
    await h.ok(says('alice', 's1', 'm3'));
    expect((await stateOf(h, 's1')).bucket).toEqual({ units: 0, at: T0 + 1_000 });
  });

  it("S15: only customers' messages are throttled; each customer's session has its own bucket", async () => {
    const h = await throttled(1, 1);
    await h.agents(['a1']);
    await h.ok(says('alice', 's1', 'm1'));
    await h.ok(says('bob', 's2', 'b1'));
    await h.settle();
    expect(await h.code(says('alice', 's1', 'm2'))).toBe('customer.throttled');
    for (let i = 0; i < 3; i++) await h.ok(replies('a1', 's1', `r${i}`));
    await h.ok(input('MarkRead', customer('alice'), { sessionId: 's1' }));
  });

  it('S15: disabled, nothing is throttled nor recorded; a smaller capacity set later caps the bucket at once', async () => {
    const h = moderationHarness();
    for (let i = 0; i < 20; i++) await h.ok(says('alice', 's1', `m${i}`));
    expect((await h.messages('s1')).some((m) => m.throttle !== undefined)).toBe(false);
    await h.ok(moderation('SetMessageThrottle', { enabled: true, capacity: 5, refillPerMinute: 1 }));
    await h.ok(says('alice', 's1', 'n1'));
    await h.ok(moderation('SetMessageThrottle', { enabled: true, capacity: 1 }));
    // 4 tokens were left at capacity 5; capacity 1 leaves at most 1.
    await h.ok(says('alice', 's1', 'n2'));
    expect(await h.code(says('alice', 's1', 'n3'))).toBe('customer.throttled');
    await h.ok(moderation('SetMessageThrottle', { enabled: false }));
    await h.ok(says('alice', 's1', 'n3'));
  });

  it('S15: the throttle is checked before the words: a burst of spam is refused as throttled', async () => {
    const h = await throttled(1, 1);
    await h.ok(moderation('SetSensitiveWords', { words: ['加微信'] }));
    await h.ok(moderation('SetSensitiveWordRule', { incoming: 'block' }));
    await h.ok(says('alice', 's1', 'm1', text('你好')));
    expect(await h.code(says('alice', 's1', 'm2', text('加微信')))).toBe('customer.throttled');
    await at(h, T0 + MINUTE);
    expect(await h.code(says('alice', 's1', 'm2', text('加微信')))).toBe('message.sensitive');
    // The sensitive refusal took no token either.
    await h.ok(says('alice', 's1', 'm2', text('好的')));
  });

  it("S15: a customer's messages after the end take tokens of the ended session's bucket", async () => {
    const h = await throttled(2, 1);
    await h.agents(['a1']);
    await h.ok(says('alice', 's1', 'm1'));
    await h.settle();
    await h.ok(h.d.end({ sessionId: 's1', reason: 'agent' }));
    await h.settle();
    expect(await h.ok(says('alice', 's1', 'm2'))).toMatchObject([{ type: 'ConversationContinued', data: { throttle: { capacity: 2, refillPerMinute: 1 } } }]);
    expect(await h.code(says('alice', 's1', 'm3'))).toBe('customer.throttled');
    // The carried message opens the next session without a token of its own there.
    await h.settle();
    const next = (await h.events()).find((e) => e.type === 'ConversationContinued')!.data as { nextSessionId: string };
    expect((await h.messages(next.nextSessionId)).map((m) => [m.messageId, m.throttle])).toEqual([['m2', undefined]]);
  });
});

describe('S15: the bucket in integers', () => {
  it('S15: 60,000 units a token, R units a ms: a refill of 7 a minute is exact at every millisecond', () => {
    const rate = { capacity: 2, refillPerMinute: 7 };
    const empty: BucketLevel = { units: 0, at: 0 };
    expect(unitsAt(empty, rate, 8_571)).toBe(59_997);
    expect(admit(empty, rate, 8_571)).toEqual({ admitted: false, retryAfterMs: 1 });
    expect(admit(empty, rate, 8_572)).toEqual({ admitted: true });
    expect(unitsAt(empty, rate, 10 * MINUTE)).toBe(120_000);
    expect(afterTaking(undefined, rate, 5)).toEqual({ units: 60_000, at: 5 });
  });
});

// ---------------------------------------------------------------------------------
// Properties

type Step = { readonly kind: 'message'; readonly gap: number; readonly repeat: boolean } | { readonly kind: 'configure'; readonly gap: number; readonly capacity: number; readonly refillPerMinute: number; readonly enabled: boolean };

const gapArb = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max: 120_000 }));
const rateArb = { capacity: fc.integer({ min: 1, max: 6 }), refillPerMinute: fc.integer({ min: 1, max: 240 }) };
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('message' as const), gap: gapArb, repeat: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('configure' as const), gap: gapArb, ...rateArb, enabled: fc.boolean() }) },
);

type Decision = 'accepted' | 'no-op' | `refused ${number}`;

/** Runs the steps on a harness: each at its time, the customer's messages in one session; what each message got. */
const run = async (h: ModerationHarness, steps: readonly Step[]): Promise<Decision[]> => {
  const decisions: Decision[] = [];
  let t = T0;
  let lastId: string | undefined;
  for (const [i, step] of steps.entries()) {
    t += step.gap;
    await h.clock.advanceTo(t);
    if (step.kind === 'configure') {
      await h.ok(moderation('SetMessageThrottle', { enabled: step.enabled, capacity: step.capacity, refillPerMinute: step.refillPerMinute }));
      continue;
    }
    const id = step.repeat && lastId !== undefined ? lastId : `m${i}`;
    const result = await h.engine.dispatch(says('alice', 's1', id, text(`消息 ${i}`)));
    if (E.isRight(result)) {
      decisions.push(result.right.events.length === 0 ? 'no-op' : 'accepted');
      if (result.right.events.length > 0) lastId = id;
    } else {
      expect(result.left).toMatchObject({ _tag: 'DomainError', code: 'customer.throttled' });
      decisions.push(`refused ${Number(result.left._tag === 'DomainError' ? result.left.details?.['retryAfterMs'] : NaN)}`);
    }
  }
  return decisions;
};

const comparable = (s: ConversationState) => ({ bucket: s.bucket, seq: s.seq, unreplied: s.unreplied, seen: s.seen.toJS(), customerSeqs: s.customerSeqs.toJS() });

describe('S15: throttling replays exactly', () => {
  it('property: throttling replays to the same decisions: a fresh engine given the same inputs, and the log replayed, give the same decisions and state', async () => {
    await fc.assert(
      fc.asyncProperty(fc.record(rateArb), fc.array(stepArb, { minLength: 1, maxLength: 40 }), async (rate, steps) => {
        const first = await throttled(rate.capacity, rate.refillPerMinute);
        const second = await throttled(rate.capacity, rate.refillPerMinute);
        const decisions = await run(first, steps);
        expect(await run(second, steps)).toEqual(decisions);
        if (!decisions.includes('accepted')) return;
        const live = await stateOf(first, 's1');
        expect(comparable(await stateOf(second, 's1'))).toEqual(comparable(live));
        // The log replayed: a new engine on the first one's store folds the stream from its events.
        const replayed = moderationHarness({ store: first.store, start: first.clock.now() });
        expect(comparable(await stateOf(replayed, 's1'))).toEqual(comparable(live));
        const stored = (h: ModerationHarness) => h.messages('s1').then((ms) => ms.map((m) => [m.messageId, m.at, m.throttle]));
        expect(await stored(second)).toEqual(await stored(first));
        await Promise.all([first.engine.close(), second.engine.close(), replayed.engine.close()]);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('property: the decisions are those of a reference model (GCRA: a theoretical arrival time, advanced by 60,000/R ms a message)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.record(rateArb), fc.array(gapArb, { minLength: 1, maxLength: 40 }), async ({ capacity, refillPerMinute: r }, gaps) => {
        const h = await throttled(capacity, r);
        const decisions = await run(h, gaps.map((gap) => ({ kind: 'message', gap, repeat: false })));
        // The model in time scaled by R (so 60,000/R ms is 60,000 scaled units, an integer):
        // a message at t conforms when tat - t <= tau; then tat = max(tat, t) + T.
        const T = MINUTE;
        const tau = (capacity - 1) * T;
        let tat = -Infinity;
        let t = T0;
        const expected: Decision[] = [];
        for (const gap of gaps) {
          t += gap;
          const now = t * r;
          const due = Math.max(tat, now);
          if (due - now <= tau) {
            expected.push('accepted');
            tat = due + T;
          } else expected.push(`refused ${Math.ceil((due - tau - now) / r)}`);
        }
        expect(decisions).toEqual(expected);
        await h.engine.close();
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
