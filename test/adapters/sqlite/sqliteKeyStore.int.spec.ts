/** S16: the SQLite key store through the shared suite, in a file of its own and in the event store's file. */
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteEventStore, createSqliteKeyStore, SqliteConfigurationError, type SqliteKeyStore } from '../../../src/adapters/sqlite/index.js';
import { keyStoreConformance } from '../../conformance/keyStore.conformance.js';
import { right, uniqueShop } from '../../conformance/fixtures.js';
import { tempFolder } from './tempFiles.js';

const files = tempFolder();
afterAll(files.remove);

const fileOf = new WeakMap<object, string>();
const at = (filename: string) => {
  const keys = createSqliteKeyStore({ filename });
  fileOf.set(keys, filename);
  return keys;
};

keyStoreConformance({
  name: 'sqlite',
  create: async () => at(files.file('keys')),
  reopen: async (keys) => {
    await keys.close();
    return at(fileOf.get(keys)!);
  },
  // The file and its write-ahead log, as a backup of the folder would take them.
  rawBytes: async (keys) => {
    const file = fileOf.get(keys)!;
    return Buffer.concat([readFileSync(file), existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0)]);
  },
});

describe('sqlite key store specifics', () => {
  it('S16: shares the event store\'s file when given its connection, and leaves the connection open', async () => {
    const filename = files.file('shared');
    const events = createSqliteEventStore({ filename });
    const keys = createSqliteKeyStore({ database: events.database });
    const shopId = uniqueShop();
    right(await keys.keyForWrite({ shopId, subject: 'session:s1' }, 1_767_600_000_000));
    await keys.close();
    expect(events.database.open).toBe(true);
    const tables = events.database.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['kefu_content_keys', 'kefu_events', 'kefu_key_store_migrations']));
    // The event store's schema version is its own.
    expect(events.database.pragma('user_version', { simple: true })).toBeGreaterThan(0);
    await events.close();
  });

  it('refuses wrong options by name', () => {
    expect(() => createSqliteKeyStore({} as never)).toThrow(SqliteConfigurationError);
    expect(() => createSqliteKeyStore({ filename: files.file(), busyTimeoutMs: -1 })).toThrow(/busyTimeoutMs/);
    const closed = new Database(':memory:');
    closed.close();
    expect(() => createSqliteKeyStore({ database: closed })).toThrow(SqliteConfigurationError);
  });

  it('refuses a file whose key store schema is newer than this version knows', async () => {
    const filename = files.file('newer');
    const keys: SqliteKeyStore = createSqliteKeyStore({ filename });
    keys.database.prepare('INSERT INTO kefu_key_store_migrations (version) VALUES (99)').run();
    await keys.close();
    expect(() => createSqliteKeyStore({ filename })).toThrow(/newer/);
  });
});
