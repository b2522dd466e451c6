/**
 * Engine tests (driven through createEngine on a virtual clock): S5's acceptance
 * deadline as the engine's reactor fires it (engine.advanceTo). The answers
 * themselves (accept, decline, expire, late answers) are decider tests in
 * transfers.unit.spec.ts; restarts and two engines are in transferDeadlines.unit.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { deskHarness } from './harness.js';

const withPendingTransfer = async (transferAcceptSeconds: number) => {
  const h = deskHarness();
  await h.ok(h.d.configure({ transferNeedsAcceptance: true, transferAcceptSeconds }));
  await h.agents(['a1', 'a2']);
  const s = await h.open('alice');
  const [requested] = await h.ok(h.d.transfer({ sessionId: s.sessionId, toAgentId: 'a2' }));
  return { h, sessionId: s.sessionId, requestId: requested!.data.requestId as string };
};

describe('S5 the acceptance deadline on the engine clock', () => {
  it('is cancelled by an accept: nothing is left to fire, and the session stays with the receiver', async () => {
    const { h, sessionId, requestId } = await withPendingTransfer(30);
    await h.ok(h.d.asAgent('a2').accept({ sessionId, requestId }));
    expect(h.engine.reactor.deadlines()).toEqual([]);
    expect(await h.advanceBy(60_000)).toMatchObject({ fired: 0 });
    expect((await h.state()).sessions.get(sessionId)?.owner).toBe('a2');
  });

  it('fires at the acceptance time, not a millisecond before, and the session stays where it was', async () => {
    const { h, sessionId, requestId } = await withPendingTransfer(45);
    expect(await h.advanceBy(44_999)).toMatchObject({ fired: 0 });
    expect(await h.advanceBy(1)).toMatchObject({ fired: 1 });
    const state = await h.state();
    expect(state.sessions.get(sessionId)?.pendingTransfer).toBeUndefined();
    expect(state.sessions.get(sessionId)?.owner).toBe('a1');
    expect(await h.code(h.d.asAgent('a2').accept({ sessionId, requestId }))).toBe('transfer.unknown');
  });
});
