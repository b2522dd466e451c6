/**
 * What the moderation stream records (S15). Each event carries the whole of what
 * it changes (the words added or removed, the rule and the throttle after the
 * change), so the state is a plain fold and a log reads without the commands.
 */
import * as t from 'io-ts';
import type { DomainEvent } from '../decider.js';
import type { EventDefinitions } from '../module.js';
import { struct, timestamp } from '../validation.js';
import { burstCodec, refillCodec, wordActionCodec, type SensitiveWordRule } from './moderationCommands.js';
import { sensitiveWordsCodec } from './sensitiveWords.js';
import type { ThrottleConfig } from './tokenBucket.js';

type Words = { readonly words: readonly string[]; readonly at: number };

export type ModerationEvent =
  | DomainEvent<'SensitiveWordsSet', Words>
  /** Only the words the list lacked. */
  | DomainEvent<'SensitiveWordsAdded', Words>
  /** The list's own spellings of the words removed. */
  | DomainEvent<'SensitiveWordsRemoved', Words>
  | DomainEvent<'SensitiveWordRuleSet', SensitiveWordRule & { readonly at: number }>
  | DomainEvent<'MessageThrottleSet', ThrottleConfig & { readonly at: number }>;

export type ModerationEventType = ModerationEvent['type'];

const words = { words: sensitiveWordsCodec('SensitiveWords', 0), at: timestamp };

export const moderationEventDefinitions = {
  SensitiveWordsSet: { schemaVersion: 1, codec: struct('SensitiveWordsSet', words) },
  SensitiveWordsAdded: { schemaVersion: 1, codec: struct('SensitiveWordsAdded', words) },
  SensitiveWordsRemoved: { schemaVersion: 1, codec: struct('SensitiveWordsRemoved', words) },
  SensitiveWordRuleSet: { schemaVersion: 1, codec: struct('SensitiveWordRuleSet', { incoming: wordActionCodec, outgoing: wordActionCodec, at: timestamp }) },
  MessageThrottleSet: { schemaVersion: 1, codec: struct('MessageThrottleSet', { enabled: t.boolean, capacity: burstCodec, refillPerMinute: refillCodec, at: timestamp }) },
} satisfies EventDefinitions<ModerationEvent>;
