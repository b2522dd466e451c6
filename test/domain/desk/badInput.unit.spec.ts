/**
 * Engine tests (driven through createEngine, as a backend would): bad input is
 * refused with a typed error and writes nothing to the routing stream. Decoding
 * (ValidationError with the field's path) happens in the engine before any
 * decider runs; the refusals a decider makes are also checked here for what they
 * leave in the store (nothing), and one by one in the decider tests.
 */
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../../src/adapters/memory/inMemoryEventStore.js';
import { routingStream } from '../../../src/domain/desk/deskModule.js';
import { desk } from '../../../src/testing/deskInputs.js';
import { right } from '../../conformance/fixtures.js';
import { deskHarness, SHOP } from './harness.js';

/** Every refusal below must leave the routing stream exactly as it was. */
const unchanged = async (h: ReturnType<typeof deskHarness>, act: () => Promise<unknown>) => {
  const before = right(await h.engine.store.streamVersion(routingStream(SHOP)));
  await act();
  expect(right(await h.engine.store.streamVersion(routingStream(SHOP)))).toBe(before);
};

describe('bad input is a typed error and writes nothing', () => {
  it('unknown agent, unknown session, transfer to an offline agent', async () => {
    const h = deskHarness();
    await h.agents(['a1', 'a2']);
    const s = await h.open('alice');
    await h.ok(h.d.offline('a2'));
    await unchanged(h, async () => {
      expect(await h.code(h.d.online('ghost'))).toBe('agent.unknown');
      expect(await h.code(h.d.end({ sessionId: 'ghost' }))).toBe('session.unknown');
      expect(await h.code(h.d.transfer({ sessionId: 'ghost', toAgentId: 'a2' }))).toBe('session.unknown');
      expect(await h.code(h.d.transfer({ sessionId: s.sessionId, toAgentId: 'a2' }))).toBe('transfer.target-unavailable');
      expect(await h.code(h.d.pinCustomer({ customerId: 'bob', agentId: 'ghost' }))).toBe('agent.unknown');
      expect(await h.code(h.d.registerAgent({ agentId: 'a1', name: 'again', maxSessions: 1 }))).toBe('agent.exists');
      expect(await h.code(h.d.open({ sessionId: s.sessionId, customerId: 'carol', channel: 'app' }))).toBe('session.exists');
    });
  });

  it('zero or negative max, malformed ids and unknown fields, naming the field', async () => {
    const h = deskHarness();
    await unchanged(h, async () => {
      expect(await h.refused(h.d.registerAgent({ agentId: 'a1', name: 'A', maxSessions: 0 }))).toMatchObject({
        _tag: 'ValidationError',
        issues: [{ path: 'data.maxSessions', reason: 'must be an integer from 1 to 10000, got 0' }],
      });
      expect(await h.refused(h.d.registerAgent({ agentId: 'a 1', name: 'A', maxSessions: -1 }))).toMatchObject({
        issues: [{ path: 'data.agentId' }, { path: 'data.maxSessions' }],
      });
      expect(await h.refused({ ...h.d.online('a1'), data: { agentId: 'a1', status: 'away' } })).toMatchObject({
        issues: [{ path: 'data.status', reason: 'must be one of online, busy, offline, got "away"' }],
      });
      expect(await h.refused({ ...h.d.online('a1'), data: { agentId: 'a1', status: 'online', when: 'now' } })).toMatchObject({
        issues: [{ path: 'data.when', reason: 'unknown field' }],
      });
    });
  });

  it('A2: a max of zero, below zero or not whole, naming the field', async () => {
    const h = deskHarness();
    await h.agents(['a1']);
    await unchanged(h, async () => {
      for (const bad of [0, -3, 2.5]) {
        expect(await h.refused(h.d.setMax('a1', bad))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'data.maxSessions' }] });
      }
    });
  });

  it('A4: a capability outside 0..100, naming the field', async () => {
    const h = deskHarness();
    await h.agents(['a1']);
    await unchanged(h, async () => {
      expect(await h.refused(h.d.setCapability({ agentId: 'a1', capability: 101 }))).toMatchObject({ issues: [{ path: 'data.capability' }] });
    });
  });

  it('R9: a pipeline with a repeated step, naming the field', async () => {
    const h = deskHarness();
    await unchanged(h, async () => {
      expect(await h.refused(h.d.configure({ pipeline: ['sticky', 'sticky'] as never }))).toMatchObject({
        _tag: 'ValidationError',
        issues: [{ path: 'data.settings.pipeline', reason: 'a step appears twice' }],
      });
    });
  });

  it('a command for another shop touches only that shop, where the agent and session are unknown (P4)', async () => {
    const store = createInMemoryEventStore();
    const h = deskHarness({ store });
    await h.agents(['a1']);
    const s = await h.open('alice');
    const other = desk('shop-2');
    expect(await h.code(other.end({ sessionId: s.sessionId }))).toBe('session.unknown');
    expect(await h.code(other.online('a1'))).toBe('agent.unknown');
    expect(await h.code(other.asAgent('a1').setMax('a1', 5))).toBe('actor.unknown');
    expect(right(await store.streamVersion(routingStream('shop-2')))).toBe(0);
    expect(right(await store.readAll({ shopId: 'shop-2' }))).toEqual([]);
  });

  it('a customer cannot open a session for someone else, nor an agent for a customer', async () => {
    const h = deskHarness();
    await h.agents(['a1']);
    await unchanged(h, async () => {
      expect(await h.code(h.d.asCustomer('mallory').open({ sessionId: 'x', customerId: 'alice', channel: 'app' }))).toBe('actor.not-allowed');
      expect(await h.code(h.d.asAgent('a1').open({ sessionId: 'x', customerId: 'alice', channel: 'app' }))).toBe('actor.not-allowed');
    });
  });
});
