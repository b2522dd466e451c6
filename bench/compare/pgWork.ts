/**
 * The PostgreSQL work both benchmarks measure (bench/postgres.bench.ts and
 * `npm run bench:compare`): the event every append writes, kefu's append loop,
 * and the bare-driver baselines DESIGN principle 9 measures against (a one-row
 * INSERT per transaction, a 100-row multi-row INSERT per transaction).
 */
import * as E from 'fp-ts/lib/Either.js';
import type pg from 'pg';
import type { PostgresEventStore } from '../../src/adapters/postgres/index.js';
import type { EventToAppend } from '../../src/domain/envelope.js';

/**
 * The shop a stream belongs to. In kefu every stream is one shop's (routing-<shop>,
 * a session's, a ticket's), so every event of a stream carries the same shop id;
 * across streams the work is spread over four shops.
 */
export const shopOf = (stream: string): string => {
  let hash = 0;
  for (let i = 0; i < stream.length; i++) hash = (hash * 31 + stream.charCodeAt(i)) | 0;
  return `shop-${(hash >>> 0) % 4}`;
};

let sequence = 0;
/** A customer message on `stream` as the engine would append it: about 300 bytes of JSON with its metadata. */
export const message = (stream: string): EventToAppend => {
  const n = ++sequence;
  return {
    type: 'CustomerMessageReceived',
    schemaVersion: 1,
    data: { sessionId: `session-${n % 97}`, text: 'Hello, my order #12345 has not arrived yet, can you help?', channel: 'web' },
    metadata: {
      eventId: `evt-${n}`,
      shopId: shopOf(stream),
      actor: { kind: 'agent' as const, id: 'agent-7' },
      occurredAt: 1_767_600_000_000 + n,
      correlationId: `corr-${n}`,
      causationId: `cause-${n}`,
    },
  };
};

export const messages = (stream: string, count: number): EventToAppend[] => Array.from({ length: count }, () => message(stream));

/** `count` appends of `size` events on a new stream, each expecting the version the previous one left; returns the appends done. */
export const appendLoop = async (store: PostgresEventStore, stream: string, count: number, size: number): Promise<number> => {
  let version = 0;
  let ok = 0;
  for (let i = 0; i < count; i++) {
    const result = await store.append(stream, messages(stream, size), version);
    if (E.isLeft(result)) throw new Error(`append failed: ${JSON.stringify(result.left)}`);
    version = result.right.nextVersion;
    ok++;
  }
  return ok;
};

export const countRows = async (pool: pg.Pool, sql: string, values: unknown[] = []): Promise<number> =>
  Number((await pool.query<{ n: string }>(sql, values)).rows[0]!.n);

/** The table the bare loops write: the same row shape (stream, type, json data and metadata) with a bigserial key. */
export const BARE_TABLE_SQL =
  'CREATE TABLE bare_events (id bigserial PRIMARY KEY, stream text NOT NULL, type text NOT NULL, data json NOT NULL, metadata json NOT NULL)';

export interface BareInserts {
  readonly oneRow: (stream: string) => Promise<void>;
  readonly manyRows: (stream: string, rows: number) => Promise<void>;
}

/** The baselines, as prepared statements in autocommit (one statement, one transaction). */
export const bareInserts = (pool: pg.Pool): BareInserts => {
  const row = (stream: string) => {
    const e = message(stream);
    return [stream, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata)];
  };
  const manyText = (rows: number) =>
    `INSERT INTO bare_events (stream, type, data, metadata) VALUES ${Array.from(
      { length: rows },
      (_, i) => `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`,
    ).join(', ')}`;
  return {
    oneRow: async (stream) => {
      await pool.query({ name: 'bare-one', text: 'INSERT INTO bare_events (stream, type, data, metadata) VALUES ($1, $2, $3, $4)', values: row(stream) });
    },
    manyRows: async (stream, rows) => {
      await pool.query({ name: `bare-${rows}`, text: manyText(rows), values: Array.from({ length: rows }, () => row(stream)).flat() });
    },
  };
};

/** `count` bare transactions of `rows` rows each; returns the transactions done. */
export const bareLoop = async (bare: BareInserts, stream: string, count: number, rows: number): Promise<number> => {
  let ok = 0;
  for (let i = 0; i < count; i++) {
    await (rows === 1 ? bare.oneRow(stream) : bare.manyRows(stream, rows));
    ok++;
  }
  return ok;
};

/**
 * Runs `loop` for `writers` concurrent writers and returns the sum of what each
 * reported. Each writer's count comes back through Promise.all: adding to one
 * shared total after an await, across concurrent loops, would read the total
 * before the await and lose increments.
 */
export const concurrently = async (writers: number, loop: (writer: number) => Promise<number>): Promise<number> =>
  (await Promise.all(Array.from({ length: writers }, (_, w) => loop(w)))).reduce((a, b) => a + b, 0);
