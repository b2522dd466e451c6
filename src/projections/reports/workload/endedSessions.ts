/**
 * M22's per-session figures: a row per ended session, kept for the newest
 * `limit` sessions of a shop (a queue of ids; the oldest goes first), so memory
 * never grows with the log. A rating that arrives after the end updates the
 * row while it is kept.
 */
import { record } from './plainRecords.js';
import type { OpenSession } from './segments.js';

export interface SessionFigure {
  sessionId: string;
  /** The receiving agent: the last one the session was assigned or transferred to. */
  agentId: string;
  customerId: string;
  channel: string;
  /** The first reception (epoch ms) and its natural day. */
  startedAt: number;
  day: number;
  /** From the first reception to the end, in seconds. */
  durationSec: number;
  avgResponseSec: number | null;
  firstResponseSec: number | null;
  ratingScore: number | null;
  entryGroupId: string | null;
  originPage: string;
  originRef: string | null;
}

export interface EndedSessions {
  rows: Record<string, SessionFigure>;
  /** Ids in the order they ended; those before `head` are gone. */
  order: string[];
  head: number;
}

export const DEFAULT_SESSION_LIMIT = 100_000;
export const MAX_SESSION_LIMIT = 10_000_000;

export const noEndedSessions = (): EndedSessions => ({ rows: record(), order: [], head: 0 });

/** Keeps the row of a session that ended; a session never received (ended in the queue) has none. */
export const keepEnded = (ended: EndedSessions, sessionId: string, session: OpenSession, at: number, day: number, limit: number): void => {
  if (session.firstReceptionAt === null || session.lastAgentId === null) return;
  if (ended.rows[sessionId] === undefined) ended.order.push(sessionId);
  ended.rows[sessionId] = {
    sessionId,
    agentId: session.lastAgentId,
    customerId: session.customerId,
    channel: session.channel,
    startedAt: session.firstReceptionAt,
    day,
    durationSec: Math.max(0, at - session.firstReceptionAt) / 1000,
    avgResponseSec: session.pairs === 0 ? null : session.pairSec / session.pairs,
    firstResponseSec: session.firstResponseSec,
    ratingScore: session.rating,
    entryGroupId: session.entryGroupId,
    originPage: session.originPage,
    originRef: session.originRef,
  };
  while (ended.order.length - ended.head > limit) {
    const oldest = ended.order[ended.head] as string;
    delete ended.rows[oldest];
    ended.head += 1;
  }
  // Drop the ids already gone once they are as many as those kept (amortised O(1) per session).
  if (ended.head > 1024 && ended.head * 2 > ended.order.length) {
    ended.order = ended.order.slice(ended.head);
    ended.head = 0;
  }
};
