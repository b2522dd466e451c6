/**
 * Every statement the store runs, prepared once per connection and reused.
 * Reads name their columns so the row shapes in rows.ts hold.
 */
import type BetterSqlite3 from 'better-sqlite3';

const eventColumns = 'position, stream, stream_version, type, schema_version, data, metadata';

type Statement<P extends unknown[], R = unknown> = BetterSqlite3.Statement<P, R>;

export interface Statements {
  readonly streamVersion: Statement<[string], number>;
  readonly streamHead: Statement<[string], { readonly version: number; readonly position: number }>;
  readonly insertEvent: Statement<[string, number, string, string, number, string, string]>;
  readonly head: Statement<[], number | null>;
  readonly headOfShop: Statement<[string], number | null>;
  readonly readStream: Statement<[string, number, number]>;
  readonly readAll: Statement<[number, number]>;
  readonly readAllOfShop: Statement<[string, number, number]>;
  readonly dataVersion: Statement<[], number>;
  readonly saveSnapshot: Statement<[string, number, number, string]>;
  readonly loadSnapshot: Statement<[string]>;
  readonly saveProjection: Statement<[string, number, number, string]>;
  readonly loadProjection: Statement<[string]>;
  readonly projectionPosition: Statement<[string], number>;
}

export const prepareStatements = (db: BetterSqlite3.Database): Statements => ({
  // Reads the newest entry of the (stream, stream_version) index: O(log n), whatever the stream's length.
  streamVersion: db.prepare<[string], number>(
    'SELECT stream_version FROM kefu_events WHERE stream = ? ORDER BY stream_version DESC LIMIT 1',
  ).pluck(),
  // The same index entry with its position: what an empty append answers.
  streamHead: db.prepare<[string], { readonly version: number; readonly position: number }>(
    'SELECT stream_version AS version, position FROM kefu_events WHERE stream = ? ORDER BY stream_version DESC LIMIT 1',
  ),
  insertEvent: db.prepare<[string, number, string, string, number, string, string]>(
    'INSERT INTO kefu_events (stream, stream_version, shop_id, type, schema_version, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ),
  head: db.prepare<[], number | null>('SELECT max(position) FROM kefu_events').pluck(),
  headOfShop: db.prepare<[string], number | null>('SELECT max(position) FROM kefu_events WHERE shop_id = ?').pluck(),
  // A negative LIMIT means no limit in SQLite.
  readStream: db.prepare<[string, number, number]>(
    `SELECT ${eventColumns} FROM kefu_events WHERE stream = ? AND stream_version >= ? ORDER BY stream_version LIMIT ?`,
  ),
  readAll: db.prepare<[number, number]>(`SELECT ${eventColumns} FROM kefu_events WHERE position > ? ORDER BY position LIMIT ?`),
  readAllOfShop: db.prepare<[string, number, number]>(
    `SELECT ${eventColumns} FROM kefu_events WHERE shop_id = ? AND position > ? ORDER BY position LIMIT ?`,
  ),
  // Changes whenever another connection commits to the file: a cheap "anything new?" check.
  dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
  saveSnapshot: db.prepare<[string, number, number, string]>(
    `INSERT INTO kefu_snapshots (stream, version, schema_version, state) VALUES (?, ?, ?, ?)
     ON CONFLICT (stream) DO UPDATE SET version = excluded.version, schema_version = excluded.schema_version, state = excluded.state`,
  ),
  loadSnapshot: db.prepare<[string]>('SELECT version AS at, schema_version, state FROM kefu_snapshots WHERE stream = ?'),
  saveProjection: db.prepare<[string, number, number, string]>(
    `INSERT INTO kefu_projections (name, position, schema_version, state) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET position = excluded.position, schema_version = excluded.schema_version, state = excluded.state`,
  ),
  loadProjection: db.prepare<[string]>('SELECT position AS at, schema_version, state FROM kefu_projections WHERE name = ?'),
  projectionPosition: db.prepare<[string], number>('SELECT position FROM kefu_projections WHERE name = ?').pluck(),
});
