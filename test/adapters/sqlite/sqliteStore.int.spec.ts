/** What the SQLite store does beyond the shared suite: its file, its locks, its rows. */
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createSqliteEventStore,
  SqliteConfigurationError,
  sqliteSchemaVersion,
  type SqliteEventStore,
} from '../../../src/adapters/sqlite/index.js';
import { collector, events, left, readEverything, right, uniqueShop, uniqueStream } from '../../conformance/fixtures.js';
import { tempFolder } from './tempFiles.js';

const files = tempFolder();
afterAll(files.remove);

const open: SqliteEventStore[] = [];
const storeAt = (filename: string, options: { busyTimeoutMs?: number; pollIntervalMs?: number } = {}) => {
  const store = createSqliteEventStore({ filename, ...options });
  open.push(store);
  return store;
};
afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
});

const tablesOf = (db: Database.Database) =>
  db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[];

describe('sqlite store: the file and its schema', () => {
  it('creates the tables in WAL mode and records the schema version', async () => {
    const filename = files.file();
    const store = storeAt(filename);
    expect(tablesOf(store.database)).toEqual(['kefu_events', 'kefu_projections', 'kefu_snapshots']);
    expect(store.database.pragma('user_version', { simple: true })).toBe(sqliteSchemaVersion);
    expect(store.database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.database.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    await store.close();
  });

  it('reopens a file without migrating again, keeping its events and continuing its positions', async () => {
    const filename = files.file();
    const first = storeAt(filename);
    const stream = uniqueStream();
    const before = right(await first.append(stream, events(3), 'no_stream'));
    await first.close();
    const second = storeAt(filename, {});
    expect(tablesOf(second.database)).toEqual(['kefu_events', 'kefu_projections', 'kefu_snapshots']);
    const after = right(await second.append(stream, events(2), 3));
    expect(after.events.map((e) => [e.streamVersion, e.globalPosition])).toEqual([
      [4, before.lastPosition + 1],
      [5, before.lastPosition + 2],
    ]);
    expect(await readEverything(second)).toHaveLength(5);
  });

  it('applies FULL synchronous when asked', async () => {
    const store = createSqliteEventStore({ filename: files.file(), synchronous: 'FULL' });
    expect(store.database.pragma('synchronous', { simple: true })).toBe(2);
    await store.close();
  });

  it('refuses a file whose schema is newer than this code knows, and leaves it alone', () => {
    const filename = files.file();
    const raw = new Database(filename);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => createSqliteEventStore({ filename })).toThrow(/schema is version 99, newer than/);
    const check = new Database(filename);
    expect(tablesOf(check)).toEqual([]);
    expect(check.pragma('user_version', { simple: true })).toBe(99);
    check.close();
  });

  it('refuses a file that is not a database, naming the option', () => {
    const filename = files.file();
    writeFileSync(filename, 'this is not a database file, just some text that is long enough');
    let thrown: unknown;
    try {
      createSqliteEventStore({ filename });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SqliteConfigurationError);
    expect((thrown as SqliteConfigurationError).error.issues[0]).toMatchObject({ path: 'filename', reason: /SQLITE_NOTADB/ });
  });

  it('migrates under the write lock: while another connection holds it, opening waits and then fails whole', async () => {
    const filename = files.file();
    const holder = new Database(filename);
    holder.pragma('journal_mode = WAL');
    holder.prepare('BEGIN IMMEDIATE').run();
    expect(() => createSqliteEventStore({ filename, busyTimeoutMs: 20 })).toThrow(/SQLITE_BUSY/);
    holder.prepare('COMMIT').run();
    expect(tablesOf(holder)).toEqual([]);
    const store = storeAt(filename);
    expect(tablesOf(store.database)).toHaveLength(3);
    holder.close();
  });
});

describe('sqlite store: locks and races', () => {
  it('answers a StoreFailure (SQLITE_BUSY) when another connection keeps the write lock past the timeout, and writes nothing', async () => {
    const filename = files.file();
    const store = storeAt(filename, { busyTimeoutMs: 20 });
    const stream = uniqueStream();
    right(await store.append(stream, events(1), 'no_stream'));
    const other = new Database(filename);
    other.prepare('BEGIN IMMEDIATE').run();
    const busy = left(await store.append(stream, events(2), 1));
    expect(busy).toMatchObject({ _tag: 'StoreFailure', operation: 'append', message: expect.stringMatching(/SQLITE_BUSY/) });
    // Readers are not blocked by the writer in WAL mode.
    expect(right(await store.streamVersion(stream))).toBe(1);
    other.prepare('ROLLBACK').run();
    other.close();
    expect(right(await store.append(stream, events(2), 1)).nextVersion).toBe(3);
  });

  it('sees an append committed by another connection in its version check', async () => {
    const filename = files.file();
    const mine = storeAt(filename);
    const theirs = storeAt(filename);
    const stream = uniqueStream();
    right(await mine.append(stream, events(1), 'no_stream'));
    right(await theirs.append(stream, events(1), 1));
    expect(left(await mine.append(stream, events(1), 1))).toMatchObject({ _tag: 'ConcurrencyConflict', expected: 1, actual: 2 });
    expect(right(await mine.append(stream, events(1), 2)).events[0]!.globalPosition).toBe(3);
  });

  it('reports a unique-constraint violation as a conflict, not a failure', async () => {
    const store = storeAt(files.file());
    const stream = uniqueStream();
    right(await store.append(stream, events(1), 'no_stream'));
    // Another writer slips a row in at the version being appended, inside the append's
    // own transaction (a temp trigger on this connection only): SQLite refuses ours.
    store.database.exec(`
      CREATE TEMP TRIGGER sneak BEFORE INSERT ON main.kefu_events WHEN NEW.type = 'Raced'
      BEGIN
        INSERT INTO kefu_events (stream, stream_version, shop_id, type, schema_version, data, metadata)
        VALUES (NEW.stream, NEW.stream_version, NEW.shop_id, 'Sneaked', 1, '{}', NEW.metadata);
      END`);
    const raced = { ...events(1)[0]!, type: 'Raced' };
    const outcome = left(await store.append(stream, [raced], 1));
    expect(outcome).toMatchObject({ _tag: 'ConcurrencyConflict', stream, expected: 1 });
    store.database.exec('DROP TRIGGER sneak');
    expect(right(await store.readStream(stream)).map((e) => e.type)).toEqual(['Happened']);
  });
});

describe('sqlite store: rows that cannot be read back', () => {
  const corrupt = async (data: string, metadata: string | undefined) => {
    const store = storeAt(files.file());
    const stream = uniqueStream();
    const [first] = right(await store.append(stream, events(1), 'no_stream')).events;
    store.database
      .prepare(
        `INSERT INTO kefu_events (stream, stream_version, shop_id, type, schema_version, data, metadata) VALUES (?, 2, 'shop-1', 'Bad', 1, ?, ?)`,
      )
      .run(stream, data, metadata ?? JSON.stringify(first!.metadata));
    return { store, stream };
  };

  it('names the event and the field data when its JSON does not parse', async () => {
    const { store, stream } = await corrupt('{"n": 1', undefined);
    const error = left(await store.readStream(stream));
    expect(error).toMatchObject({ _tag: 'ValidationError', source: `event ${stream}@2` });
    expect(error._tag === 'ValidationError' && error.issues).toEqual([{ path: 'data', reason: expect.stringMatching(/^is not JSON: /) }]);
    // The good event before it is still readable on its own.
    expect(right(await store.readStream(stream, { maxCount: 1 }))).toHaveLength(1);
  });

  it('names metadata when its JSON does not parse, and the exact field when it parses to the wrong shape', async () => {
    const broken = await corrupt('{}', 'not json');
    expect(left(await broken.store.readAll())).toMatchObject({ issues: [{ path: 'metadata' }] });
    const wrong = await corrupt('{}', JSON.stringify({ eventId: 'e', shopId: 's', actor: { kind: 'system' }, occurredAt: -4, correlationId: 'c', causationId: 'c' }));
    expect(left(await wrong.store.readStream(wrong.stream))).toMatchObject({
      _tag: 'ValidationError',
      source: `event ${wrong.stream}@2`,
      issues: [{ path: 'metadata.occurredAt' }],
    });
  });

  it('names the snapshot and its state when the stored state does not parse', async () => {
    const store = storeAt(files.file());
    store.database.prepare(`INSERT INTO kefu_snapshots VALUES ('s-1', 3, 1, '{oops')`).run();
    expect(left(await store.loadSnapshot('s-1'))).toMatchObject({ _tag: 'ValidationError', source: 'snapshot s-1', issues: [{ path: 'state' }] });
    store.database.prepare(`INSERT INTO kefu_projections VALUES ('p', -2, 1, 'null')`).run();
    expect(left(await store.loadProjection('p'))).toMatchObject({ source: 'projection p', issues: [{ path: 'position' }] });
  });

  it('refuses to save a snapshot or projection state that is not JSON', async () => {
    const store = storeAt(files.file());
    expect(left(await store.saveSnapshot('s', { version: 1, schemaVersion: 1, state: { at: new Date(0) } }))).toMatchObject({
      _tag: 'StoreFailure',
      message: expect.stringMatching(/^state\.at: /),
    });
    expect(left(await store.saveProjection('p', { position: 1.5, schemaVersion: 1, state: null }))).toMatchObject({ _tag: 'StoreFailure' });
    expect(right(await store.loadSnapshot('s'))).toBeUndefined();
  });
});

describe('sqlite store: text SQLite cannot keep', () => {
  it('refuses a stream name or event type with a lone surrogate (it would come back as U+FFFD), and keeps astral characters', async () => {
    const store = storeAt(files.file());
    expect(left(await store.append('stream-\ud800', events(1), 'any'))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'stream' }] });
    const badType = { ...events(1)[0]!, type: 'Type\udc00' };
    expect(left(await store.append(uniqueStream(), [events(1)[0]!, badType], 'any'))).toMatchObject({ issues: [{ path: 'events.1.type' }] });
    const odd = 'ab-客服-👋🏽-\u202e';
    const stored = right(await store.append(odd, [{ ...events(1)[0]!, type: odd, data: { lone: '\ud800' } }], 'no_stream'));
    expect(right(await store.readStream(odd))).toEqual(stored.events);
    expect(await readEverything(store)).toHaveLength(1);
  });
});

describe('sqlite store: subscriptions across connections', () => {
  it('delivers events another connection (another process, as far as SQLite knows) commits', async () => {
    const filename = files.file();
    const reader = storeAt(filename, { pollIntervalMs: 10 });
    const writer = storeAt(filename);
    const shop = uniqueShop();
    const got = collector();
    let caughtUp!: () => void;
    const waiting = new Promise<void>((resolve) => (caughtUp = resolve));
    const sub = reader.subscribe({ shopId: shop, handler: got.handler, onCaughtUp: () => caughtUp() });
    // Caught up and waiting: what follows can only arrive through the poll.
    await waiting;
    right(await writer.append(uniqueStream(), events(2, uniqueShop()), 'no_stream'));
    right(await writer.append(uniqueStream(), events(3, shop), 'no_stream'));
    await got.until(3);
    await sub.stop();
    expect(got.seen.map((e) => e.metadata.shopId)).toEqual([shop, shop, shop]);
    expect(right(await sub.done)).toBeUndefined();
  });

  it('ends a waiting subscription with a StoreFailure when the store is closed', async () => {
    const store = createSqliteEventStore({ filename: files.file() });
    let caughtUp!: () => void;
    const waiting = new Promise<void>((resolve) => (caughtUp = resolve));
    const sub = store.subscribe({ handler: () => undefined, onCaughtUp: () => caughtUp() });
    await waiting;
    await store.close();
    expect(left(await sub.done)).toMatchObject({ _tag: 'StoreFailure', operation: 'subscribe' });
  });
});

describe('sqlite store: ownership and closing', () => {
  it('configures a connection passed in, and leaves it open on close', async () => {
    const db = new Database(files.file());
    const store = createSqliteEventStore({ database: db });
    right(await store.append(uniqueStream(), events(2), 'no_stream'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    await store.close();
    expect(db.open).toBe(true);
    expect(db.prepare('SELECT count(*) FROM kefu_events').pluck().get()).toBe(2);
    db.close();
  });

  it('closes idempotently, and afterwards every method answers a StoreFailure', async () => {
    const store = createSqliteEventStore({ filename: files.file() });
    await store.close();
    await store.close();
    expect(store.database.open).toBe(false);
    const outcomes = [
      await store.append(uniqueStream(), events(1), 'any'),
      await store.append(uniqueStream(), [], 'any'),
      await store.readStream('s'),
      await store.readAll(),
      await store.streamVersion('s'),
      await store.saveSnapshot('s', { version: 1, schemaVersion: 1, state: {} }),
      await store.loadSnapshot('s'),
      await store.saveProjection('p', { position: 1, schemaVersion: 1, state: {} }),
      await store.loadProjection('p'),
      await store.subscribe({ handler: () => undefined }).done,
    ];
    for (const outcome of outcomes) expect(left(outcome)).toMatchObject({ _tag: 'StoreFailure', message: 'the store is closed' });
  });

  it('answers StoreFailures, not throws, when the caller closes a connection it passed in', async () => {
    const db = new Database(files.file());
    const store = createSqliteEventStore({ database: db });
    db.close();
    expect(left(await store.append(uniqueStream(), events(1), 'any'))).toMatchObject({ _tag: 'StoreFailure', operation: 'append' });
    expect(left(await store.readAll())).toMatchObject({ _tag: 'StoreFailure' });
    expect(left(await store.streamVersion('s'))).toMatchObject({ _tag: 'StoreFailure' });
    await store.close();
  });
});
