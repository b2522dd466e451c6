/**
 * S10 ratings through the engine: customer-initiated at most once per session,
 * agent-invited (repeatable, each answered once), forced when the session ends
 * (a reaction on the conversation's end); the best counts, credited to the
 * receiving agent after a transfer (S5) and to every co-agent (S6).
 */
import { describe, expect, it } from 'vitest';
import { reviewStream } from '../../../src/domain/review/reviewModule.js';
import { MAX_INVITATIONS } from '../../../src/domain/review/reviewState.js';
import { agentSatisfactionOf, sessionRatingOf } from '../../../src/projections/sessionRatings.js';
import { agent, customer, review, reviewHarness, SHOP, system } from './harness.js';

const rate = (sessionId: string, score: number, extra: { invitationId?: string; comment?: string } = {}, customerId = 'alice') =>
  review('RateSession', customer(customerId), { sessionId, score, ...extra });
const invite = (agentId: string, sessionId: string, invitationId: string) => review('InviteRating', agent(agentId), { sessionId, invitationId });

/** alice's session s1 with a1 (a2 and a3 registered, online after the assignment). */
const withA1 = async () => {
  const h = reviewHarness();
  await h.agents(['a1']);
  await h.agents(['a2', 'a3'], { online: false });
  await h.serve('alice', 's1');
  await h.ok(h.d.online('a2'));
  await h.ok(h.d.online('a3'));
  return h;
};

const reviewEvents = async (h: ReturnType<typeof reviewHarness>, sessionId: string) =>
  (await h.events()).filter((e) => e.stream === reviewStream(SHOP, sessionId)).map((e) => ({ type: e.type, data: e.data as Record<string, unknown> }));

describe('S10: ratings', () => {
  it('S10: the best of three ratings counts', async () => {
    const h = await withA1();
    await h.ok(invite('a1', 's1', 'i1'));
    await h.ok(invite('a1', 's1', 'i2'));
    await h.ok(rate('s1', 3, { comment: '还行' }));
    await h.ok(rate('s1', 5, { invitationId: 'i1' }));
    await h.ok(rate('s1', 4, { invitationId: 'i2' }));
    const rated = (await reviewEvents(h, 's1')).filter((e) => e.type === 'SessionRated').map((e) => [e.data.source, e.data.score, e.data.counts]);
    expect(rated).toEqual([
      ['customer', 3, true],
      ['invited', 5, true],
      ['invited', 4, false],
    ]);
    expect(sessionRatingOf(h.ratings(), SHOP, 's1')).toMatchObject({ ratings: 3, best: { score: 5, source: 'invited', creditedTo: ['a1'] }, pendingInvitations: [] });
    // One session credited once, with its best score: the 3 it replaced is taken away.
    expect(agentSatisfactionOf(h.ratings(), SHOP, 'a1')).toEqual({ sessions: 1, scoreSum: 5, byScore: [0, 0, 0, 0, 1], average: 5 });
  });

  it('S10: the customer rates on their own at most once per session; invitations still take answers', async () => {
    const h = await withA1();
    await h.ok(rate('s1', 2));
    const again = await h.refused(rate('s1', 5));
    expect(again).toMatchObject({ _tag: 'DomainError', code: 'review.already-rated', details: { field: 'data.invitationId' } });
    await h.ok(invite('a1', 's1', 'i1'));
    await h.ok(rate('s1', 5, { invitationId: 'i1' }));
    expect(sessionRatingOf(h.ratings(), SHOP, 's1')?.best?.score).toBe(5);
  });

  it('S10: an agent may invite again; each invitation is answered once; a repeat of the same invitation is a no-op', async () => {
    const h = await withA1();
    expect((await h.ok(invite('a1', 's1', 'i1'))).map((e) => e.type)).toEqual(['RatingInvited']);
    expect(await h.ok(invite('a1', 's1', 'i1'))).toEqual([]);
    expect(sessionRatingOf(h.ratings(), SHOP, 's1')?.pendingInvitations).toEqual(['i1']);
    await h.ok(rate('s1', 4, { invitationId: 'i1' }));
    expect(await h.code(rate('s1', 5, { invitationId: 'i1' }))).toBe('review.invitation-answered');
    expect(await h.code(rate('s1', 5, { invitationId: 'nope' }))).toBe('review.invitation-unknown');
    for (let i = 2; i <= MAX_INVITATIONS; i++) await h.ok(invite('a1', 's1', `i${i}`));
    expect(await h.code(invite('a1', 's1', 'one-too-many'))).toBe('review.too-many-invitations');
  });

  it('S10: forced at the end: the system invites once when the conversation ends, and the customer answers after the end', async () => {
    const h = await withA1();
    await h.end('a1', 's1');
    expect(await reviewEvents(h, 's1')).toMatchObject([{ type: 'RatingInvited', data: { invitationId: 'forced', forced: true } }]);
    // Delivered again (a second engine, a lost checkpoint): nothing more.
    expect(await h.ok(review('ForceRating', system, { sessionId: 's1' }))).toEqual([]);
    expect(sessionRatingOf(h.ratings(), SHOP, 's1')?.pendingInvitations).toEqual(['forced']);
    await h.ok(rate('s1', 4, { invitationId: 'forced' }));
    expect(sessionRatingOf(h.ratings(), SHOP, 's1')).toMatchObject({ best: { score: 4, source: 'forced', creditedTo: ['a1'] }, pendingInvitations: [] });
    // Agents invite while they serve; after the end the system's invitation is the one.
    expect(await h.code(invite('a1', 's1', 'late'))).toBe('review.session-ended');
    expect(h.reports.filter((r) => r.kind !== 'refused')).toEqual([]);
  });

  it('S10/S5: a transferred session\'s rating is credited to the receiving agent', async () => {
    const h = await withA1();
    await h.ok(h.d.asAgent('a1').transfer({ sessionId: 's1', toAgentId: 'a2' }));
    await h.settle();
    await h.ok(rate('s1', 5));
    expect(sessionRatingOf(h.ratings(), SHOP, 's1')?.best?.creditedTo).toEqual(['a2']);
    expect(agentSatisfactionOf(h.ratings(), SHOP, 'a2')).toMatchObject({ sessions: 1, scoreSum: 5 });
    expect(agentSatisfactionOf(h.ratings(), SHOP, 'a1')).toEqual({ sessions: 0, scoreSum: 0, byScore: [0, 0, 0, 0, 0] });
    // a1 no longer serves it: the invitation is a2's to send.
    expect(await h.code(invite('a1', 's1', 'i1'))).toBe('actor.not-allowed');
    await h.ok(invite('a2', 's1', 'i1'));
  });

  it('S10/S6: every invited participant is credited, even one who left before the rating', async () => {
    const h = await withA1();
    await h.ok(h.d.asAgent('a1').invite({ sessionId: 's1', agentId: 'a2' }));
    await h.ok(h.d.asAgent('a1').invite({ sessionId: 's1', agentId: 'a3' }));
    await h.settle();
    await h.ok(h.d.asAgent('a3').leave({ sessionId: 's1', agentId: 'a3' }));
    await h.settle();
    await h.ok(rate('s1', 4));
    expect(sessionRatingOf(h.ratings(), SHOP, 's1')?.best?.creditedTo).toEqual(['a1', 'a2', 'a3']);
    for (const a of ['a1', 'a2', 'a3']) expect(agentSatisfactionOf(h.ratings(), SHOP, a)).toMatchObject({ sessions: 1, scoreSum: 4 });
  });

  it('S10: a better rating later moves the credit: the agents of the replaced best lose it', async () => {
    const h = await withA1();
    await h.ok(rate('s1', 2));
    await h.ok(h.d.asAgent('a1').transfer({ sessionId: 's1', toAgentId: 'a2' }));
    await h.settle();
    await h.ok(invite('a2', 's1', 'i1'));
    await h.ok(rate('s1', 4, { invitationId: 'i1' }));
    expect(agentSatisfactionOf(h.ratings(), SHOP, 'a1')).toMatchObject({ sessions: 0, scoreSum: 0 });
    expect(agentSatisfactionOf(h.ratings(), SHOP, 'a2')).toMatchObject({ sessions: 1, scoreSum: 4, byScore: [0, 0, 0, 1, 0] });
  });

  it('S10: a session nobody served has nothing to rate; the end of a left message forces no invitation', async () => {
    const h = reviewHarness();
    await h.agents(['a1'], { online: false });
    await h.serve('bob', 's2');
    expect(await h.code(rate('s2', 5, {}, 'bob'))).toBe('review.not-served');
    expect(await h.ok(review('ForceRating', system, { sessionId: 's2' }))).toEqual([]);
  });

  it("S10: only the session's customer rates", async () => {
    const h = await withA1();
    expect(await h.code(rate('s1', 1, {}, 'mallory'))).toBe('actor.not-allowed');
    expect(await h.code(review('RateSession', agent('a1'), { sessionId: 's1', score: 5 }))).toBe('actor.not-allowed');
  });
});
