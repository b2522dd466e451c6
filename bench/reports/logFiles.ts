/**
 * The generated log written where the bench reads it from: an NDJSON file
 * (streamed from the generator, so the log is never held) and an in-memory store
 * (consecutive events of a stream in one append, with their exact versions).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '../../src/adapters/eventStore.js';
import { ndjsonLine } from '../../src/adapters/ndjsonLog.js';
import type { RecordedEvent } from '../../src/domain/envelope.js';
import type { Registry } from '../../src/domain/registry.js';
import { describeError } from '../../src/domain/errors.js';
import { check } from '../lib/measure.js';

/** Fails the bench loudly at the first generated event the registry does not decode. */
export const decodes = (registry: Registry) => (e: RecordedEvent): RecordedEvent => {
  const decoded = registry.decodeRecorded(e);
  if (E.isLeft(decoded)) throw new Error(`benchmark check failed: generated ${e.type} at ${e.globalPosition} does not decode: ${describeError(decoded.left)}`);
  return e;
};

export const writeLogFile = async (events: Iterable<RecordedEvent>, path: string): Promise<number> => {
  const out = createWriteStream(path, { encoding: 'utf8' });
  let chunk = '';
  let count = 0;
  for (const e of events) {
    chunk += `${ndjsonLine(e)}\n`;
    count++;
    if (chunk.length >= 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'close');
  return count;
};

export const fillStore = async (store: EventStore, events: Iterable<RecordedEvent>): Promise<number> => {
  let run: RecordedEvent[] = [];
  let count = 0;
  const flush = async () => {
    const first = run[0];
    if (first === undefined) return;
    const appended = await store.append(first.stream, run.map((e) => ({ type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: e.metadata })), first.streamVersion - 1);
    check(E.isRight(appended), `append to ${first.stream} at ${first.streamVersion - 1}`);
    count += run.length;
    run = [];
  };
  for (const e of events) {
    if (run.length > 0 && run[0]?.stream !== e.stream) await flush();
    run.push(e);
  }
  await flush();
  return count;
};
