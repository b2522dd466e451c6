/**
 * Many writers: two engine processes (real OS processes) dispatching random desk
 * commands concurrently for the same shop against one SQLite file and against
 * one PostgreSQL schema. Afterwards the routing invariants hold over the whole
 * log, every command either succeeded once (its events are in the log exactly
 * once) or returned a typed error (and wrote nothing), and the log has no gap
 * and no duplicate.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeskEvent } from '../../src/domain/desk/deskEvents.js';
import { deskModule, routingStream } from '../../src/domain/desk/deskModule.js';
import { initialDeskState } from '../../src/domain/desk/deskState.js';
import { createRegistry } from '../../src/domain/registry.js';
import { createEngine } from '../../src/engine.js';
import { seededRandom } from '../../src/runtime/seededRandom.js';
import { readEverything, right } from '../conformance/fixtures.js';
import { applyChecked, checkDesk, emptyHistory } from '../../src/testing/deskInvariants.js';
import { setupInputs } from '../../src/testing/deskArbitraries.js';
import { forkReporting, jsonLinesOf, releaseTogether } from '../support/childProcesses.js';
import { openStore, type StoreSpec } from './storeFromSpec.js';

const SHOP = 'shop-many';
const COMMANDS_PER_WRITER = 400;
const registry = createRegistry([deskModule]);

type Outcome = { commandId: string; ok: boolean; events?: number; tag?: string; code?: string };

const runWriters = async (spec: StoreSpec) => {
  const store = openStore(spec);
  const setup = createEngine({ store, modules: [deskModule], random: seededRandom(1) });
  for (const input of setupInputs(SHOP)) right(await setup.dispatch(input));

  const children = ['w1', 'w2'].map((name, i) =>
    forkReporting('test/storage/children/deskWriter.ts', [JSON.stringify(spec), SHOP, name, String(101 + i), String(COMMANDS_PER_WRITER)]),
  );
  const reports = children.map((child) => jsonLinesOf<Outcome & { at: number }>(child));
  await releaseTogether(children);
  const results = await Promise.all(reports);
  for (const r of results) expect(r.code).toBe(0);
  const outcomes = results.flatMap((r) => r.lines);
  const spans = results.map((r) => ({ first: r.lines[0]!.at, last: r.lines[r.lines.length - 1]!.at }));

  const log = await readEverything(store);
  await store.close();
  return { outcomes, log, spans };
};

const checkWriters = ({ outcomes, log, spans }: Awaited<ReturnType<typeof runWriters>>) => {
  expect(outcomes.length).toBeGreaterThan(COMMANDS_PER_WRITER);
  // The log: strictly increasing positions, gapless stream versions, no event twice.
  for (let i = 1; i < log.length; i++) expect(log[i]!.globalPosition).toBeGreaterThan(log[i - 1]!.globalPosition);
  const routing = log.filter((e) => e.stream === routingStream(SHOP));
  expect(routing.map((e) => e.streamVersion)).toEqual(routing.map((_, i) => i + 1));
  expect(new Set(log.map((e) => e.metadata.eventId)).size).toBe(log.length);

  // Every command succeeded once (all its events, once) or failed with a typed error (none of them).
  const byCommand = new Map<string, number>();
  for (const e of log) byCommand.set(e.metadata.causationId, (byCommand.get(e.metadata.causationId) ?? 0) + 1);
  let succeeded = 0;
  for (const o of outcomes) {
    if (o.ok) {
      succeeded++;
      expect(byCommand.get(o.commandId) ?? 0, `events of ${o.commandId}`).toBe(o.events);
    } else {
      expect(['DomainError', 'ConcurrencyConflict']).toContain(o.tag);
      expect(byCommand.has(o.commandId), `a refused command ${o.commandId} wrote events`).toBe(false);
    }
  }
  expect(succeeded).toBeGreaterThan(50);
  // The two writers really ran at the same time: each was still writing when the other started.
  const [a, b] = spans;
  expect(a!.first < b!.last && b!.first < a!.last, 'the writers did not overlap').toBe(true);

  // The routing invariants, checked before and after every event of the shared log.
  const history = emptyHistory();
  const events = routing.map((e) => right(registry.decodeEvent(e))) as DeskEvent[];
  checkDesk(applyChecked(initialDeskState(), events, history), history);
};

describe('two engine processes on one SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-many-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keep the routing invariants, answer every command once, and leave no gap or duplicate', async () => {
    checkWriters(await runWriters({ kind: 'sqlite', filename: join(dir, 'shared.sqlite') }));
  }, 180_000);
});

const pgUrl = process.env.KEFU_PG_URL;
const skipped = 'skipped: set KEFU_PG_URL, e.g. KEFU_PG_URL=postgres://postgres@127.0.0.1:5432/test';
describe.skipIf(pgUrl === undefined)(`two engine processes on one PostgreSQL schema${pgUrl === undefined ? ` (${skipped})` : ''}`, () => {
  const schema = `kefu_many_${Date.now().toString(36)}`;
  afterAll(async () => {
    const admin = new pg.Pool({ connectionString: pgUrl, max: 1 });
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  it('keep the routing invariants, answer every command once, and leave no gap or duplicate', async () => {
    checkWriters(await runWriters({ kind: 'postgres', url: pgUrl!, schema }));
  }, 180_000);
});

