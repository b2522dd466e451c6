/**
 * What desk events cause later: a transfer waiting for acceptance expires at its
 * deadline unless answered first. The deadline is keyed by session (a session has
 * at most one pending transfer), so every way a transfer ends cancels it by the
 * same key; a deadline that fires anyway finds nothing to expire (a no-op).
 */
import { cancel, reactionsTo, schedule } from '../reaction.js';
import type { DeskEvent } from './deskEvents.js';

export const transferDeadlineKey = (sessionId: string): string => `transfer-acceptance:${sessionId}`;

export const deskReactions = reactionsTo<DeskEvent>({
  TransferRequested: ({ data }) => [
    schedule(transferDeadlineKey(data.sessionId), data.expiresAt, 'ExpireTransfer', { sessionId: data.sessionId, requestId: data.requestId }),
  ],
  TransferDeclined: ({ data }) => [cancel(transferDeadlineKey(data.sessionId))],
  TransferExpired: ({ data }) => [cancel(transferDeadlineKey(data.sessionId))],
  TransferCancelled: ({ data }) => [cancel(transferDeadlineKey(data.sessionId))],
  SessionTransferred: ({ data }) => (data.requestId === undefined ? [] : [cancel(transferDeadlineKey(data.sessionId))]),
  SessionEnded: ({ data }) => [cancel(transferDeadlineKey(data.sessionId))],
});
