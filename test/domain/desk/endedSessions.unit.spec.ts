/**
 * S7: an ended session's id is never opened again. The desk remembers the last
 * RECENTLY_ENDED ended sessions, so a first message's OpenSession delivered again
 * after the end (a reactor handling events since its checkpoint) is refused, not a
 * phantom assignment; the memory is bounded and survives a snapshot.
 */
import * as E from 'fp-ts/lib/Either.js';
import { OrderedSet } from 'immutable';
import { describe, expect, it } from 'vitest';
import { decodeDesk, encodeDesk } from '../../../src/domain/desk/deskSnapshot.js';
import { RECENTLY_ENDED, rememberEnded } from '../../../src/domain/desk/deskState.js';
import { deskHarness } from './harness.js';

describe('S7: ended sessions stay ended', () => {
  it('refuses to open an ended session again (session.ended), and a snapshot keeps the memory', async () => {
    const h = deskHarness();
    await h.agents(['a1']);
    await h.ok(h.d.open({ sessionId: 's1', customerId: 'c1', channel: 'web-mall' }));
    await h.ok(h.d.end({ sessionId: 's1' }));
    expect(await h.code(h.d.open({ sessionId: 's1', customerId: 'c1', channel: 'web-mall' }))).toBe('session.ended');
    expect(await h.code(h.d.proactive({ sessionId: 's1', customerId: 'c1', agentId: 'a1', channel: 'web-mall' }))).toBe('session.ended');
    // A new id opens as ever.
    expect((await h.ok(h.d.open({ sessionId: 's2', customerId: 'c1', channel: 'web-mall' }))).map((e) => e.type)).toEqual(['SessionAssigned']);
    const state = await h.state();
    const restored = decodeDesk(JSON.parse(JSON.stringify(encodeDesk(state))));
    expect(E.isRight(restored) && [...restored.right.recentlyEnded]).toEqual(['s1']);
  });

  it('forgets the oldest beyond the bound', () => {
    let ended = OrderedSet<string>();
    for (let i = 0; i <= RECENTLY_ENDED; i++) ended = rememberEnded(ended, `s${i}`);
    expect(ended.size).toBe(RECENTLY_ENDED);
    expect(ended.has('s0')).toBe(false);
    expect(ended.has(`s${RECENTLY_ENDED}`)).toBe(true);
  });
});
