/**
 * S5: the transfer-acceptance timeout, the first user of durable deadlines. Found by
 * a hostile user: an engine requested a transfer that needs acceptance, restarted,
 * and an hour later the transfer was still pending, every new transfer of the
 * session was refused with transfer.pending, and the request could still be
 * accepted a day late. Now the deadline lives in the log, any engine fires it, and
 * the desk refuses late answers even before anything fired.
 */
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../../src/adapters/memory/inMemoryEventStore.js';
import { transferDeadlineKey } from '../../../src/domain/desk/deskReactions.js';
import { right } from '../../conformance/fixtures.js';
import { deskHarness, T0 } from './harness.js';

const HOUR = 3_600_000;

const withPendingTransfer = async (store = createInMemoryEventStore()) => {
  const h = deskHarness({ store });
  await h.ok(h.d.configure({ transferNeedsAcceptance: true, transferAcceptSeconds: 30 }));
  await h.agents(['a1', 'a2', 'a3']);
  const s = await h.open('alice');
  const [requested] = await h.ok(h.d.transfer({ sessionId: s.sessionId, toAgentId: 'a2' }));
  return { h, store, sessionId: s.sessionId, requestId: requested!.data.requestId as string };
};

describe('S5 transfer acceptance timeout, as a durable deadline', () => {
  it('is fired by an engine that starts after the one that set it died', async () => {
    const { store, sessionId, requestId } = await withPendingTransfer();
    // The first engine is gone; a new one on the same store knows the deadline from the log.
    const next = deskHarness({ store });
    expect(next.engine.reactor.deadlines()).toEqual([]); // nothing read yet
    expect(await next.advanceBy(HOUR)).toMatchObject({ fired: 1 });
    const state = await next.state();
    expect(state.sessions.get(sessionId)?.pendingTransfer).toBeUndefined();
    expect(state.sessions.get(sessionId)?.owner).toBe('a1');
    // The expiry is recorded at the time the transfer expired, not an hour later when it fired.
    const event = right(await store.readStream('routing-shop-1')).find((e) => e.type === 'TransferExpired')!;
    expect((event.data as { at: number }).at).toBe(T0 + 30_000);
    expect(event.metadata.actor).toEqual({ kind: 'system' });
    // The session can be transferred again, and the old request cannot be answered.
    expect(await next.code(next.d.asAgent('a2').accept({ sessionId, requestId }))).toBe('transfer.unknown');
    await next.ok(next.d.transfer({ sessionId, toAgentId: 'a3' }));
  });

  it('refuses an answer after the acceptance time even when no engine has fired the expiry', async () => {
    const { h, sessionId, requestId } = await withPendingTransfer();
    h.clock.set(T0 + 30_000); // time passes; no engine fires anything
    expect(await h.code(h.d.asAgent('a2').accept({ sessionId, requestId }))).toBe('transfer.expired');
    expect(await h.code(h.d.asAgent('a2').decline({ sessionId, requestId }))).toBe('transfer.expired');
    expect((await h.state()).sessions.get(sessionId)?.owner).toBe('a1');
    h.clock.set(T0 + 29_999 + HOUR * 24);
    expect(await h.code(h.d.asAgent('a2').accept({ sessionId, requestId }))).toBe('transfer.expired');
  });

  it('lets a new transfer replace an overdue request, recording its expiry first, and schedules only the new deadline', async () => {
    const { h, sessionId, requestId } = await withPendingTransfer();
    h.clock.set(T0 + HOUR);
    const events = await h.ok(h.d.transfer({ sessionId, toAgentId: 'a3' }));
    expect(events.map((e) => e.type)).toEqual(['TransferExpired', 'TransferRequested']);
    expect(events[0]!.data).toEqual({ sessionId, requestId, at: T0 + 30_000 });
    const fired = await h.advanceBy(0);
    expect(fired.fired).toBe(0);
    expect(h.engine.reactor.deadlines().map((d) => [d.key, d.at])).toEqual([[transferDeadlineKey(sessionId), T0 + HOUR + 30_000]]);
    expect(await h.advanceBy(30_000)).toMatchObject({ fired: 1 });
    expect((await h.state()).sessions.get(sessionId)?.pendingTransfer).toBeUndefined();
  });

  it('still refuses a second transfer while the request is within its time', async () => {
    const { h, sessionId } = await withPendingTransfer();
    h.clock.set(T0 + 29_999);
    expect(await h.code(h.d.transfer({ sessionId, toAgentId: 'a3' }))).toBe('transfer.pending');
  });

  it('has one effect when two engines fire it', async () => {
    const { h, store, sessionId } = await withPendingTransfer();
    const other = deskHarness({ store, seed: 99 });
    other.clock.set(h.clock.now());
    await Promise.all([h.advanceBy(HOUR), other.advanceBy(HOUR)]);
    const expiries = right(await store.readStream('routing-shop-1')).filter((e) => e.type === 'TransferExpired');
    expect(expiries).toHaveLength(1);
    expect((await other.state()).sessions.get(sessionId)?.pendingTransfer).toBeUndefined();
  });

  it('is cancelled by an answer, an end of the session, or an accepted transfer', async () => {
    const { h, sessionId } = await withPendingTransfer();
    expect(h.engine.reactor.deadlines()).toEqual([]);
    await h.advanceBy(0);
    expect(h.engine.reactor.deadlines().map((d) => d.key)).toEqual([transferDeadlineKey(sessionId)]);
    await h.ok(h.d.asAgent('a1').end({ sessionId }));
    await h.advanceBy(0);
    expect(h.engine.reactor.deadlines()).toEqual([]);
  });
});
