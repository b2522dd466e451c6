/**
 * Turning rows into kefu values. Every column is fetched as the server's text (no
 * driver-side parsing), so bigints never pass through a lossy conversion and JSON is
 * parsed here, where a failure becomes a ValidationError naming the field.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { CustomTypesConfig } from 'pg';
import { recordedEventCodec, type RecordedEvent } from '../../domain/envelope.js';
import { validationError, type ValidationError } from '../../domain/errors.js';
import { decodeWith, nonNegativeInt, struct } from '../../domain/validation.js';
import type { Snapshot } from '../eventStore.js';
import type { ProjectionCheckpoint } from '../projectionStateStore.js';

/** Query option that hands every column over as the server's text. */
export const rawText: CustomTypesConfig = {
  getTypeParser: (() => (value: string) => value) as unknown as CustomTypesConfig['getTypeParser'],
};

export interface EventRow {
  readonly position: string;
  readonly stream: string;
  readonly version: string;
  readonly type: string;
  readonly schema_version: string;
  readonly data: string;
  readonly metadata: string;
}

/** The columns an EventRow is selected with. */
export const eventColumns = 'position, stream, version, type, schema_version, data, metadata';

/**
 * A bigint column as a JS number. Beyond 2^53 a number is not exact any more, so
 * such a value is refused (NaN, which every integer codec refuses by name).
 */
export const bigintToNumber = (text: string | null | undefined): number => {
  if (typeof text !== 'string' || !/^-?\d{1,16}$/.test(text)) return Number.NaN;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : Number.NaN;
};

const parseJson = (text: unknown, field: string): E.Either<{ path: string; reason: string }, unknown> => {
  if (typeof text !== 'string') return E.left({ path: field, reason: 'is missing' });
  try {
    return E.right(JSON.parse(text));
  } catch (error) {
    return E.left({ path: field, reason: `is not valid JSON (${(error as Error).message})` });
  }
};

export const decodeEventRow = (row: EventRow): E.Either<ValidationError, RecordedEvent> => {
  const source = `stored event at position ${row.position}`;
  const data = parseJson(row.data, 'data');
  if (E.isLeft(data)) return E.left(validationError(source, [data.left]));
  const metadata = parseJson(row.metadata, 'metadata');
  if (E.isLeft(metadata)) return E.left(validationError(source, [metadata.left]));
  return decodeWith(recordedEventCodec, source)({
    type: row.type,
    schemaVersion: bigintToNumber(row.schema_version),
    data: data.right,
    metadata: metadata.right,
    stream: row.stream,
    streamVersion: bigintToNumber(row.version),
    globalPosition: bigintToNumber(row.position),
  });
};

/** Decodes rows in order; the first bad one is the error. */
export const decodeEventRows = (rows: readonly EventRow[]): E.Either<ValidationError, readonly RecordedEvent[]> =>
  E.traverseArray(decodeEventRow)(rows);

const snapshotCodec = struct('Snapshot', {
  version: nonNegativeInt,
  schemaVersion: nonNegativeInt,
  state: t.unknown,
});

const checkpointCodec = struct('ProjectionCheckpoint', {
  position: nonNegativeInt,
  schemaVersion: nonNegativeInt,
  state: t.unknown,
});

export interface SnapshotRow {
  readonly version: string;
  readonly schema_version: string;
  readonly state: string;
}

export interface ProjectionRow {
  readonly position: string;
  readonly schema_version: string;
  readonly state: string;
}

export const decodeSnapshotRow = (stream: string, row: SnapshotRow): E.Either<ValidationError, Snapshot> => {
  const source = `snapshot of ${stream}`;
  const state = parseJson(row.state, 'state');
  if (E.isLeft(state)) return E.left(validationError(source, [state.left]));
  return decodeWith(snapshotCodec, source)({
    version: bigintToNumber(row.version),
    schemaVersion: bigintToNumber(row.schema_version),
    state: state.right,
  });
};

export const decodeProjectionRow = (name: string, row: ProjectionRow): E.Either<ValidationError, ProjectionCheckpoint> => {
  const source = `projection ${name}`;
  const state = parseJson(row.state, 'state');
  if (E.isLeft(state)) return E.left(validationError(source, [state.left]));
  return decodeWith(checkpointCodec, source)({
    position: bigintToNumber(row.position),
    schemaVersion: bigintToNumber(row.schema_version),
    state: state.right,
  });
};
