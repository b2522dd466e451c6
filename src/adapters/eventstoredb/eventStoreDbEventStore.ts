/**
 * The EventStoreDB (and KurrentDB) store. kefu streams are EventStoreDB streams
 * under the store's namespace (naming.ts); versions and positions are
 * translated in versions.ts and positions.ts only. An append is one
 * appendToStream with the expected revision checked by the server, then one read
 * of the appended range, which gives the events' positions (the append answer
 * carries one position for the whole batch, and positions are byte offsets that
 * cannot be computed). The global log is `$all` restricted to the event prefix
 * (logPaging.ts); subscriptions are pages of it woken by a server-filtered
 * subscription (liveSource.ts).
 */
import * as E from 'fp-ts/lib/Either.js';
import { LRUCache } from 'lru-cache';
import type { EventToAppend, RecordedEvent } from '../../domain/envelope.js';
import {
  concurrencyConflict,
  storeFailure,
  validationError,
  type ExpectedVersion,
  type StoreFailure,
  type ValidationIssue,
} from '../../domain/errors.js';
import { validateAppend, validateStream } from '../appendValidation.js';
import type { AppendError, AppendResult, EventStore, ReadAllOptions, ReadError, ReadStreamOptions, Snapshot } from '../eventStore.js';
import { satisfiesExpected } from '../expectedVersion.js';
import { startPollingSubscription } from '../pollingSubscription.js';
import { checkCheckpoint, checkSnapshot } from '../savedState.js';
import type { ProjectionCheckpoint, ProjectionStateStore } from '../projectionStateStore.js';
import { ANY, readAllWithPrefix, subscribeWithPrefix, type EventData } from './client.js';
import { appendFailure, clientFailure, conflictFromResult } from './clientErrors.js';
import { fromStoredEvent, toEsdbEvent } from './eventMapping.js';
import {
  EventStoreDbConfigurationError,
  resolveConnection,
  type EventStoreDbConnection,
  type EventStoreDbOptions,
} from './eventStoreDbOptions.js';
import { createLiveSource } from './liveSource.js';
import { readLogPage, type BatchReader } from './logPaging.js';
import { streamNaming, type StreamNaming } from './naming.js';
import { globalPositionOf } from './positions.js';
import { checkReadAllOptions, checkReadStreamOptions } from '../readOptions.js';
import { decodeProjectionState, decodeSnapshot, projectionEvent, snapshotEvent } from './stateRecords.js';
import type { StoredEvent } from './storedEvent.js';
import { readLastEvent, readStreamRange } from './streamReads.js';
import { expectedRevisionOf, revisionOfVersion, versionOfRevision } from './versions.js';

export interface EventStoreDbEventStore extends EventStore, ProjectionStateStore {
  readonly kind: 'eventstoredb';
  /** Where this store's streams live in the database (for ACLs, tooling and debugging). */
  readonly naming: StreamNaming;
}

/** How many snapshot and projection streams to remember as already limited to one event. */
const LIMITED_STREAMS_REMEMBERED = 10_000;

const decodeAll = (stored: readonly StoredEvent[], stream: string): E.Either<ReadError, RecordedEvent[]> => {
  const out: RecordedEvent[] = new Array(stored.length);
  for (let i = 0; i < stored.length; i++) {
    const decoded = fromStoredEvent(stored[i] as StoredEvent, stream);
    if (E.isLeft(decoded)) return decoded;
    out[i] = decoded.right;
  }
  return E.right(out);
};

/**
 * Creates a store. Throws EventStoreDbConfigurationError when the options are
 * wrong; no connection is made until the first call. After that every method
 * returns its failures as values.
 */
export const createEventStoreDbEventStore = (
  connection: EventStoreDbConnection,
  options: EventStoreDbOptions = {},
): EventStoreDbEventStore => {
  const resolved = resolveConnection(connection, options);
  if (E.isLeft(resolved)) throw new EventStoreDbConfigurationError(resolved.left);
  const { client, owned, namespace } = resolved.right;
  const naming = streamNaming(namespace);
  let closed = false;
  let closing: Promise<void> | undefined;
  const closeHooks = new Set<() => void>();
  const unsubscribing = new Set<Promise<void>>();
  // Snapshot and projection streams whose $maxCount 1 was set by this store.
  const limited = new LRUCache<string, true>({ max: LIMITED_STREAMS_REMEMBERED });

  const closedFailure = (operation: string): E.Either<StoreFailure, never> => E.left(storeFailure(operation, 'the store is closed'));

  const readBatch: BatchReader = (from, count) => readAllWithPrefix(client, from, count, naming.eventPrefix);

  const unreadable = (operation: string, stored: StoredEvent, issue: ValidationIssue) =>
    E.left(storeFailure(operation, `${stored.streamId}@${stored.revision}: ${issue.path} ${issue.reason}`));

  /** The stream's version and its last event (0 and none when it does not exist). */
  const head = async (operation: string, stream: string) => {
    const last = await readLastEvent(client, operation, naming.eventStream(stream));
    if (E.isLeft(last)) return last;
    if (last.right === undefined) return E.right({ version: 0, last: undefined });
    const version = versionOfRevision(last.right.revision);
    return E.isLeft(version) ? unreadable(operation, last.right, version.left) : E.right({ version: version.right, last: last.right });
  };

  const appendChecked = async (
    stream: string,
    batch: readonly EventToAppend[],
    expected: ExpectedVersion,
  ): Promise<E.Either<AppendError, AppendResult>> => {
    if (batch.length === 0) {
      // Nothing to write: the append is a version check.
      const current = await head('append', stream);
      if (E.isLeft(current)) return current;
      const { version, last } = current.right;
      if (!satisfiesExpected(expected, version)) return E.left(concurrencyConflict(stream, expected, version));
      const position = last === undefined ? E.right(0) : globalPositionOf(last.position);
      if (E.isLeft(position)) return unreadable('append', last as StoredEvent, position.left);
      return E.right({ nextVersion: version, lastPosition: position.right, events: [] });
    }
    const esdbStream = naming.eventStream(stream);
    const written: EventData[] = batch.map((event) => toEsdbEvent(event));
    let lastRevision: bigint;
    try {
      const result = await client.appendToStream(esdbStream, written, { expectedRevision: expectedRevisionOf(expected) });
      if (!result.success) return E.left(conflictFromResult(result.nextExpectedRevision, stream, expected));
      lastRevision = result.nextExpectedRevision;
    } catch (error) {
      return E.left(appendFailure(error, stream, expected));
    }
    // The append answers with one position for the batch; each event's comes from reading the range back.
    const firstRevision = lastRevision - BigInt(batch.length - 1);
    const readBack = await readStreamRange(client, 'append', esdbStream, firstRevision, batch.length);
    if (E.isLeft(readBack)) return readBack;
    const sameEvents =
      readBack.right.length === written.length &&
      readBack.right.every((stored, i) => stored.id.toLowerCase() === (written[i] as EventData).id.toLowerCase());
    if (!sameEvents) {
      return E.left(
        storeFailure('append', `${esdbStream} from revision ${firstRevision} does not hold the events just appended (was it truncated or deleted?)`),
      );
    }
    const events = decodeAll(readBack.right, stream);
    if (E.isLeft(events)) return events;
    const last = events.right[events.right.length - 1] as RecordedEvent;
    return E.right({ nextVersion: last.streamVersion, lastPosition: last.globalPosition, events: events.right });
  };

  const append = async (stream: string, events: readonly EventToAppend[], expected: ExpectedVersion) => {
    if (closed) return closedFailure('append');
    const copies = validateAppend(stream, events, expected);
    if (E.isLeft(copies)) return copies;
    return appendChecked(stream, copies.right.events, expected);
  };

  const readStream = async (stream: string, options?: ReadStreamOptions): Promise<E.Either<ReadError, readonly RecordedEvent[]>> => {
    if (closed) return closedFailure('readStream');
    const range = checkReadStreamOptions(stream, options);
    if (E.isLeft(range)) return range;
    const { fromVersion, maxCount } = range.right;
    if (maxCount === 0) return E.right([]);
    const stored = await readStreamRange(client, 'readStream', naming.eventStream(stream), revisionOfVersion(fromVersion), maxCount);
    return E.isLeft(stored) ? stored : decodeAll(stored.right, stream);
  };

  const readPage = async (options: ReadAllOptions | undefined, operation: string) => {
    if (closed) return closedFailure(operation);
    const request = checkReadAllOptions(options);
    if (E.isLeft(request)) return request;
    const { after, maxCount, shopId } = request.right;
    return readLogPage(readBatch, naming, { after, limit: maxCount, shopId }, operation);
  };

  const readAll = async (options?: ReadAllOptions): Promise<E.Either<ReadError, readonly RecordedEvent[]>> => {
    const page = await readPage(options, 'readAll');
    return E.isLeft(page) ? page : E.right(page.right.events);
  };

  const streamVersion = async (stream: string): Promise<E.Either<StoreFailure, number>> => {
    if (closed) return closedFailure('streamVersion');
    if (typeof stream !== 'string' || stream.length === 0) return E.left(storeFailure('streamVersion', 'stream must be a non-empty string'));
    const current = await head('streamVersion', stream);
    return E.isLeft(current) ? current : E.right(current.right.version);
  };

  /** Writes the one event a snapshot or projection stream keeps, limiting the stream to it first. */
  const saveRecord = async (operation: string, esdbStream: string, event: EventData): Promise<E.Either<StoreFailure, void>> => {
    try {
      if (!limited.has(esdbStream)) {
        // Metadata first, so that no crash leaves a stream that keeps every record.
        await client.setStreamMetadata(esdbStream, { maxCount: 1 });
        limited.set(esdbStream, true);
      }
      await client.appendToStream(esdbStream, event, { expectedRevision: ANY });
      return E.right(undefined);
    } catch (error) {
      return E.left(clientFailure(operation, error));
    }
  };

  /** The name is a stream name's part; the record is checked as in every store (savedState.ts). */
  const checkedRecord = <A>(operation: string, name: unknown, checked: E.Either<StoreFailure, A>): E.Either<StoreFailure, A> =>
    E.isLeft(validateStream(name)) ? E.left(storeFailure(operation, 'the name must be a non-blank string of at most 500 characters')) : checked;

  const loadRecord = async <A>(
    operation: string,
    label: string,
    esdbStream: string,
    decode: (stored: StoredEvent, source: string) => E.Either<ReadError, A>,
  ): Promise<E.Either<ReadError, A | undefined>> => {
    const last = await readLastEvent(client, operation, esdbStream);
    if (E.isLeft(last)) return last;
    return last.right === undefined ? E.right(undefined) : decode(last.right, `${label} ${esdbStream}`);
  };

  const store: EventStoreDbEventStore = {
    kind: 'eventstoredb',
    naming,
    append,
    readStream,
    readAll,
    streamVersion,
    subscribe: (subscribeOptions) =>
      startPollingSubscription(
        createLiveSource({
          naming,
          readPage: (o) => readPage(o, 'subscribe'),
          subscribe: (from) => subscribeWithPrefix(client, from, naming.eventPrefix),
          isClosed: () => closed,
          onClose: (end) => {
            closeHooks.add(end);
            return () => closeHooks.delete(end);
          },
          track: (unsubscribed) => {
            unsubscribing.add(unsubscribed);
            void unsubscribed.then(() => unsubscribing.delete(unsubscribed));
          },
        }),
        subscribeOptions,
      ),
    saveSnapshot: async (stream, snapshot) => {
      if (closed) return closedFailure('saveSnapshot');
      const copy = checkedRecord('saveSnapshot', stream, checkSnapshot('saveSnapshot', snapshot));
      return E.isLeft(copy) ? copy : saveRecord('saveSnapshot', naming.snapshotStream(stream), snapshotEvent(copy.right));
    },
    loadSnapshot: async (stream: string): Promise<E.Either<ReadError, Snapshot | undefined>> => {
      if (closed) return closedFailure('loadSnapshot');
      if (E.isLeft(validateStream(stream))) return E.left(validationError('loadSnapshot', [{ path: 'stream', reason: 'must be a non-empty string' }]));
      return loadRecord('loadSnapshot', 'snapshot', naming.snapshotStream(stream), decodeSnapshot);
    },
    saveProjection: async (name: string, checkpoint: ProjectionCheckpoint) => {
      if (closed) return closedFailure('saveProjection');
      const copy = checkedRecord('saveProjection', name, checkCheckpoint('saveProjection', checkpoint));
      return E.isLeft(copy) ? copy : saveRecord('saveProjection', naming.projectionStream(name), projectionEvent(copy.right));
    },
    loadProjection: async (name: string) => {
      if (closed) return closedFailure('loadProjection');
      if (E.isLeft(validateStream(name))) return E.left(validationError('loadProjection', [{ path: 'name', reason: 'must be a non-empty string' }]));
      return loadRecord('loadProjection', 'projection', naming.projectionStream(name), decodeProjectionState);
    },
    close: () =>
      (closing ??= (async () => {
        closed = true;
        for (const end of [...closeHooks]) end();
        closeHooks.clear();
        await Promise.all([...unsubscribing]);
        if (!owned) return;
        try {
          await client.dispose();
        } catch {
          // Disposing releases the channel; there is nothing else to release if it fails.
        }
      })()),
  };
  return store;
};
