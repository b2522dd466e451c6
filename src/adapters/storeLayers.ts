/**
 * A store layer is an EventStore that wraps another one and changes what is read
 * and written (runtime/contentProtection: personal fields sealed on the way in,
 * opened on the way out). The SQL read-model runners need the adapter underneath
 * (its connection, its change feed), found here through the layers, and read the
 * log through the layers' `readPage`, so a read model over a protected store sees
 * what every other reader of it sees.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { RecordedEvent } from '../domain/envelope.js';
import type { EventStore, ReadError } from './eventStore.js';

export interface StoreLayer {
  readonly inner: EventStore;
  /** A page of the log as the inner store read it, as the layer's readers see it. */
  readonly readPage: (events: readonly RecordedEvent[]) => Promise<E.Either<ReadError, readonly RecordedEvent[]>>;
}

const layers = new WeakMap<object, StoreLayer>();

export const registerLayer = (outer: EventStore, layer: StoreLayer): void => {
  layers.set(outer, layer);
};

export const layerOf = (store: object): StoreLayer | undefined => layers.get(store);

/** The adapter under every layer (the store itself when it has none). */
export const baseStoreOf = (store: EventStore): EventStore => {
  let current = store;
  for (let layer = layerOf(current); layer !== undefined; layer = layerOf(current)) current = layer.inner;
  return current;
};

/** A page read from the base adapter, passed up through every layer from the innermost out. */
export const readThroughLayers = async (store: EventStore, page: readonly RecordedEvent[]): Promise<E.Either<ReadError, readonly RecordedEvent[]>> => {
  const stack: StoreLayer[] = [];
  for (let layer = layerOf(store); layer !== undefined; layer = layerOf(layer.inner)) stack.push(layer);
  let events = page;
  for (let i = stack.length - 1; i >= 0; i--) {
    const passed = await (stack[i] as StoreLayer).readPage(events);
    if (E.isLeft(passed)) return passed;
    events = passed.right;
  }
  return E.right(events);
};
