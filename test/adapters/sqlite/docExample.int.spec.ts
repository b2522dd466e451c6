/**
 * The example in docs/storage/sqlite.md, run as a test so the page cannot drift:
 * the code between the markers is the snippet (with `kefu/sqlite` and `kefu`
 * imports in place of the source paths), checked against the page line for line.
 */
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, expect, it } from 'vitest';
import { createSqliteEventStore, runSqliteProjection } from '../../../src/adapters/sqlite/index.js';
import { createEngine } from '../../../src/engine.js';
import { counterModule } from '../../../src/testing/counterModule.js';
import { exampleOfPage, snippetOfSpec } from '../docSnippets.js';
import { tempFolder } from './tempFiles.js';

const files = tempFolder();
afterAll(files.remove);

it('is the example of docs/storage/sqlite.md, line for line', () => {
  expect(snippetOfSpec(import.meta.url)).toBe(exampleOfPage('docs/storage/sqlite.md'));
});

it('runs the example of docs/storage/sqlite.md', async () => {
  const cwd = process.cwd();
  process.chdir(files.folder); // the snippet's relative file name lands in the temp folder
  try {
    await example();
  } finally {
    process.chdir(cwd);
  }
});

const example = async () => {
  // --- snippet start
  const store = createSqliteEventStore({ filename: 'kefu.db' }); // creates and migrates the file
  const engine = createEngine({ store, modules: [counterModule] });

  const result = await engine.dispatch({
    type: 'Increment',
    shopId: 'shop-1',
    actor: { kind: 'system' },
    data: { counterId: 'c1', by: 2 },
  });
  if (E.isLeft(result)) throw new Error(result.left._tag);

  // A read model kept as a table in the same file: each batch of events and the
  // projection's checkpoint are saved in one transaction.
  store.database.exec('CREATE TABLE IF NOT EXISTS totals (stream TEXT PRIMARY KEY, total INTEGER NOT NULL)');
  const totals = runSqliteProjection({
    store,
    registry: engine.registry, // hands handle decoded events, upcast to their current version
    name: 'totals',
    handle: (db, events) => {
      const add = db.prepare('INSERT INTO totals VALUES (?, ?) ON CONFLICT (stream) DO UPDATE SET total = total + excluded.total');
      for (const event of events) if (event.type === 'Incremented') add.run(event.stream, (event.data as { by: number }).by);
    },
  });
  await totals.waitFor(result.right.events[0]!.globalPosition); // read your own write
  const rows = store.database.prepare('SELECT stream, total FROM totals').all();

  await totals.stop();
  await engine.close(); // stops its reactor (saving its checkpoint); a store you passed in is yours to close
  await store.close();
  // --- snippet end
  expect(rows).toEqual([{ stream: 'counter-shop-1-c1', total: 2 }]);
};
