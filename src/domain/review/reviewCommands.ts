/**
 * The session review's commands (S10 ratings, S13 stars, S15 tags) and their
 * codecs. Times come from the command's meta (`now`). Bounds are checked here
 * where they are about one value (a score, a comment, a tag), in decide where
 * they are about the session (how many invitations, how many tags).
 */
import * as t from 'io-ts';
import type { Command } from '../command.js';
import { agentIdCodec, messageIdCodec, sessionIdCodec } from '../ids.js';
import type { CommandCodecs } from '../module.js';
import { describeValue, intInRange, nonEmptyString, struct } from '../validation.js';

type SessionRef = { readonly sessionId: string };
/** The agent acting: the actor when an agent sends; named when the system (a trusted backend) sends for one. */
type ForAgent = { readonly agentId?: string };

/** S10: scores 1..5, the manual's satisfaction words from worst to best (评价结果: 非常满意 is a 5). */
export const RATING_SCORES = [1, 2, 3, 4, 5] as const;
export type RatingScore = (typeof RATING_SCORES)[number];
export const RATING_LABELS: Readonly<Record<RatingScore, string>> = { 1: '非常不满意', 2: '不满意', 3: '一般', 4: '满意', 5: '非常满意' };

export const COMMENT_MAX_CHARS = 200;
export const TAG_MAX_CHARS = 20;
/** The id the system's end-of-session invitation always has, so it is sent once per session and the customer can answer it. */
export const FORCED_INVITATION_ID = 'forced';

export type ReviewCommand =
  /** S10: an agent of the session asks the customer to rate (may be repeated, each with its own id). */
  | Command<'InviteRating', SessionRef & ForAgent & { readonly invitationId: string }>
  /** S10 forced rating: the system, when the session ends (reviewReactions.ts); once per session. */
  | Command<'ForceRating', SessionRef>
  /** S10: the customer rates, on their own (once per session) or answering an invitation (once per invitation). */
  | Command<'RateSession', SessionRef & { readonly score: number; readonly comment?: string; readonly invitationId?: string }>
  /** S15 conversation tags. */
  | Command<'TagSession', SessionRef & ForAgent & { readonly tag: string }>
  | Command<'UntagSession', SessionRef & ForAgent & { readonly tag: string }>
  /** S13: the acting agent's own star on the session. */
  | Command<'StarSession', SessionRef & ForAgent>
  | Command<'UnstarSession', SessionRef & ForAgent>;

export type ReviewCommandType = ReviewCommand['type'];
export type ReviewCommandOf<T extends ReviewCommandType> = Extract<ReviewCommand, { type: T }>;

/** An agent's invitation id: any message id but the forced invitation's. */
const invitationIdCodec = new t.Type<string, string, unknown>(
  'InvitationId',
  (u): u is string => messageIdCodec.is(u) && u !== FORCED_INVITATION_ID,
  (u, c) => {
    const decoded = messageIdCodec.validate(u, c);
    if (decoded._tag === 'Left') return decoded;
    return decoded.right === FORCED_INVITATION_ID ? t.failure(u, c, `"${FORCED_INVITATION_ID}" is the id of the system's forced invitation`) : decoded;
  },
  t.identity,
);

/** A tag as shown: 1-20 characters, no space at either end (so two spellings of one tag cannot differ by a space). */
export const tagCodec = new t.Type<string, string, unknown>(
  'Tag',
  (u): u is string => typeof u === 'string' && u.length >= 1 && u.length <= TAG_MAX_CHARS && u.trim() === u,
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c, `must be a string, got ${describeValue(u)}`);
    if (u.trim().length === 0) return t.failure(u, c, 'must not be empty');
    if (u.length > TAG_MAX_CHARS) return t.failure(u, c, `must be at most ${TAG_MAX_CHARS} characters, got ${u.length}`);
    return u.trim() === u ? t.success(u) : t.failure(u, c, 'must not start or end with a space');
  },
  t.identity,
);

export const scoreCodec = intInRange(1, 5);
export const commentCodec = nonEmptyString(COMMENT_MAX_CHARS);

const session = { sessionId: sessionIdCodec };
const forAgent = { agentId: agentIdCodec };

export const reviewCommandCodecs = {
  InviteRating: struct('InviteRating', { ...session, invitationId: invitationIdCodec }, forAgent),
  ForceRating: struct('ForceRating', session),
  RateSession: struct('RateSession', { ...session, score: scoreCodec }, { comment: commentCodec, invitationId: messageIdCodec }),
  TagSession: struct('TagSession', { ...session, tag: tagCodec }, forAgent),
  UntagSession: struct('UntagSession', { ...session, tag: tagCodec }, forAgent),
  StarSession: struct('StarSession', session, forAgent),
  UnstarSession: struct('UnstarSession', session, forAgent),
} satisfies CommandCodecs<ReviewCommand>;
