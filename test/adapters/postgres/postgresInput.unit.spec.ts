/**
 * Input the PostgreSQL store refuses before it talks to a server: bad options, bad
 * events, names PostgreSQL text cannot hold, bad read options and snapshots. No
 * server is needed (the URL points nowhere; nothing is sent).
 */
import { describe, expect, it } from 'vitest';
import { createPostgresEventStore } from '../../../src/adapters/postgres/index.js';
import { event, events, left, metadata } from '../../conformance/fixtures.js';

const nowhere = 'postgres://postgres@127.0.0.1:1/none';

describe('postgres store options', () => {
  it('answers every call with a ValidationError naming a bad option', async () => {
    const store = createPostgresEventStore({ connectionString: nowhere, schema: 'Bad-Schema' });
    expect(left(await store.ready())).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'schema' }] });
    expect(left(await store.append('s', events(1), 'any'))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'schema' }] });
    expect(left(await store.readAll())).toMatchObject({ _tag: 'ValidationError' });
    // streamVersion can only fail with a StoreFailure: the option is named in its message.
    expect(left(await store.streamVersion('s'))).toMatchObject({ _tag: 'StoreFailure', message: expect.stringMatching(/schema/) });
    expect(left(await store.subscribe({ handler: () => undefined }).done)).toMatchObject({ _tag: 'ValidationError' });
    await store.close();
  });

  it('names each bad pool setting', async () => {
    const store = createPostgresEventStore({
      connectionString: nowhere,
      maxConnections: 0,
      idleTimeoutMs: -1,
      statementTimeoutMs: 1.5,
      pollIntervalMs: 0,
    });
    const error = left(await store.ready());
    expect(error._tag === 'ValidationError' && error.issues.map((i) => i.path)).toEqual([
      'maxConnections',
      'idleTimeoutMs',
      'statementTimeoutMs',
      'pollIntervalMs',
    ]);
    await store.close();
  });

  it('wants a connection string or a pool, not both', async () => {
    const both = createPostgresEventStore({ connectionString: nowhere, pool: {} } as never);
    expect(left(await both.ready())).toMatchObject({ issues: [{ path: 'connectionString' }] });
    const neither = createPostgresEventStore({} as never);
    expect(left(await neither.ready())).toMatchObject({ issues: [{ path: 'connectionString' }] });
  });
});

describe('postgres store input checks', () => {
  const store = () => createPostgresEventStore({ connectionString: nowhere });

  it('refuses names PostgreSQL text would refuse or change, naming the field', async () => {
    const s = store();
    expect(left(await s.append('a\u0000b', events(1), 'any'))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'stream' }] });
    expect(left(await s.append('ok', [event(), event('Half\uD800')], 'any'))).toMatchObject({
      _tag: 'ValidationError',
      issues: [{ path: 'events.1.type' }],
    });
    await s.close();
  });

  it('refuses malformed events and expected versions before connecting', async () => {
    const s = store();
    const bad = { ...event(), metadata: { ...metadata(), shopId: '' } };
    expect(left(await s.append('ok', [bad], 'any'))).toMatchObject({ issues: [{ path: 'events.0.metadata.shopId' }] });
    expect(left(await s.append('ok', events(1), 'sometimes' as never))).toMatchObject({ issues: [{ path: 'expected' }] });
    await s.close();
  });

  it('refuses read options that are not whole numbers in range', async () => {
    const s = store();
    expect(left(await s.readStream('s', { maxCount: -1 }))).toMatchObject({ issues: [{ path: 'maxCount' }] });
    expect(left(await s.readAll({ after: 1.5 }))).toMatchObject({ issues: [{ path: 'after' }] });
    await s.close();
  });

  it('refuses a snapshot or a projection state that is not JSON, naming the field', async () => {
    const s = store();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(left(await s.saveSnapshot('s', { version: 1, schemaVersion: 1, state: cyclic }))).toMatchObject({
      _tag: 'StoreFailure',
      message: expect.stringMatching(/state\.self/),
    });
    expect(left(await s.saveProjection('p', { position: -1, schemaVersion: 1, state: {} }))).toMatchObject({
      _tag: 'StoreFailure',
      message: expect.stringMatching(/position/),
    });
    await s.close();
  });
});
