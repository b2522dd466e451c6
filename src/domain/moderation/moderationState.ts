/**
 * The shop's moderation as decisions read it (S15): the word list (its own object,
 * replaced only when words change, so the matcher compiled for it is reused across
 * changes of rule or throttle: matcher.ts), the rule per direction and the throttle.
 * Without any event: no words, both directions off, the throttle disabled.
 */
import type { SensitiveWordRule } from './moderationCommands.js';
import type { ModerationEvent } from './moderationEvents.js';
import { emptyWordList, replacedBy, withAdded, withRemoved, type WordList } from './sensitiveWords.js';
import type { ThrottleConfig } from './tokenBucket.js';

export interface ModerationState {
  readonly words: WordList;
  readonly rule: SensitiveWordRule;
  readonly throttle: ThrottleConfig;
}

/** Ten messages at once, then one every three seconds: a person typing fast passes, a script does not. */
export const DEFAULT_THROTTLE: ThrottleConfig = { enabled: false, capacity: 10, refillPerMinute: 20 };

export const initialModerationState = (): ModerationState => ({ words: emptyWordList, rule: { incoming: 'off', outgoing: 'off' }, throttle: DEFAULT_THROTTLE });

export const evolveModeration = (state: ModerationState, event: ModerationEvent): ModerationState => {
  switch (event.type) {
    case 'SensitiveWordsSet':
      return { ...state, words: replacedBy(state.words, event.data.words) };
    case 'SensitiveWordsAdded':
      return { ...state, words: withAdded(state.words, event.data.words) };
    case 'SensitiveWordsRemoved':
      return { ...state, words: withRemoved(state.words, event.data.words) };
    case 'SensitiveWordRuleSet':
      return { ...state, rule: { incoming: event.data.incoming, outgoing: event.data.outgoing } };
    case 'MessageThrottleSet':
      return { ...state, throttle: { enabled: event.data.enabled, capacity: event.data.capacity, refillPerMinute: event.data.refillPerMinute } };
  }
};
