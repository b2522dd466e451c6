/**
 * Inputs an append may be handed, for the property "whatever a store accepts, its
 * own reader reads back": valid events most of the time, and next to them the
 * values at the edges of each check (blank and overlong names, any unicode
 * including lone surrogates, numbers just out of range, JSON and non-JSON data,
 * metadata with a field wrong or extra). Nothing here says which inputs should be
 * refused: the property only holds the store to what it accepted.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { EventStore } from '../../src/adapters/eventStore.js';
import { recordedEventCodec } from '../../src/domain/envelope.js';
import { asAppended, metadata as validMetadata, right } from '../conformance/fixtures.js';

const text = (maxLength: number) => fc.string({ unit: 'binary', maxLength });

/** Names around the limits of a stream name (500) or an event type (200). */
const nameArb = (max: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/) },
    { weight: 2, arbitrary: text(40) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t\n', '\u3000', 'a\u0000b', 'x'.repeat(max), 'x'.repeat(max + 1), ` ${'y'.repeat(max - 1)}`) },
  );

const idArb = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:@-]{0,20}$/) },
  { weight: 1, arbitrary: fc.oneof(text(10), fc.constantFrom('', '-x', 'a'.repeat(129)), fc.integer()) },
);

const numberArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 2_000_000_000_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 1.5, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, Number.NaN, '12') },
);

const actorArb = fc.oneof(
  fc.constant({ kind: 'system' }),
  fc.record({ kind: fc.constantFrom('agent', 'customer'), id: idArb }),
  fc.record({ kind: fc.constantFrom('robot', 'system'), id: idArb }),
);

/** Mostly valid metadata; sometimes one field replaced, or one field too many. */
const metadataArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null).map(() => validMetadata()) },
  {
    weight: 2,
    arbitrary: fc
      .record({ eventId: idArb, shopId: idArb, actor: actorArb, occurredAt: numberArb, correlationId: idArb, causationId: idArb })
      .map((fields) => ({ ...validMetadata(), ...fields })),
  },
  { weight: 1, arbitrary: fc.constant(null).map(() => ({ ...validMetadata(), extra: 1 })) },
);

const dataArb = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ stringUnit: 'binary', maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.anything({ stringUnit: 'binary', maxDepth: 3, withDate: true, withMap: true, withBigInt: true, withNullPrototype: true, withSparseArray: true }) },
);

const eventArb = fc.record({
  type: nameArb(200),
  schemaVersion: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 5 }) }, { weight: 1, arbitrary: numberArb }),
  data: dataArb,
  metadata: metadataArb,
});

export const appendArb = fc.record({ stream: nameArb(500), events: fc.array(eventArb, { minLength: 1, maxLength: 3 }) });
export type AppendInput = typeof appendArb extends fc.Arbitrary<infer A> ? A : never;

/** What a durable store keeps of a value: its JSON (no undefined fields, no -0). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

/**
 * The property's check, for one store that only it writes to: each append answers a
 * value (a throw fails the run); when it is Right, the stream and the log read back
 * Right, with the events as given (as JSON keeps them) and as the append answered
 * them, each one accepted by the readers' codec. The log is read after the last
 * position read so far (positions are opaque: EventStoreDB reads from no other).
 */
export const readBackChecker = (store: EventStore) => {
  let after = 0;
  return async ({ stream, events }: AppendInput): Promise<void> => {
    const appended = await store.append(stream, events as never, 'any');
    if (appended._tag === 'Left') return;
    const { nextVersion, events: recorded } = appended.right;
    const fromStream = right(await store.readStream(stream, { fromVersion: nextVersion - events.length + 1 }));
    expect(fromStream.map(asAppended)).toEqual(asJson(events));
    expect(fromStream).toEqual(recorded);
    for (const event of fromStream) expect(recordedEventCodec.is(event)).toBe(true);
    expect(right(await store.readAll({ after }))).toEqual(recorded);
    after = recorded[recorded.length - 1]!.globalPosition;
  };
};
