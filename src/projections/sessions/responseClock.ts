/**
 * C4's first and average response times of one session, as a small clock of its
 * own (the history list needs two figures per session, not the workload report's
 * per-agent, per-day figures). The reference definition of a pair is the
 * workload report's (src/projections/reports, kefu's open points 1-3); this clock
 * follows the same reading:
 * - a pair is the first customer message after the last reply, closed by the next
 *   message of the agent holding the session (not an internal note);
 * - its clock starts at the later of the question and the start of the replying
 *   agent's reception (its assignment, or the transfer to it): a question asked
 *   while queued, or left open at a transfer, is timed from there;
 * - notices (welcome, queue-notice, after-hours-notice, promotion,
 *   `*-no-response-prompt`) answer nothing; any other `auto` message (a keyword
 *   or robot answer) answers the questions before it, which then start no pair;
 *   no system/auto message is a reply.
 * The state is plain and folded in place (the history's fold owns it).
 */
import { isNotice } from '../noticeMessages.js';
import type { ConversationEventOf } from '../../domain/conversation/conversation.js';
import { isReply } from '../../domain/conversation/messages.js';

export interface ResponseClock {
  /** The agent holding the session now, and since when (its reception's start). Fields are set to undefined, never deleted: a delete would slow every later access to the object. */
  holder: string | undefined;
  holderSince: number | undefined;
  /** The first customer message not answered yet. */
  questionSince: number | undefined;
  /** The first pair's duration (ms), once there is one. */
  firstMs: number | undefined;
  pairs: number;
  totalMs: number;
}

export const newResponseClock = (): ResponseClock => ({ holder: undefined, holderSince: undefined, questionSince: undefined, firstMs: undefined, pairs: 0, totalMs: 0 });

/** The session came to `agentId` at `at` (assigned, or transferred to it). */
export const receive = (clock: ResponseClock, agentId: string, at: number): void => {
  clock.holder = agentId;
  clock.holderSince = at;
};

/** Queued again, requeued, diverted: nobody holds it; an open question waits for the next agent. */
export const release = (clock: ResponseClock): void => {
  clock.holder = undefined;
  clock.holderSince = undefined;
};

export const onMessage = (clock: ResponseClock, m: ConversationEventOf<'MessageSent'>['data']): void => {
  if (m.sender.kind === 'customer') {
    clock.questionSince ??= m.at;
    return;
  }
  if (m.kind === 'auto') {
    if (!isNotice(m.purpose)) clock.questionSince = undefined;
    return;
  }
  if (!isReply(m.kind, m.sender) || m.sender.kind !== 'agent' || m.sender.id !== clock.holder) return;
  if (clock.questionSince === undefined || clock.holderSince === undefined) return;
  const ms = Math.max(0, m.at - Math.max(clock.questionSince, clock.holderSince));
  clock.pairs += 1;
  clock.totalMs += ms;
  clock.firstMs ??= ms;
  clock.questionSince = undefined;
};

/** Seconds, unformatted; null when the session has no pair (客服尚未回应). */
export const firstResponseSeconds = (clock: ResponseClock): number | null => (clock.firstMs === undefined ? null : clock.firstMs / 1000);
export const averageResponseSeconds = (clock: ResponseClock): number | null => (clock.pairs === 0 ? null : clock.totalMs / clock.pairs / 1000);
