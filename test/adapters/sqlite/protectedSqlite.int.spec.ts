/**
 * S16 on SQLite: a protected store (keys in a file of their own) passes the event
 * store suite; the event file never holds a message's text, the key file loses a
 * destroyed key's bytes; SQL read models read through the protection.
 */
import { existsSync, readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventStore } from '../../../src/adapters/eventStore.js';
import { createSqliteEventStore, createSqliteKeyStore, runSqliteProjection, type SqliteEventStore } from '../../../src/adapters/sqlite/index.js';
import { conversationStream } from '../../../src/domain/conversation/conversationModule.js';
import { EXPIRED_CONTENT } from '../../../src/domain/conversation/messages.js';
import type { ProjectedEvent } from '../../../src/projections/projection.js';
import { eventStoreConformance } from '../../conformance/eventStore.conformance.js';
import { right } from '../../conformance/fixtures.js';
import { protectFixtures } from '../../runtime/contentProtection/sealedFixtures.js';
import { DAY, notes, replies, retention, retentionHarness, says, SHOP, T0 } from '../../runtime/contentProtection/retentionHarness.js';
import { tempFolder } from './tempFiles.js';

const files = tempFolder();
afterAll(files.remove);

eventStoreConformance({
  name: 'protected sqlite',
  create: async () => protectFixtures(createSqliteEventStore({ filename: files.file('events') }), createSqliteKeyStore({ filename: files.file('keys') })),
  insertCorruptEvent: async (store, stream) => {
    const db = (store as SqliteEventStore).database;
    const version = db.prepare('SELECT max(stream_version) FROM kefu_events WHERE stream = ?').pluck().get(stream) as number;
    db.prepare(
      `INSERT INTO kefu_events (stream, stream_version, shop_id, type, schema_version, data, metadata)
       VALUES (?, ?, 'shop-1', 'Corrupt', 1, '{"truncated": ', '{}')`,
    ).run(stream, version + 1);
  },
});

/** A file and its write-ahead log, as a copy of the folder (a backup) would hold them. */
const bytesOf = (file: string) => Buffer.concat([readFileSync(file), existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0)]);

const SECRET = '我的手机号是13800138000';
const REPLY = 'parcel 7788-XYZ ships today';
const NOTE = 'called back on 13800138000';

describe('S16 on SQLite', () => {
  it('S16: the event file never holds a text; once swept, the key file no longer holds the key, and every read is expired', async () => {
    const eventsFile = files.file('events');
    const keysFile = files.file('keys');
    const store = createSqliteEventStore({ filename: eventsFile });
    const keys = createSqliteKeyStore({ filename: keysFile });
    const h = retentionHarness({ store, keys });
    await h.ok(retention('1-month'));
    await h.agents(['a1']);
    await h.ok(says('alice', 's1', 'm1', SECRET));
    await h.settle();
    await h.ok(replies('a1', 's1', 'm2', REPLY));
    await h.ok(notes('a1', 's1', 'm3', NOTE));

    const plain = [SECRET, REPLY, NOTE].map((t) => Buffer.from(t, 'utf8'));
    const eventBytes = bytesOf(eventsFile);
    for (const text of plain) expect(eventBytes.includes(text)).toBe(false);
    const [key] = right(await keys.listKeys(SHOP));
    const material = right(await keys.keysForRead([key!])).values().next().value as Uint8Array;
    expect(bytesOf(keysFile).includes(Buffer.from(material))).toBe(true);
    const sent = () => store.readStream(conversationStream(SHOP, 's1')).then((r) => right(r).filter((e) => e.type === 'MessageSent').map((e) => (e.data as { content: unknown }).content));
    // The raw store shows ciphertext; the engine's store reads it open.
    expect((await sent())[0]).toMatchObject({ 'kefu:sealed': 1 });
    const opened = right(await h.engine.store.readStream(conversationStream(SHOP, 's1'))).filter((e) => e.type === 'MessageSent');
    expect(opened.map((e) => (e.data as { content: unknown }).content)).toEqual([{ kind: 'text', text: SECRET }, { kind: 'text', text: REPLY }, { kind: 'text', text: NOTE }]);

    await h.at(T0 + 40 * DAY);
    expect(bytesOf(keysFile).includes(Buffer.from(material))).toBe(false);
    const expired = right(await h.engine.store.readStream(conversationStream(SHOP, 's1'))).filter((e) => e.type === 'MessageSent');
    expect(expired.map((e) => (e.data as { content: unknown }).content)).toEqual([EXPIRED_CONTENT, EXPIRED_CONTENT, EXPIRED_CONTENT]);
    await h.engine.close();
    await Promise.all([store.close(), keys.close()]);
  });

  it('S16: a SQL read model run on the protected store reads contents open, and rebuilt after the sweep reads them expired', async () => {
    const store = createSqliteEventStore({ filename: files.file('events'), pollIntervalMs: 10 });
    const keys = createSqliteKeyStore({ database: store.database });
    const h = retentionHarness({ store, keys });
    await h.ok(retention('1-month'));
    await h.ok(says('alice', 's1', 'm1', SECRET));
    store.database.exec('CREATE TABLE texts (name TEXT NOT NULL, content TEXT NOT NULL)');
    const readModel = async (name: string, over: EventStore) => {
      const running = runSqliteProjection({
        store: over as SqliteEventStore,
        registry: h.engine.registry,
        name,
        handle: (db: Database.Database, batch: readonly ProjectedEvent[]) => {
          for (const e of batch) if (e.type === 'MessageSent') db.prepare('INSERT INTO texts VALUES (?, ?)').run(name, JSON.stringify((e.data as { content: unknown }).content));
        },
      });
      const head = right(await h.engine.store.readAll()).at(-1)!.globalPosition;
      expect(E.isRight(await running.waitFor(head))).toBe(true);
      await running.stop();
      return store.database.prepare('SELECT content FROM texts WHERE name = ?').pluck().all(name).map((c) => JSON.parse(c as string));
    };
    expect(await readModel('before', h.engine.store)).toEqual([{ kind: 'text', text: SECRET }]);
    await h.at(T0 + 40 * DAY);
    expect(await readModel('after', h.engine.store)).toEqual([EXPIRED_CONTENT]);
    // On the raw store (no keys), the registry reads the sealed content as expired too.
    expect(await readModel('raw', store)).toEqual([EXPIRED_CONTENT]);
    await h.engine.close();
    await keys.close();
    await store.close();
  });
});
