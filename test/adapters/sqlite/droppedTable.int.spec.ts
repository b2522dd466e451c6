/**
 * A file whose kefu tables are gone (someone ran `DROP TABLE kefu_events`): every
 * method of an open store answers a StoreFailure, and opening such a file is
 * refused with a SqliteConfigurationError that closes the connection it opened.
 * Opening used to throw the driver's raw "no such table" error from preparing the
 * statements and leave the file open.
 */
import { readdirSync, readlinkSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteEventStore, runSqliteProjection, SqliteConfigurationError } from '../../../src/adapters/sqlite/index.js';
import { createRegistry } from '../../../src/domain/registry.js';
import { events, left, right, uniqueStream } from '../../conformance/fixtures.js';
import { tempFolder } from './tempFiles.js';

const files = tempFolder();
afterAll(files.remove);

/** The descriptors this process holds on `filename` (Linux: /proc/self/fd). */
const openDescriptorsOn = (filename: string): number =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === filename;
    } catch {
      return false; // closed between the listing and the read
    }
  }).length;

const fileWithout = (table: string): string => {
  const filename = files.file();
  const made = createSqliteEventStore({ filename });
  made.database.exec(`DROP TABLE ${table}`);
  made.database.close();
  return filename;
};

describe('sqlite store whose tables were dropped', () => {
  it('answers every method with a StoreFailure once kefu_events is gone, and still closes', async () => {
    const store = createSqliteEventStore({ filename: files.file() });
    const stream = uniqueStream();
    right(await store.append(stream, events(2), 'no_stream'));
    store.database.exec('DROP TABLE kefu_events');
    const outcomes = [
      await store.append(stream, events(1), 'any'),
      await store.append(stream, [], 'any'),
      await store.readStream(stream),
      await store.readAll(),
      await store.streamVersion(stream),
      await store.subscribe({ handler: () => undefined }).done,
      await runSqliteProjection({ store, registry: createRegistry([]), name: 'p', handle: () => undefined }).done,
    ];
    for (const outcome of outcomes) expect(left(outcome)).toMatchObject({ _tag: 'StoreFailure', message: expect.stringMatching(/no such table: kefu_events/) });
    store.database.exec('DROP TABLE kefu_snapshots; DROP TABLE kefu_projections');
    const states = [
      await store.saveSnapshot(stream, { version: 1, schemaVersion: 1, state: {} }),
      await store.loadSnapshot(stream),
      await store.saveProjection('p', { position: 1, schemaVersion: 1, state: {} }),
      await store.loadProjection('p'),
    ];
    for (const outcome of states) expect(left(outcome)).toMatchObject({ _tag: 'StoreFailure', message: expect.stringMatching(/no such table/) });
    await store.close();
    expect(store.database.open).toBe(false);
  });

  it.each(['kefu_events', 'kefu_snapshots', 'kefu_projections'])(
    'refuses to open a file without %s, naming the option, and closes the file again',
    (table) => {
      const filename = fileWithout(table);
      let thrown: unknown;
      try {
        createSqliteEventStore({ filename });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(SqliteConfigurationError);
      expect((thrown as SqliteConfigurationError).error.issues[0]).toMatchObject({ path: 'filename', reason: expect.stringMatching(/no such table/) });
      expect(openDescriptorsOn(filename)).toBe(0);
    },
  );

  it('refuses a connection of the caller to such a file and leaves that connection open', () => {
    const db = new Database(fileWithout('kefu_events'));
    expect(() => createSqliteEventStore({ database: db })).toThrow(SqliteConfigurationError);
    expect(db.open).toBe(true);
    db.close();
  });
});
