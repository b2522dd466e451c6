/**
 * Bad input for every review command (DESIGN 4): a typed error naming the field
 * and the reason, and nothing written anywhere (the harness's `refused` compares
 * the whole log before and after); refusals name their field too.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/envelope.js';
import { REVIEW_ERROR_CODES } from '../../../src/domain/review/reviewDecide.js';
import type { ReviewCommandType } from '../../../src/domain/review/reviewCommands.js';
import { reviewPolicy } from '../../../src/domain/review/reviewPolicy.js';
import { agent, customer, reviewHarness, SHOP, system } from './harness.js';
import { expectValidationErrorAt } from '../../support/validationError.js';

const opened = async () => {
  const h = reviewHarness();
  await h.agents(['a1']);
  await h.serve('alice', 's1');
  return h;
};

const tooLong = (n: number) => 'x'.repeat(n);

/** For each command: who sends it, and bad data with the field each must name. */
const CASES: Record<ReviewCommandType, { actor: Actor; bad: readonly (readonly [string, unknown])[] }> = {
  InviteRating: {
    actor: agent('a1'),
    bad: [
      ['data.invitationId', { sessionId: 's1' }],
      ['data.invitationId', { sessionId: 's1', invitationId: 'forced' }],
      ['data.invitationId', { sessionId: 's1', invitationId: 'has space' }],
      ['data.sessionId', { sessionId: '', invitationId: 'i1' }],
      ['data.agentId', { sessionId: 's1', invitationId: 'i1', agentId: 7 }],
      ['data.extra', { sessionId: 's1', invitationId: 'i1', extra: true }],
    ],
  },
  ForceRating: {
    actor: system,
    bad: [
      ['data.sessionId', {}],
      ['data.sessionId', { sessionId: tooLong(129) }],
      ['data.agentId', { sessionId: 's1', agentId: 'a1' }],
    ],
  },
  RateSession: {
    actor: customer('alice'),
    bad: [
      ['data.score', { sessionId: 's1' }],
      ['data.score', { sessionId: 's1', score: 0 }],
      ['data.score', { sessionId: 's1', score: 6 }],
      ['data.score', { sessionId: 's1', score: 4.5 }],
      ['data.score', { sessionId: 's1', score: '5' }],
      ['data.comment', { sessionId: 's1', score: 5, comment: '' }],
      ['data.comment', { sessionId: 's1', score: 5, comment: tooLong(201) }],
      ['data.invitationId', { sessionId: 's1', score: 5, invitationId: '' }],
    ],
  },
  TagSession: {
    actor: agent('a1'),
    bad: [
      ['data.tag', { sessionId: 's1' }],
      ['data.tag', { sessionId: 's1', tag: '' }],
      ['data.tag', { sessionId: 's1', tag: ' 退货' }],
      ['data.tag', { sessionId: 's1', tag: tooLong(21) }],
      ['data.tag', { sessionId: 's1', tag: ['a'] }],
    ],
  },
  UntagSession: {
    actor: agent('a1'),
    bad: [
      ['data.tag', { sessionId: 's1', tag: '   ' }],
      ['data.sessionId', { tag: 'x' }],
    ],
  },
  StarSession: {
    actor: agent('a1'),
    bad: [
      ['data.sessionId', { sessionId: null }],
      ['data.agentId', { sessionId: 's1', agentId: '-a' }],
      ['data.starred', { sessionId: 's1', starred: true }],
    ],
  },
  UnstarSession: {
    actor: agent('a1'),
    bad: [
      ['data.sessionId', {}],
      ['data', 'not an object'],
    ],
  },
};

describe.each(Object.keys(CASES) as ReviewCommandType[])('%s: bad input is a typed error naming the field, nothing written', (type) => {
  it.each(CASES[type].bad.map(([path, data]) => [path, data] as const))('%s: %j', async (path, data) => {
    const h = await opened();
    expectValidationErrorAt(await h.refused({ type, shopId: SHOP, actor: CASES[type].actor, data }), path);
  });
});

describe('refusals name what is to blame, and the catalogue holds every code', () => {
  it('a session with no conversation is refused naming data.sessionId (the system, an admin)', async () => {
    const h = await opened();
    for (const [type, data] of [
      ['ForceRating', { sessionId: 'nope' }],
      ['RateSession', { sessionId: 'nope', score: 3 }],
      ['TagSession', { sessionId: 'nope', tag: 'x' }],
      ['StarSession', { sessionId: 'nope', agentId: 'a1' }],
    ] as const) {
      expect(await h.refused({ type, shopId: SHOP, actor: system, data }), type).toMatchObject({ code: 'conversation.unknown', details: { field: 'data.sessionId' } });
    }
  });

  it('an unknown agent is refused as unknown (P4), naming the actor', async () => {
    const h = await opened();
    expect(await h.refused({ type: 'TagSession', shopId: SHOP, actor: agent('stranger'), data: { sessionId: 's1', tag: 'x' } })).toMatchObject({ code: 'actor.unknown' });
  });

  it('every command has a rule, and every code is catalogued once', () => {
    expect(Object.keys(reviewPolicy).sort()).toEqual(Object.keys(CASES).sort());
    expect(new Set(REVIEW_ERROR_CODES).size).toBe(REVIEW_ERROR_CODES.length);
    expect(REVIEW_ERROR_CODES).toEqual(expect.arrayContaining(['conversation.unknown', 'review.already-rated', 'review.invitation-answered', 'review.too-many-tags', 'actor.not-allowed']));
  });
});
