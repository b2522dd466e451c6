/**
 * A kefu event as an EventStoreDB event and back.
 *
 * Written: a JSON event (so EventStoreDB's UI and projections read it) whose
 * type is kefu's type, whose data is kefu's data as it is, and whose metadata
 * holds kefu's envelope (eventId, shopId, actor, occurredAt, correlationId,
 * causationId), the schema version, and `$correlationId` / `$causationId` for
 * EventStoreDB's own tooling. The EventStoreDB event id is the envelope's eventId
 * when that is a UUID (the engine makes UUIDs, which also makes a retried append
 * idempotent on the server), else a fresh UUID.
 *
 * Read: every event goes through `recordedEventCodec`, so anything written by
 * another tool that kefu cannot read is a ValidationError naming the field.
 */
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { recordedEventCodec, type EventMetadata, type EventToAppend, type RecordedEvent } from '../../domain/envelope.js';
import { validationError, type ValidationError, type ValidationIssue } from '../../domain/errors.js';
import { decodeWith } from '../../domain/validation.js';
import { jsonEvent, type EventData } from './client.js';
import { globalPositionOf } from './positions.js';
import { storedData, storedMetadata, type StoredEvent } from './storedEvent.js';
import { versionOfRevision } from './versions.js';

const ENVELOPE_FIELDS = ['eventId', 'shopId', 'actor', 'occurredAt', 'correlationId', 'causationId'] as const;
// Fails to compile if the envelope gains a field that is not copied to and from EventStoreDB.
type Uncopied = Exclude<keyof EventMetadata, (typeof ENVELOPE_FIELDS)[number]>;
const everyFieldCopied: [Uncopied] extends [never] ? true : never = true;
void everyFieldCopied;

/** What kefu puts in an EventStoreDB event's metadata. */
export interface EsdbEventMetadata extends EventMetadata {
  readonly schemaVersion: number;
  readonly $correlationId: string;
  readonly $causationId: string;
  /** Present (true) only when the data is a top-level string: see storedEvent.ts. */
  readonly dataIsString?: true;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (id: string): boolean => UUID.test(id);

/** `event` must have passed validateEventsToAppend (its data and metadata are JSON). */
export const toEsdbEvent = (event: EventToAppend, freshId: () => string = randomUUID): EventData => {
  const { metadata } = event;
  const esdbMetadata: EsdbEventMetadata = {
    ...metadata,
    schemaVersion: event.schemaVersion,
    $correlationId: metadata.correlationId,
    $causationId: metadata.causationId,
    ...(typeof event.data === 'string' ? { dataIsString: true } : {}),
  };
  return jsonEvent({
    id: isUuid(metadata.eventId) ? metadata.eventId : freshId(),
    type: event.type,
    // Any JSON value: the client serialises it with JSON.stringify whatever its type says.
    data: event.data as Record<string, unknown>,
    metadata: esdbMetadata,
  });
};

const decodeRecorded = (source: string) => decodeWith(recordedEventCodec, source);

/** Decodes an event read from `stored.streamId`, which holds the kefu stream `stream`. */
export const fromStoredEvent = (stored: StoredEvent, stream: string): E.Either<ValidationError, RecordedEvent> => {
  const source = `event ${stored.streamId}@${stored.revision}`;
  const metadata = storedMetadata(stored);
  const data = storedData(stored, E.isRight(metadata) && metadata.right['dataIsString'] === true);
  const streamVersion = versionOfRevision(stored.revision);
  const globalPosition = globalPositionOf(stored.position);
  const issues: ValidationIssue[] = [];
  for (const part of [data, metadata, streamVersion, globalPosition]) if (E.isLeft(part)) issues.push(part.left);
  if (E.isLeft(metadata) || E.isLeft(data) || E.isLeft(streamVersion) || E.isLeft(globalPosition)) {
    return E.left(validationError(source, issues));
  }
  const envelope: Record<string, unknown> = {};
  for (const field of ENVELOPE_FIELDS) {
    if (field in metadata.right) envelope[field] = metadata.right[field];
  }
  const candidate = {
    type: stored.type,
    schemaVersion: metadata.right['schemaVersion'],
    data: data.right,
    metadata: envelope,
    stream,
    streamVersion: streamVersion.right,
    globalPosition: globalPosition.right,
  };
  // A sound event takes the codec's fast path; issues are only worked out for a bad one.
  return recordedEventCodec.is(candidate) ? E.right(candidate) : decodeRecorded(source)(candidate);
};
