/**
 * Turning stored rows back into values. Every row goes through the same codecs
 * as any other input, so a row that something else wrote or damaged is a
 * ValidationError naming the event (or snapshot, or projection) and the field.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { recordedEventCodec, type RecordedEvent } from '../../domain/envelope.js';
import { validationError, type ValidationError } from '../../domain/errors.js';
import { decodeWith, nonNegativeInt } from '../../domain/validation.js';
import type { Snapshot } from '../eventStore.js';
import type { ProjectionCheckpoint } from '../projectionStateStore.js';

export interface EventRow {
  readonly position: number;
  readonly stream: string;
  readonly stream_version: number;
  readonly type: string;
  readonly schema_version: number;
  readonly data: string;
  readonly metadata: string;
}

export interface StateRow {
  /** A snapshot's stream version or a projection's position. */
  readonly at: number;
  readonly schema_version: number;
  readonly state: string;
}

type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

const parseJson = (text: string): Parsed => {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: `is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
};

export const decodeEventRow = (row: EventRow): E.Either<ValidationError, RecordedEvent> => {
  const data = parseJson(row.data);
  const metadata = parseJson(row.metadata);
  if (!data.ok || !metadata.ok) {
    const issues = [
      ...(data.ok ? [] : [{ path: 'data', reason: data.reason }]),
      ...(metadata.ok ? [] : [{ path: 'metadata', reason: metadata.reason }]),
    ];
    return E.left(validationError(`event ${row.stream}@${row.stream_version}`, issues));
  }
  const candidate = {
    type: row.type,
    schemaVersion: row.schema_version,
    data: data.value,
    metadata: metadata.value,
    stream: row.stream,
    streamVersion: row.stream_version,
    globalPosition: row.position,
  };
  // A sound row takes the codec's fast path; the issues are only worked out for a bad one.
  return recordedEventCodec.is(candidate)
    ? E.right(candidate)
    : decodeWith(recordedEventCodec, `event ${row.stream}@${row.stream_version}`)(candidate);
};

/** Decodes rows in order; the first bad one is the error. */
export const decodeEventRows = (rows: readonly EventRow[]): E.Either<ValidationError, readonly RecordedEvent[]> =>
  E.traverseArray(decodeEventRow)(rows);

const decodeStateRow = <A>(source: string, atField: string, row: StateRow, make: (at: number, schemaVersion: number, state: unknown) => A) => {
  const state = parseJson(row.state);
  if (!state.ok) return E.left(validationError(source, [{ path: 'state', reason: state.reason }]));
  const numbers = decodeWith(t.type({ [atField]: nonNegativeInt, schemaVersion: nonNegativeInt }), source)({
    [atField]: row.at,
    schemaVersion: row.schema_version,
  });
  return E.isLeft(numbers) ? numbers : E.right(make(row.at, row.schema_version, state.value));
};

export const decodeSnapshotRow = (stream: string, row: StateRow): E.Either<ValidationError, Snapshot> =>
  decodeStateRow(`snapshot ${stream}`, 'version', row, (version, schemaVersion, state) => ({ version, schemaVersion, state }));

export const decodeProjectionRow = (name: string, row: StateRow): E.Either<ValidationError, ProjectionCheckpoint> =>
  decodeStateRow(`projection ${name}`, 'position', row, (position, schemaVersion, state) => ({ position, schemaVersion, state }));
