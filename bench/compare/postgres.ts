/**
 * PostgreSQL, three sides on one server, one database, one process: kefu's store,
 * Emmett's store (`@event-driven-io/emmett-postgresql`, public API) and the bare
 * driver loops (a one-row INSERT per transaction, a 100-row multi-row INSERT per
 * transaction, prepared, autocommit). Every section runs the three in the same
 * rounds, taking turns in rotating order, and ratios are medians of the per-round
 * ratios. Every loop counts its own successes; after each write section the sums
 * are checked against the three tables.
 */
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { createPostgresEventStore, type PostgresEventStore } from '../../src/adapters/postgres/index.js';
import { check } from '../lib/measure.js';
import { emmettPostgres, type EmmettPostgres } from '../reference/emmettPostgres.js';
import { appendLoop, BARE_TABLE_SQL, bareInserts, bareLoop, concurrently, countRows, messages } from './pgWork.js';
import { atLeast, type Row } from './report.js';
import { interleave, type Round } from './rounds.js';

const WRITERS = 8;

/** `count` Emmett appends of `size` events on a new stream, each expecting the version the previous one left. */
const emmettLoop = async (emmett: EmmettPostgres, stream: string, count: number, size: number): Promise<number> => {
  let version = 0;
  let ok = 0;
  for (let i = 0; i < count; i++) {
    version = await emmett.append(stream, messages(stream, size), version);
    ok++;
  }
  return ok;
};

interface Sizes {
  readonly rounds: number;
  /** Appends per round, one writer. */
  readonly singles: number;
  /** Appends per writer per round, 8 writers. */
  readonly perWriter: number;
  /** 100-event appends per round, one writer. */
  readonly batches: number;
  /** 100-event appends per writer per round, 8 writers. */
  readonly batchesPerWriter: number;
  /** Whole-stream reads per round. */
  readonly reads: number;
  /** Events read from the global log per round. */
  readonly logEvents: number;
  readonly readRounds: number;
}

const sizesFor = (quick: boolean): Sizes =>
  quick
    ? { rounds: 3, singles: 150, perWriter: 40, batches: 10, batchesPerWriter: 3, reads: 10, logEvents: 5_000, readRounds: 3 }
    : { rounds: 9, singles: 800, perWriter: 250, batches: 50, batchesPerWriter: 12, reads: 30, logEvents: 20_000, readRounds: 5 };

export const postgresRows = async (url: string, options: { quick: boolean }, progress: (line: string) => void): Promise<Row[]> => {
  const sizes = sizesFor(options.quick);
  const rows: Row[] = [];
  const pool = new pg.Pool({ connectionString: url, max: WRITERS + 2 });
  // DROP DATABASE ... WITH (FORCE) ends connections that are still closing: not a failure.
  pool.on('error', () => undefined);
  let kefu: PostgresEventStore | undefined;
  let emmett: EmmettPostgres | undefined;
  try {
    await pool.query(BARE_TABLE_SQL);
    const bare = bareInserts(pool);
    kefu = createPostgresEventStore({ connectionString: url, schema: 'kefu', maxConnections: WRITERS + 2 });
    check(E.isRight(await kefu.ready()), 'kefu migrations ran');
    const store = kefu;
    const reference = emmettPostgres(url, WRITERS + 2);
    emmett = reference;

    // Loops that count their own successes, per side and section; checked against the tables after each section.
    const totals = new Map<string, number>();
    const counted = (key: string, loop: Round, eventsPerOp = 1): Round => async (round) => {
      const ops = await loop(round);
      totals.set(key, (totals.get(key) ?? 0) + ops * eventsPerOp);
      return ops * eventsPerOp;
    };
    const verify = async (section: string) => {
      const kefuRows = await countRows(pool, `SELECT count(*) AS n FROM kefu.events WHERE stream LIKE $1`, [`${section}-%`]);
      const emmettRows = await countRows(pool, `SELECT count(*) AS n FROM emt_messages WHERE stream_id LIKE $1`, [`${section}-%`]);
      const bareRows = await countRows(pool, `SELECT count(*) AS n FROM bare_events WHERE stream = $1`, [section]);
      check(kefuRows === totals.get(`${section}:kefu`), `${section}: kefu stored ${kefuRows} of ${totals.get(`${section}:kefu`)} events`);
      check(emmettRows === totals.get(`${section}:emmett`), `${section}: Emmett stored ${emmettRows} of ${totals.get(`${section}:emmett`)} events`);
      check(bareRows === totals.get(`${section}:bare`), `${section}: bare stored ${bareRows} of ${totals.get(`${section}:bare`)} rows`);
    };

    /** One write section: kefu, Emmett and bare in alternating rounds; `writers` loops each, on streams of their own. */
    const writeSection = async (section: string, writers: number, perWriter: number, size: number) => {
      const each = (loop: (writer: number, round: number) => Promise<number>): Round => (round) =>
        writers === 1 ? loop(0, round) : concurrently(writers, (w) => loop(w, round));
      const result = await interleave(sizes.rounds, {
        kefu: counted(`${section}:kefu`, each((w, round) => appendLoop(store, `${section}-${round}-${w}`, perWriter, size)), size),
        emmett: counted(`${section}:emmett`, each((w, round) => emmettLoop(reference, `${section}-${round}-${w}`, perWriter, size)), size),
        bare: counted(`${section}:bare`, each(() => bareLoop(bare, section, perWriter, size)), size),
      });
      await verify(section);
      progress(
        `postgres ${section}: kefu ${Math.round(result.rate.kefu)}, Emmett ${Math.round(result.rate.emmett)}, bare ${Math.round(result.rate.bare)} events/s; kefu/bare ${result.ratio('kefu', 'bare').toFixed(3)}, kefu/Emmett ${result.ratio('kefu', 'emmett').toFixed(2)}, Emmett/bare ${result.ratio('emmett', 'bare').toFixed(3)}`,
      );
      return result;
    };

    const write = async (
      section: string,
      label: string,
      bareLabel: string,
      writers: number,
      perWriter: number,
      size: number,
      bareTarget: number | undefined,
    ) => {
      const result = await writeSection(section, writers, perWriter, size);
      const unit = size === 1 ? 'appends/s' : 'events/s';
      rows.push({
        section: 'postgres',
        figure: `PostgreSQL ${label} vs ${bareLabel}`,
        kefu: result.rate.kefu,
        unit,
        reference: result.rate.bare,
        referenceName: 'bare pg',
        ratioMeaning: 'kefu / bare',
        ratio: result.ratio('kefu', 'bare'),
        target: bareTarget === undefined ? undefined : atLeast(bareTarget),
      });
      rows.push({
        section: 'postgres',
        figure: `PostgreSQL ${label} vs Emmett (Emmett / bare: ${result.ratio('emmett', 'bare').toFixed(2)})`,
        kefu: result.rate.kefu,
        unit,
        reference: result.rate.emmett,
        referenceName: 'Emmett',
        ratioMeaning: 'kefu / Emmett',
        ratio: result.ratio('kefu', 'emmett'),
        target: bareTarget === undefined ? undefined : atLeast(1),
      });
    };

    await write('one', 'append, 1 event, 1 writer', 'one-row INSERT transactions', 1, sizes.singles, 1, 0.7);
    await write('eight', `append, 1 event, ${WRITERS} writers`, `one-row INSERT transactions on ${WRITERS} connections`, WRITERS, sizes.perWriter, 1, undefined);
    await write('batch', 'append, 100-event batches, 1 writer', '100-row INSERT transactions', 1, sizes.batches, 100, 0.6);
    await write(
      'batches',
      `append, 100-event batches, ${WRITERS} writers`,
      `100-row INSERT transactions on ${WRITERS} connections`,
      WRITERS,
      sizes.batchesPerWriter,
      100,
      undefined,
    );

    // Reads: a whole 1,000-event stream.
    check(E.isRight(await store.append('read-1000', messages('read-1000', 1000), 'no_stream')), 'kefu: read stream written');
    await reference.append('read-1000', messages('read-1000', 1000), 0);
    const readStream = await interleave(sizes.readRounds, {
      kefu: async () => {
        for (let i = 0; i < sizes.reads; i++) {
          const result = await store.readStream('read-1000');
          check(E.isRight(result) && result.right.length === 1000, 'kefu read the whole stream');
        }
        return sizes.reads * 1000;
      },
      emmett: async () => {
        for (let i = 0; i < sizes.reads; i++) check((await reference.readStream('read-1000')) === 1000, 'Emmett read the whole stream');
        return sizes.reads * 1000;
      },
    });
    progress(`postgres readStream: kefu ${Math.round(readStream.rate.kefu)}, Emmett ${Math.round(readStream.rate.emmett)} events/s`);
    rows.push({
      section: 'postgres',
      figure: 'PostgreSQL read a 1,000-event stream',
      kefu: readStream.rate.kefu,
      unit: 'events/s',
      reference: readStream.rate.emmett,
      referenceName: 'Emmett',
      ratioMeaning: 'kefu / Emmett',
      ratio: readStream.ratio('kefu', 'emmett'),
      target: undefined,
    });

    // Reads: the global log from a position, pages of 1,000: the last `logEvents` events of each log (both logs hold the
    // same number of events), as a subscriber catching up would. Emmett's messages table has no index on its read order
    // (transaction_id, global_position): each page sorts every message after the position, so reading from early in a
    // long log costs it time in proportion to the log, per page.
    // The tail read is written here by one writer on each side, so on both it is in commit order (with concurrent
    // writers Emmett's read order, by transaction id, and its positions can disagree, and its paging by position with them).
    const wanted = sizes.logEvents;
    for (let done = 0; done < wanted; done += 1000) {
      check(E.isRight(await store.append('tail', messages('tail', 1000), done)), 'kefu: tail written');
      await reference.append('tail', messages('tail', 1000), done);
    }
    const kefuAfter = await countRows(pool, 'SELECT position AS n FROM kefu.events ORDER BY position DESC OFFSET $1 LIMIT 1', [wanted]);
    const emmettAfter = BigInt(await countRows(pool, 'SELECT global_position AS n FROM emt_messages ORDER BY global_position DESC OFFSET $1 LIMIT 1', [wanted]));
    const logSize = await countRows(pool, 'SELECT count(*) AS n FROM kefu.events');
    const readAll = await interleave(sizes.readRounds, {
      kefu: async () => {
        let after = kefuAfter;
        let read = 0;
        while (read < wanted) {
          const page = await store.readAll({ after, maxCount: 1000 });
          if (E.isLeft(page) || page.right.length !== 1000) throw new Error('kefu readAll: a page came back short');
          read += page.right.length;
          after = page.right[page.right.length - 1]!.globalPosition;
        }
        return read;
      },
      emmett: async () => {
        let after = emmettAfter;
        let read = 0;
        while (read < wanted) {
          const page = await reference.readBatch(after, 1000);
          check(page.count === 1000, 'Emmett readMessagesBatch: a page came back short');
          read += page.count;
          after = page.last;
        }
        return read;
      },
    });
    progress(`postgres readAll: kefu ${Math.round(readAll.rate.kefu)}, Emmett ${Math.round(readAll.rate.emmett)} events/s`);
    rows.push({
      section: 'postgres',
      figure: `PostgreSQL read-all from a position: the last ${wanted.toLocaleString('en-US')} events of a ${logSize.toLocaleString('en-US')}-event log, pages of 1,000 (Emmett: readMessagesBatch)`,
      kefu: readAll.rate.kefu,
      unit: 'events/s',
      reference: readAll.rate.emmett,
      referenceName: 'Emmett',
      ratioMeaning: 'kefu / Emmett',
      ratio: readAll.ratio('kefu', 'emmett'),
      target: undefined,
    });
    return rows;
  } finally {
    await kefu?.close();
    await emmett?.close();
    await pool.end();
  }
};
