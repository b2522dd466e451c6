/**
 * The store's SQL, as named (prepared) statements: each connection parses a
 * statement once, then every call is a bind and an execute in one round trip. Names
 * carry the schema, so stores on different schemas can share one pool.
 */
import { eventColumns } from './rows.js';

export interface Statement {
  readonly name: string;
  readonly text: string;
}

/**
 * Readers of the global log see only rows whose transaction is older than every
 * transaction still running: see appendFunction.ts for why that makes the log a
 * prefix that only grows at its end.
 */
const committedBelowOldestRunning = 'transaction_id < pg_snapshot_xmin(pg_current_snapshot())';

export const statementsFor = (schema: string) => {
  const s = `"${schema}"`;
  const named = (name: string, text: string): Statement => ({ name: `kefu.${schema}.${name}`, text });
  return {
    append: named('append', `SELECT appended, stream_version, last_position FROM ${s}.append_events($1, $2, $3, $4, $5, $6, $7)`),
    /** One event: {appended (1 or 0), stream version, position} as one bigint[] (see appendFunction.ts). */
    appendOne: named('appendOne', `SELECT ${s}.append_event($1, $2, $3, $4, $5, $6, $7) AS answer`),
    readStream: named(
      'readStream',
      `SELECT ${eventColumns} FROM ${s}.events WHERE stream = $1 AND version >= $2 ORDER BY version LIMIT $3`,
    ),
    readAll: named(
      'readAll',
      `SELECT ${eventColumns} FROM ${s}.events
        WHERE position > $1 AND ${committedBelowOldestRunning}
        ORDER BY position LIMIT $2`,
    ),
    readAllOfShop: named(
      'readAllOfShop',
      `SELECT ${eventColumns} FROM ${s}.events
        WHERE shop_id = $3 AND position > $1 AND ${committedBelowOldestRunning}
        ORDER BY position LIMIT $2`,
    ),
    notify: named('notify', `SELECT pg_notify($1, '')`),
    streamVersion: named('streamVersion', `SELECT version FROM ${s}.events WHERE stream = $1 ORDER BY version DESC LIMIT 1`),
    saveSnapshot: named(
      'saveSnapshot',
      `INSERT INTO ${s}.snapshots (stream, version, schema_version, state) VALUES ($1, $2, $3, $4::json)
       ON CONFLICT (stream) DO UPDATE SET version = EXCLUDED.version, schema_version = EXCLUDED.schema_version, state = EXCLUDED.state`,
    ),
    loadSnapshot: named('loadSnapshot', `SELECT version, schema_version, state FROM ${s}.snapshots WHERE stream = $1`),
    saveProjection: named(
      'saveProjection',
      `INSERT INTO ${s}.projections (name, position, schema_version, state) VALUES ($1, $2, $3, $4::json)
       ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, schema_version = EXCLUDED.schema_version, state = EXCLUDED.state`,
    ),
    loadProjection: named('loadProjection', `SELECT position, schema_version, state FROM ${s}.projections WHERE name = $1`),
    /** For runPostgresProjection: a checkpoint row to lock, created at 0 the first time. */
    ensureProjection: named(
      'ensureProjection',
      `INSERT INTO ${s}.projections (name, position, schema_version, state) VALUES ($1, 0, 0, 'null') ON CONFLICT (name) DO NOTHING`,
    ),
    /** The checkpoint, locked so that two runners of one projection take turns. */
    lockProjection: named('lockProjection', `SELECT position FROM ${s}.projections WHERE name = $1 FOR UPDATE`),
    moveProjection: named('moveProjection', `UPDATE ${s}.projections SET position = $2 WHERE name = $1`),
  };
};

export type Statements = ReturnType<typeof statementsFor>;
