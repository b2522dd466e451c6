/**
 * What the session review records. A rating carries what it counts for, worked
 * out when it was given (principle 5: reports fold events and nothing else):
 * the agents it is credited to (S5: the receiving agent after transfers; S6:
 * every co-agent the session had) and whether it became the session's best
 * rating, replacing an earlier best (S10: when several exist, the best counts).
 * A report of satisfaction per agent then adds and takes away from the events
 * alone, without remembering every session.
 */
import * as t from 'io-ts';
import type { DomainEvent } from '../decider.js';
import { agentIdCodec, customerIdCodec, messageIdCodec, sessionIdCodec } from '../ids.js';
import type { EventDefinitions } from '../module.js';
import { intInRange, oneOf, struct, timestamp } from '../validation.js';
import { commentCodec, scoreCodec, tagCodec } from './reviewCommands.js';

/** S10: the customer rated on their own, answered an agent's invitation, or answered the system's forced one. */
export const RATING_SOURCES = ['customer', 'invited', 'forced'] as const;
export type RatingSource = (typeof RATING_SOURCES)[number];

type SessionRef = { readonly sessionId: string };
type At = { readonly at: number };

/** The best rating a new one replaces: what a report takes away from the agents it credited. */
export interface ReplacedRating {
  readonly ratingNo: number;
  readonly score: number;
  readonly creditedTo: readonly string[];
}

export interface SessionRatedData extends SessionRef, At {
  /** 1, 2, ... within the session. */
  readonly ratingNo: number;
  readonly source: RatingSource;
  readonly invitationId?: string;
  readonly customerId: string;
  readonly score: number;
  readonly comment?: string;
  /** The receiving agent first, then the co-agents, each once. */
  readonly creditedTo: readonly string[];
  /** Whether this is now the session's best rating (a higher score than every earlier one; ties keep the earliest). */
  readonly counts: boolean;
  readonly replaces?: ReplacedRating;
}

export type ReviewEvent =
  | DomainEvent<'RatingInvited', SessionRef & At & { readonly invitationId: string; readonly forced: boolean; readonly by?: string }>
  | DomainEvent<'SessionRated', SessionRatedData>
  | DomainEvent<'SessionTagged', SessionRef & At & { readonly tag: string; readonly by?: string }>
  | DomainEvent<'SessionUntagged', SessionRef & At & { readonly tag: string; readonly by?: string }>
  /** S13: the customer is carried so a starred list names whom the session was with. */
  | DomainEvent<'SessionStarred', SessionRef & At & { readonly agentId: string; readonly customerId: string }>
  | DomainEvent<'SessionUnstarred', SessionRef & At & { readonly agentId: string }>;

export type ReviewEventType = ReviewEvent['type'];
export type ReviewEventOf<T extends ReviewEventType> = Extract<ReviewEvent, { type: T }>;

const v1 = <C extends t.Mixed>(codec: C) => ({ schemaVersion: 1, codec });
const base = { sessionId: sessionIdCodec, at: timestamp };
const positive = intInRange(1, Number.MAX_SAFE_INTEGER);
const agents = t.readonlyArray(agentIdCodec);

export const reviewEventDefinitions = {
  RatingInvited: v1(struct('RatingInvited', { ...base, invitationId: messageIdCodec, forced: t.boolean }, { by: agentIdCodec })),
  SessionRated: v1(
    struct(
      'SessionRated',
      {
        ...base,
        ratingNo: positive,
        source: oneOf('RatingSource', RATING_SOURCES),
        customerId: customerIdCodec,
        score: scoreCodec,
        creditedTo: agents,
        counts: t.boolean,
      },
      {
        invitationId: messageIdCodec,
        comment: commentCodec,
        replaces: struct('ReplacedRating', { ratingNo: positive, score: scoreCodec, creditedTo: agents }),
      },
    ),
  ),
  SessionTagged: v1(struct('SessionTagged', { ...base, tag: tagCodec }, { by: agentIdCodec })),
  SessionUntagged: v1(struct('SessionUntagged', { ...base, tag: tagCodec }, { by: agentIdCodec })),
  SessionStarred: v1(struct('SessionStarred', { ...base, agentId: agentIdCodec, customerId: customerIdCodec })),
  SessionUnstarred: v1(struct('SessionUnstarred', { ...base, agentId: agentIdCodec })),
} satisfies EventDefinitions<ReviewEvent>;
