/**
 * The PostgreSQL store against bare SQL on the same server, in one run, in a
 * database of its own (created, then dropped): kefu appends of 1 event (one writer,
 * then 8 writers on their own streams), of 100-event batches, a stream read and a
 * read of the global log; and the baselines DESIGN principle 9 measures against, a
 * one-row INSERT per transaction and a 100-row INSERT per transaction. The ratios
 * are figures too. Every loop counts its own successes; the sums are checked
 * against the database. Each comparison runs its two sides round by round, in
 * alternating order, and reports the median of the per-round ratios: on a shared
 * machine the disk's flush time drifts, and two figures taken minutes apart would
 * compare the drift, not the code.
 *
 * The server comes from KEFU_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { createPostgresEventStore, type PostgresEventStore } from '../src/adapters/postgres/index.js';
import { appendFunctionSql } from '../src/adapters/postgres/appendFunction.js';
import { appendLoop, BARE_TABLE_SQL, bareInserts, bareLoop as bareTransactions, concurrently, countRows, messages } from './compare/pgWork.js';
import { interleave, type Round } from './compare/rounds.js';
import { withScratchDatabase } from './compare/scratchDatabase.js';
import { check, rate, type Figure } from './lib/measure.js';

const SUITE = 'postgres';
const WRITERS = 8;

/** Rates of two loops measured in alternating rounds (after one warm-up round each), and the median of the per-round ratios a / b. */
const paired = async (rounds: number, a: Round, b: Round) => {
  const result = await interleave(rounds, { a, b });
  return { a: result.rate.a, b: result.rate.b, ratio: result.ratio('a', 'b') };
};

export const postgresBench = async (options: { quick: boolean }): Promise<Figure[]> => {
  const rounds = options.quick ? 5 : 9;
  const singles = options.quick ? 300 : 1_000;
  const perWriter = options.quick ? 100 : 400;
  const batches = options.quick ? 20 : 60;
  return withScratchDatabase('kefu_bench', async (url) => {
    const figures: Figure[] = [];
    const figure = (name: string, value: number, unit: string) => {
      figures.push({ suite: SUITE, name, value, unit });
    };
    const stores: PostgresEventStore[] = [];
    const open = async (schema: string, notify = true) => {
      const store = createPostgresEventStore({ connectionString: url, schema, notify, maxConnections: WRITERS + 2 });
      stores.push(store);
      check(E.isRight(await store.ready()), `migrations of ${schema} ran`);
      return store;
    };
    const pool = new pg.Pool({ connectionString: url, max: WRITERS + 2 });
    // DROP DATABASE ... WITH (FORCE) ends connections that are still closing: not a failure.
    pool.on('error', () => undefined);
    const count = (sql: string) => countRows(pool, sql);
    try {
      await pool.query(BARE_TABLE_SQL);
      const bare = bareInserts(pool);
      const store = await open('kefu');

      // Loops that count their own successes; the totals are checked against the tables.
      const totals = new Map<string, number>();
      const counted = (key: string, loop: (round: number) => Promise<number>, weight = 1) => async (round: number) => {
        const ok = await loop(round);
        totals.set(key, (totals.get(key) ?? 0) + ok * weight);
        return ok * weight;
      };
      const bareLoop = (stream: string, n: number, rows: number) => () => bareTransactions(bare, stream, n, rows);
      const writers = (loop: (w: number, round: number) => Promise<number>) => (round: number) => concurrently(WRITERS, (w) => loop(w, round));

      // One writer, one event per append, against one-row INSERT transactions.
      const one = await paired(
        rounds,
        counted('single', (round) => appendLoop(store, `single-${round}`, singles, 1)),
        counted('bare-single', bareLoop('bare-single', singles, 1)),
      );
      check((await count(`SELECT count(*) AS n FROM kefu.events WHERE stream LIKE 'single-%'`)) === totals.get('single'), 'single appends stored once');
      check((await count(`SELECT count(*) AS n FROM bare_events WHERE stream = 'bare-single'`)) === totals.get('bare-single'), 'bare rows stored');
      figure('kefu append, 1 event, 1 writer', one.a, 'appends/s');
      figure('bare one-row INSERT transaction, 1 connection', one.b, 'rows/s');
      figure('kefu / bare, 1 event, 1 writer (target >= 0.7)', one.ratio, 'x');

      // Eight writers on streams of their own, against eight connections inserting one row each.
      const eight = await paired(
        rounds,
        counted('eight', writers((w, round) => appendLoop(store, `eight-${round}-${w}`, perWriter, 1))),
        counted('bare-eight', writers(() => bareLoop('bare-eight', perWriter, 1)())),
      );
      check((await count(`SELECT count(*) AS n FROM kefu.events WHERE stream LIKE 'eight-%'`)) === totals.get('eight'), '8-writer appends stored once');
      check((await count(`SELECT count(*) AS n FROM bare_events WHERE stream = 'bare-eight'`)) === totals.get('bare-eight'), 'bare rows stored');
      figure(`kefu append, 1 event, ${WRITERS} writers`, eight.a, 'appends/s');
      figure(`bare one-row INSERT transaction, ${WRITERS} connections`, eight.b, 'rows/s');
      figure(`kefu / bare, 1 event, ${WRITERS} writers`, eight.ratio, 'x');

      // What NOTIFY costs: it takes a database-wide lock at commit.
      const quiet = await open('kefu_quiet', false);
      const notify = await paired(
        rounds,
        counted('notify-on', writers((w, round) => appendLoop(store, `notify-${round}-${w}`, perWriter, 1))),
        counted('notify-off', writers((w, round) => appendLoop(quiet, `notify-${round}-${w}`, perWriter, 1))),
      );
      check((await count(`SELECT count(*) AS n FROM kefu_quiet.events WHERE stream LIKE 'notify-%'`)) === totals.get('notify-off'), 'appends stored once');
      figure(`kefu append, 1 event, ${WRITERS} writers, notify off`, notify.b, 'appends/s');
      figure(`notify on (after commit, coalesced) / off, ${WRITERS} writers`, notify.ratio, 'x');

      // The design not taken: NOTIFY inside the append's transaction.
      const inside = await open('kefu_notify_inside', false);
      // Both functions (append_event for one event, append_events for batches) notify inside.
      const notifyInside = `PERFORM pg_notify('kefu_kefu_notify_inside', '');`;
      const notifying = appendFunctionSql('kefu_notify_inside')
        .replace('stream_version := stream_version + v_count;', `${notifyInside} stream_version := stream_version + v_count;`)
        .replace('RETURN ARRAY[1,', `${notifyInside} RETURN ARRAY[1,`);
      check(notifying.split('pg_notify').length === 3, 'variant built');
      await pool.query(notifying);
      const insideTx = await paired(
        rounds,
        counted('notify-inside', writers((w, round) => appendLoop(inside, `inside-${round}-${w}`, perWriter, 1))),
        counted('notify-off-2', writers((w, round) => appendLoop(quiet, `quiet-${round}-${w}`, perWriter, 1))),
      );
      check((await count(`SELECT count(*) AS n FROM kefu_notify_inside.events`)) === totals.get('notify-inside'), 'appends stored once');
      figure(`kefu append, 1 event, ${WRITERS} writers, NOTIFY inside the transaction (rejected)`, insideTx.a, 'appends/s');
      figure(`NOTIFY inside the transaction / off, ${WRITERS} writers`, insideTx.ratio, 'x');

      // The design not taken: the ordering lock held until commit (pg_advisory_xact_lock).
      const heldToCommit = await open('kefu_xact_lock');
      const variant = appendFunctionSql('kefu_xact_lock')
        .replaceAll('pg_advisory_lock(', 'pg_advisory_xact_lock(')
        .replaceAll(/v_void := pg_advisory_unlock\([^)]*\)::text;/g, '');
      check(variant.includes('pg_advisory_xact_lock') && !variant.includes('pg_advisory_unlock'), 'variant built');
      await pool.query(variant);
      const lock = await paired(
        rounds,
        counted('lock-session', writers((w, round) => appendLoop(store, `lock-${round}-${w}`, perWriter, 1))),
        counted('lock-xact', writers((w, round) => appendLoop(heldToCommit, `lock-${round}-${w}`, perWriter, 1))),
      );
      check((await count(`SELECT count(*) AS n FROM kefu_xact_lock.events WHERE stream LIKE 'lock-%'`)) === totals.get('lock-xact'), 'appends stored once');
      figure(`kefu append, 1 event, ${WRITERS} writers, lock held to commit (rejected)`, lock.b, 'appends/s');
      figure(`lock released before commit / held to commit, ${WRITERS} writers`, lock.ratio, 'x');

      // 100-event batches against 100-row INSERT transactions.
      const batch = await paired(
        rounds,
        counted('batch', (round) => appendLoop(store, `batch-${round}`, batches, 100), 100),
        counted('bare-batch', bareLoop('bare-batch', batches, 100), 100),
      );
      check((await count(`SELECT count(*) AS n FROM kefu.events WHERE stream LIKE 'batch-%'`)) === totals.get('batch'), 'batches stored whole');
      check((await count(`SELECT count(*) AS n FROM bare_events WHERE stream = 'bare-batch'`)) === totals.get('bare-batch'), 'bare rows stored');
      figure('kefu append, 100-event batches, 1 writer', batch.a, 'events/s');
      figure('bare 100-row INSERT transaction, 1 connection', batch.b, 'rows/s');
      figure('kefu / bare, 100-event batches (target >= 0.6)', batch.ratio, 'x');

      // Reads: a whole 1,000-event stream, and the global log in pages of 1,000 from a position.
      check(E.isRight(await store.append('read-1000', messages('read-1000', 1000), 'no_stream')), 'read stream written');
      const reads = options.quick ? 20 : 60;
      const readStream = await rate(rounds, async () => {
        for (let i = 0; i < reads; i++) {
          const result = await store.readStream('read-1000');
          check(E.isRight(result) && result.right.length === 1000, 'read the whole stream');
        }
        return reads * 1000;
      });
      figure('kefu readStream, a 1,000-event stream', readStream, 'events/s');

      const first = await store.readAll({ maxCount: 1 });
      const from = E.isRight(first) ? first.right[0]!.globalPosition : 0;
      const total = await count(`SELECT count(*) AS n FROM kefu.events WHERE position > ${from}`);
      const readAll = await rate(rounds, async () => {
        let after = from;
        let events = 0;
        for (;;) {
          const page = await store.readAll({ after, maxCount: 1000 });
          if (E.isLeft(page)) throw new Error(`readAll failed: ${JSON.stringify(page.left)}`);
          events += page.right.length;
          if (page.right.length < 1000) break;
          after = page.right[page.right.length - 1]!.globalPosition;
        }
        check(events === total, `read all ${total} events after position ${from}`);
        return events;
      });
      figure(`kefu readAll from a position, pages of 1,000 (${total.toLocaleString('en-US')} events)`, readAll, 'events/s');
      return figures;
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await pool.end();
    }
  });
};
