/**
 * S10 property: whatever the order of a session's ratings (the customer's own
 * and the answers to invitations), the one that counts is the maximum score,
 * the earliest of equal ones, and the agent's satisfaction holds exactly that
 * one score for the session. Driven through the review's decider with the
 * conversation as its reference, every event into the read model.
 */
import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect } from 'vitest';
import type { Command, CommandMeta } from '../../../src/domain/command.js';
import { evolveConversation, initialConversationState, type ConversationEvent } from '../../../src/domain/conversation/conversation.js';
import { conversationStream } from '../../../src/domain/conversation/conversationModule.js';
import type { Actor } from '../../../src/domain/envelope.js';
import type { ReviewCommand } from '../../../src/domain/review/reviewCommands.js';
import type { ReviewEvent } from '../../../src/domain/review/reviewEvents.js';
import { reviewModule, reviewStream } from '../../../src/domain/review/reviewModule.js';
import { bestRating, type ReviewState } from '../../../src/domain/review/reviewState.js';
import type { ProjectedEvent } from '../../../src/projections/projection.js';
import { agentSatisfactionOf, sessionRatingOf, sessionRatingsProjection } from '../../../src/projections/sessionRatings.js';
import { SHOP, T0 } from './harness.js';

const conversation = [
  { type: 'ConversationOpened', data: { sessionId: 's1', customerId: 'alice', channel: 'app', initiation: 'customer', entry: { kind: 'channel' }, vip: false, at: T0 } },
  { type: 'ConversationAssigned', data: { sessionId: 's1', routingVersion: 2, agentId: 'a1', vip: false, at: T0 } },
] as unknown as ConversationEvent[];
const conversationState = conversation.reduce(evolveConversation, initialConversationState());
const context = { stateOf: (stream: string) => (stream === conversationStream(SHOP, 's1') ? conversationState : undefined) };

const command = (type: ReviewCommand['type'], actor: Actor, data: unknown, now: number): ReviewCommand => {
  const meta: CommandMeta = { shopId: SHOP, actor, now, seed: 1, commandId: `c${now}`, correlationId: 'c', causationId: 'c' };
  return { type, data, meta } as Command as ReviewCommand;
};

const run = (commands: readonly ReviewCommand[]) => {
  const { decider } = reviewModule;
  let state: ReviewState = decider.initialState();
  let ratings = sessionRatingsProjection().initialState();
  const projection = sessionRatingsProjection();
  const events: ReviewEvent[] = [];
  for (const c of commands) {
    const decided = decider.decide(c, state, context);
    if (E.isLeft(decided)) throw new Error(`${c.type} refused: ${decided.left.code}`);
    for (const event of decided.right) {
      state = decider.evolve(state, event);
      events.push(event);
      const position = events.length;
      const projected = {
        ...event,
        schemaVersion: 1,
        stream: reviewStream(SHOP, 's1'),
        streamVersion: position,
        globalPosition: position,
        metadata: { eventId: `e${position}`, shopId: SHOP, actor: c.meta.actor, occurredAt: c.meta.now, correlationId: 'c', causationId: 'c' },
      } as ProjectedEvent<ReviewEvent>;
      ratings = projection.apply(ratings, projected);
    }
  }
  return { state, ratings, events };
};

/** Scores (the first is the customer's own rating, the others answer invitations i1, i2, ...) and an order to give them in. */
const ratingsInAnyOrder = fc
  .array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 8 })
  .chain((scores) => fc.tuple(fc.constant(scores), fc.shuffledSubarray([...scores.keys()], { minLength: scores.length, maxLength: scores.length })));

describe('S10: the best rating over any order', () => {
  test.prop([ratingsInAnyOrder])('property: the best rating is the maximum over any order of rating commands (ties: the earliest)', ([scores, order]) => {
    const alice: Actor = { kind: 'customer', id: 'alice' };
    const invitations = scores.slice(1).map((_, i) => command('InviteRating', { kind: 'system' }, { sessionId: 's1', invitationId: `i${i + 1}`, agentId: 'a1' }, T0 + i));
    const rates = order.map((k, n) =>
      command('RateSession', alice, k === 0 ? { sessionId: 's1', score: scores[k] } : { sessionId: 's1', score: scores[k], invitationId: `i${k}` }, T0 + 100 + n),
    );
    const { state, ratings, events } = run([...invitations, ...rates]);
    const max = Math.max(...scores);
    const firstMax = order.findIndex((k) => scores[k] === max);
    expect(bestRating(state)?.score).toBe(max);
    expect(bestRating(state)?.ratingNo).toBe(firstMax + 1);
    // Each rating says whether it became the best: exactly the running maximum's strict rises.
    let running = 0;
    const rises = order.map((k) => {
      const rises = scores[k]! > running;
      running = Math.max(running, scores[k]!);
      return rises;
    });
    expect(events.filter((e) => e.type === 'SessionRated').map((e) => (e.type === 'SessionRated' ? e.data.counts : null))).toEqual(rises);
    expect(sessionRatingOf(ratings, SHOP, 's1')?.best).toMatchObject({ score: max, ratingNo: firstMax + 1 });
    const byScore = [0, 0, 0, 0, 0];
    byScore[max - 1] = 1;
    expect(agentSatisfactionOf(ratings, SHOP, 'a1')).toEqual({ sessions: 1, scoreSum: max, byScore, average: max });
  });
});
