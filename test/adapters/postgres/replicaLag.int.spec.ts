/**
 * How far behind a standby is, and waiting for it: with the standby's replay paused
 * (pg_wal_replay_pause), appends on the primary show as lag in events and in growing
 * seconds, and a wait for their position times out with a StoreFailure; once replay
 * resumes the lag goes back to 0 and the wait resolves (read-your-writes). Writes to
 * the replica store are refused, checkpoints go to the primary, a schema the standby
 * does not have is a clear StoreFailure (and nothing is created there), bad options
 * and arguments are ValidationErrors naming them.
 */
import { expect, it } from 'vitest';
import type { ValidationError } from '../../../src/domain/errors.js';
import { createPostgresEventStore } from '../../../src/adapters/postgres/index.js';
import { createPostgresReplicaStore, READ_ONLY_REPLICA, type PostgresReplicaStore } from '../../../src/adapters/postgres/replicaStore.js';
import type { ReplicaLag } from '../../../src/adapters/postgres/replicaLag.js';
import { waitForReplay } from '../../support/pgClusters.js';
import { event, left, right } from '../../conformance/fixtures.js';
import { freshSchema } from './pgTestSupport.js';
import { describeReplica, storesOn, withReplayPaused } from './replicaSupport.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Reads the lag until it is level (0 events, 0 seconds) or `timeoutMs` passes; answers the last reading and when. */
const untilLevel = async (replica: PostgresReplicaStore, timeoutMs = 10_000): Promise<{ lag: ReplicaLag; ms: number }> => {
  const started = Date.now();
  for (;;) {
    const lag = right(await replica.lag());
    const ms = Date.now() - started;
    if ((lag.events === 0 && lag.seconds === 0) || ms > timeoutMs) return { lag, ms };
    await sleep(10);
  }
};

const paths = (error: ValidationError) => error.issues.map((i) => i.path);

describeReplica('postgres replica store: lag and read-your-writes', (pair) => {
  it('shows appends the paused standby has not replayed as lag in events and growing seconds, and 0 once it has', async () => {
    const { primary, standby } = pair();
    const { writer, replica, close } = await storesOn(pair());
    try {
      const warm = right(await writer.append('warm-up', [event('W')], 'no_stream'));
      await waitForReplay(primary, standby);
      expect((await untilLevel(replica)).lag).toEqual({ events: 0, seconds: 0, position: warm.lastPosition, primaryPosition: warm.lastPosition });

      const readings = await withReplayPaused(standby, async () => {
        let last = 0;
        for (let i = 0; i < 10; i++) last = right(await writer.append(`s-${i}`, [event('E'), event('E')], 'no_stream')).lastPosition;
        // The primary has sent the WAL: the standby holds it, unreplayed.
        await sleep(200);
        const first = right(await replica.lag());
        await sleep(1_200);
        const later = right(await replica.lag());
        // What the replica reads stops at its replayed head.
        expect(right(await replica.readAll({ after: warm.lastPosition }))).toEqual([]);
        return { first, later, last };
      });
      expect(readings.first).toMatchObject({ events: 20, position: warm.lastPosition, primaryPosition: readings.last });
      expect(readings.first.seconds).toBeGreaterThan(0);
      expect(readings.later.events).toBe(20);
      expect(readings.later.seconds).toBeGreaterThanOrEqual(readings.first.seconds + 1);

      const level = await untilLevel(replica);
      expect(level.lag).toEqual({ events: 0, seconds: 0, position: readings.last, primaryPosition: readings.last });
      console.log(
        `[replica] paused replay: lag ${readings.first.events} events, ${readings.first.seconds} s then ${readings.later.seconds} s; level again ${level.ms} ms after resume`,
      );
    } finally {
      await close();
    }
  });

  it('waits until the standby has replayed a position written on the primary, and times out with a StoreFailure while replay is paused', async () => {
    const { standby } = pair();
    const { writer, replica, close } = await storesOn(pair());
    try {
      // Read-your-writes: an append on the primary, then a read on the standby that sees it.
      const waits: number[] = [];
      for (let i = 0; i < 20; i++) {
        const appended = right(await writer.append(`ryw-${i}`, [event('Wrote')], 'no_stream'));
        const started = performance.now();
        const reached = right(await replica.waitForPosition(appended.lastPosition, { timeoutMs: 10_000 }));
        waits.push(performance.now() - started);
        expect(reached).toBeGreaterThanOrEqual(appended.lastPosition);
        expect(right(await replica.readStream(`ryw-${i}`)).map((e) => e.globalPosition)).toEqual([appended.lastPosition]);
      }
      // A position already reached answers at once, with a timeout of 0 too.
      expect(right(await replica.waitForPosition(1, { timeoutMs: 0 }))).toBeGreaterThanOrEqual(20);

      let resolvedAfterResume: Promise<unknown> | undefined;
      const timedOut = await withReplayPaused(standby, async () => {
        const appended = right(await writer.append('while-paused', [event('Late')], 'no_stream'));
        const started = Date.now();
        const failure = left(await replica.waitForPosition(appended.lastPosition, { timeoutMs: 300 }));
        const took = Date.now() - started;
        // Still paused: this wait can only resolve once replay resumes.
        resolvedAfterResume = replica.waitForPosition(appended.lastPosition, { timeoutMs: 10_000 });
        return { failure, took, position: appended.lastPosition };
      });
      expect(timedOut.failure).toMatchObject({ _tag: 'StoreFailure', operation: 'waitForPosition' });
      expect(timedOut.failure).toHaveProperty('message', expect.stringMatching(new RegExp(`timed out after 300 ms: the replica has reached position \\d+, not ${timedOut.position}`)));
      expect(timedOut.took).toBeGreaterThanOrEqual(300);
      expect(timedOut.took).toBeLessThan(1_500);
      expect(right((await resolvedAfterResume) as never)).toBeGreaterThanOrEqual(timedOut.position);

      const sorted = [...waits].sort((a, b) => a - b);
      console.log(
        `[replica] read-your-writes wait after an append: median ${sorted[10]!.toFixed(1)} ms, max ${sorted[19]!.toFixed(1)} ms; paused wait failed after ${timedOut.took} ms`,
      );
    } finally {
      await close();
    }
  });

  it('names bad arguments of waitForPosition', async () => {
    const { writer, replica, close } = await storesOn(pair());
    try {
      const both = left(await replica.waitForPosition(-1, { timeoutMs: 1.5 })) as ValidationError;
      expect(both).toMatchObject({ _tag: 'ValidationError', source: 'waitForPosition' });
      expect(paths(both)).toEqual(['position', 'timeoutMs']);
      expect(paths(left(await replica.waitForPosition(Number.NaN, { timeoutMs: 10 })) as ValidationError)).toEqual(['position']);
      expect(paths(left(await replica.waitForPosition(1, undefined as never)) as ValidationError)).toEqual(['timeoutMs']);
      void writer;
    } finally {
      await close();
    }
  });

  it('refuses writes, keeps checkpoints on the primary, and reads snapshots the primary saved', async () => {
    const { primary, standby } = pair();
    const { writer, replica, close } = await storesOn(pair());
    try {
      const refused = left(await replica.append('s', [event('X')], 'no_stream'));
      expect(refused).toEqual({ _tag: 'StoreFailure', operation: 'append', message: READ_ONLY_REPLICA });
      expect(left(await replica.saveSnapshot('s', { version: 1, schemaVersion: 1, state: {} }))).toEqual({
        _tag: 'StoreFailure',
        operation: 'saveSnapshot',
        message: READ_ONLY_REPLICA,
      });
      expect(right(await writer.streamVersion('s'))).toBe(0);

      right(await replica.saveProjection('p', { position: 0, schemaVersion: 2, state: { n: 1 } }));
      expect(right(await writer.loadProjection('p'))).toEqual({ position: 0, schemaVersion: 2, state: { n: 1 } });
      expect(right(await replica.loadProjection('p'))).toEqual({ position: 0, schemaVersion: 2, state: { n: 1 } });

      right(await writer.append('s', [event('X')], 'no_stream'));
      right(await writer.saveSnapshot('s', { version: 1, schemaVersion: 3, state: { folded: true } }));
      await waitForReplay(primary, standby);
      expect(right(await replica.loadSnapshot('s'))).toEqual({ version: 1, schemaVersion: 3, state: { folded: true } });
      expect(right(await replica.streamVersion('s'))).toBe(1);
    } finally {
      await close();
    }
  });

  it('answers a clear StoreFailure for a schema the standby does not have, creates nothing there, and reads it once replayed', async () => {
    const { primary, standby } = pair();
    const schema = freshSchema('rpmissing');
    // The primary by URL: the replica store opens (and closes) a store of its own on it.
    const replica = createPostgresReplicaStore({ connectionString: standby.url, primary: { connectionString: primary.url }, schema, pollIntervalMs: 20 });
    try {
      for (const failed of [await replica.readAll(), await replica.readStream('s'), await replica.ready(), await replica.lag()]) {
        expect(left(failed)).toMatchObject({
          _tag: 'StoreFailure',
          message: expect.stringMatching(new RegExp(`schema "${schema}" has no kefu tables on the replica: create them on the primary`)),
        });
      }
      expect(left(await replica.waitForPosition(1, { timeoutMs: 10 }))).toMatchObject({ operation: 'waitForPosition' });
      const onStandby = await standby.query<{ found: boolean }>('SELECT to_regnamespace($1) IS NOT NULL AS found', [schema]);
      expect(onStandby[0]?.found).toBe(false);
      const onPrimary = await primary.query<{ found: boolean }>('SELECT to_regnamespace($1) IS NOT NULL AS found', [schema]);
      expect(onPrimary[0]?.found).toBe(false);

      const writer = createPostgresEventStore({ connectionString: primary.url, schema, notify: false });
      try {
        const appended = right(await writer.append('s', [event('X')], 'no_stream'));
        await waitForReplay(primary, standby);
        right(await replica.ready());
        expect(right(await replica.readAll()).map((e) => e.globalPosition)).toEqual([appended.lastPosition]);
        expect(right(await replica.lag())).toEqual({ events: 0, seconds: 0, position: appended.lastPosition, primaryPosition: appended.lastPosition });
      } finally {
        await writer.close();
      }
    } finally {
      await replica.close();
    }
    expect(left(await replica.readAll())).toMatchObject({ _tag: 'StoreFailure', message: 'the store is closed' });
  });

  it('names bad options', async () => {
    const { primary, standby } = pair();
    const bad = createPostgresReplicaStore({ connectionString: '', primary: {} as never, pollIntervalMs: 0, maxConnections: -1 });
    const error = left(await bad.readAll()) as ValidationError;
    expect(error).toMatchObject({ _tag: 'ValidationError', source: 'postgres replica store options' });
    expect(paths(error).sort()).toEqual(['connectionString', 'maxConnections', 'pollIntervalMs', 'primary']);
    expect(left(await bad.lag())).toMatchObject({ _tag: 'StoreFailure', operation: 'lag' });
    await bad.close();

    const writer = createPostgresEventStore({ connectionString: primary.url, schema: freshSchema('rpopt'), notify: false });
    const other = createPostgresReplicaStore({ connectionString: standby.url, primary: writer, schema: 'kefu_elsewhere' });
    try {
      expect(paths(left(await other.ready()) as ValidationError)).toEqual(['schema']);
    } finally {
      await other.close();
      await writer.close();
    }
  });
});
