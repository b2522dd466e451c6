/**
 * Tells other processes that something was appended, outside the append's
 * transaction. A NOTIFY inside it would take PostgreSQL's database-wide notify lock
 * at commit and hold it through the WAL flush, so concurrent appends would commit
 * one at a time (measured: 8 writers lost most of their throughput). Sent on its
 * own, a NOTIFY is a transaction without a transaction id: no flush, the lock is
 * held for microseconds.
 *
 * Notifications are also rate-limited: the first append after a quiet spell is
 * announced at once, later ones at most once per window, so a process appending
 * thousands of events a second sends about a hundred cheap statements, not one per
 * append (one per append cost a single writer a fifth of its throughput). Other
 * processes learn of an append within the window; this process's own subscribers
 * are woken directly, at once. A lost notification only delays subscribers until
 * their next poll.
 */
import type { Pool } from 'pg';
import type { Statement } from './statements.js';

/** The LISTEN/NOTIFY channel of a schema's appends. */
export const channelOf = (schema: string): string => `kefu_${schema}`;

export const NOTIFY_WINDOW_MS = 10;

export interface Notifier {
  /** Call after an append committed. */
  readonly appended: () => void;
  /** Sends what is still owed, then stops; later calls send nothing. */
  readonly close: () => Promise<void>;
}

export const createNotifier = (pool: Pool, channel: string, statement: Statement, windowMs = NOTIFY_WINDOW_MS): Notifier => {
  let inFlight: Promise<void> | undefined;
  let owed = false;
  let lastSent = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const send = () => {
    owed = false;
    lastSent = performance.now();
    inFlight = pool
      .query({ ...statement, values: [channel] })
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        inFlight = undefined;
        if (owed) schedule();
      });
  };

  /** Sends now if the window since the last send has passed, else once it has. */
  const schedule = () => {
    if (inFlight !== undefined || timer !== undefined) return;
    const wait = lastSent + windowMs - performance.now();
    if (wait <= 0 || closed) return send();
    timer = setTimeout(() => {
      timer = undefined;
      send();
    }, wait);
  };

  return {
    appended: () => {
      if (closed) return;
      owed = true;
      schedule();
    },
    close: async () => {
      closed = true;
      if (timer !== undefined) {
        clearTimeout(timer);
        timer = undefined;
        if (inFlight === undefined) send();
      }
      // A send in flight sends again if something is owed (no window once closed).
      while (inFlight !== undefined) await inFlight;
    },
  };
};
