/**
 * A shop's conversation settings, in their own module and stream (not in the
 * routing settings), so that adding a setting grows neither the routing events nor
 * the desk's snapshot: the business calendar, the auto-reply texts and the
 * no-response timeouts (later the SLA policies). Each change is a new version with
 * an effective time; what was in effect at any instant is fixed once that instant
 * has passed, which is what lets a replay give the live numbers.
 */
import * as t from 'io-ts';
import { describeValue, intInRange, oneOf, orNull, struct } from '../validation.js';

/** S9: the welcome used when the configured one is empty. */
export const DEFAULT_WELCOME = '你好，欢迎光临';

export const AUTO_REPLY_MAX_CHARS = 1000;

/** S9: the texts the system sends; an empty text switches that auto-reply off (the welcome falls back to the default). */
export interface AutoReplies {
  readonly welcome: string;
  readonly queueNotice: string;
  readonly afterHoursNotice: string;
  readonly customerNoResponsePrompt: string;
  readonly agentNoResponsePrompt: string;
  readonly promotion: string;
}

/** S8: after `promptAfterSeconds` of silence the prompt is sent; after `endAfterSeconds` (counted from the same start) the timeout acts. */
export interface NoResponseTimeout {
  readonly promptAfterSeconds: number;
  readonly endAfterSeconds: number;
}

export type AgentTimeoutAction = 'end' | 'requeue';

export interface Timeouts {
  readonly customerNoResponse: NoResponseTimeout | null;
  readonly agentNoResponse: (NoResponseTimeout & { readonly onTimeout: AgentTimeoutAction }) | null;
}

export interface ConversationSettings {
  readonly autoReplies: AutoReplies;
  readonly timeouts: Timeouts;
}

export const defaultConversationSettings: ConversationSettings = {
  autoReplies: { welcome: '', queueNotice: '', afterHoursNotice: '', customerNoResponsePrompt: '', agentNoResponsePrompt: '', promotion: '' },
  timeouts: { customerNoResponse: null, agentNoResponse: null },
};

/** The welcome to send: the configured text, or the default when it is empty. */
export const welcomeText = (replies: AutoReplies): string => (replies.welcome.trim() === '' ? DEFAULT_WELCOME : replies.welcome);

const text = new t.Type<string, string, unknown>(
  'AutoReplyText',
  (u): u is string => typeof u === 'string' && u.length <= AUTO_REPLY_MAX_CHARS,
  (u, c) =>
    typeof u !== 'string'
      ? t.failure(u, c, `must be a string (at most ${AUTO_REPLY_MAX_CHARS} characters), got ${describeValue(u)}`)
      : u.length > AUTO_REPLY_MAX_CHARS
        ? t.failure(u, c, `must be at most ${AUTO_REPLY_MAX_CHARS} characters, got ${u.length}`)
        : t.success(u),
  t.identity,
);

const DAY_SECONDS = 86_400;
const seconds = intInRange(1, 30 * DAY_SECONDS);

export const promptBeforeEnd = <T extends NoResponseTimeout>(base: t.Type<T, T, unknown>) =>
  new t.Type<T, T, unknown>(
    base.name,
    (u): u is T => base.is(u) && u.promptAfterSeconds < u.endAfterSeconds,
    (u, c) => {
      const decoded = base.validate(u, c);
      if (decoded._tag === 'Left') return decoded;
      return decoded.right.promptAfterSeconds < decoded.right.endAfterSeconds
        ? decoded
        : t.failure(u, [...c, { key: 'promptAfterSeconds', type: seconds, actual: decoded.right.promptAfterSeconds }], 'the prompt must come before the end (promptAfterSeconds < endAfterSeconds)');
    },
    t.identity,
  );

export const noResponseTimeoutFields = { promptAfterSeconds: seconds, endAfterSeconds: seconds };
export const agentTimeoutFields = { ...noResponseTimeoutFields, onTimeout: oneOf('AgentTimeoutAction', ['end', 'requeue'] as const) };

export const noResponseTimeoutCodec = promptBeforeEnd(struct('NoResponseTimeout', noResponseTimeoutFields));

export const agentTimeoutCodec = promptBeforeEnd(struct('AgentNoResponseTimeout', agentTimeoutFields));

export const autoRepliesCodec = struct('AutoReplies', {
  welcome: text,
  queueNotice: text,
  afterHoursNotice: text,
  customerNoResponsePrompt: text,
  agentNoResponsePrompt: text,
  promotion: text,
});

export const autoRepliesChangeCodec = struct(
  'AutoRepliesChange',
  {},
  { welcome: text, queueNotice: text, afterHoursNotice: text, customerNoResponsePrompt: text, agentNoResponsePrompt: text, promotion: text },
);

export const timeoutsCodec = struct('Timeouts', {
  customerNoResponse: orNull(noResponseTimeoutCodec),
  agentNoResponse: orNull(agentTimeoutCodec),
});

export const timeoutsChangeCodec = struct(
  'TimeoutsChange',
  {},
  { customerNoResponse: orNull(noResponseTimeoutCodec), agentNoResponse: orNull(agentTimeoutCodec) },
);
