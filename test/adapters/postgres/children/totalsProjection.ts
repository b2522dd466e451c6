/**
 * A read model kept in PostgreSQL for the crash test: per stream, how many events
 * were applied, the sum of their versions and the last version. Applying an event
 * twice or skipping one changes the row, so a projection restarted from its
 * checkpoint equals a full rebuild only if every batch and its checkpoint committed
 * together.
 */
import type { Pool, PoolClient } from 'pg';
import type { RecordedEvent } from '../../../../src/domain/envelope.js';
import type { ProjectedEvent } from '../../../../src/projections/projection.js';

export interface TotalsRow {
  readonly stream: string;
  readonly events: number;
  readonly version_sum: number;
  readonly last_version: number;
}

export const createTotalsTable = async (pool: Pool, schema: string, table: string): Promise<void> => {
  await pool.query(
    `CREATE TABLE IF NOT EXISTS "${schema}"."${table}" (
       stream text PRIMARY KEY, events integer NOT NULL, version_sum bigint NOT NULL, last_version bigint NOT NULL)`,
  );
};

export const applyTotals =
  (schema: string, table: string) =>
  async (client: PoolClient, events: readonly ProjectedEvent[]): Promise<void> => {
    for (const e of events) {
      await client.query(
        `INSERT INTO "${schema}"."${table}" AS t (stream, events, version_sum, last_version) VALUES ($1, 1, $2, $2)
         ON CONFLICT (stream) DO UPDATE SET events = t.events + 1, version_sum = t.version_sum + $2, last_version = $2`,
        [e.stream, e.streamVersion],
      );
    }
  };

export const readTotals = async (pool: Pool, schema: string, table: string): Promise<TotalsRow[]> =>
  (
    await pool.query<TotalsRow>(
      `SELECT stream, events, version_sum::float8 AS version_sum, last_version::float8 AS last_version FROM "${schema}"."${table}" ORDER BY stream`,
    )
  ).rows;

/** The same totals folded in memory from the log. */
export const foldTotals = (log: readonly RecordedEvent[]): TotalsRow[] => {
  const rows = new Map<string, TotalsRow>();
  for (const e of log) {
    const row = rows.get(e.stream);
    rows.set(e.stream, {
      stream: e.stream,
      events: (row?.events ?? 0) + 1,
      version_sum: (row?.version_sum ?? 0) + e.streamVersion,
      last_version: e.streamVersion,
    });
  }
  return [...rows.values()].sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));
};
