/**
 * What every adapter checks before it writes: the events are well formed and
 * their data and metadata are JSON (what a durable store keeps). Checking up
 * front means a bad event refuses the whole batch and nothing is half written.
 * The events handed back are copies, so a caller changing its objects later
 * cannot change what was stored.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { eventMetadataCodec, type EventToAppend } from '../domain/envelope.js';
import { validationError, type ExpectedVersion, type ValidationError } from '../domain/errors.js';
import { decodeWith, intInRange, nonEmptyString, struct, underPath } from '../domain/validation.js';
import { validateExpected } from './expectedVersion.js';
import { copyInput } from './jsonValue.js';

// Stream names and event types are stored as text columns: SQLite would turn a lone
// UTF-16 surrogate into U+FFFD and PostgreSQL refuses NUL, so a name either would
// change is refused in every adapter alike. (Data and metadata are JSON: escaped.)
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = { test: (s: string) => s.includes('\u0000') || loneSurrogate.test(s) };
const TEXT_REASON = 'must not contain a NUL character or an unpaired surrogate (no store can keep them unchanged)';

const storableName = new t.Type<string, string, unknown>(
  'EventType',
  (u): u is string => typeof u === 'string' && u.trim().length > 0 && u.length <= 200 && !unstorable.test(u),
  (u, c) => {
    const base = nonEmptyString(200).validate(u, c);
    if (base._tag === 'Left') return base;
    return unstorable.test(base.right) ? t.failure(u, c, TEXT_REASON) : base;
  },
  t.identity,
);

const eventToAppendCodec = struct('EventToAppend', {
  type: storableName,
  schemaVersion: intInRange(1, Number.MAX_SAFE_INTEGER),
  data: t.unknown,
  metadata: eventMetadataCodec,
});

const decodeEvent = decodeWith(eventToAppendCodec, 'event to append');

/** The reader decodes a stream name with nonEmptyString(500): a blank name would be stored and then refused. */
export const validateStream = (stream: unknown): E.Either<ValidationError, string> => {
  if (!(typeof stream === 'string' && stream.trim().length > 0 && stream.length <= 500)) {
    return E.left(validationError('append', [{ path: 'stream', reason: 'must be a non-blank string of at most 500 characters' }]));
  }
  return unstorable.test(stream) ? E.left(validationError('append', [{ path: 'stream', reason: TEXT_REASON }])) : E.right(stream);
};

/**
 * Checks and copies a batch; `freeze` makes the copies immutable (the in-memory store shares them with readers).
 * Each event is copied first (every field read once) and the copy is what is checked and stored: checking the
 * caller's object and copying it afterwards would read a getter twice, and store a second answer nobody checked.
 */
export const validateEventsToAppend = (
  events: readonly unknown[],
  freeze = false,
): E.Either<ValidationError, readonly EventToAppend[]> => {
  if (!Array.isArray(events)) return E.left(validationError('append', [{ path: 'events', reason: 'must be an array' }]));
  const out: EventToAppend[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const copy = copyInput(events[i], freeze, `events.${i}`);
    if (E.isLeft(copy)) return E.left(validationError('event to append', [copy.left]));
    const decoded = decodeEvent(copy.right);
    if (E.isLeft(decoded)) return E.left(underPath(`events.${i}`, decoded.left));
    const { type, schemaVersion, data, metadata } = decoded.right;
    if (data === undefined) {
      return E.left(validationError('event to append', [{ path: `events.${i}.data`, reason: 'is missing' }]));
    }
    const event: EventToAppend = { type, schemaVersion, data, metadata };
    out[i] = freeze ? Object.freeze(event) : event;
  }
  return E.right(out);
};

/**
 * Batches this module checked and froze (deeply): nothing can change them since, so
 * a store under a layer that checked them (the sharded store hands its copies to a
 * server's store) takes them as they are instead of checking and copying again.
 */
const checkedFrozen = new WeakSet<readonly EventToAppend[]>();

/**
 * Everything an adapter checks before an append, in one call: the stream name, the
 * expected version, and the events (returned as JSON-checked copies; frozen with
 * `freeze`, and then taken as they are by a store they are handed to).
 */
export const validateAppend = (
  stream: unknown,
  events: readonly unknown[],
  expected: unknown,
  freeze = false,
): E.Either<ValidationError, { readonly stream: string; readonly expected: ExpectedVersion; readonly events: readonly EventToAppend[] }> => {
  const streamOk = validateStream(stream);
  if (E.isLeft(streamOk)) return streamOk;
  const expectedOk = validateExpected(expected);
  if (E.isLeft(expectedOk)) return expectedOk;
  if (checkedFrozen.has(events as readonly EventToAppend[])) return E.right({ stream: streamOk.right, expected: expectedOk.right, events: events as readonly EventToAppend[] });
  const copies = validateEventsToAppend(events, freeze);
  if (E.isLeft(copies)) return copies;
  if (freeze) checkedFrozen.add(Object.freeze(copies.right));
  return E.right({ stream: streamOk.right, expected: expectedOk.right, events: copies.right });
};
