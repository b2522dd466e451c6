/**
 * Deciding with the no-response clock: every conversation command is decided as
 * before, then the clock is brought in line with the conversation it left
 * (noResponseClock.ts), and an assignment binds the shop's timeouts in effect at
 * that time (read from the settings stream as a reference). The two deadline
 * commands fire a run of the clock: each acts only while that very run (clock and
 * run number) is still going, so a reply in time, an end, or a second delivery of
 * the same deadline finds nothing to do. Firing moves no clock: a run that timed out
 * is not started again by the silence that made it time out.
 */
import * as E from 'fp-ts/lib/Either.js';
import isDeepEqual from 'fast-deep-equal';
import type { DecideContext } from '../../decider.js';
import type { DomainError } from '../../errors.js';
import { versionAt, type ShopSettingsState } from '../../shopSettings/settingsVersions.js';
import { stableId } from '../../stableId.js';
import { evolveConversation, type ConversationEvent, type ConversationState } from '../conversation.js';
import type { ConversationCommand, ConversationCommandOf } from '../conversationCommands.js';
import { nothing, type Decided } from '../decide/common.js';
import { clockEvents } from './noResponseClock.js';
import type { BoundTimeouts, NoResponseClock } from './noResponseTypes.js';

export const boundTimeoutsAt = (settings: ShopSettingsState | undefined, at: number): BoundTimeouts => {
  const { version, settings: s } = versionAt(settings, at);
  const { customerNoResponse, agentNoResponse } = s.timeouts;
  return {
    settingsVersion: version,
    customer: customerNoResponse === null ? null : { ...customerNoResponse, prompt: s.autoReplies.customerNoResponsePrompt },
    agent: agentNoResponse === null ? null : { ...agentNoResponse, prompt: s.autoReplies.agentNoResponsePrompt },
  };
};

const fold = (s: ConversationState, events: readonly ConversationEvent[]) => events.reduce(evolveConversation, s);

/** The id of a prompt message: one per run of a clock, the same on every machine. */
export const promptMessageId = (sessionId: string, clock: NoResponseClock, run: number): string => stableId('m-', [sessionId, 'no-response-prompt', clock, String(run)]);

type Fire = ConversationCommandOf<'PromptNoResponse'> | ConversationCommandOf<'TimeOutNoResponse'>;

/** The commands the conversation decides itself (conversationDecide.ts). */
export type MessageOrRouting = Exclude<ConversationCommand, Fire>;

const runOf = (s: ConversationState, c: Fire) => (s.clock !== undefined && s.clock.clock === c.data.clock && s.clock.run === c.data.run ? s.clock : undefined);

const prompt = (c: ConversationCommandOf<'PromptNoResponse'>, s: ConversationState): Decided => {
  const run = runOf(s, c);
  if (run === undefined || run.prompted) return nothing;
  const { sessionId, clock, run: n, since } = c.data;
  const at = c.meta.now;
  const bound = clock === 'agent' ? s.timeouts?.agent : s.timeouts?.customer;
  const text = bound?.prompt ?? '';
  const prompted: ConversationEvent = { type: 'NoResponsePrompted', data: { sessionId, clock, run: n, since, at } };
  if (text.trim() === '') return E.right([prompted]);
  const message: ConversationEvent = {
    type: 'MessageSent',
    data: {
      sessionId,
      messageId: promptMessageId(sessionId, clock, n),
      seq: s.seq + 1,
      sender: { kind: 'system' },
      kind: 'auto',
      content: { kind: 'text', text },
      staffOnly: false,
      purpose: `${clock}-no-response-prompt`,
      at,
    },
  };
  return E.right([message, prompted]);
};

const timeOut = (c: ConversationCommandOf<'TimeOutNoResponse'>, s: ConversationState): Decided => {
  const run = runOf(s, c);
  if (run === undefined) return nothing;
  const { sessionId, clock, run: n, since } = c.data;
  const action = clock === 'agent' ? (s.timeouts?.agent?.onTimeout ?? 'end') : 'end';
  return E.right([
    { type: 'NoResponseTimedOut', data: { sessionId, clock, run: n, since, action, ...(s.agentId === undefined ? {} : { agentId: s.agentId }), at: c.meta.now } },
  ]);
};

const isFire = (c: ConversationCommand): c is Fire => c.type === 'PromptNoResponse' || c.type === 'TimeOutNoResponse';

/** When the command's events happened: a mirrored desk decision carries the desk's time. */
const timeOf = (c: MessageOrRouting): number => (c.type === 'RecordRouting' ? c.data.at : c.meta.now);

export const decideWithClock = (
  command: ConversationCommand,
  state: ConversationState,
  context: DecideContext,
  settingsStream: string,
  decideRest: (command: MessageOrRouting, state: ConversationState) => E.Either<DomainError, readonly ConversationEvent[]>,
): E.Either<DomainError, { readonly events: readonly ConversationEvent[]; readonly state: ConversationState }> => {
  const withState = (decided: Decided) => E.map((events: readonly ConversationEvent[]) => ({ events, state: fold(state, events) }))(decided);
  // Only the system fires a deadline (conversationPolicy.ts, checked before this).
  if (isFire(command)) {
    return withState(command.type === 'PromptNoResponse' ? prompt(command, state) : timeOut(command, state));
  }
  const decided = decideRest(command, state);
  if (E.isLeft(decided) || decided.right.length === 0) return withState(decided);
  const events: ConversationEvent[] = [...decided.right];
  let after = fold(state, events);
  const at = timeOf(command);
  if (command.type === 'RecordRouting' && (command.data.change.kind === 'assigned' || command.data.change.kind === 'transferred') && after.status === 'assigned') {
    const timeouts = boundTimeoutsAt(context.stateOf(settingsStream) as ShopSettingsState | undefined, at);
    // A shop with no timeouts writes nothing here (nothing bound reads as nothing to bind).
    const nothingToBind = after.timeouts === undefined && timeouts.customer === null && timeouts.agent === null;
    if (!nothingToBind && !isDeepEqual(timeouts, after.timeouts)) {
      const bound: ConversationEvent = { type: 'NoResponseTimeoutsBound', data: { sessionId: after.sessionId, timeouts, at } };
      events.push(bound);
      after = evolveConversation(after, bound);
    }
  }
  // The state after is handed back with the events, so the engine does not fold them again.
  const moved = clockEvents(after, at);
  return E.right({ events: [...events, ...moved], state: fold(after, moved) });
};
