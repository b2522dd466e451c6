/**
 * The damaged-snapshot rule on a real SQLite file, damaged the way it happens:
 * by hand, in SQL. The desk saves a snapshot every 1,000 events at least, so the
 * counter module (every 100) is used to get one quickly.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteEventStore } from '../../src/adapters/sqlite/index.js';
import { createEngine } from '../../src/engine.js';
import { seededRandom } from '../../src/runtime/seededRandom.js';
import { counterModule } from '../../src/testing/counterModule.js';
import { right } from '../conformance/fixtures.js';
import { tempFolder } from '../adapters/sqlite/tempFiles.js';

const files = tempFolder();
afterAll(() => files.remove());

const inc = { type: 'Increment', shopId: 'shop-1', actor: { kind: 'system' }, data: { counterId: 'a', by: 1 } };

const damage: [string, string][] = [
  ['state that is not JSON', `UPDATE kefu_snapshots SET state = '{"value": 10'`],
  ['a negative version', 'UPDATE kefu_snapshots SET version = -7'],
  ['a version beyond the stream', 'UPDATE kefu_snapshots SET version = version + 1000'],
];

describe('sqlite: a snapshot damaged in the file', () => {
  it.each(damage)('%s: the shop still works, from its events', async (_name, sql) => {
    const filename = files.file('snap');
    const store = createSqliteEventStore({ filename });
    const writer = createEngine({ store, modules: [counterModule], random: seededRandom(1) });
    for (let i = 0; i < 120; i++) right(await writer.dispatchUnknown(inc));
    expect(right(await store.loadSnapshot('counter-shop-1-a'))?.version).toBe(100);
    store.database.exec(sql);
    await store.close();

    const reopened = createSqliteEventStore({ filename });
    const setAside: string[] = [];
    const reader = createEngine({ store: reopened, modules: [counterModule], random: seededRandom(2), onSnapshotSetAside: (_stream, reason) => setAside.push(reason) });
    expect(right(await reader.dispatchUnknown(inc))).toMatchObject({ version: 121 });
    expect(right(await reader.load(counterModule, 'counter-shop-1-a')).state).toMatchObject({ value: 121 });
    expect(setAside).toHaveLength(1);
    await reopened.close();
  });
});
