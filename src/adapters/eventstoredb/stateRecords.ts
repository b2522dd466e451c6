/**
 * Snapshots and projection states as EventStoreDB events: one JSON event whose
 * data is the whole record, in a stream of its own that keeps only the latest
 * one ($maxCount 1). The record is always an object, so a string or bytes that
 * are not JSON can only mean damage, and decoding names it.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { validationError, type ValidationError } from '../../domain/errors.js';
import { decodeWith, nonNegativeInt, struct } from '../../domain/validation.js';
import type { Snapshot } from '../eventStore.js';
import type { ProjectionCheckpoint } from '../projectionStateStore.js';
import { jsonEvent, type EventData } from './client.js';
import { storedData, type StoredEvent } from './storedEvent.js';

export const SNAPSHOT_EVENT_TYPE = 'kefu-snapshot';
export const PROJECTION_EVENT_TYPE = 'kefu-projection-state';

// `state` may be any JSON value (a missing one is refused before it is written: savedState.ts).
const snapshotCodec = struct('Snapshot', { version: nonNegativeInt, schemaVersion: nonNegativeInt, state: t.unknown });
const checkpointCodec = struct('ProjectionCheckpoint', { position: nonNegativeInt, schemaVersion: nonNegativeInt, state: t.unknown });

/** `snapshot` must be a JSON-checked copy. */
export const snapshotEvent = (snapshot: Snapshot): EventData => jsonEvent({ type: SNAPSHOT_EVENT_TYPE, data: { ...snapshot } });

/** `checkpoint` must be a JSON-checked copy. */
export const projectionEvent = (checkpoint: ProjectionCheckpoint): EventData =>
  jsonEvent({ type: PROJECTION_EVENT_TYPE, data: { ...checkpoint } });

const decodeRecord =
  <A>(codec: t.Type<A, unknown, unknown>) =>
  (stored: StoredEvent, source: string): E.Either<ValidationError, A> => {
    const data = storedData(stored, false);
    if (E.isLeft(data)) return E.left(validationError(source, [data.left]));
    return decodeWith(codec, source)(data.right);
  };

export const decodeSnapshot: (stored: StoredEvent, source: string) => E.Either<ValidationError, Snapshot> = decodeRecord(snapshotCodec);

export const decodeProjectionState: (stored: StoredEvent, source: string) => E.Either<ValidationError, ProjectionCheckpoint> =
  decodeRecord(checkpointCodec);
