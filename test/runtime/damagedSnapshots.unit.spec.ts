/**
 * A damaged snapshot must not block a shop whose events are intact. Before: a
 * snapshot that was not JSON made every command of the stream fail with a
 * ValidationError, and one whose version was beyond the stream pinned the handler
 * to that version: a permanent ConcurrencyConflict. Now a snapshot that cannot be
 * read, does not decode or does not fit its stream is set aside (reported) and the
 * state is folded from the events.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { EventStore, Snapshot } from '../../src/adapters/eventStore.js';
import { createInMemoryEventStore } from '../../src/adapters/memory/inMemoryEventStore.js';
import type { ReadError } from '../../src/adapters/eventStore.js';
import { validationError } from '../../src/domain/errors.js';
import { createEngine } from '../../src/engine.js';
import { seededRandom } from '../../src/runtime/seededRandom.js';
import { counterModule } from '../../src/testing/counterModule.js';
import { right } from '../conformance/fixtures.js';

const STREAM = 'counter-shop-1-a';
const inc = { type: 'Increment', shopId: 'shop-1', actor: { kind: 'system' }, data: { counterId: 'a', by: 1 } };

/** A store whose loadSnapshot answers `damaged` for every stream. */
const withSnapshot = (store: EventStore, damaged: E.Either<ReadError, Snapshot | undefined>): EventStore => ({ ...store, loadSnapshot: async () => damaged });

const cases: [string, E.Either<ReadError, Snapshot | undefined>][] = [
  ['a stored snapshot the store cannot read (not JSON)', E.left(validationError(`snapshot ${STREAM}`, [{ path: 'state', reason: 'is not JSON' }]))],
  ['a negative version', E.right({ version: -3, schemaVersion: 1, state: { value: 0, increments: 0, closed: false } })],
  ['a version beyond the stream', E.right({ version: 500, schemaVersion: 1, state: { value: 500, increments: 500, closed: false } })],
  ['a state that does not decode', E.right({ version: 2, schemaVersion: 1, state: { value: 'many' } })],
];

describe('a damaged snapshot is set aside and the state folded from the events', () => {
  it.each(cases)('%s', async (_name, damaged) => {
    const store = createInMemoryEventStore();
    const writer = createEngine({ store, modules: [counterModule], random: seededRandom(1) });
    for (let i = 0; i < 3; i++) right(await writer.dispatchUnknown(inc));

    const setAside: string[] = [];
    const reader = createEngine({ store: withSnapshot(store, damaged), modules: [counterModule], random: seededRandom(2), onSnapshotSetAside: (stream) => setAside.push(stream) });
    const loaded = right(await reader.load(counterModule, STREAM));
    expect(loaded).toMatchObject({ version: 3, state: { value: 3, increments: 3 } });
    expect(setAside).toEqual([STREAM]);
    // And the next command goes through at the right version, no conflict.
    const next = right(await reader.dispatchUnknown(inc));
    expect(next.version).toBe(4);
  });

  it('still fails when the store itself fails to load the snapshot (that is not damage)', async () => {
    const store = withSnapshot(createInMemoryEventStore(), E.left({ _tag: 'StoreFailure', operation: 'loadSnapshot', message: 'connection lost' }));
    const engine = createEngine({ store, modules: [counterModule], random: seededRandom(2) });
    expect(await engine.dispatchUnknown(inc)).toMatchObject({ _tag: 'Left', left: { _tag: 'StoreFailure' } });
  });
});
