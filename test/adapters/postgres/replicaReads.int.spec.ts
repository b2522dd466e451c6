/**
 * Reads from a hot standby keep the primary store's ordering guarantee: the forced
 * out-of-order commits of globalOrder.int.spec.ts (a transaction takes a lower
 * position and stays open while another takes a higher one and commits), replayed on
 * a standby, are hidden there until the lower one commits, then handed out in order;
 * a projection and a subscription on the standby see every event of concurrent
 * writers on the primary once and in order (replay paused for a while midway),
 * their checkpoints saved on the primary; reports folded from the standby give the
 * primary's rows.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import pg from 'pg';
import { expect, it } from 'vitest';
import type { RecordedEvent } from '../../../src/domain/envelope.js';
import { decodeWith } from '../../../src/domain/validation.js';
import { createEngine } from '../../../src/engine.js';
import { dayClock, dayName } from '../../../src/projections/reports/reportKit.js';
import { reportSet, type ReportSet, type ReportSetState } from '../../../src/projections/reports/reportSet.js';
import { runProjection, type DurableProjection } from '../../../src/runtime/projectionRunner.js';
import { rebuildReports, runReports } from '../../../src/runtime/reportRunner.js';
import { seededRandom } from '../../../src/runtime/seededRandom.js';
import { counterModule, type CounterEvent } from '../../../src/testing/counterModule.js';
import { waitForReplay } from '../../support/pgClusters.js';
import { collector, event, left, readEverything, right } from '../../conformance/fixtures.js';
import { FOUR_WAYS_REPORTS } from '../../projections/reports/kit/fourWaysReports.js';
import { driveHistory, HISTORY_SHOP, HISTORY_T0, type Step } from '../../projections/reports/kit/randomHistory.js';
import { rawAppend } from './rawAppend.js';
import { describeReplica, storesOn, withReplayPaused } from './replicaSupport.js';
import { callCounter } from './signals.js';

const sums: DurableProjection<Record<string, number>, CounterEvent> = {
  name: 'sums',
  schemaVersion: 1,
  initialState: () => ({}),
  apply: (state, e) => (e.type === 'Incremented' ? { ...state, [e.stream]: (state[e.stream] ?? 0) + e.data.by } : state),
  encode: (s) => s,
  decode: decodeWith(t.record(t.string, t.number), 'projection'),
};

const inc = (counterId: string, by: number) => ({ type: 'Increment', shopId: 'shop-1', actor: { kind: 'system' }, data: { counterId, by } });

const positionsOf = (events: readonly RecordedEvent[]) => events.map((e) => e.globalPosition);

describeReplica('postgres replica store: reads from a hot standby', (pair) => {
  it('hides a committed append behind an open one that took a lower position, on the standby as on the primary, then delivers both in order', async () => {
    const { primary, standby } = pair();
    const { writer, replica, close } = await storesOn(pair());
    const a = new pg.Client({ connectionString: primary.url });
    await a.connect();
    try {
      const got = collector();
      const caughtUp = callCounter<number>();
      const sub = replica.subscribe({ handler: got.handler, onCaughtUp: caughtUp.hit });
      await caughtUp.until(1);

      await a.query('BEGIN');
      const positionA = await rawAppend(a, writer.schema, 'stream-a', [event('A')]);
      const b = right(await writer.append('stream-b', [event('B')], 'no_stream'));
      expect(b.lastPosition).toBeGreaterThan(positionA);
      await waitForReplay(primary, standby);

      // B's commit is replayed: the standby shows its stream. Its global log does not, while A is open on the primary.
      expect(right(await replica.readStream('stream-b'))).toHaveLength(1);
      expect(right(await replica.streamVersion('stream-b'))).toBe(1);
      expect(right(await replica.readAll())).toEqual([]);
      expect(right(await replica.readAll({ shopId: 'shop-1' }))).toEqual([]);
      // The subscription polls the standby every 20 ms: three more reads, all after the replay, found nothing.
      await caughtUp.until(caughtUp.calls.length + 3);
      expect(got.seen).toEqual([]);
      expect(sub.position()).toBe(0);
      // Read-your-writes cannot pass B either, and the lag says the replica is level: the primary hides B as well.
      expect(left(await replica.waitForPosition(b.lastPosition, { timeoutMs: 100 }))).toMatchObject({ _tag: 'StoreFailure', operation: 'waitForPosition' });
      expect(right(await replica.lag())).toMatchObject({ events: 0, position: 0, primaryPosition: 0 });

      await a.query('COMMIT');
      const c = right(await writer.append('stream-c', [event('C')], 'no_stream'));
      await got.until(3);
      expect(got.seen.map((e) => e.type)).toEqual(['A', 'B', 'C']);
      expect(positionsOf(got.seen)).toEqual([positionA, b.lastPosition, c.lastPosition]);
      expect(right(await replica.readAll())).toEqual(got.seen);
      expect(right(await replica.readAll())).toEqual(right(await writer.readAll()));
      await sub.stop();
    } finally {
      await a.end();
      await close();
    }
  });

  it('keeps the guarantee when the open transaction has written nothing the standby could have replayed', async () => {
    // The standby learns of A only from B's higher transaction id: every id below one
    // it sees used counts as running until its end is replayed.
    const { primary, standby } = pair();
    const { writer, replica, close } = await storesOn(pair());
    const a = new pg.Client({ connectionString: primary.url });
    await a.connect();
    try {
      // A first append makes the sequence cache values ahead, so A's nextval below writes no WAL.
      right(await writer.append('warm-up', [event('W')], 'no_stream'));
      await a.query('BEGIN');
      const taken = await a.query<{ before: string; xid: string; position: string; after: string }>(
        `SELECT pg_current_wal_insert_lsn()::text AS before, pg_current_xact_id()::text AS xid,
                nextval('"${writer.schema}".positions')::text AS position, pg_current_wal_insert_lsn()::text AS after`,
      );
      const { before, xid, position, after } = taken.rows[0]!;
      expect(after).toBe(before);
      const b = right(await writer.append('stream-b', [event('B')], 'no_stream'));
      expect(b.lastPosition).toBeGreaterThan(Number(position));
      await waitForReplay(primary, standby);
      expect(right(await replica.readStream('stream-b'))).toHaveLength(1);
      expect(right(await replica.readAll()).map((e) => e.type)).toEqual(['W']);

      // A writes its row as the append function would, with the id and position it took first.
      const e = event('A');
      await a.query(
        `INSERT INTO "${writer.schema}".events (position, transaction_id, stream, version, type, schema_version, shop_id, data, metadata)
         VALUES ($1, $2::xid8, 'stream-a', 1, $3, $4, $5, $6::json, $7::json)`,
        [position, xid, e.type, e.schemaVersion, e.metadata.shopId, JSON.stringify(e.data), JSON.stringify(e.metadata)],
      );
      await a.query('COMMIT');
      right(await replica.waitForPosition(b.lastPosition, { timeoutMs: 10_000 }));
      const all = right(await replica.readAll());
      expect(all.map((x) => x.type)).toEqual(['W', 'A', 'B']);
      expect(positionsOf(all)).toEqual([...positionsOf(all)].sort((x, y) => x - y));
    } finally {
      await a.end();
      await close();
    }
  });

  it('runs a projection and a subscription over the standby that see every event of concurrent writers once and in order, checkpoints on the primary', async () => {
    const { standby } = pair();
    const { writer, replica, close } = await storesOn(pair());
    const engine = createEngine({ store: writer, modules: [counterModule], random: seededRandom(21) });
    try {
      const running = right(await runProjection({ store: replica, checkpoints: replica, registry: engine.registry, projection: sums, saveEvery: 25 }));
      const got = collector();
      const sub = replica.subscribe({ handler: got.handler, batchSize: 7 });
      const lags: number[] = [];
      const WRITERS = 4;
      const EACH = 100;
      let writing = true;
      const sampling = (async () => {
        while (writing) {
          const lag = await replica.lag();
          if (E.isRight(lag)) lags.push(lag.right.events);
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      // Replay stops for a while in the middle of the writes, then replays what piled up in one go.
      const pausing = (async () => {
        await new Promise((r) => setTimeout(r, 50));
        await withReplayPaused(standby, () => new Promise((r) => setTimeout(r, 200)));
      })();
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, w) => {
          // Own counters and one counter every writer shares, so some appends contend on a stream.
          for (let i = 0; i < EACH; i++) right(await engine.dispatchUnknown(inc(i % 4 === 0 ? 'shared' : `c${w}-${i % 3}`, i + 1)));
        }),
      );
      writing = false;
      await Promise.all([sampling, pausing]);

      const log = await readEverything(writer);
      expect(log).toHaveLength(WRITERS * EACH);
      const last = log[log.length - 1]!.globalPosition;
      right(await replica.waitForPosition(last, { timeoutMs: 10_000 }));
      right(await running.waitFor(last));
      await got.until(log.length);
      expect(positionsOf(got.seen)).toEqual(positionsOf(log));
      expect(got.seen).toEqual(log);

      const expected: Record<string, number> = {};
      for (const recorded of log) expected[recorded.stream] = (expected[recorded.stream] ?? 0) + (recorded.data as { by: number }).by;
      expect(running.state()).toEqual(expected);
      right(await running.stop());
      // The checkpoint went to the primary (a standby is read-only), and is read back from there.
      expect(right(await writer.loadProjection('sums'))?.position).toBe(last);
      expect(right(await replica.loadProjection('sums'))?.position).toBe(last);
      await sub.stop();
      console.log(`[replica] ${log.length} events by ${WRITERS} concurrent writers; lag sampled ${lags.length} times while writing, at most ${Math.max(0, ...lags)} events`);
    } finally {
      await engine.close();
      await close();
    }
  }, 90_000);

  it('gives the same report rows from the standby as from the primary (rebuildReports and runReports)', async () => {
    const { writer, replica, close } = await storesOn(pair());
    const zone = 'Asia/Shanghai';
    const history: Step[] = [
      { kind: 'customer', who: 0, channel: 0 },
      { kind: 'reply', who: 0, to: 0 },
      { kind: 'customer', who: 1, channel: 1 },
      { kind: 'later', ms: 5 * 3_600_000 },
      { kind: 'transfer', who: 0, to: 2 },
      { kind: 'customer', who: 2, channel: 0 },
      { kind: 'end', who: 1, to: 0 },
      { kind: 'reply', who: 2, to: 0 },
    ];
    const engine = await driveHistory(history, [], writer);
    try {
      const newSet = (): ReportSet => right(reportSet(FOUR_WAYS_REPORTS, { zone }));
      const day = dayClock(zone).dayOf(HISTORY_T0);
      const query = { shopId: HISTORY_SHOP, from: dayName(day - 1), to: dayName(day + 6) };
      const rows = (set: ReportSet, state: ReportSetState) => Object.fromEntries(set.names.map((name) => [name, right(set.query(state, name, query))]));
      const log = await readEverything(writer);
      right(await replica.waitForPosition(log[log.length - 1]!.globalPosition, { timeoutMs: 10_000 }));

      const set = newSet();
      const fromPrimary = rows(set, right(await rebuildReports({ source: writer, registry: engine.registry, set })).state);
      expect(fromPrimary['kit-test-agent-day']?.length).toBeGreaterThan(0);
      const fromStandby = rows(set, right(await rebuildReports({ source: replica, registry: engine.registry, set, pageSize: 3 })).state);
      expect(fromStandby).toEqual(fromPrimary);

      const running = right(await runReports({ store: replica, checkpoints: replica, registry: engine.registry, set, saveEvery: 4 }));
      right(await running.waitFor(log[log.length - 1]!.globalPosition));
      expect(rows(set, running.state())).toEqual(fromPrimary);
      right(await running.stop());
      expect(right(await writer.loadProjection(set.durable.name))?.position).toBe(log[log.length - 1]!.globalPosition);
    } finally {
      await engine.close();
      await close();
    }
  });
});
