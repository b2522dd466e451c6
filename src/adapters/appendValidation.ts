/**
 * What every adapter checks before it writes: the events are well formed and
 * their data and metadata survive JSON (what a durable store keeps). Checking up
 * front means a bad event refuses the whole batch and nothing is half written.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { eventMetadataCodec, type EventToAppend } from '../domain/envelope.js';
import { validationError, type ValidationError } from '../domain/errors.js';
import { decodeWith, intInRange, nonEmptyString, struct, underPath } from '../domain/validation.js';

const eventToAppendCodec = struct('EventToAppend', {
  type: nonEmptyString(200),
  schemaVersion: intInRange(1, Number.MAX_SAFE_INTEGER),
  data: t.unknown,
  metadata: eventMetadataCodec,
});

const decodeEvent = decodeWith(eventToAppendCodec, 'event to append');

/** An event with its data and metadata already serialised, ready for a durable store. */
export interface SerializedEvent {
  readonly event: EventToAppend;
  readonly dataJson: string;
  readonly metadataJson: string;
}

const serialize = (value: unknown): string | undefined => {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
};

export const validateStream = (stream: unknown): E.Either<ValidationError, string> =>
  typeof stream === 'string' && stream.length > 0 && stream.length <= 500
    ? E.right(stream)
    : E.left(validationError('append', [{ path: 'stream', reason: 'must be a non-empty string of at most 500 characters' }]));

export const validateEventsToAppend = (
  events: readonly unknown[],
): E.Either<ValidationError, readonly SerializedEvent[]> => {
  const out: SerializedEvent[] = [];
  for (let i = 0; i < events.length; i++) {
    const decoded = decodeEvent(events[i]);
    if (E.isLeft(decoded)) return E.left(underPath(`events.${i}`, decoded.left));
    const event = decoded.right;
    const dataJson = serialize(event.data);
    if (dataJson === undefined) {
      return E.left(validationError('event to append', [{ path: `events.${i}.data`, reason: 'is not JSON-serialisable' }]));
    }
    out.push({ event, dataJson, metadataJson: JSON.stringify(event.metadata) });
  }
  return E.right(out);
};
