/**
 * What the client throws, as kefu's error values. Errors are recognised by their
 * `type` tag rather than `instanceof`, so errors from another copy of the client
 * (or from KurrentDB's, which uses the same tags) are recognised too.
 */
import {
  concurrencyConflict,
  storeFailure,
  type ConcurrencyConflict,
  type ExpectedVersion,
  type StoreFailure,
} from '../../domain/errors.js';
import { ErrorType, type CurrentRevision } from './client.js';
import { versionOfCurrentRevision } from './versions.js';

const typeOf = (error: unknown): unknown =>
  typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;

/** Reading a stream that does not exist (or was soft-deleted): for kefu, an empty stream. */
export const isStreamNotFound = (error: unknown): boolean => typeOf(error) === ErrorType.STREAM_NOT_FOUND;

export const isWrongExpectedVersion = (error: unknown): error is { readonly actualVersion: CurrentRevision } =>
  typeOf(error) === ErrorType.WRONG_EXPECTED_VERSION &&
  (typeof (error as { actualVersion?: unknown }).actualVersion === 'bigint' ||
    (error as { actualVersion?: unknown }).actualVersion === 'no_stream');

/** One line naming the client's error type, for StoreFailure messages. */
export const describeClientError = (error: unknown): string => {
  const type = typeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (typeof type !== 'string') return message;
  return message === '' ? `EventStoreDB ${type}` : `EventStoreDB ${type}: ${message}`;
};

export const clientFailure = (operation: string, error: unknown): StoreFailure =>
  storeFailure(operation, describeClientError(error));

/** A failed append: a lost race (with the stream's real version) or a store failure. */
export const appendFailure = (
  error: unknown,
  stream: string,
  expected: ExpectedVersion,
): ConcurrencyConflict | StoreFailure =>
  isWrongExpectedVersion(error)
    ? concurrencyConflict(stream, expected, versionOfCurrentRevision(error.actualVersion))
    : clientFailure('append', error);

/**
 * A client created with `throwOnAppendFailure: false` reports a lost race as a
 * result instead: `success: false` with the current revision (-1 = no stream).
 */
export const conflictFromResult = (
  nextExpectedRevision: bigint,
  stream: string,
  expected: ExpectedVersion,
): ConcurrencyConflict => concurrencyConflict(stream, expected, versionOfCurrentRevision(nextExpectedRevision));
