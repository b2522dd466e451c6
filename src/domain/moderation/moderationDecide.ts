/**
 * Deciding a moderation command (S15): who acts first (P2, moderationPolicy.ts: the
 * settings are the shop's, so every staff member stands to them as to someone
 * else's), then the list's bound. A command that changes nothing writes nothing:
 * words already listed, words not listed, the same rule, the same throttle.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { DecideContext } from '../decider.js';
import { domainError, type DomainError } from '../errors.js';
import { authorizeBy } from '../permissions/policy.js';
import { whoFromContext } from '../permissions/who.js';
import type { ModerationCommand, ModerationCommandOf } from './moderationCommands.js';
import type { ModerationEvent } from './moderationEvents.js';
import { moderationPolicy } from './moderationPolicy.js';
import type { ModerationState } from './moderationState.js';
import { MAX_SENSITIVE_WORDS, missingFrom, presentIn, sameWords } from './sensitiveWords.js';

export const MODERATION_ERROR_CODES = ['actor.not-allowed', 'actor.missing-permission', 'actor.unknown', 'moderation.too-many-words'] as const;
export type ModerationErrorCode = (typeof MODERATION_ERROR_CODES)[number];

type Decided = E.Either<DomainError, readonly ModerationEvent[]>;

const nothing: Decided = E.right([]);

const add = (c: ModerationCommandOf<'AddSensitiveWords'>, s: ModerationState): Decided => {
  const fresh = missingFrom(s.words, c.data.words);
  if (fresh.length === 0) return nothing;
  const count = s.words.words.length + fresh.length;
  if (count > MAX_SENSITIVE_WORDS) {
    return E.left(
      domainError('moderation.too-many-words', `the list would hold ${count} words, more than ${MAX_SENSITIVE_WORDS}`, { field: 'data.words', limit: MAX_SENSITIVE_WORDS, count }),
    );
  }
  return E.right([{ type: 'SensitiveWordsAdded', data: { words: fresh, at: c.meta.now } }]);
};

const remove = (c: ModerationCommandOf<'RemoveSensitiveWords'>, s: ModerationState): Decided => {
  const gone = presentIn(s.words, c.data.words);
  return gone.length === 0 ? nothing : E.right([{ type: 'SensitiveWordsRemoved', data: { words: gone, at: c.meta.now } }]);
};

const setRule = (c: ModerationCommandOf<'SetSensitiveWordRule'>, s: ModerationState): Decided => {
  const incoming = c.data.incoming ?? s.rule.incoming;
  const outgoing = c.data.outgoing ?? s.rule.outgoing;
  if (incoming === s.rule.incoming && outgoing === s.rule.outgoing) return nothing;
  return E.right([{ type: 'SensitiveWordRuleSet', data: { incoming, outgoing, at: c.meta.now } }]);
};

const setThrottle = (c: ModerationCommandOf<'SetMessageThrottle'>, s: ModerationState): Decided => {
  const next = { enabled: c.data.enabled, capacity: c.data.capacity ?? s.throttle.capacity, refillPerMinute: c.data.refillPerMinute ?? s.throttle.refillPerMinute };
  const same = next.enabled === s.throttle.enabled && next.capacity === s.throttle.capacity && next.refillPerMinute === s.throttle.refillPerMinute;
  return same ? nothing : E.right([{ type: 'MessageThrottleSet', data: { ...next, at: c.meta.now } }]);
};

export const decideModeration = (command: ModerationCommand, state: ModerationState, context: DecideContext): Decided => {
  const who = whoFromContext(context, command.meta.shopId, command.meta.actor);
  if (E.isLeft(who)) return who;
  const allowed = authorizeBy(moderationPolicy, command.type, who.right, 'other');
  if (E.isLeft(allowed)) return allowed;
  switch (command.type) {
    case 'SetSensitiveWords':
      return sameWords(command.data.words, state.words.words) ? nothing : E.right([{ type: 'SensitiveWordsSet', data: { words: command.data.words, at: command.meta.now } }]);
    case 'AddSensitiveWords':
      return add(command, state);
    case 'RemoveSensitiveWords':
      return remove(command, state);
    case 'SetSensitiveWordRule':
      return setRule(command, state);
    case 'SetMessageThrottle':
      return setThrottle(command, state);
  }
};
