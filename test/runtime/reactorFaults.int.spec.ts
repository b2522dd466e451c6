/**
 * Many processes, faults included: two live engine processes (real OS processes)
 * over one SQLite file, and over one PostgreSQL schema, both running the reactor
 * (deadlines and reactions), set and cancel reminders as fast as they can; at
 * random moments one of them is killed with SIGKILL and a new one started in its
 * place. Once they are told to stop writing and every deadline has come, the whole
 * log is checked: every reminder not cancelled first fired exactly once, none
 * fired after its cancel, every firing was counted exactly once on the tally (the
 * reaction was neither lost nor doubled), every follow-up a firing asked for was
 * set, and every reminder a process saw set is in the log.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { followUpId } from '../../src/testing/reminderModule.js';
import { describePg, pgUrl, schemaPerStore } from '../adapters/postgres/pgTestSupport.js';
import { exitOf, forkReporting } from '../support/childProcesses.js';
import { openStore, type StoreSpec } from '../storage/storeFromSpec.js';
import { checkLog, onceEach } from './support/reminderRig.js';

const SHOP = 'shop-faults';
const KILLS = 6;

const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

interface Acks {
  readonly set: Map<string, number>;
  readonly cancelled: Set<string>;
}

/** Resolves once the process has set its first reminder (it booted and works), or after 30 s. */
const working = new WeakMap<ChildProcess, Promise<void>>();

const startEngine = (spec: StoreSpec, name: string, acks: Acks): ChildProcess => {
  const child = forkReporting('test/runtime/children/reactingEngine.ts', [JSON.stringify(spec), SHOP, name]);
  started.push(child);
  let pending = '';
  let markWorking: () => void = () => undefined;
  working.set(child, new Promise<void>((resolve) => {
    markWorking = resolve;
    setTimeout(resolve, 30_000).unref();
  }));
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const [kind, id, at] = line.split(' ');
      if (kind === 'S') {
        acks.set.set(id!, Number(at));
        markWorking();
      }
      if (kind === 'C') acks.cancelled.add(id!);
    }
  });
  return child;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs two engines, killing one at a random moment KILLS times, then lets the reactors finish. */
const runWithKills = async (spec: StoreSpec) => {
  const acks: Acks = { set: new Map(), cancelled: new Set() };
  let round = 0;
  const engines = [startEngine(spec, `e0-r${round}`, acks), startEngine(spec, `e1-r${round}`, acks)];
  for (let kill = 0; kill < KILLS; kill++) {
    // A kill lands while both work, whatever a loaded machine takes to boot a process.
    await Promise.all(engines.map((engine) => working.get(engine) ?? Promise.resolve()));
    await sleep(300 + Math.floor(Math.random() * 900));
    // Every third kill takes both down and keeps them down until their deadlines have passed:
    // only what is durable can fire them then.
    const victims = kill % 3 === 2 ? [0, 1] : [kill % 2];
    for (const victim of victims) engines[victim]!.kill('SIGKILL');
    for (const victim of victims) expect(await exitOf(engines[victim]!)).toEqual({ code: null, signal: 'SIGKILL' });
    if (victims.length === 2) await sleep(800);
    round++;
    for (const victim of victims) engines[victim] = startEngine(spec, `e${victim}-r${round}`, acks);
  }
  await sleep(500);
  for (const engine of engines) engine.send('quiet');

  // Every reminder is due within half a second, chains add two seconds: give the reactors time, then check.
  const store = openStore(spec);
  const deadline = Date.now() + 30_000;
  let check = await checkLog(store, SHOP);
  // Settled: every reminder fired or cancelled, every firing counted, and every follow-up a firing
  // asks for set (a firing's reaction may land after the firing itself: its follow-up then has yet to come).
  const askedFollowUps = () =>
    [...check.fired.entries()].filter(([, firings]) => ((firings[0]?.data as { chain?: number } | undefined)?.chain ?? 0) > 0).map(([id]) => followUpId(id));
  const settled = () =>
    [...check.set.keys()].every((id) => check.cancelled.has(id) || check.fired.has(id)) &&
    [...check.fired.keys()].every((id) => check.counted.has(id)) &&
    askedFollowUps().every((id) => check.set.has(id));
  while (!settled() && Date.now() < deadline) {
    await sleep(250);
    check = await checkLog(store, SHOP);
  }
  await sleep(1_000); // anything doubled late would show now
  check = await checkLog(store, SHOP);
  for (const engine of engines) engine.kill('SIGKILL');
  await Promise.all(engines.map(exitOf));
  await store.close();
  return { acks, check };
};

const checkOutcome = ({ acks, check }: Awaited<ReturnType<typeof runWithKills>>) => {
  // Enough work to mean something; how much depends on the machine's load (this is no benchmark).
  expect(acks.set.size).toBeGreaterThan(20);
  // Nothing a process saw succeed was lost.
  for (const [id, at] of acks.set) expect(check.set.get(id)).toBe(at);
  // Each reminder fired at most once and each firing was counted exactly once.
  expect(onceEach(check)).toEqual([]);
  for (const id of check.set.keys()) {
    // Not cancelled before it fired: it fired (no deadline lost), no earlier than its time.
    if (!check.cancelled.has(id)) expect(check.fired.has(id), `${id} never fired`).toBe(true);
    const firing = check.fired.get(id)?.[0];
    if (firing !== undefined) {
      const data = firing.data as { at: number; firedAt: number; chain: number };
      expect(data.firedAt).toBeGreaterThanOrEqual(data.at);
      // The follow-up the firing asked for was set (the reaction was not lost).
      if (data.chain > 0) expect(check.set.has(followUpId(id)), `${id}'s follow-up`).toBe(true);
    }
  }
  // A reminder fired and cancelled: the two were decided one after the other on its stream, so the log says which came first.
  for (const id of check.cancelled) {
    const events = check.events.filter((e) => (e.data as { reminderId?: string }).reminderId === id && e.stream.startsWith('reminder-'));
    expect(events.filter((e) => e.type === 'ReminderFired' || e.type === 'ReminderCancelled')).toHaveLength(1);
  }
  expect(check.fired.size).toBeGreaterThan(50);
  console.info(`[reactor faults] ${acks.set.size} reminders set by the engines, ${check.set.size} in all, ${check.fired.size} fired, ${check.cancelled.size} cancelled`);
};

describe('reactor faults on SQLite: two engine processes, one killed at random and restarted', () => {
  const folder = mkdtempSync(join(tmpdir(), 'kefu-reactor-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('fires every deadline once and carries every reaction once, checked over the whole log', async () => {
    checkOutcome(await runWithKills({ kind: 'sqlite', filename: join(folder, 'shared.db') }));
  }, 300_000);
});

describePg('reactor faults on PostgreSQL: two engine processes, one killed at random and restarted', () => {
  const schemas = schemaPerStore();
  it('fires every deadline once and carries every reaction once, checked over the whole log', async () => {
    const schema = schemas.schema('reactor');
    checkOutcome(await runWithKills({ kind: 'postgres', url: pgUrl!, schema }));
  }, 300_000);
});
