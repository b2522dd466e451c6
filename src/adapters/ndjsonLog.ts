/**
 * A log as an NDJSON file: one RecordedEvent a line, exactly as a store reads it
 * back (type, schemaVersion, data, metadata, stream, streamVersion,
 * globalPosition), in global order. `writeNdjsonLog` exports a store's log;
 * `readNdjsonLog` streams a file back without holding it, line by line, checking
 * each line's shape and order. What a line's data means is the registry's to
 * decode (the reports' one decode path, src/runtime/reportRunner.ts).
 *
 * A bad line is a typed LineIssue with its line number, never a throw: the caller
 * decides to stop at it (strict) or to skip it and go on (lenient).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import * as E from 'fp-ts/lib/Either.js';
import { recordedEventCodec, type RecordedEvent } from '../domain/envelope.js';
import { storeFailure, type KefuError, type StoreFailure } from '../domain/errors.js';
import { decodeWith } from '../domain/validation.js';
import type { EventStore } from './eventStore.js';

/** Why a line (or a stored event) was not folded: its line number (1-based), the field when one is at fault. */
export interface LineIssue {
  readonly line: number;
  readonly reason: string;
  readonly path?: string;
  /** The event's global position, when the line got that far. */
  readonly position?: number;
}

/** `line 12: data.agentId: expected an agent id`. */
export const describeLineIssue = (issue: LineIssue): string =>
  `line ${issue.line}: ${issue.path === undefined || issue.path === '' ? '' : `${issue.path}: `}${issue.reason}`;

export interface NdjsonReadOptions {
  /** Handed each well-formed event in order; answer `false` to stop reading. */
  readonly onEvent: (event: RecordedEvent, line: number) => boolean | void;
  /** Handed each bad line; answer `false` to stop reading (strict). */
  readonly onIssue: (issue: LineIssue) => boolean | void;
}

export interface NdjsonReadSummary {
  /** Lines read (blank lines included). */
  readonly lines: number;
  /** Whether a callback stopped the read before the end of the file. */
  readonly stopped: boolean;
}

const decodeLine = (line: number) => decodeWith(recordedEventCodec, `log line ${line}`);

/** Splits a file into lines chunk by chunk (UTF-8 safe), handing each chunk's complete lines at once. */
export const forEachLines = async (path: string, onLines: (lines: readonly string[]) => boolean): Promise<E.Either<StoreFailure, void>> => {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let rest = '';
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() as string;
      if (!onLines(lines)) {
        stream.destroy();
        return E.right(undefined);
      }
    }
    if (rest.length > 0) onLines([rest]);
    return E.right(undefined);
  } catch (error) {
    return E.left(storeFailure(`read NDJSON log ${path}`, error));
  }
};

/** Streams an NDJSON log: JSON, envelope shape, positions strictly increasing; every bad line reported with its number. */
export const readNdjsonLog = async (path: string, options: NdjsonReadOptions): Promise<E.Either<StoreFailure, NdjsonReadSummary>> => {
  let line = 0;
  let last = 0;
  let stopped = false;
  const one = (text: string): boolean => {
    line++;
    const trimmed = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (trimmed.trim() === '') return true;
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      return options.onIssue({ line, reason: 'not JSON' }) !== false;
    }
    const decoded = decodeLine(line)(parsed);
    if (E.isLeft(decoded)) {
      const first = decoded.left.issues[0];
      return options.onIssue({ line, reason: first?.reason ?? 'not a recorded event', ...(first === undefined ? {} : { path: first.path }) }) !== false;
    }
    const event = decoded.right;
    if (event.globalPosition <= last) {
      return options.onIssue({ line, path: 'globalPosition', reason: `position ${event.globalPosition} out of order after ${last}`, position: event.globalPosition }) !== false;
    }
    last = event.globalPosition;
    return options.onEvent(event, line) !== false;
  };
  const read = await forEachLines(path, (lines) => {
    for (const text of lines) {
      if (!one(text)) {
        stopped = true;
        return false;
      }
    }
    return true;
  });
  return E.isLeft(read) ? read : E.right({ lines: line, stopped });
};

/** The line of one event: the RecordedEvent's fields in the store's order. */
export const ndjsonLine = (e: RecordedEvent): string =>
  JSON.stringify({ type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: e.metadata, stream: e.stream, streamVersion: e.streamVersion, globalPosition: e.globalPosition });

export interface NdjsonWriteOptions {
  readonly pageSize?: number;
  readonly shopId?: string;
}

/** Writes a store's whole log (or one shop's) to `path`, one event a line; answers how many events and the last position. */
export const writeNdjsonLog = async (
  store: EventStore,
  path: string,
  options: NdjsonWriteOptions = {},
): Promise<E.Either<KefuError, { readonly events: number; readonly position: number }>> => {
  const pageSize = options.pageSize ?? 5000;
  const out = createWriteStream(path, { encoding: 'utf8' });
  let failed: unknown;
  out.on('error', (error) => (failed = error));
  let events = 0;
  let position = 0;
  try {
    for (;;) {
      const page = await store.readAll({ after: position, maxCount: pageSize, ...(options.shopId === undefined ? {} : { shopId: options.shopId }) });
      if (E.isLeft(page)) return page;
      let text = '';
      for (const e of page.right) text += `${ndjsonLine(e)}\n`;
      if (text.length > 0 && !out.write(text)) await Promise.race([once(out, 'drain'), once(out, 'error')]);
      if (failed !== undefined) return E.left(storeFailure(`write NDJSON log ${path}`, failed));
      events += page.right.length;
      const tail = page.right[page.right.length - 1];
      if (tail !== undefined) position = tail.globalPosition;
      if (page.right.length < pageSize) break;
    }
  } finally {
    out.end();
    // A stream that failed may be closed already: waiting for 'close' again would never end.
    if (!out.closed) await once(out, 'close').catch(() => undefined);
  }
  return failed === undefined ? E.right({ events, position }) : E.left(storeFailure(`write NDJSON log ${path}`, failed));
};
