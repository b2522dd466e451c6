/**
 * S5: a transfer waiting for acceptance that can no longer be accepted ends at
 * once instead of locking the session until its deadline (up to a day): its target
 * left (offline, disabled, frozen), or the agent who asked withdrew it. Engine-level
 * (the deadline's cancellation is checked through the reactor's pending set).
 */
import { describe, expect, it } from 'vitest';
import { deskHarness, T0 } from './harness.js';

const withPendingTransfer = async () => {
  const h = deskHarness();
  await h.ok(h.d.configure({ transferNeedsAcceptance: true, transferAcceptSeconds: 86_400 }));
  await h.agents(['a1', 'a2', 'a3']);
  const s = await h.open('alice');
  const [requested] = await h.ok(h.d.asAgent(s.agentId).transfer({ sessionId: s.sessionId, toAgentId: s.agentId === 'a2' ? 'a3' : 'a2' }));
  return { h, s, requestId: requested!.data.requestId as string, to: requested!.data.to as string };
};

describe('S5 a pending transfer whose target leaves', () => {
  for (const leave of ['offline', 'disable', 'freeze'] as const) {
    it(`is cancelled when the target goes ${leave === 'offline' ? 'offline' : leave === 'disable' ? 'disabled' : 'frozen'}, and the session can be transferred again at once`, async () => {
      const { h, s, requestId, to } = await withPendingTransfer();
      const input = leave === 'offline' ? h.d.offline(to) : leave === 'disable' ? h.d.disableAgent({ agentId: to }) : h.d.freezeAgent({ agentId: to });
      const events = await h.ok(input);
      expect(events.filter((e) => e.type === 'TransferCancelled')).toEqual([
        { type: 'TransferCancelled', data: { sessionId: s.sessionId, requestId, reason: 'target-left', at: T0 } },
      ]);
      expect((await h.state()).sessions.get(s.sessionId)?.pendingTransfer).toBeUndefined();
      expect((await h.state()).awaitingAcceptance.has(to)).toBe(false);
      // The acceptance deadline went with it.
      await h.advanceBy(0);
      expect(h.engine.reactor.deadlines()).toEqual([]);
      const other = ['a1', 'a2', 'a3'].find((a) => a !== s.agentId && a !== to)!;
      await h.ok(h.d.asAgent(s.agentId).transfer({ sessionId: s.sessionId, toAgentId: other }));
    });
  }
});

describe('S5 withdrawing a pending transfer', () => {
  it('lets the asking agent (or an admin) take it back before it is answered; the target cannot accept it after', async () => {
    const { h, s, requestId, to } = await withPendingTransfer();
    expect(await h.code(h.d.asAgent(to).cancelTransfer({ sessionId: s.sessionId, requestId }))).toBe('actor.not-allowed');
    expect(await h.code(h.d.asAgent(s.agentId).cancelTransfer({ sessionId: s.sessionId, requestId: 'other' }))).toBe('transfer.unknown');
    expect(await h.ok(h.d.asAgent(s.agentId).cancelTransfer({ sessionId: s.sessionId, requestId }))).toEqual([
      { type: 'TransferCancelled', data: { sessionId: s.sessionId, requestId, reason: 'withdrawn', at: T0 } },
    ]);
    expect(await h.code(h.d.asAgent(to).accept({ sessionId: s.sessionId, requestId }))).toBe('transfer.unknown');
  });

  it('refuses an expiry sent by a person: transfers expire by the clock', async () => {
    const { h, s, requestId } = await withPendingTransfer();
    h.clock.set(T0 + 86_400_000);
    expect(await h.code(h.d.asAgent(s.agentId).expire({ sessionId: s.sessionId, requestId }))).toBe('actor.not-allowed');
    expect(await h.advanceBy(0)).toMatchObject({ fired: 1 });
  });
});

describe('S5 a transfer to a group', () => {
  it('records counts of the group without the current owner, who is not a candidate', async () => {
    const h = deskHarness();
    await h.groups('returns');
    await h.agents(['a1', 'r1'], { groups: ['returns'] });
    await h.ok(h.d.configure({ stickyRecentContact: false }));
    const s = await h.open('alice');
    const [moved] = await h.ok(h.d.asAgent(s.agentId).transfer({ sessionId: s.sessionId, toGroupId: 'returns' }));
    expect(moved).toMatchObject({
      type: 'SessionTransferred',
      data: { from: s.agentId, decision: { step: 'transfer', tieBreak: 'only-candidate', scopes: [{ scope: { kind: 'group', groupId: 'returns' }, counts: { eligible: 1 } }] } },
    });
  });
});
