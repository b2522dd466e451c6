/**
 * The moderation commands (S15), admins only (P2, moderationPolicy.ts): the shop's
 * sensitive words, what to do when a message holds one, per direction, and the
 * anti-spam throttle of customers' messages.
 */
import * as t from 'io-ts';
import type { Command } from '../command.js';
import type { CommandCodecs } from '../module.js';
import { intInRange, oneOf, struct } from '../validation.js';
import { sensitiveWordsCodec } from './sensitiveWords.js';

/** `off`: let it through; `block`: refuse the message (message.sensitive); `mask`: store it with each word's characters as '*'. */
export const WORD_ACTIONS = ['off', 'block', 'mask'] as const;
export type WordAction = (typeof WORD_ACTIONS)[number];
export const wordActionCodec = oneOf('WordAction', WORD_ACTIONS);

/** `incoming`: what customers write; `outgoing`: what agents write to them (internal notes and system messages are not checked). */
export interface SensitiveWordRule {
  readonly incoming: WordAction;
  readonly outgoing: WordAction;
}

export const MAX_BURST = 1000;
export const MAX_REFILL_PER_MINUTE = 60_000;
export const burstCodec = intInRange(1, MAX_BURST);
export const refillCodec = intInRange(1, MAX_REFILL_PER_MINUTE);

type Words = { readonly words: readonly string[] };

export type ModerationCommand =
  /** Replaces the whole list (an empty list clears it). */
  | Command<'SetSensitiveWords', Words>
  | Command<'AddSensitiveWords', Words>
  /** Words not in the list are ignored. */
  | Command<'RemoveSensitiveWords', Words>
  /** A direction not named keeps its action. */
  | Command<'SetSensitiveWordRule', Partial<SensitiveWordRule>>
  /** A number not named keeps its value. */
  | Command<'SetMessageThrottle', { readonly enabled: boolean; readonly capacity?: number; readonly refillPerMinute?: number }>;

export type ModerationCommandType = ModerationCommand['type'];
export type ModerationCommandOf<T extends ModerationCommandType> = Extract<ModerationCommand, { type: T }>;

export const moderationCommandCodecs = {
  SetSensitiveWords: struct('SetSensitiveWords', { words: sensitiveWordsCodec('SensitiveWords', 0) }),
  AddSensitiveWords: struct('AddSensitiveWords', { words: sensitiveWordsCodec('SensitiveWords', 1) }),
  RemoveSensitiveWords: struct('RemoveSensitiveWords', { words: sensitiveWordsCodec('SensitiveWords', 1) }),
  SetSensitiveWordRule: struct('SetSensitiveWordRule', {}, { incoming: wordActionCodec, outgoing: wordActionCodec }),
  SetMessageThrottle: struct('SetMessageThrottle', { enabled: t.boolean }, { capacity: burstCodec, refillPerMinute: refillCodec }),
} satisfies CommandCodecs<ModerationCommand>;
