/** Generators of kefu events for the EventStoreDB mapping properties. */
import { fc } from '@fast-check/vitest';
import type { Actor, EventMetadata, EventToAppend } from '../../../src/domain/envelope.js';

export const identifierArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:@-]{0,30}$/);

export const uuidArb = fc.uuid();

export const actorArb: fc.Arbitrary<Actor> = fc.oneof(
  fc.constant<Actor>({ kind: 'system' }),
  fc.record({ kind: fc.constant('agent' as const), id: identifierArb }),
  fc.record({ kind: fc.constant('customer' as const), id: identifierArb }),
);

export const metadataArb = (shopId: fc.Arbitrary<string> = identifierArb): fc.Arbitrary<EventMetadata> =>
  fc.record({
    eventId: fc.oneof(identifierArb, uuidArb),
    shopId,
    actor: actorArb,
    occurredAt: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    correlationId: identifierArb,
    causationId: identifierArb,
  });

export const eventArb = (shopId?: fc.Arbitrary<string>): fc.Arbitrary<EventToAppend> =>
  fc.record({
    type: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== ''),
    schemaVersion: fc.integer({ min: 1, max: 1000 }),
    data: fc.jsonValue(),
    metadata: metadataArb(shopId),
  });
