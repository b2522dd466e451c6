/**
 * S15 around the conversation's decide: a message the conversation accepted is
 * then moderated against the shop's moderation stream (read as an optional
 * reference: without the module, nothing here applies).
 *
 * - Anti-spam (customers' messages): the customer's token bucket (folded from its
 *   accepted messages, tokenBucket.ts) must hold a token at the command's time, or
 *   the message is refused (`customer.throttled`, with `retryAfterMs`). A refusal
 *   writes nothing, so it costs no token.
 * - Sensitive words (text contents: text and quick replies), incoming for the
 *   customer's messages, outgoing for agents' messages and anonymous replies:
 *   `block` refuses the message (`message.sensitive`, naming the words and
 *   `data.content`); `mask` stores the text with every character of every match
 *   (overlapping ones merged) as '*', and records that it did.
 *
 * Deciding first and moderating the result keeps the order of refusals: a message
 * that is not allowed, or a repeat (a no-op), is answered as before, and neither
 * costs a token nor runs the matcher. The throttle is checked before the words, so
 * a burst of spam is refused without matching.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { DecideContext } from '../../decider.js';
import type { DomainError } from '../../errors.js';
import type { StreamReference } from '../../module.js';
import { moderationStream } from '../../moderation/moderationStream.js';
import type { ModerationState } from '../../moderation/moderationState.js';
import { findSensitive, masked, mergedSpans, wordsOf } from '../../moderation/matcher.js';
import { admit } from '../../moderation/tokenBucket.js';
import type { ConversationEvent, ConversationEventOf, ConversationState } from '../conversation.js';
import type { ConversationCommand } from '../conversationCommands.js';
import { refuse, type Decided } from '../decide/common.js';
import type { StoredMessageContent } from '../messages.js';
import type { MessageOrRouting } from '../noResponse/noResponseDecide.js';
import type { ModerationRecords } from './moderationRecords.js';

type Direction = 'incoming' | 'outgoing';

const directionOf = (c: MessageOrRouting): Direction | undefined =>
  c.type === 'SendCustomerMessage' ? 'incoming' : c.type === 'SendAgentMessage' || c.type === 'SendAnonymousReply' ? 'outgoing' : undefined;

/** The commands moderated: those with a direction. */
type Moderated = Extract<MessageOrRouting, { type: 'SendCustomerMessage' | 'SendAgentMessage' | 'SendAnonymousReply' }>;

/** The event that carries the command's message: its MessageSent, or its continuation into a new session (S7). */
type Carrier = ConversationEventOf<'MessageSent'> | ConversationEventOf<'ConversationContinued'>;
const carries = (event: ConversationEvent, messageId: string): event is Carrier =>
  (event.type === 'MessageSent' && event.data.messageId === messageId) || (event.type === 'ConversationContinued' && event.data.messageId === messageId);

const textOf = (content: StoredMessageContent): string | undefined => (content.kind === 'text' || content.kind === 'quick-reply' ? content.text : undefined);

const moderateOne = (command: Moderated, direction: Direction, state: ConversationState, moderation: ModerationState, event: Carrier): E.Either<DomainError, Carrier> => {
  const records: { -readonly [K in keyof ModerationRecords]: ModerationRecords[K] } = {};
  const throttle = moderation.throttle;
  if (direction === 'incoming' && throttle.enabled) {
    const admission = admit(state.bucket, throttle, command.meta.now);
    if (!admission.admitted) {
      return refuse('customer.throttled', `too many messages too fast; the next one is accepted in ${admission.retryAfterMs} ms`, {
        retryAfterMs: admission.retryAfterMs,
        capacity: throttle.capacity,
        refillPerMinute: throttle.refillPerMinute,
      });
    }
    records.throttle = { capacity: throttle.capacity, refillPerMinute: throttle.refillPerMinute };
  }
  let content = event.data.content;
  const action = moderation.rule[direction];
  const text = textOf(content);
  if (action !== 'off' && text !== undefined) {
    const matches = findSensitive(moderation.words, text);
    if (matches.length > 0 && action === 'block') {
      const words = wordsOf(matches);
      return refuse('message.sensitive', `the message holds sensitive words (${words.join(', ')})`, { field: 'data.content', words, direction });
    }
    if (matches.length > 0) {
      const spans = mergedSpans(matches);
      content = { ...(content as Extract<StoredMessageContent, { text: string }>), text: masked(text, spans) };
      records.masked = { listVersion: moderation.words.version, spans: spans.length };
    }
  }
  if (records.masked === undefined && records.throttle === undefined) return E.right(event);
  return E.right({ ...event, data: { ...event.data, content, ...records } } as Carrier);
};

export const moderateDecision = (command: MessageOrRouting, state: ConversationState, moderation: ModerationState | undefined, decided: Decided): Decided => {
  if (moderation === undefined || E.isLeft(decided) || decided.right.length === 0) return decided;
  const direction = directionOf(command);
  if (direction === undefined) return decided;
  const c = command as Moderated;
  // A message carried into the next session (S7) was moderated, and took its token, in the session it was written in.
  if (c.type === 'SendCustomerMessage' && c.data.previousSessionId !== undefined && c.meta.actor.kind === 'system') return decided;
  const events: ConversationEvent[] = [];
  for (const event of decided.right) {
    if (!carries(event, c.data.messageId)) {
      events.push(event);
      continue;
    }
    const moderated = moderateOne(c, direction, state, moderation, event);
    if (E.isLeft(moderated)) return moderated;
    events.push(moderated.right);
  }
  return E.right(events);
};

/** The conversation's decide, then moderated against the shop's moderation stream as the command's context holds it. */
export const withModeration =
  (context: DecideContext, shopId: string, decide: (command: MessageOrRouting, state: ConversationState) => Decided) =>
  (command: MessageOrRouting, state: ConversationState): Decided =>
    moderateDecision(command, state, context.stateOf(moderationStream(shopId)) as ModerationState | undefined, decide(command, state));

/** The moderation stream, for the commands it moderates: optional, so a conversation without the module behaves as before. */
export const moderationReferences = (command: ConversationCommand): readonly StreamReference[] =>
  command.type === 'SendCustomerMessage' || command.type === 'SendAgentMessage' || command.type === 'SendAnonymousReply'
    ? [{ module: 'moderation', stream: moderationStream(command.meta.shopId), optional: true }]
    : [];
