/** The SQLite store against the shared conformance suites, each store in a fresh file. */
import { afterAll } from 'vitest';
import { createSqliteEventStore, type SqliteEventStore } from '../../../src/adapters/sqlite/index.js';
import { eventStoreConformance } from '../../conformance/eventStore.conformance.js';
import { projectionStateStoreConformance } from '../../conformance/projectionStateStore.conformance.js';
import { tempFolder } from './tempFiles.js';

const files = tempFolder();
afterAll(files.remove);

eventStoreConformance({
  name: 'sqlite',
  create: async () => createSqliteEventStore({ filename: files.file() }),
  insertCorruptEvent: async (store, stream) => {
    const db = (store as SqliteEventStore).database;
    const version = db.prepare('SELECT max(stream_version) FROM kefu_events WHERE stream = ?').pluck().get(stream) as number;
    db.prepare(
      `INSERT INTO kefu_events (stream, stream_version, shop_id, type, schema_version, data, metadata)
       VALUES (?, ?, 'shop-1', 'Corrupt', 1, '{"truncated": ', '{}')`,
    ).run(stream, version + 1);
  },
});

projectionStateStoreConformance('sqlite', async () => createSqliteEventStore({ filename: files.file('projections') }));
