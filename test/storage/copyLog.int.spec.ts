/**
 * Migration between stores: a whole log copied from one adapter to another keeps
 * its order, stream versions and data, verified by counts and a checksum read back
 * from the target; a desk loaded from the copy decides as the original.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { copyLog } from '../../src/adapters/copyLog.js';
import type { EventStore } from '../../src/adapters/eventStore.js';
import { summarizeLog } from '../../src/adapters/logChecksum.js';
import { createInMemoryEventStore } from '../../src/adapters/memory/inMemoryEventStore.js';
import { createPostgresEventStore } from '../../src/adapters/postgres/index.js';
import { createSqliteEventStore } from '../../src/adapters/sqlite/index.js';
import { deskModule, routingStream } from '../../src/domain/desk/deskModule.js';
import { encodeDesk } from '../../src/domain/desk/deskSnapshot.js';
import type { DeskState } from '../../src/domain/desk/deskState.js';
import { createEngine } from '../../src/engine.js';
import { seededRandom } from '../../src/runtime/seededRandom.js';
import { virtualClock } from '../../src/runtime/virtualClock.js';
import { counterModule } from '../../src/testing/counterModule.js';
import { asAppended, left, readEverything, right } from '../conformance/fixtures.js';
import { emptyKnown, learn, operationArb, setupInputs, toInput } from '../../src/testing/deskArbitraries.js';

const SHOPS = ['shop-a', 'shop-b'];

/** A log with two shops' desks and some counters, written through engines. */
const writeLog = async (store: EventStore) => {
  // A virtual clock and a seeded source: the same log, event for event, every time.
  const engine = createEngine({ store, clock: virtualClock(Date.UTC(2026, 0, 1)), modules: [deskModule, counterModule], random: seededRandom(5) });
  for (const shop of SHOPS) {
    for (const input of setupInputs(shop)) right(await engine.dispatch(input));
    const known = emptyKnown();
    for (const op of fc.sample(operationArb, { seed: shop.length, numRuns: 200 })) {
      const input = toInput(shop, op, known);
      if (input === undefined) continue;
      const result = await engine.dispatch(input);
      if (E.isRight(result)) learn(known, result.right.decided);
      right(await engine.dispatch({ type: 'Increment', shopId: shop, actor: { kind: 'system' }, data: { counterId: 'c', by: 1 } }));
    }
  }
};

const deskOf = async (store: EventStore, shop: string) => {
  const engine = createEngine({ store, modules: [deskModule, counterModule], random: seededRandom(9) });
  return encodeDesk(right(await engine.load(deskModule, routingStream(shop))).state as DeskState);
};

const verifyCopy = async (from: EventStore, to: EventStore) => {
  const report = right(await copyLog(from, to, { pageSize: 97 }));
  const source = right(await summarizeLog(from));
  const target = right(await summarizeLog(to));
  expect(report).toEqual(source);
  expect(target).toEqual(source);
  expect(target.events).toBeGreaterThan(400);
  expect(target.streams).toBe(4);
  const a = await readEverything(from);
  const b = await readEverything(to);
  expect(b.map((e) => [e.stream, e.streamVersion])).toEqual(a.map((e) => [e.stream, e.streamVersion]));
  expect(b.map(asAppended)).toEqual(a.map(asAppended));
  for (const shop of SHOPS) expect(await deskOf(to, shop)).toEqual(await deskOf(from, shop));
  // A second copy into the now full target is refused before anything is written.
  expect(left(await copyLog(from, to))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'to' }] });
  expect(right(await summarizeLog(to))).toEqual(source);
};

describe('copying a log between stores', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-copy-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('in-memory to SQLite, then SQLite to a second SQLite file, identical by checksum', async () => {
    const memory = createInMemoryEventStore();
    await writeLog(memory);
    const sqlite = createSqliteEventStore({ filename: join(dir, 'a.sqlite') });
    await verifyCopy(memory, sqlite);
    const again = createSqliteEventStore({ filename: join(dir, 'b.sqlite') });
    await verifyCopy(sqlite, again);
    await Promise.all([sqlite.close(), again.close()]);
  }, 120_000);

  it('gives a different checksum for a log that differs in one event', async () => {
    const a = createInMemoryEventStore();
    const b = createInMemoryEventStore();
    await writeLog(a);
    await writeLog(b);
    expect(right(await summarizeLog(b))).toEqual(right(await summarizeLog(a)));
    right(await b.append('extra', [{ ...asAppended((await readEverything(a))[0]!), type: 'Other' }], 'no_stream'));
    expect(right(await summarizeLog(b)).checksum).not.toBe(right(await summarizeLog(a)).checksum);
  }, 120_000);
});

const pgUrl = process.env.KEFU_PG_URL;
describe.skipIf(pgUrl === undefined)(`copying into PostgreSQL${pgUrl === undefined ? ' (skipped: set KEFU_PG_URL)' : ''}`, () => {
  const schema = `kefu_copy_${Date.now().toString(36)}`;
  const dir = mkdtempSync(join(tmpdir(), 'kefu-copy-pg-'));
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    const admin = new pg.Pool({ connectionString: pgUrl, max: 1 });
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  it('SQLite to PostgreSQL, identical by checksum', async () => {
    const sqlite = createSqliteEventStore({ filename: join(dir, 'source.sqlite') });
    await writeLog(sqlite);
    const postgres = createPostgresEventStore({ connectionString: pgUrl!, schema });
    await verifyCopy(sqlite, postgres);
    await Promise.all([sqlite.close(), postgres.close()]);
  }, 120_000);
});
