/**
 * The EventStoreDB adapter's translations, checked without a server: versions
 * and revisions, expected versions, global positions, the client's errors, and
 * kefu events to EventStoreDB events and back (through a model of the client's
 * decoding, see wire.ts).
 */
import { fc, test } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { validateEventsToAppend } from '../../../src/adapters/appendValidation.js';
import { satisfiesExpected } from '../../../src/adapters/expectedVersion.js';
import {
  ANY,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  type AppendExpectedRevision,
  type CurrentRevision,
  type Position,
} from '../../../src/adapters/eventstoredb/client.js';
import { binaryEvent, StreamNotFoundError, UnavailableError, WrongExpectedVersionError } from './clientForTests.js';
import {
  appendFailure,
  conflictFromResult,
  describeClientError,
  isStreamNotFound,
} from '../../../src/adapters/eventstoredb/clientErrors.js';
import { fromStoredEvent, isUuid, toEsdbEvent } from '../../../src/adapters/eventstoredb/eventMapping.js';
import { streamNaming } from '../../../src/adapters/eventstoredb/naming.js';
import { globalPositionOf, isAfter, readPositionAfter } from '../../../src/adapters/eventstoredb/positions.js';
import {
  decodeProjectionState,
  decodeSnapshot,
  projectionEvent,
  snapshotEvent,
} from '../../../src/adapters/eventstoredb/stateRecords.js';
import {
  expectedRevisionOf,
  revisionOfVersion,
  versionOfCurrentRevision,
  versionOfRevision,
} from '../../../src/adapters/eventstoredb/versions.js';
import type { EventMetadata, EventToAppend } from '../../../src/domain/envelope.js';
import type { ExpectedVersion } from '../../../src/domain/errors.js';
import { eventArb, identifierArb } from './arbitraries.js';
import { at, readBack, readBackRawJson } from './wire.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** EventStoreDB's rule for an expected revision, as documented for appendToStream. */
const serverAccepts = (expected: AppendExpectedRevision, current: CurrentRevision): boolean => {
  switch (expected) {
    case ANY:
      return true;
    case NO_STREAM:
      return current === NO_STREAM;
    case STREAM_EXISTS:
      return current !== NO_STREAM;
    default:
      return current === expected;
  }
};

/** What the server reports as the current revision of a stream at kefu version `version`. */
const currentRevisionAt = (version: number): CurrentRevision => (version === 0 ? NO_STREAM : BigInt(version - 1));

const expectedArb: fc.Arbitrary<ExpectedVersion> = fc.oneof(
  fc.constantFrom<ExpectedVersion>('any', 'no_stream', 'exists'),
  fc.integer({ min: 0, max: 20 }),
);

const validated = (event: EventToAppend): EventToAppend => {
  const copies = validateEventsToAppend([event]);
  if (E.isLeft(copies)) throw new Error(`generated an invalid event: ${JSON.stringify(copies.left)}`);
  return copies.right[0]!;
};

const envelope: EventMetadata = {
  eventId: 'evt-1',
  shopId: 'shop-1',
  actor: { kind: 'agent', id: 'agent-7' },
  occurredAt: 1_767_600_000_000,
  correlationId: 'corr-1',
  causationId: 'cause-1',
};
/** An EventStoreDB event's metadata as kefu writes it (without the $ fields, which reading ignores). */
const goodMetadata = { ...envelope, schemaVersion: 2 };

const issuesOf = (result: E.Either<unknown, unknown>) => {
  if (E.isRight(result)) throw new Error(`expected a ValidationError, got ${JSON.stringify(result.right)}`);
  return result.left as { _tag: string; source: string; issues: { path: string; reason: string }[] };
};

describe('stream versions and EventStoreDB revisions', () => {
  it('gives the first event (revision 0) version 1', () => {
    expect(versionOfRevision(0n)).toEqual(E.right(1));
    expect(revisionOfVersion(1)).toBe(0n);
  });

  test.prop([fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })])('version -> revision -> version is the identity (property)', (version) => {
    expect(versionOfRevision(revisionOfVersion(version))).toEqual(E.right(version));
  });

  test.prop([fc.bigInt({ min: 0n, max: MAX_SAFE - 1n })])('revision -> version -> revision is the identity (property)', (revision) => {
    const version = versionOfRevision(revision);
    expect(E.isRight(version) && revisionOfVersion(version.right)).toBe(revision);
  });

  test.prop([fc.bigInt({ min: MAX_SAFE, max: 2n ** 64n - 1n })])('refuses revisions whose version would not be a safe integer (property)', (revision) => {
    expect(versionOfRevision(revision)).toMatchObject(E.left({ path: 'streamVersion' }));
  });

  it('reads the current revision the server reports as a version (no stream = 0)', () => {
    expect(versionOfCurrentRevision(NO_STREAM)).toBe(0);
    expect(versionOfCurrentRevision(-1n)).toBe(0);
    expect(versionOfCurrentRevision(0n)).toBe(1);
    expect(versionOfCurrentRevision(41n)).toBe(42);
  });
});

describe('expected versions', () => {
  it.each<[ExpectedVersion, AppendExpectedRevision]>([
    ['any', ANY],
    ['no_stream', NO_STREAM],
    [0, NO_STREAM],
    ['exists', STREAM_EXISTS],
    [1, 0n],
    [7, 6n],
  ])('expects %s as %s', (expected, revision) => {
    expect(expectedRevisionOf(expected)).toBe(revision);
  });

  test.prop([expectedArb, fc.integer({ min: 0, max: 20 })])(
    'the server accepts exactly the appends kefu accepts, for every stream version (property)',
    (expected, version) => {
      expect(serverAccepts(expectedRevisionOf(expected), currentRevisionAt(version))).toBe(satisfiesExpected(expected, version));
      expect(versionOfCurrentRevision(currentRevisionAt(version))).toBe(version);
    },
  );
});

describe('global positions', () => {
  it('reads from the start for position 0 and from the event itself otherwise', () => {
    expect(readPositionAfter(0)).toBe(START);
    expect(readPositionAfter(1234)).toEqual({ commit: 1234n, prepare: 1234n });
  });

  test.prop([fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })])('number -> position -> number is the identity (property)', (n) => {
    expect(globalPositionOf(readPositionAfter(n) as Position)).toEqual(E.right(n));
  });

  test.prop([fc.bigInt({ min: 1n, max: MAX_SAFE }).chain((commit) => fc.tuple(fc.constant(commit), fc.bigInt({ min: 0n, max: commit })))])(
    'uses the commit position, whatever the prepare position (servers before 24.x send the transaction start there) (property)',
    ([commit, prepare]) => {
      const n = globalPositionOf({ commit, prepare });
      expect(n).toEqual(E.right(Number(commit)));
      expect(E.isRight(n) && readPositionAfter(n.right)).toEqual({ commit, prepare: commit });
    },
  );

  test.prop([fc.bigInt({ min: 1n, max: MAX_SAFE }), fc.bigInt({ min: 1n, max: MAX_SAFE })])(
    'keeps the order of commit positions (property)',
    (a, b) => {
      const [x, y] = [globalPositionOf({ commit: a, prepare: a }), globalPositionOf({ commit: b, prepare: b })];
      expect(E.isRight(x) && E.isRight(y) && Math.sign(x.right - y.right)).toBe(a === b ? 0 : a < b ? -1 : 1);
      expect(isAfter({ commit: a, prepare: a }, Number(b))).toBe(a > b);
    },
  );

  test.prop([fc.bigInt({ min: MAX_SAFE + 1n, max: 2n ** 64n - 1n })])('refuses positions beyond 2^53 - 1 with a typed error (property)', (commit) => {
    const refused = globalPositionOf({ commit, prepare: commit });
    expect(refused).toMatchObject(E.left({ path: 'globalPosition' }));
    expect(E.isLeft(refused) && refused.left.reason).toContain('2^53 - 1');
  });

  it('refuses a missing position and position 0 (no event lives there)', () => {
    expect(globalPositionOf(undefined)).toMatchObject(E.left({ path: 'globalPosition' }));
    expect(globalPositionOf({ commit: 0n, prepare: 0n })).toMatchObject(E.left({ path: 'globalPosition' }));
  });
});

describe('client errors', () => {
  it('turns WrongExpectedVersionError into a conflict with the real version', () => {
    const lost = new WrongExpectedVersionError(undefined, { streamName: 'kefu-stream-s', expected: 0n, current: 2n });
    expect(appendFailure(lost, 's', 1)).toEqual({ _tag: 'ConcurrencyConflict', stream: 's', expected: 1, actual: 3, attempts: 1 });
  });

  it('reports a conflict on a stream that does not exist as version 0', () => {
    const missing = new WrongExpectedVersionError(undefined, { streamName: 'kefu-stream-s', expected: STREAM_EXISTS, current: NO_STREAM });
    expect(appendFailure(missing, 's', 'exists')).toMatchObject({ _tag: 'ConcurrencyConflict', expected: 'exists', actual: 0 });
    const minusOne = new WrongExpectedVersionError(undefined, { streamName: 'kefu-stream-s', expected: 4n, current: -1n });
    expect(appendFailure(minusOne, 's', 5)).toMatchObject({ _tag: 'ConcurrencyConflict', actual: 0 });
  });

  test.prop([fc.bigInt({ min: 0n, max: 1_000_000n }), expectedArb])('any current revision r is version r + 1 in the conflict (property)', (current, expected) => {
    const lost = new WrongExpectedVersionError(undefined, { streamName: 'x', expected: ANY, current });
    expect(appendFailure(lost, 'x', expected)).toMatchObject({ _tag: 'ConcurrencyConflict', actual: Number(current) + 1, expected });
  });

  it('recognises an error of another copy of the client by its type tag', () => {
    const foreign = Object.assign(new Error('wrong version'), { type: 'wrong-expected-version', actualVersion: 9n });
    expect(appendFailure(foreign, 's', 3)).toMatchObject({ _tag: 'ConcurrencyConflict', actual: 10 });
    expect(isStreamNotFound({ type: 'stream-not-found' })).toBe(true);
  });

  it('turns every other error into a StoreFailure naming the operation and the error type', () => {
    expect(appendFailure(new UnavailableError(), 's', 'any')).toEqual({ _tag: 'StoreFailure', operation: 'append', message: 'EventStoreDB unavailable' });
    expect(appendFailure(new StreamNotFoundError(undefined, 'x'), 's', 'any')).toMatchObject({ _tag: 'StoreFailure', operation: 'append' });
    expect(appendFailure(new Error('socket closed'), 's', 'any')).toEqual({ _tag: 'StoreFailure', operation: 'append', message: 'socket closed' });
    expect(describeClientError('plain text')).toBe('plain text');
  });

  it('recognises a missing stream, and nothing else, as one', () => {
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'kefu-stream-x'))).toBe(true);
    expect(isStreamNotFound(new UnavailableError())).toBe(false);
    expect(isStreamNotFound(new Error('stream-not-found'))).toBe(false);
  });

  it('reads a lost race reported as a result (throwOnAppendFailure: false)', () => {
    expect(conflictFromResult(-1n, 's', 2)).toMatchObject({ _tag: 'ConcurrencyConflict', actual: 0, expected: 2 });
    expect(conflictFromResult(4n, 's', 2)).toMatchObject({ actual: 5 });
  });
});

describe('events to EventStoreDB events and back', () => {
  const naming = streamNaming('kefu-');

  test.prop([eventArb(), fc.bigInt({ min: 0n, max: 100_000n }), fc.bigInt({ min: 1n, max: MAX_SAFE })])(
    'returns type, schema version, data and metadata unchanged (property)',
    (generated, revision, commit) => {
      const event = validated(generated);
      const written = toEsdbEvent(event);
      const stored = readBack(written, at(naming.eventStream('s-1'), revision, commit));
      expect(fromStoredEvent(stored, 's-1')).toEqual(
        E.right({ ...event, stream: 's-1', streamVersion: Number(revision) + 1, globalPosition: Number(commit) }),
      );
    },
  );

  test.prop([eventArb()])('writes a JSON event with kefu metadata and the schema version (property)', (generated) => {
    const event = validated(generated);
    const written = toEsdbEvent(event, () => 'fresh-id');
    expect(written.contentType).toBe('application/json');
    expect(written.type).toBe(event.type);
    expect(written.id).toBe(isUuid(event.metadata.eventId) ? event.metadata.eventId : 'fresh-id');
    expect(written.metadata).toEqual({
      ...event.metadata,
      schemaVersion: event.schemaVersion,
      $correlationId: event.metadata.correlationId,
      $causationId: event.metadata.causationId,
      ...(typeof event.data === 'string' ? { dataIsString: true } : {}),
    });
  });

  it('keeps the envelope eventId when it is a UUID and makes a fresh one otherwise', () => {
    const uuid = '3f1c2b9e-8d1a-4c55-9f1e-0b7a6c5d4e3f';
    const base = validated({ type: 'T', schemaVersion: 1, data: {}, metadata: envelope });
    expect(toEsdbEvent({ ...base, metadata: { ...base.metadata, eventId: uuid } }).id).toBe(uuid);
    const fresh = toEsdbEvent(base).id;
    expect(isUuid(fresh)).toBe(true);
    expect(fresh).not.toBe(toEsdbEvent(base).id);
  });

  it('tells a string payload from text the client could not parse', () => {
    const stream = naming.eventStream('s');
    const text = validated({ type: 'Said', schemaVersion: 1, data: 'just a string', metadata: envelope });
    expect(fromStoredEvent(readBack(toEsdbEvent(text), at(stream, 0n, 10n)), 's')).toMatchObject(E.right({ data: 'just a string' }));
    const damaged = fromStoredEvent(readBackRawJson('{"n": 1', goodMetadata, at(stream, 0n, 10n)), 's');
    expect(issuesOf(damaged)).toMatchObject({ _tag: 'ValidationError', source: `event ${stream}@0`, issues: [{ path: 'data' }] });
  });

  it('names the field of an event that cannot be read', () => {
    const loc = at(naming.eventStream('s'), 3n, 99n);
    const pathsOf = (stored: Parameters<typeof fromStoredEvent>[0]) => issuesOf(fromStoredEvent(stored, 's')).issues.map((i) => i.path);
    expect(pathsOf(readBackRawJson('{"ok":true}', undefined, loc))).toEqual(['metadata']);
    expect(pathsOf({ ...readBackRawJson('{"ok":true}', undefined, loc), metadata: new Uint8Array([123, 110, 111]) })).toEqual(['metadata']);
    expect(pathsOf(readBackRawJson('{"ok":true}', ['not', 'an', 'object'], loc))).toEqual(['metadata']);
    const { shopId: _shop, ...noShop } = goodMetadata;
    expect(pathsOf(readBackRawJson('{"ok":true}', noShop, loc))).toEqual(['metadata.shopId']);
    const { schemaVersion: _version, ...noSchemaVersion } = goodMetadata;
    expect(pathsOf(readBackRawJson('{"ok":true}', noSchemaVersion, loc))).toEqual(['schemaVersion']);
    expect(pathsOf(readBackRawJson('{"ok":true}', { ...goodMetadata, occurredAt: 'yesterday' }, loc))).toEqual(['metadata.occurredAt']);
    expect(pathsOf(readBackRawJson('{"ok":true}', goodMetadata, { streamId: loc.streamId, revision: loc.revision }))).toEqual(['globalPosition']);
    expect(pathsOf(readBackRawJson('{"ok":true}', goodMetadata, at(loc.streamId, 3n, 2n ** 60n)))).toEqual(['globalPosition']);
    expect(pathsOf(readBackRawJson('{"ok":true}', goodMetadata, at(loc.streamId, 2n ** 60n, 99n)))).toEqual(['streamVersion']);
    expect(pathsOf(readBackRawJson('', goodMetadata, loc))).toEqual(['data']);
  });

  it('reads bytes as JSON when they are JSON, and names them when they are not', () => {
    const loc = at(naming.eventStream('s'), 0n, 5n);
    const json = binaryEvent({ type: 'T', data: Buffer.from('{"a":[1,2]}'), metadata: goodMetadata });
    expect(fromStoredEvent(readBack(json, loc), 's')).toMatchObject(E.right({ data: { a: [1, 2] } }));
    const garbage = binaryEvent({ type: 'T', data: Buffer.from('{not json'), metadata: goodMetadata });
    expect(issuesOf(fromStoredEvent(readBack(garbage, loc), 's')).issues).toMatchObject([{ path: 'data' }]);
  });
});

describe('snapshots and projection states', () => {
  const loc = at('kefu-snapshot-s', 0n, 7n);

  test.prop([fc.nat(), fc.nat(), fc.jsonValue()])('round-trip a snapshot and a checkpoint (property)', (version, schemaVersion, state) => {
    const normalised = JSON.parse(JSON.stringify({ state })) as { state?: unknown };
    expect(decodeSnapshot(readBack(snapshotEvent({ version, schemaVersion, state }), loc), 'snapshot s')).toEqual(
      E.right({ version, schemaVersion, ...normalised }),
    );
    expect(decodeProjectionState(readBack(projectionEvent({ position: version, schemaVersion, state }), loc), 'projection p')).toEqual(
      E.right({ position: version, schemaVersion, ...normalised }),
    );
  });

  it('names what is wrong with a damaged record', () => {
    expect(issuesOf(decodeSnapshot(readBackRawJson('{"version":', undefined, loc), 'snapshot s'))).toMatchObject({
      source: 'snapshot s',
      issues: [{ path: 'data' }],
    });
    expect(issuesOf(decodeSnapshot(readBackRawJson('{"schemaVersion":1,"state":{}}', undefined, loc), 'snapshot s')).issues).toMatchObject([
      { path: 'version' },
    ]);
    expect(issuesOf(decodeProjectionState(readBackRawJson('"text"', undefined, loc), 'projection p')).issues).toMatchObject([{ path: 'data' }]);
    expect(issuesOf(decodeProjectionState(readBackRawJson('[1]', undefined, loc), 'projection p')).issues).toMatchObject([{ path: '' }]);
  });
});

describe('stream naming', () => {
  test.prop([fc.string({ minLength: 1, maxLength: 60 }), fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/)])(
    'maps kefu streams to event streams and back, and never mistakes a snapshot or projection stream for one (property)',
    (stream, namespace) => {
      const naming = streamNaming(namespace);
      expect(naming.kefuStream(naming.eventStream(stream))).toBe(stream);
      expect(naming.eventStream(stream).startsWith(naming.eventPrefix)).toBe(true);
      expect(naming.kefuStream(naming.snapshotStream(stream))).toBeUndefined();
      expect(naming.kefuStream(naming.projectionStream(stream))).toBeUndefined();
    },
  );

  test.prop([identifierArb])('keeps stores with different namespaces apart (property)', (stream) => {
    const a = streamNaming('kefu-a1-');
    const b = streamNaming('kefu-b1-');
    expect(b.kefuStream(a.eventStream(stream))).toBeUndefined();
    expect(a.kefuStream(b.eventStream(stream))).toBeUndefined();
  });
});
