/**
 * S8 as properties over random conversations with restarts: each run of a
 * no-response clock fires its prompt at most once and its end exactly once when
 * nothing stopped it in time, never after a reply (or any other stop), never
 * before its time; and auto messages (the prompts) never count as replies.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replies, says } from './harness.js';
import { timeoutHarness } from './timeoutHarness.js';

type Op = { kind: 'customer' } | { kind: 'agent' } | { kind: 'wait'; seconds: number } | { kind: 'restart' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'customer' as const }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'agent' as const }) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 400 }).map((seconds) => ({ kind: 'wait' as const, seconds })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
);

type Data = { clock: string; run: number; since: number; endAt?: number; at?: number; purpose?: string; sender?: { kind: string } };

describe('S8 properties', () => {
  it('each run: its end fires exactly once unless stopped first, never after a stop, never early; its prompt at most once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 30 }), fc.constantFrom('end' as const, 'requeue' as const), async (ops, onTimeout) => {
        const h = timeoutHarness();
        await h.timeouts({
          autoReplies: { agentNoResponsePrompt: 'please wait', customerNoResponsePrompt: 'are you there?' },
          timeouts: { agentNoResponse: { promptAfterSeconds: 60, endAfterSeconds: 180, onTimeout }, customerNoResponse: { promptAfterSeconds: 100, endAfterSeconds: 250 } },
        });
        await h.agents(['a1', 'a2']);
        let now = 0;
        let n = 0;
        let ended = false;
        const conversation = async () => (await h.ofType('ConversationEnded')).length > 0;
        await h.ok(says('alice', 's1', `m${n++}`));
        await h.at(now);
        for (const op of ops) {
          ended = ended || (await conversation());
          if (op.kind === 'wait') {
            now += op.seconds * 1000;
            await h.at(now);
          } else if (op.kind === 'restart') await h.restart();
          else if (!ended && op.kind === 'customer') await h.ok(says('alice', 's1', `m${n++}`));
          else if (!ended && op.kind === 'agent') {
            const owner = [...(await h.ofType('SessionAssigned'))].pop()?.data as { agentId: string } | undefined;
            if (owner !== undefined) await h.ok(replies(owner.agentId, 's1', `m${n++}`));
          }
          await h.at(now);
        }
        const log = await h.events();
        const key = (d: Data) => `${d.clock}#${d.run}`;
        const started = new Map<string, Data>();
        const stops = new Map<string, number>();
        const timedOut = new Map<string, number>();
        const prompted = new Map<string, number>();
        for (const [i, e] of log.entries()) {
          const d = e.data as Data;
          if (e.type === 'NoResponseClockStarted') started.set(key(d), d);
          if (e.type === 'NoResponseClockStopped' && !stops.has(key(d))) stops.set(key(d), i);
          if (e.type === 'NoResponsePrompted') prompted.set(key(d), (prompted.get(key(d)) ?? 0) + 1);
          if (e.type === 'NoResponseTimedOut') {
            expect(timedOut.has(key(d)), `one end per run ${key(d)}`).toBe(false);
            expect(stops.has(key(d)), `no end after a stop ${key(d)}`).toBe(false);
            expect(d.at!, 'never before its time').toBeGreaterThanOrEqual(started.get(key(d))!.endAt!);
            timedOut.set(key(d), i);
          }
        }
        for (const [k, count] of prompted) expect(count, `one prompt per run ${k}`).toBe(1);
        for (const [k, run] of started) {
          if (!stops.has(k) && run.endAt! <= now) expect(timedOut.has(k), `run ${k} due by ${now} fired`).toBe(true);
        }
        // Auto messages are never replies: agent replies counted by the conversation equal the agents' messages.
        const messages = log.filter((e) => e.type === 'MessageSent').map((e) => e.data as Data);
        const auto = messages.filter((m) => m.sender?.kind === 'system');
        expect(auto.every((m) => m.purpose?.endsWith('no-response-prompt'))).toBe(true);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
