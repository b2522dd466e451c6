/**
 * kefu's stream versions against EventStoreDB's revisions: the only place that
 * knows they differ. kefu counts events (0 = no stream, the first event has
 * version 1); EventStoreDB numbers them from revision 0, and says "no stream"
 * where kefu says 0. So version = revision + 1, in both directions, here only.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ExpectedVersion, ValidationIssue } from '../../domain/errors.js';
import { ANY, NO_STREAM, STREAM_EXISTS, type AppendExpectedRevision, type CurrentRevision } from './client.js';

const MAX_VERSION = BigInt(Number.MAX_SAFE_INTEGER);

/** The kefu version of the event at `revision`; refused when it would not be a safe integer. */
export const versionOfRevision = (revision: bigint): E.Either<ValidationIssue, number> =>
  revision >= 0n && revision + 1n <= MAX_VERSION
    ? E.right(Number(revision + 1n))
    : E.left({ path: 'streamVersion', reason: `revision ${revision} has no kefu version (must be 0 to 2^53 - 2)` });

/** The EventStoreDB revision of the event with kefu version `version` (>= 1). */
export const revisionOfVersion = (version: number): bigint => BigInt(version) - 1n;

/**
 * A stream's current kefu version from what EventStoreDB reports as its current
 * revision: `no_stream` (or -1, which servers send on some paths) is version 0.
 */
export const versionOfCurrentRevision = (current: CurrentRevision): number =>
  current === NO_STREAM || current < 0n ? 0 : Number(current + 1n);

/** kefu's expected version as EventStoreDB's expected revision. */
export const expectedRevisionOf = (expected: ExpectedVersion): AppendExpectedRevision => {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'exists':
      return STREAM_EXISTS;
    default:
      return expected === 0 ? NO_STREAM : revisionOfVersion(expected);
  }
};
