/**
 * A fingerprint of a whole log: SHA-256 over every event in global order (stream,
 * version, type, schema version, data and metadata as canonical JSON). Two stores
 * holding the same events in the same order give the same checksum, whatever
 * their positions, so a copy can be verified independently of the copier.
 */
import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { stringify } from 'safe-stable-stringify';
import type { RecordedEvent } from '../domain/envelope.js';
import type { EventStore, ReadError } from './eventStore.js';

export interface LogSummary {
  readonly events: number;
  readonly streams: number;
  readonly checksum: string;
}

/** Accumulates events (in global order) into a summary. */
export const logDigest = () => {
  const hash = createHash('sha256');
  const streams = new Set<string>();
  let events = 0;
  return {
    add: (e: RecordedEvent) => {
      hash.update(`${e.stream}\t${e.streamVersion}\t${e.type}\t${e.schemaVersion}\t${stringify(e.data)}\t${stringify(e.metadata)}\n`);
      streams.add(e.stream);
      events++;
    },
    summary: (): LogSummary => ({ events, streams: streams.size, checksum: hash.copy().digest('hex') }),
  };
};

/** Reads the whole log page by page (never all of it in memory) and summarises it. */
export const summarizeLog = async (store: EventStore, pageSize = 1000): Promise<E.Either<ReadError, LogSummary>> => {
  const digest = logDigest();
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: pageSize });
    if (E.isLeft(page)) return page;
    for (const event of page.right) digest.add(event);
    if (page.right.length < pageSize) return E.right(digest.summary());
    after = (page.right[page.right.length - 1] as RecordedEvent).globalPosition;
  }
};
