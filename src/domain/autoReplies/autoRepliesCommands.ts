/**
 * The auto-replies commands: the system asks, through a reaction, what to send
 * at a moment of a customer's session. Each carries the time of that moment
 * (`at`, the event's own time), not the time the reactor gets to it: the natural
 * day of the welcome and the business hours are judged when the session started
 * or queued, so a reactor catching up after a pause decides as a live one would.
 */
import type { Command } from '../command.js';
import { customerIdCodec, sessionIdCodec } from '../ids.js';
import type { CommandCodecs } from '../module.js';
import { struct, timestamp } from '../validation.js';

type Moment = { readonly customerId: string; readonly sessionId: string; readonly at: number };

export type AutoRepliesCommand =
  /** A customer's session started (ConversationOpened): the welcome, the after-hours notice, the promotion. */
  | Command<'DecideStartReplies', Moment>
  /** The session queued (the desk's SessionQueued): the queue notice. */
  | Command<'DecideQueueNotice', Moment>;

export type AutoRepliesCommandType = AutoRepliesCommand['type'];

const moment = { customerId: customerIdCodec, sessionId: sessionIdCodec, at: timestamp };

export const autoRepliesCommandCodecs = {
  DecideStartReplies: struct('DecideStartReplies', moment),
  DecideQueueNotice: struct('DecideQueueNotice', moment),
} satisfies CommandCodecs<AutoRepliesCommand>;
