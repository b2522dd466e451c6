/**
 * Deciding a moment's auto-replies against the customer's stream, with three
 * streams read, never written (module.ts, references): the shop's settings (the
 * texts and the calendar in effect at the moment), the desk's routing stream
 * (who is online) and the session's conversation (that it exists and is this
 * customer's). A moment already checked is a no-op, so a reaction delivered
 * twice sends nothing twice; the first check records the settings version used.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { DecideContext } from '../decider.js';
import { initialDeskState, type DeskState } from '../desk/deskState.js';
import { domainError, type DomainError } from '../errors.js';
import type { ConversationState } from '../conversation/conversation.js';
import { versionAt, type ShopSettingsState } from '../shopSettings/settingsVersions.js';
import type { AutoRepliesCommand } from './autoRepliesCommands.js';
import type { AutoRepliesEvent, AutoReplyMoment } from './autoRepliesEvents.js';
import { wasHandled, type AutoRepliesState } from './autoRepliesState.js';
import { queueReplies, startReplies, type ChosenReply } from './rules.js';
import { authorizeBy } from '../permissions/policy.js';
import { whoFromContext } from '../permissions/who.js';
import { autoRepliesPolicy } from './autoRepliesPolicy.js';

export const AUTO_REPLIES_ERROR_CODES = ['actor.not-allowed', 'actor.unknown', 'conversation.unknown', 'auto-replies.customer-mismatch'] as const;
export type AutoRepliesErrorCode = (typeof AUTO_REPLIES_ERROR_CODES)[number];

/** The streams a command reads, named by the module (autoRepliesModule.ts). */
export interface ReferencedStreams {
  readonly settings: string;
  readonly desk: string;
  readonly conversation: string;
}

type Decided = E.Either<DomainError, readonly AutoRepliesEvent[]>;

const refuse = (code: AutoRepliesErrorCode, message: string, field: string): Decided => E.left(domainError(code, message, { field }));

/** The session statuses in which a queue notice still tells the truth ('none': a desk-opened session not mirrored yet). */
const STILL_WAITING: ReadonlySet<ConversationState['status']> = new Set(['none', 'routing', 'queued']);

const events = (moment: AutoReplyMoment, sessionId: string, at: number, settingsVersion: number, replies: readonly ChosenReply[]): readonly AutoRepliesEvent[] => [
  { type: 'AutoRepliesChecked', data: { sessionId, moment, settingsVersion, at } },
  ...replies.map((r): AutoRepliesEvent => ({ type: 'AutoReplyDecided', data: { sessionId, ...r, settingsVersion, at } })),
];

export const decideAutoReplies = (command: AutoRepliesCommand, state: AutoRepliesState, context: DecideContext, streams: ReferencedStreams): Decided => {
  // Auto-replies follow from conversation events: nobody but the system asks for them (autoRepliesPolicy.ts).
  const who = whoFromContext(context, command.meta.shopId, command.meta.actor);
  if (E.isLeft(who)) return who;
  const allowed = authorizeBy(autoRepliesPolicy, command.type, who.right, 'other');
  if (E.isLeft(allowed)) return allowed;
  const { customerId, sessionId, at } = command.data;
  const moment: AutoReplyMoment = command.type === 'DecideStartReplies' ? 'session-start' : 'queued';
  if (wasHandled(state, moment, sessionId)) return E.right([]);
  const conversation = context.stateOf(streams.conversation) as ConversationState | undefined;
  const status = conversation?.status ?? 'none';
  // A session start follows ConversationOpened, so its conversation exists; the desk's SessionQueued may come before the mirror.
  if (status === 'none' && command.type === 'DecideStartReplies') return refuse('conversation.unknown', `no conversation for session ${sessionId}`, 'data.sessionId');
  if (status !== 'none' && conversation!.customerId !== customerId) {
    return refuse('auto-replies.customer-mismatch', `session ${sessionId} is not customer ${customerId}'s`, 'data.customerId');
  }
  const { version, settings } = versionAt(context.stateOf(streams.settings) as ShopSettingsState | undefined, at);
  if (command.type === 'DecideQueueNotice') return E.right(events(moment, sessionId, at, version, STILL_WAITING.has(status) ? queueReplies(sessionId, settings) : []));
  const desk = (context.stateOf(streams.desk) as DeskState | undefined) ?? initialDeskState();
  return E.right(events(moment, sessionId, at, version, status === 'ended' ? [] : startReplies(sessionId, at, settings, desk, state)));
};
