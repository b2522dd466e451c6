/**
 * What the EventStoreDB store does before (or instead of) talking to a server:
 * its options, the input it refuses up front, and its closed state. The client
 * points at a port nobody listens on and connects lazily, so every answer here
 * comes from the adapter itself; anything that reached the network would fail
 * with a StoreFailure instead of the error asserted.
 */
import * as E from 'fp-ts/lib/Either.js';
import { afterEach, describe, expect, it } from 'vitest';
import { connectWith, type EsdbClient } from '../../../src/adapters/eventstoredb/client.js';
import {
  createEventStoreDbEventStore,
  DEFAULT_NAMESPACE,
  EventStoreDbConfigurationError,
  type EventStoreDbEventStore,
} from '../../../src/adapters/eventstoredb/index.js';
import { event, events, left } from '../../conformance/fixtures.js';

const NOWHERE = 'esdb://127.0.0.1:1?tls=false';

const configurationIssue = (create: () => unknown) => {
  try {
    create();
  } catch (error) {
    if (error instanceof EventStoreDbConfigurationError) return error.error.issues[0];
    throw error;
  }
  throw new Error('expected EventStoreDbConfigurationError');
};

const clients: EsdbClient[] = [];
const stores: EventStoreDbEventStore[] = [];
const nowhereClient = () => {
  const client = connectWith(NOWHERE);
  clients.push(client);
  return client;
};
const storeNowhere = () => {
  const store = createEventStoreDbEventStore({ connectionString: NOWHERE });
  stores.push(store);
  return store;
};

afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
});

describe('options', () => {
  it('defaults to the kefu- namespace and keeps events, snapshots and projections in separate families', () => {
    const store = storeNowhere();
    expect(store.kind).toBe('eventstoredb');
    expect(DEFAULT_NAMESPACE).toBe('kefu-');
    expect(store.naming.eventStream('routing-shop-1')).toBe('kefu-stream-routing-shop-1');
    expect(store.naming.snapshotStream('routing-shop-1')).toBe('kefu-snapshot-routing-shop-1');
    expect(store.naming.projectionStream('board')).toBe('kefu-projection-board');
  });

  it.each([
    ['a namespace that would name system streams', () => createEventStoreDbEventStore({ client: nowhereClient() }, { namespace: '$kefu-' }), 'namespace'],
    ['an empty namespace', () => createEventStoreDbEventStore({ client: nowhereClient() }, { namespace: '' }), 'namespace'],
    ['a misspelt option', () => createEventStoreDbEventStore({ client: nowhereClient() }, { namespce: 'x-' } as never), 'namespce'],
    ['both a connection string and a client', () => createEventStoreDbEventStore({ connectionString: NOWHERE, client: nowhereClient() } as never), 'client'],
    ['neither', () => createEventStoreDbEventStore({} as never), 'connectionString'],
    ['something that is not a client', () => createEventStoreDbEventStore({ client: { append: () => 1 } as never }), 'client'],
    ['a connection string the client cannot parse', () => createEventStoreDbEventStore({ connectionString: 'http://localhost:2113' }), 'connectionString'],
  ])('refuses %s, naming the field', (_, create, path) => {
    expect(configurationIssue(create)).toMatchObject({ path });
  });
});

describe('input refused before any round trip', () => {
  it('refuses a malformed event, naming the field', async () => {
    const store = storeNowhere();
    const bad = { ...event(), metadata: { ...event().metadata, occurredAt: 'yesterday' } };
    expect(left(await store.append('s', [event(), bad as never], 'any'))).toMatchObject({
      _tag: 'ValidationError',
      issues: [{ path: 'events.1.metadata.occurredAt' }],
    });
  });

  it('refuses an invalid expected version and stream name', async () => {
    const store = storeNowhere();
    expect(left(await store.append('s', events(1), -1 as never))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'expected' }] });
    expect(left(await store.append('', events(1), 'any'))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'stream' }] });
  });

  it('refuses read options that are not whole numbers', async () => {
    const store = storeNowhere();
    expect(left(await store.readStream('s', { fromVersion: 1.5 }))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'fromVersion' }] });
    expect(left(await store.readAll({ after: -1 }))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'after' }] });
    expect(left(await store.readAll({ maxCount: 2.5 }))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'maxCount' }] });
  });

  it('answers empty reads without a round trip', async () => {
    const store = storeNowhere();
    expect(await store.readStream('s', { maxCount: 0 })).toEqual(E.right([]));
    expect(await store.readAll({ maxCount: 0 })).toEqual(E.right([]));
  });

  it('refuses snapshots and checkpoints that are not JSON or whole numbers', async () => {
    const store = storeNowhere();
    expect(left(await store.saveSnapshot('s', { version: -1, schemaVersion: 1, state: {} }))).toMatchObject({ _tag: 'StoreFailure' });
    expect(left(await store.saveSnapshot('s', { version: 1, schemaVersion: 1, state: { at: new Date(0) } }))).toMatchObject({
      _tag: 'StoreFailure',
      message: 'state.at: a Date object is not JSON',
    });
    expect(left(await store.saveProjection('', { position: 1, schemaVersion: 1, state: null }))).toMatchObject({ _tag: 'StoreFailure' });
  });
});

describe('closing', () => {
  it('can be closed twice, and then answers every call with a StoreFailure', async () => {
    const store = storeNowhere();
    await store.close();
    await store.close();
    const closed = { _tag: 'StoreFailure', message: 'the store is closed' };
    expect(left(await store.append('s', events(1), 'any'))).toMatchObject({ ...closed, operation: 'append' });
    expect(left(await store.readStream('s'))).toMatchObject({ ...closed, operation: 'readStream' });
    expect(left(await store.readAll())).toMatchObject({ ...closed, operation: 'readAll' });
    expect(left(await store.streamVersion('s'))).toMatchObject({ ...closed, operation: 'streamVersion' });
    expect(left(await store.saveSnapshot('s', { version: 1, schemaVersion: 1, state: {} }))).toMatchObject(closed);
    expect(left(await store.loadSnapshot('s'))).toMatchObject(closed);
    expect(left(await store.saveProjection('p', { position: 1, schemaVersion: 1, state: {} }))).toMatchObject(closed);
    expect(left(await store.loadProjection('p'))).toMatchObject(closed);
    const subscription = store.subscribe({ handler: () => undefined });
    expect(left(await subscription.done)).toMatchObject({ ...closed, operation: 'subscribe' });
  });

  it('leaves a client it was given open', async () => {
    const client = nowhereClient();
    let disposed = 0;
    const dispose = client.dispose;
    client.dispose = async () => {
      disposed++;
      await dispose();
    };
    const store = createEventStoreDbEventStore({ client }, { namespace: 'kefu-given-' });
    await store.close();
    expect(disposed).toBe(0);
  });
});
