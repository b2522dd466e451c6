/**
 * Properties through the engine (desk + conversation, manual reactor): however
 * many messages a session carries, the shop's routing stream receives a bounded
 * number of events for it, and no conversation event lands there.
 */
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../../src/adapters/memory/inMemoryEventStore.js';
import { conversationModule } from '../../../src/domain/conversation/conversationModule.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import { createEngine } from '../../../src/engine.js';
import { seededRandom } from '../../../src/runtime/seededRandom.js';
import { virtualClock } from '../../../src/runtime/virtualClock.js';
import { readEverything } from '../../conformance/fixtures.js';
import { agent, conversationHarness, input, replies, says, T0 } from './harness.js';

describe('the routing stream is bounded per session, whatever the messages (issue 15)', () => {
  it('property: open + assign + end at most, per session, for any number of messages, reads and presence changes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ session: fc.integer({ min: 0, max: 2 }), what: fc.constantFrom('customer', 'agent', 'read', 'away') }), { maxLength: 40 }),
        fc.boolean(),
        async (steps, end) => {
          const h = conversationHarness();
          await h.agents(['a1'], 10);
          const customers = ['c0', 'c1', 'c2'];
          for (const [i] of customers.entries()) await h.ok(says(customers[i]!, `s${i}`, `first-${i}`));
          await h.settle();
          const baseline = (await h.routingEvents()).length;
          for (const [i, s] of steps.entries()) {
            const sessionId = `s${s.session}`;
            if (s.what === 'customer') await h.ok(says(customers[s.session]!, sessionId, `m${i}`));
            else if (s.what === 'agent') await h.ok(replies('a1', sessionId, `m${i}`));
            else if (s.what === 'read') await h.ok(input('MarkRead', agent('a1'), { sessionId }));
            else await h.ok(input('SetCustomerPresence', { kind: 'customer', id: customers[s.session]! }, { sessionId, presence: 'away' }));
          }
          await h.settle();
          expect((await h.routingEvents()).length).toBe(baseline);
          if (end) {
            for (let i = 0; i < 3; i++) await h.ok(h.d.end({ sessionId: `s${i}` }));
            await h.settle();
          }
          const routing = await h.routingEvents();
          for (let i = 0; i < 3; i++) {
            const mine = routing.filter((e) => (e.data as { sessionId?: string }).sessionId === `s${i}`);
            expect(mine.length).toBeLessThanOrEqual(2);
          }
          expect(routing.some((e) => e.type === 'MessageSent' || e.type.startsWith('Conversation'))).toBe(false);
          expect(h.reports).toEqual([]);
          await h.engine.close();
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('messages of different sessions never contend', () => {
  it('two engines on one store, no retries allowed: twenty sessions written at once, each by one engine, never conflict', async () => {
    const store = createInMemoryEventStore();
    const clock = virtualClock(T0);
    const make = (seed: number) =>
      createEngine({ store, clock, modules: [deskModule, conversationModule], random: seededRandom(seed), retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 }, reactor: { mode: 'off' } });
    const engines = [make(1), make(2)] as const;
    // Each session's messages in order (a client waits for its send), all sessions at once, over both engines.
    const session = async (s: number) => {
      const failures = [];
      for (let round = 0; round < 5; round++) {
        const sent = await engines[s % 2]!.dispatch(says(`c${s}`, `s${s}`, `m${round}`));
        if (E.isLeft(sent)) failures.push(sent.left);
      }
      return failures;
    };
    const failures = (await Promise.all(Array.from({ length: 20 }, (_, s) => session(s)))).flat();
    expect(failures).toEqual([]);
    expect((await readEverything(store)).filter((e) => e.type === 'MessageSent')).toHaveLength(100);
    await Promise.all(engines.map((e) => e.close()));
  });
});
