/**
 * What every adapter checks before it writes: the events are well formed and
 * their data and metadata are JSON (what a durable store keeps). Checking up
 * front means a bad event refuses the whole batch and nothing is half written.
 * The events handed back are copies, so a caller changing its objects later
 * cannot change what was stored.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { eventMetadataCodec, type EventMetadata, type EventToAppend } from '../domain/envelope.js';
import { validationError, type ValidationError } from '../domain/errors.js';
import { decodeWith, intInRange, nonEmptyString, struct, underPath } from '../domain/validation.js';
import { copyJson } from './jsonValue.js';

const eventToAppendCodec = struct('EventToAppend', {
  type: nonEmptyString(200),
  schemaVersion: intInRange(1, Number.MAX_SAFE_INTEGER),
  data: t.unknown,
  metadata: eventMetadataCodec,
});

const decodeEvent = decodeWith(eventToAppendCodec, 'event to append');

export const validateStream = (stream: unknown): E.Either<ValidationError, string> =>
  typeof stream === 'string' && stream.length > 0 && stream.length <= 500
    ? E.right(stream)
    : E.left(validationError('append', [{ path: 'stream', reason: 'must be a non-empty string of at most 500 characters' }]));

/** Checks and copies a batch; `freeze` makes the copies immutable (the in-memory store shares them with readers). */
export const validateEventsToAppend = (
  events: readonly unknown[],
  freeze = false,
): E.Either<ValidationError, readonly EventToAppend[]> => {
  if (!Array.isArray(events)) return E.left(validationError('append', [{ path: 'events', reason: 'must be an array' }]));
  const out: EventToAppend[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const decoded = decodeEvent(events[i]);
    if (E.isLeft(decoded)) return E.left(underPath(`events.${i}`, decoded.left));
    const { type, schemaVersion, data, metadata } = decoded.right;
    if (data === undefined) {
      return E.left(validationError('event to append', [{ path: `events.${i}.data`, reason: 'is missing' }]));
    }
    const dataCopy = copyJson(data, freeze, `events.${i}.data`);
    if (E.isLeft(dataCopy)) return E.left(validationError('event to append', [dataCopy.left]));
    const metadataCopy = copyJson(metadata, freeze) as E.Right<EventMetadata>;
    const event: EventToAppend = { type, schemaVersion, data: dataCopy.right, metadata: metadataCopy.right };
    out[i] = freeze ? Object.freeze(event) : event;
  }
  return E.right(out);
};
