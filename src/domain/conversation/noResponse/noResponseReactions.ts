/**
 * S8 on durable deadlines: a run of a clock schedules its prompt and its end, keyed
 * by session (one clock runs at a time), so stopping the run cancels both by the
 * same keys, and a new run moves them. The end of a run acts at the desk: the
 * session ends (reason `timeout`) or, for a silent agent where the shop says so,
 * goes to another agent. Each fired command checks that its run still holds.
 */
import { cancel, dispatch, reactionsTo, schedule } from '../../reaction.js';
import type { NoResponseEvent } from './noResponseTypes.js';

export const promptKey = (sessionId: string): string => `no-response-prompt:${sessionId}`;
export const endKey = (sessionId: string): string => `no-response-end:${sessionId}`;

const stop = (sessionId: string) => [cancel(promptKey(sessionId)), cancel(endKey(sessionId))];

export const noResponseReactions = reactionsTo<NoResponseEvent>({
  NoResponseClockStarted: ({ data }) => {
    const run = { sessionId: data.sessionId, clock: data.clock, run: data.run, since: data.since };
    return [schedule(promptKey(data.sessionId), data.promptAt, 'PromptNoResponse', run), schedule(endKey(data.sessionId), data.endAt, 'TimeOutNoResponse', run)];
  },
  NoResponseClockStopped: ({ data }) => stop(data.sessionId),
  NoResponseTimedOut: ({ data }) => [
    ...stop(data.sessionId),
    data.action === 'requeue' && data.agentId !== undefined
      ? dispatch('RequeueSession', { sessionId: data.sessionId, excludeAgentId: data.agentId, reason: 'agent-no-response' })
      : dispatch('EndSession', { sessionId: data.sessionId, reason: 'timeout' }),
  ],
});
