/**
 * The event envelope: what every stored event carries besides its data.
 * `type` + `schemaVersion` say how to read `data` (old versions are upcast on read);
 * the metadata says for which shop, by whom, when, and in answer to what.
 */
import * as t from 'io-ts';
import { agentIdCodec, customerIdCodec, messageIdCodec, shopIdCodec, type ShopId } from './ids.js';
import { intInRange, nonEmptyString, struct, timestamp } from './validation.js';

/** Who caused a command or an event. `system` is the engine itself (timers, dequeue) or a trusted backend. */
export type Actor =
  | { readonly kind: 'system' }
  | { readonly kind: 'agent'; readonly id: string }
  | { readonly kind: 'customer'; readonly id: string };

export const actorCodec: t.Type<Actor, Actor, unknown> = t.union([
  struct('SystemActor', { kind: t.literal('system') }),
  struct('AgentActor', { kind: t.literal('agent'), id: agentIdCodec }),
  struct('CustomerActor', { kind: t.literal('customer'), id: customerIdCodec }),
]);

export interface EventMetadata {
  readonly eventId: string;
  readonly shopId: ShopId;
  readonly actor: Actor;
  /** Epoch milliseconds, from the clock the engine was given: never read inside the core. */
  readonly occurredAt: number;
  /** The id shared by everything that one outside request caused. */
  readonly correlationId: string;
  /** The id of the command (or event) that directly caused this event. */
  readonly causationId: string;
}

export const eventMetadataCodec: t.Type<EventMetadata, EventMetadata, unknown> = struct('EventMetadata', {
  eventId: messageIdCodec,
  shopId: shopIdCodec,
  actor: actorCodec,
  occurredAt: timestamp,
  correlationId: messageIdCodec,
  causationId: messageIdCodec,
});

/** An event as handed to a store: the store adds the stream, the stream version and the global position. */
export interface EventToAppend {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/**
 * An event as read back from a store. `streamVersion` is the version of the stream
 * once this event is in it (the first event of a stream has version 1);
 * `globalPosition` orders every event of the store (strictly increasing in read order).
 */
export interface RecordedEvent extends EventToAppend {
  readonly stream: string;
  readonly streamVersion: number;
  readonly globalPosition: number;
}

const positiveSafeInt = intInRange(1, Number.MAX_SAFE_INTEGER);

/** What adapters decode every stored row with, so a corrupt row is a typed error naming the field. */
export const recordedEventCodec: t.Type<RecordedEvent, RecordedEvent, unknown> = struct('RecordedEvent', {
  type: nonEmptyString(200),
  schemaVersion: positiveSafeInt,
  data: t.unknown,
  metadata: eventMetadataCodec,
  stream: nonEmptyString(500),
  streamVersion: positiveSafeInt,
  globalPosition: positiveSafeInt,
});
