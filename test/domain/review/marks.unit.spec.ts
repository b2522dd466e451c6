/**
 * S13 stars (an agent's own, over the last 6 months), the recent-contact list
 * over the same window, and S15 conversation tags (at most 20 per session, each
 * at most 20 characters).
 */
import { describe, expect, it } from 'vitest';
import { MAX_TAGS } from '../../../src/domain/review/reviewState.js';
import { recentContactsOf } from '../../../src/projections/recentContacts.js';
import { starredSessionsOf } from '../../../src/projections/starredSessions.js';
import { monthsBefore } from '../../../src/projections/timeWindow.js';
import { replies } from '../conversation/harness.js';
import { agent, DAY, review, reviewHarness, SHOP, system, T0 } from './harness.js';

const star = (agentId: string, sessionId: string) => review('StarSession', agent(agentId), { sessionId });
const unstar = (agentId: string, sessionId: string) => review('UnstarSession', agent(agentId), { sessionId });
const tag = (agentId: string, sessionId: string, value: string) => review('TagSession', agent(agentId), { sessionId, tag: value });

const twoSessions = async () => {
  const h = reviewHarness();
  await h.agents(['a1']);
  await h.agents(['a2'], { online: false });
  await h.serve('alice', 's1');
  await h.serve('bob', 's2');
  return h;
};

const starredIds = (h: ReturnType<typeof reviewHarness>, agentId: string, now = h.clock.now(), months?: number) =>
  starredSessionsOf(h.starred(), SHOP, agentId, now, months).map((s) => s.sessionId);

describe('S13: stars', () => {
  it("S13: an agent stars a session it serves and clears the star; the star is the agent's own", async () => {
    const h = await twoSessions();
    expect((await h.ok(star('a1', 's1'))).map((e) => e.type)).toEqual(['SessionStarred']);
    expect(await h.ok(star('a1', 's1'))).toEqual([]);
    expect(await h.code(star('a2', 's1'))).toBe('actor.not-allowed');
    // The system stars for an agent it names, never for nobody.
    expect(await h.code(review('StarSession', system, { sessionId: 's2' }))).toBe('review.agent-required');
    expect(await h.code(review('StarSession', agent('a1'), { sessionId: 's2', agentId: 'a2' }))).toBe('review.agent-mismatch');
    await h.ok(star('a1', 's2'));
    expect(starredIds(h, 'a1')).toEqual(expect.arrayContaining(['s1', 's2']));
    expect(starredSessionsOf(h.starred(), SHOP, 'a1', h.clock.now()).find((s) => s.sessionId === 's1')).toMatchObject({ customerId: 'alice', starredAt: T0 });
    await h.ok(unstar('a1', 's1'));
    expect(await h.ok(unstar('a1', 's1'))).toEqual([]);
    expect(starredIds(h, 'a1')).toEqual(['s2']);
  });

  it('S13: the starred list covers the last 6 months; a message in the session keeps it there', async () => {
    const h = await twoSessions();
    await h.ok(star('a1', 's1'));
    await h.later(DAY);
    await h.ok(star('a1', 's2'));
    const in5Months = Date.UTC(2027, 4, 2, 9, 0, 0);
    await h.later(in5Months - h.clock.now());
    await h.ok(replies('a1', 's2', 'late-reply'));
    expect(starredIds(h, 'a1')).toEqual(['s2', 's1']);
    // Six months and a day after the star, s1 has left the list; s2 was active a month ago.
    const later = Date.UTC(2027, 5, 3, 9, 0, 0);
    expect(starredIds(h, 'a1', later)).toEqual(['s2']);
    expect(starredIds(h, 'a1', later, 1)).toEqual([]);
    expect(starredIds(h, 'a1', Date.UTC(2027, 10, 3, 9, 0, 0))).toEqual([]);
  });

  it('S13: the starred list survives a transfer: the agent who starred it keeps its star', async () => {
    const h = await twoSessions();
    await h.ok(h.d.online('a2'));
    await h.ok(star('a1', 's1'));
    await h.ok(h.d.asAgent('a1').transfer({ sessionId: 's1', toAgentId: 'a2' }));
    await h.settle();
    expect(starredIds(h, 'a1')).toEqual(['s1']);
    await h.ok(unstar('a1', 's1'));
  });

  it('S13/C3: the recent-contact list can be read over the last 6 months', async () => {
    const h = await twoSessions();
    const now = Date.UTC(2027, 5, 2, 10, 0, 0);
    await h.later(Date.UTC(2027, 0, 2, 9, 0, 0) - h.clock.now());
    await h.ok(replies('a1', 's2', 'r2'));
    const since = monthsBefore(now, 6);
    expect(since).toBe(Date.UTC(2026, 11, 2, 10, 0, 0));
    expect(recentContactsOf(h.recent(), SHOP, 'a1', since).map((c) => c.customerId)).toEqual(['bob']);
    expect(recentContactsOf(h.recent(), SHOP, 'a1').map((c) => c.customerId)).toEqual(['bob', 'alice']);
  });
});

describe('S15: conversation tags', () => {
  it('S15: at most 20 tags per session; a tag again is a no-op; untagging frees a place', async () => {
    const h = await twoSessions();
    for (let i = 1; i <= MAX_TAGS; i++) await h.ok(tag('a1', 's1', `标签${i}`));
    expect(await h.ok(tag('a1', 's1', '标签1'))).toEqual([]);
    expect(await h.refused(tag('a1', 's1', 'one more'))).toMatchObject({ code: 'review.too-many-tags', details: { field: 'data.tag' } });
    expect((await h.ok(review('UntagSession', agent('a1'), { sessionId: 's1', tag: '标签3' }))).map((e) => e.type)).toEqual(['SessionUntagged']);
    expect(await h.ok(review('UntagSession', agent('a1'), { sessionId: 's1', tag: '标签3' }))).toEqual([]);
    await h.ok(tag('a1', 's1', 'one more'));
  });

  it('S15: tags are the session\'s: an agent who left it still tags it; an agent who never took part does not', async () => {
    const h = await twoSessions();
    await h.ok(h.d.online('a2'));
    await h.ok(h.d.asAgent('a1').transfer({ sessionId: 's1', toAgentId: 'a2' }));
    await h.settle();
    await h.ok(tag('a1', 's1', '退货'));
    await h.ok(tag('a2', 's1', '物流'));
    expect(await h.code(tag('a2', 's2', '物流'))).toBe('actor.not-allowed');
    await h.end('a2', 's1');
    await h.ok(tag('a2', 's1', '已解决'));
    expect(await h.code(tag('a1', 'unknown', 'x'))).toBe('actor.not-allowed');
    await h.agents(['boss'], { role: 'admin' });
    expect(await h.code(review('TagSession', agent('boss'), { sessionId: 'unknown', tag: 'x' }))).toBe('conversation.unknown');
  });
});
