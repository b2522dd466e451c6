/**
 * The event store port: the one interface every storage adapter implements
 * (in-memory, SQLite, PostgreSQL, EventStoreDB) and the conformance suite checks.
 *
 * Conventions shared by all adapters:
 * - a stream's version is the number of events in it (0 = no stream);
 * - expected versions: an exact number, `no_stream`, `exists` or `any`, all enforced;
 * - global positions are safe integers, strictly increasing in read order, and a
 *   reader never passes an append that has not committed yet;
 * - a position given back as `after` must be 0 or one read from the same store:
 *   positions are opaque (EventStoreDB cannot read from an arbitrary number);
 * - an append of several events is atomic: all of them or none;
 * - failures are values (`Either`), never thrown.
 */
import type { Either } from 'fp-ts/lib/Either.js';
import type { EventToAppend, RecordedEvent } from '../domain/envelope.js';
import type {
  ConcurrencyConflict,
  ExpectedVersion,
  StoreFailure,
  ValidationError,
} from '../domain/errors.js';

export type { ExpectedVersion } from '../domain/errors.js';

export interface AppendResult {
  /** The stream's version after the append. */
  readonly nextVersion: number;
  /**
   * The global position of the stream's last event once the append is done: the last
   * event appended or, for an empty append (a version check that writes nothing),
   * the last event the stream already had, 0 when it has none. Not the head of the
   * whole log, which EventStoreDB cannot give without scanning `$all`; every adapter
   * finds the stream's last event on the index it checks the version with.
   */
  readonly lastPosition: number;
  /** The appended events as stored, with their versions and positions. */
  readonly events: readonly RecordedEvent[];
}

/** A stored row that cannot be read back (corrupt JSON, a missing field) is a ValidationError naming it. */
export type ReadError = StoreFailure | ValidationError;
export type AppendError = ConcurrencyConflict | StoreFailure | ValidationError;

export interface ReadStreamOptions {
  /** First version to return (inclusive); default 1. */
  readonly fromVersion?: number;
  /** At most this many events; default: all of them. */
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Return events strictly after this global position; 0 (default) = from the start. */
  readonly after?: number;
  /** At most this many events; adapters may return fewer, never more. */
  readonly maxCount?: number;
  /** Only the events of this shop (tenant isolation). */
  readonly shopId?: string;
}

export interface Snapshot {
  /** The stream version the state was folded up to. */
  readonly version: number;
  /** The module's snapshot schema version. */
  readonly schemaVersion: number;
  readonly state: unknown;
}

export interface SubscribeOptions {
  /** Deliver events strictly after this position (a checkpoint); 0 = from the start. */
  readonly after?: number;
  readonly shopId?: string;
  /** Events read per round trip while catching up. */
  readonly batchSize?: number;
  /**
   * Called once per event, in global order, exactly once per subscription; the next
   * event is not delivered before the returned promise settles. A throw or a
   * rejection stops the subscription with a StoreFailure (the checkpoint stays
   * before the failing event).
   */
  readonly handler: (event: RecordedEvent) => void | Promise<void>;
  /** Called each time the subscription has delivered everything stored so far. */
  readonly onCaughtUp?: (position: number) => void;
}

export interface Subscription {
  /** The position of the last event handled (the checkpoint to restart from). */
  readonly position: () => number;
  /** Stops after the event being handled, if any; resolves once stopped. */
  readonly stop: () => Promise<void>;
  /** Settles when the subscription ends: right when stopped, left on a failure. */
  readonly done: Promise<Either<ReadError, void>>;
}

export interface EventStore {
  /** A short name for messages and benchmarks: `memory`, `sqlite`, `postgres`, `eventstoredb`. */
  readonly kind: string;
  readonly append: (
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedVersion,
  ) => Promise<Either<AppendError, AppendResult>>;
  readonly readStream: (stream: string, options?: ReadStreamOptions) => Promise<Either<ReadError, readonly RecordedEvent[]>>;
  /** One page of the global log; page through it by passing the last position as `after`. */
  readonly readAll: (options?: ReadAllOptions) => Promise<Either<ReadError, readonly RecordedEvent[]>>;
  /** The current version of a stream (0 when it does not exist). */
  readonly streamVersion: (stream: string) => Promise<Either<StoreFailure, number>>;
  /** Catch up from a checkpoint, then follow live appends. */
  readonly subscribe: (options: SubscribeOptions) => Subscription;
  readonly saveSnapshot: (stream: string, snapshot: Snapshot) => Promise<Either<StoreFailure, void>>;
  readonly loadSnapshot: (stream: string) => Promise<Either<ReadError, Snapshot | undefined>>;
  /** Releases connections and handles; the store cannot be used afterwards. */
  readonly close: () => Promise<void>;
}
