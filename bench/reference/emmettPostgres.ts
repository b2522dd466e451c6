/**
 * Emmett's PostgreSQL event store, driven through its public API for the
 * side-by-side comparison (used only under bench/): `getPostgreSQLEventStore`
 * (its schema is created on first use), `appendToStream` with the exact expected
 * version, `readStream`, and the exported `readMessagesBatch` for the global log.
 * `readMessagesBatch` takes a dumbo executor (dumbo is Emmett's own connection
 * library, installed with it), so the store is given a dumbo pool of ours and the
 * batch reads use the same pool. That dumbo pool wraps a node-postgres pool we own
 * and end ourselves: dumbo's own pools are shared by connection string and counted
 * per user, and one left open would be cut off when the benchmark drops its database.
 */
import { dumbo } from '@event-driven-io/dumbo';
import pg from 'pg';
import type { Event } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import type { EventToAppend } from '../../src/domain/envelope.js';

type Message = Event<string, Record<string, unknown>, Record<string, unknown>>;

/** The same event kefu appends, in Emmett's shape: type, data, metadata. */
export const toEmmett = (e: EventToAppend): Message => ({
  type: e.type,
  data: e.data as Record<string, unknown>,
  metadata: e.metadata as unknown as Record<string, unknown>,
});

export interface EmmettPostgres {
  /** Appends `events` to `stream` expecting it at `expected` events (0 = new); returns the new version. Emmett throws on a conflict. */
  readonly append: (stream: string, events: readonly EventToAppend[], expected: number) => Promise<number>;
  readonly readStream: (stream: string) => Promise<number>;
  /** Reads up to `batchSize` events of the global log after `after`; returns how many and the position to continue from. */
  readonly readBatch: (after: bigint, batchSize: number) => Promise<{ readonly count: number; readonly last: bigint }>;
  readonly close: () => Promise<void>;
}

export const emmettPostgres = (connectionString: string, maxConnections: number): EmmettPostgres => {
  const native = new pg.Pool({ connectionString, max: maxConnections });
  // DROP DATABASE ... WITH (FORCE) ends connections that are still closing: not a failure.
  native.on('error', () => undefined);
  const pool = dumbo({ connectionString, pool: native });
  const store = getPostgreSQLEventStore(connectionString, { connectionOptions: { dumbo: pool } });
  return {
    append: async (stream, events, expected) => {
      const result = await store.appendToStream(stream, events.map(toEmmett), { expectedStreamVersion: BigInt(expected) });
      return Number(result.nextExpectedStreamVersion);
    },
    readStream: async (stream) => (await store.readStream(stream)).events.length,
    readBatch: async (after, batchSize) => {
      const batch = await readMessagesBatch(pool.execute, { after, batchSize });
      return { count: batch.messages.length, last: batch.currentGlobalPosition };
    },
    close: async () => {
      await store.close();
      await native.end();
    },
  };
};
