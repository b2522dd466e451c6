/**
 * Which no-response clock runs, from the conversation alone, and the events that
 * move it. Only an assigned conversation has a clock (a queued one is waiting for
 * routing, not for an agent; an ended one waits for nobody):
 * - the agent clock while a customer message is unanswered, from that message or
 *   from when the present agent got the session, whichever is later (a session
 *   that waited in the queue or was just transferred gives its agent full time);
 * - the customer clock once the agent has replied and the customer has not
 *   written since, from that reply.
 * System and auto messages and internal notes are not replies (messages.ts
 * isReply), so they never start, stop or restart a clock: a prompt does not give
 * the silent side more time.
 */
import type { ConversationState } from '../conversation.js';
import type { NoResponseClock, NoResponseEvent, RunningClock } from './noResponseTypes.js';

interface WantedClock {
  readonly clock: NoResponseClock;
  readonly since: number;
  readonly promptAfterSeconds: number;
  readonly endAfterSeconds: number;
}

export const wantedClock = (s: ConversationState): WantedClock | undefined => {
  const timeouts = s.timeouts;
  if (s.status !== 'assigned' || timeouts === undefined || s.agentId === undefined) return undefined;
  if (s.waitingSince !== undefined) {
    if (timeouts.agent === null) return undefined;
    return { clock: 'agent', since: Math.max(s.waitingSince, s.assignedAt ?? 0), ...timeouts.agent };
  }
  if (s.lastReplyAt !== undefined && timeouts.customer !== null) return { clock: 'customer', since: s.lastReplyAt, ...timeouts.customer };
  return undefined;
};

const same = (running: RunningClock | undefined, wanted: WantedClock | undefined) =>
  running !== undefined && wanted !== undefined && running.clock === wanted.clock && running.since === wanted.since;

/** The events that bring the running clock in line with the conversation after a command. */
export const clockEvents = (s: ConversationState, at: number): NoResponseEvent[] => {
  const wanted = wantedClock(s);
  const running = s.clock;
  if (same(running, wanted) || (running === undefined && wanted === undefined)) return [];
  const events: NoResponseEvent[] = [];
  if (running !== undefined) events.push({ type: 'NoResponseClockStopped', data: { sessionId: s.sessionId, clock: running.clock, run: running.run, since: running.since, at } });
  if (wanted !== undefined) {
    events.push({
      type: 'NoResponseClockStarted',
      data: {
        sessionId: s.sessionId,
        clock: wanted.clock,
        run: (s.clockRuns ?? 0) + 1,
        since: wanted.since,
        promptAt: wanted.since + wanted.promptAfterSeconds * 1000,
        endAt: wanted.since + wanted.endAfterSeconds * 1000,
      },
    });
  }
  return events;
};

/** The conversation's clock fields after a no-response event. */
export const evolveClock = (s: ConversationState, event: NoResponseEvent): ConversationState => {
  switch (event.type) {
    case 'NoResponseTimeoutsBound':
      return { ...s, timeouts: event.data.timeouts };
    case 'NoResponseClockStarted': {
      const { clock, run, since, promptAt, endAt } = event.data;
      return { ...s, clock: { clock, run, since, promptAt, endAt, prompted: false }, clockRuns: run };
    }
    case 'NoResponsePrompted':
      return s.clock === undefined ? s : { ...s, clock: { ...s.clock, prompted: true } };
    case 'NoResponseClockStopped':
    case 'NoResponseTimedOut': {
      const { clock: _stopped, ...rest } = s;
      return rest;
    }
  }
};
