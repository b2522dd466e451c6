/**
 * What one customer's auto-replies stream remembers, bounded whatever the number
 * of sessions: the local date of the last welcome (the once-a-day rule) and the
 * session moments already checked (a repeat is a no-op), the newest
 * HANDLED_LIMIT only. A moment delivered again after it fell out of that window
 * (a reactor far behind) is decided again, which is still harmless: its replies
 * carry the same message ids, which the conversation answers as a no-op, and the
 * welcome stays once a day by the date.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { localDateCodec } from '../calendar/calendarCodec.js';
import type { ValidationError } from '../errors.js';
import { decodeWith, struct } from '../validation.js';
import type { AutoRepliesEvent, AutoReplyMoment } from './autoRepliesEvents.js';

export const HANDLED_LIMIT = 64;

export interface AutoRepliesState {
  /** YYYY-MM-DD in the shop's zone of the last welcome sent to this customer. */
  readonly welcomedOn?: string;
  /** `moment:sessionId` of the moments checked, oldest first, at most HANDLED_LIMIT. */
  readonly handled: readonly string[];
}

export const initialAutoRepliesState = (): AutoRepliesState => ({ handled: [] });

export const momentKey = (moment: AutoReplyMoment, sessionId: string): string => `${moment}:${sessionId}`;

export const wasHandled = (state: AutoRepliesState, moment: AutoReplyMoment, sessionId: string): boolean => state.handled.includes(momentKey(moment, sessionId));

export const evolveAutoReplies = (state: AutoRepliesState, event: AutoRepliesEvent): AutoRepliesState => {
  switch (event.type) {
    case 'AutoRepliesChecked': {
      const handled = [...state.handled, momentKey(event.data.moment, event.data.sessionId)];
      return { ...state, handled: handled.length > HANDLED_LIMIT ? handled.slice(handled.length - HANDLED_LIMIT) : handled };
    }
    case 'AutoReplyDecided':
      return event.data.localDate === undefined ? state : { ...state, welcomedOn: event.data.localDate };
  }
};

const snapshotCodec = struct('AutoRepliesSnapshot', { handled: t.array(t.string) }, { welcomedOn: localDateCodec });
const decodeSnapshot = decodeWith(snapshotCodec, 'auto-replies snapshot');

export const encodeAutoReplies = (state: AutoRepliesState): unknown => snapshotCodec.encode({ ...state, handled: [...state.handled] });

export const decodeAutoReplies = (encoded: unknown): E.Either<ValidationError, AutoRepliesState> =>
  E.map((s: t.TypeOf<typeof snapshotCodec>): AutoRepliesState => ({ handled: s.handled, ...(s.welcomedOn === undefined ? {} : { welcomedOn: s.welcomedOn }) }))(decodeSnapshot(encoded));
