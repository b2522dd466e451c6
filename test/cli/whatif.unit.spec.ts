/**
 * `kefu whatif` in-process (runCli with captured output) on an NDJSON log of a
 * small day driven through a real engine: the side-by-side table with its
 * assumptions, --json, bad log lines (reported with their line number: exit 6,
 * or exit 2 with --strict), and bad input on one line (exit 2): an unknown
 * strategy, JSON settings with a bad field (named), a shop the log does not have.
 */
import * as E from 'fp-ts/lib/Either.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/adapters/eventStore.js';
import { writeNdjsonLog } from '../../src/adapters/ndjsonLog.js';
import { createSqliteEventStore } from '../../src/adapters/sqlite/index.js';
import type { CliIo } from '../../src/cli/cliKit.js';
import { EXIT_CODES } from '../../src/cli/exitCodes.js';
import { runCli } from '../../src/cli/main.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { seededRandom } from '../../src/runtime/seededRandom.js';
import { virtualClock } from '../../src/runtime/virtualClock.js';
import { RECORDED_DAY_MODULES } from '../../src/simulation/recordedRegistry.js';
import { desk } from '../../src/testing/deskInputs.js';

const SHOP = 'shop-cli';
const T0 = Date.UTC(2026, 11, 3, 1, 0, 0);

const captured = () => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: { write: (s: string) => out.push(s), isTTY: false }, stderr: { write: (s: string) => err.push(s), isTTY: false }, cwd: '/', env: {} };
  return { io, out: () => out.join(''), err: () => err.join('') };
};

const run = async (args: readonly string[]) => {
  const c = captured();
  const code = await runCli(['whatif', ...args], c.io);
  return { code, out: c.out(), err: c.err() };
};

/** Two agents under round robin, six customers a minute apart, each handled for a few minutes. */
const driveDay = async (store?: EventStore): Promise<Engine> => {
  const clock = virtualClock(T0);
  const engine = createEngine({ modules: [...RECORDED_DAY_MODULES], clock, random: seededRandom(5), reactor: { mode: 'manual' }, ...(store === undefined ? {} : { store }) });
  const d = desk(SHOP);
  const ok = async (input: unknown) => {
    const r = await engine.dispatchUnknown(input);
    if (E.isLeft(r)) throw new Error(`refused: ${JSON.stringify(r.left)}`);
    const moved = await engine.advanceTo(clock.now());
    if (E.isLeft(moved)) throw new Error('advance failed');
  };
  const at = async (offset: number) => {
    const moved = await engine.advanceTo(T0 + offset);
    if (E.isLeft(moved)) throw new Error('advance failed');
  };
  await ok(d.configure({ baseMode: 'round-robin', stickyRecentContact: false }));
  await ok(d.registerAgent({ agentId: 'a1', name: 'A1', maxSessions: 3 }));
  await ok(d.registerAgent({ agentId: 'a2', name: 'A2', maxSessions: 3 }));
  await ok(d.online('a1'));
  await ok(d.online('a2'));
  for (let i = 0; i < 6; i++) {
    await at(60_000 * (i + 1));
    const customerId = `c${i}`;
    await ok({ type: 'SendCustomerMessage', shopId: SHOP, actor: { kind: 'customer', id: customerId }, data: { sessionId: `s${i}`, messageId: `m${i}`, customerId, content: { kind: 'text', text: '你好' }, channel: 'web' } });
  }
  for (let i = 0; i < 6; i++) {
    await at(60_000 * (i + 1) + 120_000 + 30_000 * i);
    await ok(d.end({ sessionId: `s${i}` }));
  }
  await at(20 * 60_000);
  await ok(d.offline('a1'));
  await ok(d.offline('a2'));
  return engine;
};

let dir: string;
let good: string;
let sqlite: string;
let notJson: string;
let badData: string;
let badLine: number;
let unknownType: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kefu-whatif-'));
  good = join(dir, 'day.ndjson');
  const engine = await driveDay();
  const written = await writeNdjsonLog(engine.store, good);
  if (E.isLeft(written)) throw new Error('write failed');
  await engine.close();
  sqlite = join(dir, 'day.sqlite');
  const store = createSqliteEventStore({ filename: sqlite });
  await (await driveDay(store)).close();
  await store.close();
  const lines = readFileSync(good, 'utf8').split('\n');
  notJson = join(dir, 'not-json.ndjson');
  writeFileSync(notJson, [...lines.slice(0, 2), '{"type": oops', ...lines.slice(2)].join('\n'));
  // An AgentRegistered whose max sessions no codec accepts: the line is well-formed, its data is not.
  badLine = lines.findIndex((l) => l.includes('"AgentRegistered"') && l.includes('"a2"')) + 1;
  badData = join(dir, 'bad-data.ndjson');
  unknownType = join(dir, 'unknown-type.ndjson');
  writeFileSync(unknownType, lines.map((l, i) => (i === 4 ? l.replace(/"type":"[A-Za-z]+"/, '"type":"NoSuchEvent"') : l)).join('\n'));
  writeFileSync(badData, lines.map((l, i) => (i + 1 === badLine ? l.replace('"maxSessions":3', '"maxSessions":-1') : l)).join('\n'));
});

afterAll(() => undefined);

describe('kefu whatif', () => {
  it('prints the assumptions, the recorded day beside the what-if, and one row per agent', async () => {
    const r = await run([good, '--shop', SHOP, '--strategy', 'least-load']);
    expect(r.err).toBe('');
    expect(r.code).toBe(EXIT_CODES.ok);
    expect(r.out).toMatch(/Assumptions:/);
    expect(r.out).toMatch(/handling time/);
    expect(r.out).toMatch(/recorded \(round-robin\)/);
    expect(r.out).toMatch(/what-if: least-load/);
    expect(r.out).toMatch(/sessions\s*│?\s*6\s*│?\s*6/);
    expect(r.out).toMatch(/P\(wait <= 30 s\)/);
    expect(r.out).toMatch(/Per agent/);
    expect(r.out).toMatch(/a1/);
    expect(r.out).toMatch(/a2/);
  });

  it('answers JSON for machines with both summaries and the routing that was in force', async () => {
    const r = await run([good, '--shop', SHOP, '--strategy', '{"baseMode":"least-load"}', '--service-level', '20', '--json']);
    expect(r.code).toBe(EXIT_CODES.ok);
    const parsed = JSON.parse(r.out) as { recorded: { sessions: number; serviceLevelMs: number }; whatIf: { sessions: number }; recordedRouting: { atStart: { baseMode: string } }; assumptions: string[] };
    expect(parsed.recorded.sessions).toBe(6);
    expect(parsed.whatIf.sessions).toBe(6);
    expect(parsed.recorded.serviceLevelMs).toBe(20_000);
    expect(parsed.recordedRouting.atStart.baseMode).toBe('round-robin');
    expect(parsed.assumptions.length).toBeGreaterThan(3);
  });

  it('reads a SQLite file as it reads the same day as NDJSON', async () => {
    const fromNdjson = await run([good, '--shop', SHOP, '--strategy', 'least-load', '--json']);
    const fromSqlite = await run([sqlite, '--shop', SHOP, '--strategy', 'least-load', '--json']);
    expect(fromSqlite.code).toBe(EXIT_CODES.ok);
    const figures = (out: string) => {
      const parsed = JSON.parse(out) as { recorded: unknown; whatIf: unknown };
      return [parsed.recorded, parsed.whatIf];
    };
    expect(figures(fromSqlite.out)).toEqual(figures(fromNdjson.out));
  });

  it('replays only the arrivals from --from (an instant, or a wall time in the shop\'s zone)', async () => {
    for (const from of ['2026-12-03T01:03:30Z', '2026-12-03T09:03:30']) {
      const r = await run([good, '--shop', SHOP, '--strategy', 'least-load', '--from', from, '--zone', 'Asia/Shanghai', '--json']);
      expect(r.code).toBe(EXIT_CODES.ok);
      const parsed = JSON.parse(r.out) as { recorded: { sessions: number }; whatIf: { sessions: number }; start: number };
      expect([parsed.recorded.sessions, parsed.whatIf.sessions, parsed.start]).toEqual([3, 3, T0 + 210_000]);
    }
  });

  it('reports a line that is not JSON with its number, reads the rest and exits 6; --strict stops there with exit 2', async () => {
    const lenient = await run([notJson, '--shop', SHOP, '--strategy', 'least-load']);
    expect(lenient.err).toMatch(/line 3: not JSON/);
    expect(lenient.err).toMatch(/passed over 1 bad line/);
    expect(lenient.code).toBe(EXIT_CODES.passedOver);
    expect(lenient.out).toMatch(/what-if: least-load/);
    const strict = await run([notJson, '--shop', SHOP, '--strategy', 'least-load', '--strict']);
    expect(strict.err).toMatch(/line 3: not JSON/);
    expect(strict.code).toBe(EXIT_CODES.ValidationError);
    expect(strict.out).toBe('');
  });

  it('reports an event whose data does not decode with its line number and the field', async () => {
    const r = await run([badData, '--shop', SHOP, '--strategy', 'least-load']);
    expect(r.err).toMatch(new RegExp(`line ${badLine}: .*maxSessions`));
    expect(r.code).toBe(EXIT_CODES.passedOver);
  });

  it('reports an event of a type no module knows as a bad line, not silently', async () => {
    const r = await run([unknownType, '--shop', SHOP, '--strategy', 'least-load']);
    expect(r.err).toMatch(/unknown-type\.ndjson: line 5: .*NoSuchEvent/);
    expect(r.code).toBe(EXIT_CODES.passedOver);
  });

  it('names the field of bad JSON routing settings, on one line, exit 2', async () => {
    const r = await run([good, '--shop', SHOP, '--strategy', '{"baseMode":"fastest"}']);
    expect(r.code).toBe(EXIT_CODES.ValidationError);
    expect(r.err).toMatch(/^kefu: --strategy: baseMode: .*fastest/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    const notJsonStrategy = await run([good, '--shop', SHOP, '--strategy', '{baseMode']);
    expect(notJsonStrategy.code).toBe(EXIT_CODES.ValidationError);
    expect(notJsonStrategy.err).toMatch(/--strategy: not JSON/);
  });

  it('refuses an unknown strategy name and a shop the log does not have, exit 2', async () => {
    const strategy = await run([good, '--shop', SHOP, '--strategy', 'fastest-first']);
    expect(strategy.code).toBe(EXIT_CODES.ValidationError);
    expect(strategy.err).toMatch(/unknown strategy "fastest-first"/);
    const shop = await run([good, '--shop', 'shop-nobody', '--strategy', 'least-load']);
    expect(shop.code).toBe(EXIT_CODES.ValidationError);
    expect(shop.err).toMatch(/no events of shop shop-nobody/);
  });
});
