/** What the PostgreSQL store does beyond the shared conformance suite. */
import pg from 'pg';
import { expect, it } from 'vitest';
import { createPostgresEventStore, runPostgresProjection } from '../../../src/adapters/postgres/index.js';
import { ORDER_LOCK_CLASS, schemaLockKey } from '../../../src/adapters/postgres/lockKeys.js';
import { collector, event, events, left, right } from '../../conformance/fixtures.js';
import { fixtureRegistry } from '../../conformance/fixtureRegistry.js';
import { describePg, pgUrl, rawPool, schemaPerStore } from './pgTestSupport.js';
import { callCounter } from './signals.js';

describePg('postgres store specifics', () => {
  const stores = schemaPerStore();

  it('runs its migrations once: a second store on the schema finds them applied and the data intact', async () => {
    const schema = stores.schema('mig');
    const first = stores.store({ schema });
    const appended = right(await first.append('s', events(2), 'no_stream'));
    await first.close();
    const second = stores.store({ schema });
    right(await second.ready());
    right(await second.ready());
    expect(right(await second.readStream('s'))).toEqual(appended.events);
    const admin = rawPool(1);
    try {
      const applied = await admin.query(`SELECT version FROM "${schema}".migrations ORDER BY version`);
      expect(applied.rows.map((r: { version: number }) => r.version)).toEqual([1, 2]);
    } finally {
      await admin.end();
      await second.close();
    }
  });

  it('lets several stores migrate one new schema at the same moment', async () => {
    const schema = stores.schema('race');
    // One pool each: the migrations really run at once, on separate connections.
    const racing = Array.from({ length: 4 }, () => stores.store({ schema }));
    try {
      const results = await Promise.all(racing.map((s) => s.ready()));
      for (const r of results) right(r);
      const positions = await Promise.all(racing.map((s, i) => s.append(`s${i}`, events(1), 'no_stream')));
      expect(new Set(positions.map((p) => right(p).lastPosition)).size).toBe(4);
    } finally {
      await Promise.all(racing.map((s) => s.close()));
    }
  });

  it('uses a pool it is given, shares it between schemas, and does not end it', async () => {
    const pool = new pg.Pool({ connectionString: pgUrl, max: 3 });
    try {
      const a = createPostgresEventStore({ pool, schema: stores.schema('shared') });
      const b = createPostgresEventStore({ pool, schema: stores.schema('shared') });
      right(await a.append('same-name', events(1), 'no_stream'));
      right(await b.append('same-name', events(3), 'no_stream'));
      expect(right(await a.streamVersion('same-name'))).toBe(1);
      expect(right(await b.streamVersion('same-name'))).toBe(3);
      await a.close();
      await b.close();
      expect(pool.ended).toBe(false);
      expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });

  it('closes idempotently; afterwards every method answers with a StoreFailure and a waiting subscription ends', async () => {
    const store = stores.store();
    const caughtUp = callCounter<number>();
    const sub = store.subscribe({ handler: () => undefined, onCaughtUp: caughtUp.hit });
    await caughtUp.until(1);
    await Promise.all([store.close(), store.close()]);
    await store.close();
    expect(left(await sub.done)).toMatchObject({ _tag: 'StoreFailure', message: 'the store is closed' });
    const closed = { _tag: 'StoreFailure', message: 'the store is closed' };
    expect(left(await store.append('s', events(1), 'any'))).toMatchObject(closed);
    expect(left(await store.readStream('s'))).toMatchObject(closed);
    expect(left(await store.readAll())).toMatchObject(closed);
    expect(left(await store.streamVersion('s'))).toMatchObject(closed);
    expect(left(await store.saveSnapshot('s', { version: 1, schemaVersion: 1, state: {} }))).toMatchObject(closed);
    expect(left(await store.loadSnapshot('s'))).toMatchObject(closed);
    expect(left(await store.saveProjection('p', { position: 1, schemaVersion: 1, state: {} }))).toMatchObject(closed);
    expect(left(await store.loadProjection('p'))).toMatchObject(closed);
    expect(left(await store.ready())).toMatchObject(closed);
    expect(left(await store.subscribe({ handler: () => undefined }).done)).toMatchObject(closed);
  });

  it('answers with a StoreFailure, not a throw, when the server cannot be reached', async () => {
    const store = createPostgresEventStore({ connectionString: 'postgres://postgres@127.0.0.1:1/none', connectionTimeoutMs: 2_000 });
    try {
      expect(left(await store.append('s', events(1), 'any'))).toMatchObject({ _tag: 'StoreFailure', operation: 'append' });
      expect(left(await store.readAll())).toMatchObject({ _tag: 'StoreFailure', operation: 'readAll' });
      expect(left(await store.streamVersion('s'))).toMatchObject({ _tag: 'StoreFailure', operation: 'streamVersion' });
    } finally {
      await store.close();
    }
  });

  it('stops at position 2^53 - 1 with a StoreFailure, leaving no ordering lock held', async () => {
    // Idle connections live longer than the lock timeout below, so only destroying the
    // failed connection can free the lock in time.
    const store = stores.store({ idleTimeoutMs: 120_000 });
    right(await store.ready());
    const admin = rawPool(1);
    try {
      await admin.query(`ALTER SEQUENCE "${store.schema}".positions RESTART WITH ${Number.MAX_SAFE_INTEGER - 1}`);
      const last = right(await store.append('s', events(2), 'no_stream'));
      expect(last.events.map((e) => e.globalPosition)).toEqual([Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER]);
      expect(right(await store.readAll()).map((e) => e.globalPosition)).toEqual([Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER]);
      const beyond = left(await store.append('s', events(1), 2));
      expect(beyond).toMatchObject({ _tag: 'StoreFailure', operation: 'append', message: expect.stringMatching(/maximum value/) });
      // The failing call took the ordering lock; its connection was destroyed, so the
      // lock goes when that backend exits. Taking it here proves it is free (a pooled
      // connection still holding it would make this fail at the lock timeout).
      const lockKey = [ORDER_LOCK_CLASS, schemaLockKey(store.schema)];
      await admin.query(`SET lock_timeout = '5s'`);
      await admin.query('SELECT pg_advisory_lock($1, $2)', lockKey);
      await admin.query('SELECT pg_advisory_unlock($1, $2)', lockKey);
      await admin.query(`ALTER SEQUENCE "${store.schema}".positions RESTART WITH 1000`);
      expect(right(await store.append('s', events(1), 2)).lastPosition).toBe(1000);
    } finally {
      await admin.end();
      await store.close();
    }
  });

  it('refuses to read a position beyond 2^53 - 1, naming the field', async () => {
    const store = stores.store();
    right(await store.ready());
    const admin = rawPool(1);
    try {
      right(await store.append('s', events(1), 'no_stream'));
      const [stored] = right(await store.readStream('s'));
      await admin.query(
        `INSERT INTO "${store.schema}".events (position, transaction_id, stream, version, type, schema_version, shop_id, data, metadata)
         VALUES ('9007199254740993', pg_current_xact_id(), 's', 2, 'Far', 1, 'shop-1', '{}', $1)`,
        [JSON.stringify(stored!.metadata)],
      );
      const failure = left(await store.readAll({ after: stored!.globalPosition }));
      expect(failure).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'globalPosition' }] });
    } finally {
      await admin.end();
      await store.close();
    }
  });

  it('reports a corrupt snapshot or projection row as a ValidationError naming the field', async () => {
    const store = stores.store();
    right(await store.ready());
    const admin = rawPool(1);
    try {
      await admin.query(`INSERT INTO "${store.schema}".snapshots VALUES ('s', -3, 1, '{}')`);
      await admin.query(`INSERT INTO "${store.schema}".projections VALUES ('p', 4, -1, '{}')`);
      expect(left(await store.loadSnapshot('s'))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'version' }] });
      expect(left(await store.loadProjection('p'))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'schemaVersion' }] });
    } finally {
      await admin.end();
      await store.close();
    }
  });

  it('passes the pool settings to its connections', async () => {
    const store = stores.store({ statementTimeoutMs: 1234, maxConnections: 2 });
    right(await store.append('s', events(1), 'no_stream'));
    try {
      const shown = callCounter<string>();
      const running = runPostgresProjection({
        store,
        registry: fixtureRegistry(),
        name: 'settings',
        handle: async (client) => {
          shown.hit((await client.query<{ statement_timeout: string }>('SHOW statement_timeout')).rows[0]!.statement_timeout);
        },
      });
      await shown.until(1);
      await running.stop();
      expect(shown.calls[0]).toBe('1234ms');
    } finally {
      await store.close();
    }
  });

  it('wakes a subscription in the writing process without a notification or a poll', async () => {
    const store = stores.store({ notify: false, pollIntervalMs: 600_000 });
    try {
      const got = collector();
      const caughtUp = callCounter<number>();
      const sub = store.subscribe({ handler: got.handler, onCaughtUp: caughtUp.hit });
      await caughtUp.until(1);
      right(await store.append('s', [event('Local')], 'no_stream'));
      await got.until(1);
      await sub.stop();
      expect(got.seen.map((e) => e.type)).toEqual(['Local']);
    } finally {
      await store.close();
    }
  });
});
