/**
 * What the auto-replies module records, per customer. Each decision is an event,
 * so what was sent, and on which settings version, is in the log (principle 5),
 * and the reaction that writes it into the conversation is worked out again from
 * the log by any engine (principle 11).
 *
 * - AutoRepliesChecked: the moment of a session (its start, its queueing) was
 *   looked at, whatever was decided: a repeat of the same moment is a no-op by
 *   state, even when settings or agents changed in between.
 * - AutoReplyDecided: one auto-reply to send, with the message id the
 *   conversation will use (derived from session and purpose, so a repeat is a
 *   no-op at the conversation too). The welcome carries the local date it
 *   counts for (once per natural day).
 */
import type { DomainEvent } from '../decider.js';
import { messageIdCodec, sessionIdCodec } from '../ids.js';
import type { EventDefinitions } from '../module.js';
import { nonEmptyString, nonNegativeInt, oneOf, struct, timestamp } from '../validation.js';
import { localDateCodec } from '../calendar/calendarCodec.js';
import { AUTO_REPLY_MAX_CHARS } from '../shopSettings/shopSettings.js';

/** The auto-replies this module sends (the two no-response prompts belong to the timeouts). */
export const AUTO_REPLY_PURPOSES = ['welcome', 'after-hours-notice', 'promotion', 'queue-notice'] as const;
export type AutoReplyPurpose = (typeof AUTO_REPLY_PURPOSES)[number];

/** When replies are decided: at a customer's session start, and when the session queues. */
export const AUTO_REPLY_MOMENTS = ['session-start', 'queued'] as const;
export type AutoReplyMoment = (typeof AUTO_REPLY_MOMENTS)[number];

type Checked = { readonly sessionId: string; readonly moment: AutoReplyMoment; readonly settingsVersion: number; readonly at: number };
type Decided = {
  readonly sessionId: string;
  readonly purpose: AutoReplyPurpose;
  readonly text: string;
  readonly messageId: string;
  readonly settingsVersion: number;
  /** The welcome only: the natural day (YYYY-MM-DD in the shop's zone) it is the welcome of. */
  readonly localDate?: string;
  readonly at: number;
};

export type AutoRepliesEvent = DomainEvent<'AutoRepliesChecked', Checked> | DomainEvent<'AutoReplyDecided', Decided>;

export const purposeCodec = oneOf('AutoReplyPurpose', AUTO_REPLY_PURPOSES);
export const momentCodec = oneOf('AutoReplyMoment', AUTO_REPLY_MOMENTS);

export const autoRepliesEventDefinitions = {
  AutoRepliesChecked: {
    schemaVersion: 1,
    codec: struct('AutoRepliesChecked', { sessionId: sessionIdCodec, moment: momentCodec, settingsVersion: nonNegativeInt, at: timestamp }),
  },
  AutoReplyDecided: {
    schemaVersion: 1,
    codec: struct(
      'AutoReplyDecided',
      { sessionId: sessionIdCodec, purpose: purposeCodec, text: nonEmptyString(AUTO_REPLY_MAX_CHARS), messageId: messageIdCodec, settingsVersion: nonNegativeInt, at: timestamp },
      { localDate: localDateCodec },
    ),
  },
} satisfies EventDefinitions<AutoRepliesEvent>;
