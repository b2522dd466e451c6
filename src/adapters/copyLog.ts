/**
 * Copies a whole log from one store to another (in-memory to SQLite, SQLite to
 * PostgreSQL, ...), keeping the global order, every stream's versions and every
 * event's data and metadata. Consecutive events of one stream go in one append
 * with the exact expected version, so an interrupted copy never leaves a stream
 * with a gap, and a target that is not empty is refused before anything is written.
 * The report carries the checksum of what was read, to compare with
 * summarizeLog(target).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EventToAppend, RecordedEvent } from '../domain/envelope.js';
import { validationError, type KefuError } from '../domain/errors.js';
import type { EventStore } from './eventStore.js';
import { logDigest, type LogSummary } from './logChecksum.js';

export interface CopyOptions {
  readonly pageSize?: number;
  /** Told after each page with the number of events copied so far. */
  readonly onProgress?: (copied: number) => void;
}

const toAppend = (e: RecordedEvent): EventToAppend => ({ type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: e.metadata });

export const copyLog = async (from: EventStore, to: EventStore, options: CopyOptions = {}): Promise<E.Either<KefuError, LogSummary>> => {
  const pageSize = options.pageSize ?? 1000;
  const existing = await to.readAll({ maxCount: 1 });
  if (E.isLeft(existing)) return existing;
  if (existing.right.length > 0) {
    return E.left(validationError('copy', [{ path: 'to', reason: `the target ${to.kind} store already holds events; copy into an empty store` }]));
  }
  const digest = logDigest();
  let copied = 0;
  for (let after = 0; ; ) {
    const page = await from.readAll({ after, maxCount: pageSize });
    if (E.isLeft(page)) return page;
    const events = page.right;
    for (let i = 0; i < events.length; ) {
      const first = events[i] as RecordedEvent;
      let j = i + 1;
      while (j < events.length && (events[j] as RecordedEvent).stream === first.stream) j++;
      const run = events.slice(i, j);
      const appended = await to.append(first.stream, run.map(toAppend), first.streamVersion - 1);
      if (E.isLeft(appended)) return appended;
      for (const e of run) digest.add(e);
      i = j;
    }
    copied += events.length;
    options.onProgress?.(copied);
    if (events.length < pageSize) return E.right(digest.summary());
    after = (events[events.length - 1] as RecordedEvent).globalPosition;
  }
};
