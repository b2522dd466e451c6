/**
 * The sequence-gap race, made rather than waited for: transaction A takes a lower
 * position and stays open while B takes a higher one and commits. Neither a reader
 * nor a live subscription may hand out B before A is over, or its checkpoint would
 * pass A's position and A would be skipped for good.
 */
import { expect, it } from 'vitest';
import { collector, event, right } from '../../conformance/fixtures.js';
import { describePg, rawPool, schemaPerStore } from './pgTestSupport.js';
import { rawAppend } from './rawAppend.js';
import { callCounter } from './signals.js';

describePg('postgres global order with transactions committing out of order', () => {
  const stores = schemaPerStore();

  it('hides a committed append behind an open one that took a lower position, then delivers both in order', async () => {
    // No NOTIFY and a poll interval longer than the test: the subscription reads again
    // only when this store appends, so the test knows exactly when it has read.
    const store = stores.store({ notify: false, pollIntervalMs: 600_000 });
    right(await store.ready());
    const pool = rawPool(1);
    const a = await pool.connect();
    try {
      const got = collector();
      const caughtUp = callCounter<number>();
      const sub = store.subscribe({ handler: got.handler, onCaughtUp: caughtUp.hit });
      await caughtUp.until(1);

      await a.query('BEGIN');
      const positionA = await rawAppend(a, store.schema, 'stream-a', [event('A')]);
      const b = right(await store.append('stream-b', [event('B')], 'no_stream'));
      expect(b.lastPosition).toBeGreaterThan(positionA);

      // B is committed: its stream shows it. The global log does not, while A is open.
      expect(right(await store.readStream('stream-b'))).toHaveLength(1);
      expect(right(await store.readAll())).toEqual([]);
      expect(right(await store.readAll({ shopId: 'shop-1' }))).toEqual([]);
      // B's append woke the subscription, which read after B committed and found nothing.
      await caughtUp.until(2);
      expect(got.seen).toEqual([]);
      expect(sub.position()).toBe(0);

      await a.query('COMMIT');
      const c = right(await store.append('stream-c', [event('C')], 'no_stream'));
      await got.until(3);
      expect(got.seen.map((e) => e.type)).toEqual(['A', 'B', 'C']);
      expect(got.seen.map((e) => e.globalPosition)).toEqual([positionA, b.lastPosition, c.lastPosition]);
      expect(right(await store.readAll())).toEqual(got.seen);
      await sub.stop();
    } finally {
      a.release();
      await pool.end();
      await store.close();
    }
  });

  it('makes a second appender of a stream wait for the first to commit, so positions follow versions', async () => {
    const store = stores.store({ notify: false });
    right(await store.ready());
    const pool = rawPool(2);
    const a = await pool.connect();
    try {
      await a.query('BEGIN');
      const positionA = await rawAppend(a, store.schema, 'contended', [event('A')]);
      const pendingB = store.append('contended', [event('B')], 'any');
      // B is really waiting for A's stream lock before A commits.
      let waiting = 0;
      for (let polls = 0; waiting === 0 && polls < 10_000; polls++) {
        const locks = await pool.query(
          `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity s USING (pid)
            WHERE l.locktype = 'advisory' AND NOT l.granted AND s.application_name = $1`,
          [`kefu-${store.schema}`],
        );
        waiting = (locks.rows[0] as { n: number }).n;
      }
      expect(waiting).toBe(1);
      await a.query('COMMIT');
      const b = right(await pendingB);
      expect(b.events[0]!.streamVersion).toBe(2);
      expect(b.lastPosition).toBeGreaterThan(positionA);
      expect(right(await store.readAll()).map((e) => [e.type, e.streamVersion])).toEqual([
        ['A', 1],
        ['B', 2],
      ]);
    } finally {
      a.release();
      await pool.end();
      await store.close();
    }
  });

  it('passes the gap a rolled-back append leaves', async () => {
    const store = stores.store({ notify: false, pollIntervalMs: 600_000 });
    right(await store.ready());
    const pool = rawPool(1);
    const a = await pool.connect();
    try {
      await a.query('BEGIN');
      const positionA = await rawAppend(a, store.schema, 'stream-a', [event('A'), event('A')]);
      const b = right(await store.append('stream-b', [event('B')], 'no_stream'));
      expect(right(await store.readAll())).toEqual([]);
      await a.query('ROLLBACK');
      const all = right(await store.readAll());
      expect(all.map((e) => e.type)).toEqual(['B']);
      expect(all[0]!.globalPosition).toBe(b.lastPosition);
      expect(b.lastPosition).toBeGreaterThan(positionA);
      expect(right(await store.streamVersion('stream-a'))).toBe(0);
    } finally {
      a.release();
      await pool.end();
      await store.close();
    }
  });

  it('refuses to append in a transaction that already wrote, whose id predates the ordering lock', async () => {
    const store = stores.store();
    right(await store.ready());
    const pool = rawPool(1);
    const a = await pool.connect();
    try {
      await a.query('BEGIN');
      await rawAppend(a, store.schema, 'stream-a', [event('A')]);
      await expect(rawAppend(a, store.schema, 'stream-b', [event('B')])).rejects.toMatchObject({
        code: '55000',
        message: expect.stringMatching(/first write of its transaction/),
      });
      await a.query('ROLLBACK');
      // The one-event function keeps the same guard.
      await a.query('BEGIN');
      await rawAppend(a, store.schema, 'stream-d', [event('D')]);
      const one = event('E');
      await expect(
        a.query(`SELECT "${store.schema}".append_event($1, 0, $2, $3, $4, $5, $6)`, [
          'stream-e',
          one.type,
          one.schemaVersion,
          one.metadata.shopId,
          JSON.stringify(one.data),
          JSON.stringify(one.metadata),
        ]),
      ).rejects.toMatchObject({ code: '55000', message: expect.stringMatching(/append_event must be the first write of its transaction/) });
      await a.query('ROLLBACK');
      // The failed calls released their locks: the store still appends.
      right(await store.append('stream-c', [event('C')], 'no_stream'));
    } finally {
      a.release();
      await pool.end();
      await store.close();
    }
  });

  it('wakes a subscriber on an append made through another store (LISTEN/NOTIFY), and listens again after losing its connection', async () => {
    const schema = stores.schema('listen');
    // The subscriber never polls within the test: only a notification (or a
    // re-established LISTEN) can make it read again.
    const subscriber = stores.store({ schema, pollIntervalMs: 600_000 });
    const writer = stores.store({ schema });
    right(await subscriber.ready());
    const admin = rawPool(1);
    try {
      const got = collector();
      const caughtUp = callCounter<number>();
      const sub = subscriber.subscribe({ handler: got.handler, onCaughtUp: caughtUp.hit });
      // The first caught-up starts the LISTEN connection; once it listens it wakes the
      // subscription, which reads again: the second caught-up.
      await caughtUp.until(2);

      right(await writer.append('from-elsewhere', [event('One')], 'no_stream'));
      await got.until(1);
      await caughtUp.until(3);

      const killed = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [
        `kefu-listen-${schema}`,
      ]);
      expect(killed.rowCount).toBe(1);
      // Reconnected and listening again: it wakes the subscription once more.
      await caughtUp.until(4);
      right(await writer.append('from-elsewhere', [event('Two')], 1));
      await got.until(2);
      expect(got.seen.map((e) => e.type)).toEqual(['One', 'Two']);
      await sub.stop();
    } finally {
      await admin.end();
      await writer.close();
      await subscriber.close();
    }
  });
});
