/** runSqliteProjection against the SQL read-model conformance suite, each store in a fresh file. */
import { afterAll } from 'vitest';
import { createSqliteEventStore, runSqliteProjection, type SqliteEventStore } from '../../../src/adapters/sqlite/index.js';
import { sqlReadModelConformance, type ReadModelRow } from '../../conformance/sqlReadModel.conformance.js';
import { tempFolder } from './tempFiles.js';

const files = tempFolder();
afterAll(files.remove);

const open = (filename: string) => createSqliteEventStore({ filename, pollIntervalMs: 10 });
const table = (name: string) => `"read_model_${name}"`;

sqlReadModelConformance<SqliteEventStore>({
  name: 'sqlite',
  create: async () => {
    const filename = files.file();
    return { store: open(filename), twin: async () => open(filename) };
  },
  createTable: async (store, name) => {
    store.database.exec(
      `CREATE TABLE IF NOT EXISTS ${table(name)} (seq INTEGER PRIMARY KEY, position INTEGER NOT NULL, stream TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL)`,
    );
  },
  start: (store, { onEvent, ...run }) =>
    runSqliteProjection({
      store,
      ...run,
      // Writes through the connection it is handed: the one whose transaction holds the checkpoint.
      handle: (db, events) => {
        const insert = db.prepare(`INSERT INTO ${table(run.name)} (position, stream, type, data) VALUES (?, ?, ?, ?)`);
        for (const e of events) {
          onEvent?.(e);
          insert.run(e.globalPosition, e.stream, e.type, JSON.stringify(e.data));
        }
      },
    }),
  rows: async (store, name) =>
    (store.database.prepare(`SELECT position, stream, type, data FROM ${table(name)} ORDER BY seq`).all() as (ReadModelRow & { data: string })[]).map(
      (row) => ({ ...row, data: JSON.parse(row.data) as unknown }),
    ),
});
