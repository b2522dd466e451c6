/**
 * P4: every shop's data is isolated. An agent is an agent of its own shop only:
 * even an admin of shop A, acting on shop B's desk, conversations or roles, is
 * unknown there (actor.unknown) and nothing is written, in B or anywhere. (The
 * desk's own case, a command for another shop touching only that shop, is in
 * test/domain/desk/badInput.unit.spec.ts.)
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../../src/adapters/memory/inMemoryEventStore.js';
import { accessModule } from '../../../src/domain/access/accessModule.js';
import { conversationModule } from '../../../src/domain/conversation/conversationModule.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import type { Actor } from '../../../src/domain/envelope.js';
import { createEngine } from '../../../src/engine.js';
import { seededRandom } from '../../../src/runtime/seededRandom.js';
import { virtualClock } from '../../../src/runtime/virtualClock.js';
import { desk } from '../../../src/testing/deskInputs.js';

const T0 = Date.UTC(2026, 11, 3, 2, 0, 0);
const A = 'shop-a';
const B = 'shop-b';
const aAdmin: Actor = { kind: 'agent', id: 'a1' };

describe('P4: an agent of shop A is unknown in shop B', () => {
  it('P4: an admin of shop A acting on shop B\'s desk, conversation and roles is refused (actor.unknown) and writes nothing', async () => {
    const store = createInMemoryEventStore();
    const clock = virtualClock(T0);
    const engine = createEngine({ store, clock, modules: [deskModule, conversationModule, accessModule], random: seededRandom(5) });
    const ok = async (input: unknown) => {
      const result = await engine.dispatchUnknown(input);
      if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
    };
    for (const [shop, agentId] of [[A, 'a1'], [B, 'b1']] as const) {
      await ok(desk(shop).registerAgent({ agentId, name: agentId, maxSessions: 5, role: 'admin' }));
      await ok(desk(shop).online(agentId));
    }
    // Shop B's customer writes; the reaction routes the session to b1, and the conversation mirrors it.
    await ok({ type: 'SendCustomerMessage', shopId: B, actor: { kind: 'customer', id: 'bob' }, data: { sessionId: 's-b', messageId: 'm1', customerId: 'bob', content: { kind: 'text', text: 'hi' }, channel: 'app' } });
    await engine.advanceTo(T0);
    await engine.advanceTo(T0);
    await ok({ type: 'SendAgentMessage', shopId: B, actor: { kind: 'agent', id: 'b1' }, data: { sessionId: 's-b', messageId: 'r1', content: { kind: 'text', text: 'hello' } } });

    const all = async () => {
      const read = await store.readAll({ maxCount: 1_000_000 });
      return E.isRight(read) ? read.right.length : -1;
    };
    const before = await all();
    const inB = (type: string, data: unknown) => ({ type, shopId: B, actor: aAdmin, data });
    for (const input of [
      desk(B, aAdmin).online('a1'),
      desk(B, aAdmin).end({ sessionId: 's-b' }),
      desk(B, aAdmin).configure({ baseMode: 'random' }),
      inB('SendAgentMessage', { sessionId: 's-b', messageId: 'x1', content: { kind: 'text', text: 'I am not from here' } }),
      inB('MarkRead', { sessionId: 's-b' }),
      inB('DefineRole', { roleId: 'r1', name: 'mine now', permissions: [], brands: 'all' }),
      inB('SetAgentRoles', { agentId: 'b1', roleIds: [] }),
    ]) {
      const result = await engine.dispatchUnknown(input);
      expect(result, `${input.type} in shop B by shop A's admin`).toMatchObject({ _tag: 'Left', left: { _tag: 'DomainError', code: 'actor.unknown' } });
    }
    expect(await all(), 'nothing written').toBe(before);
    await engine.close();
  });
});
