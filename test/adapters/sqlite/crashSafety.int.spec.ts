/**
 * Crash safety: a child process appends multi-event batches as fast as it can
 * while a durable projection checkpoints in the same process; it is killed with
 * SIGKILL mid-stream, three times over on one file. The file must hold every
 * batch whole or not at all (and every batch the child saw succeed), and the
 * projection restarted from its checkpoint must reach the state of a rebuild.
 */
import type { ChildProcess } from 'node:child_process';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteEventStore } from '../../../src/adapters/sqlite/index.js';
import type { RecordedEvent } from '../../../src/domain/envelope.js';
import { createRegistry } from '../../../src/domain/registry.js';
import { project, type ProjectedEvent } from '../../../src/projections/projection.js';
import { runProjection } from '../../../src/runtime/projectionRunner.js';
import { counterModule, type CounterEvent } from '../../../src/testing/counterModule.js';
import { readEverything, right } from '../../conformance/fixtures.js';
import { exitOf, spawnChild } from './childProcesses.js';
import { crashTotals, type CrashTotals } from './children/crashProjection.js';
import { tempFolder } from './tempFiles.js';

const files = tempFolder();
const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  files.remove();
});

const ROUNDS = 3;
/** The child is killed once it has reported this many appended batches and some projection progress. */
const BATCHES_BEFORE_KILL = 150;

/** Runs the writer until it has reported enough, then kills it at once; returns the batches it saw succeed. */
const runAndKill = async (filename: string, round: number): Promise<Map<string, number>> => {
  const child = spawnChild('crashingWriter.ts', [filename, String(round)]);
  started.push(child);
  const acknowledged = new Map<string, number>();
  let projected = 0;
  let pending = '';
  const killed = new Promise<void>((resolve) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const [kind, a, b] = line.split(' ');
        if (kind === 'A') acknowledged.set(a!, Number(b));
        if (kind === 'P') projected = Number(a);
      }
      if (acknowledged.size >= BATCHES_BEFORE_KILL && projected > 0 && child.signalCode === null) {
        child.kill('SIGKILL');
        resolve();
      }
    });
  });
  // 'close' comes after the last of its output is read, so no acknowledgement is missed.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const exit = await Promise.race([killed.then(() => exitOf(child)), exitOf(child)]);
  expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
  await closed;
  return acknowledged;
};

const asProjected = (events: readonly RecordedEvent[]): ProjectedEvent<CounterEvent>[] => {
  const registry = createRegistry([counterModule]);
  return events.map((e) => ({ ...e, data: right(registry.decodeEvent(e)).data }) as ProjectedEvent<CounterEvent>);
};

describe('sqlite store: killed with SIGKILL while writing', () => {
  it('keeps batches whole, keeps every acknowledged batch, and resumes the projection to the rebuilt state', async () => {
    const filename = files.file('crash');
    const acknowledged = new Map<string, number>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [batch, size] of await runAndKill(filename, round)) acknowledged.set(batch, size);
    }

    const store = createSqliteEventStore({ filename });
    const all = await readEverything(store, undefined, 1000);
    expect(all.map((e) => e.globalPosition)).toEqual(all.map((_, i) => i + 1));

    // Every batch stored is whole: `size` events, consecutive versions of one stream.
    const batches = new Map<string, RecordedEvent[]>();
    for (const e of all) batches.set(e.metadata.correlationId, [...(batches.get(e.metadata.correlationId) ?? []), e]);
    for (const [, events] of batches) {
      const size = Number(events[0]!.metadata.causationId.replace('size-', ''));
      expect(events).toHaveLength(size);
      expect(new Set(events.map((e) => e.stream)).size).toBe(1);
      expect(events.map((e) => e.streamVersion - events[0]!.streamVersion)).toEqual(events.map((_, i) => i));
      expect(events.map((e) => e.metadata.eventId)).toEqual(events.map((_, i) => `${events[0]!.metadata.correlationId}-${i}`));
    }
    // Every append the child saw succeed survived the kill (at most the one in flight did not return).
    for (const [batch, size] of acknowledged) expect(batches.get(batch)).toHaveLength(size);
    expect(batches.size).toBeGreaterThanOrEqual(acknowledged.size);
    expect(batches.size).toBeLessThanOrEqual(acknowledged.size + ROUNDS);

    // The checkpoint and the state saved with it agree.
    const saved = right(await store.loadProjection(crashTotals.name));
    expect(saved).toBeDefined();
    const savedState = saved!.state as CrashTotals;
    expect(saved!.position).toBeGreaterThan(0);
    expect(savedState.lastPosition).toBe(saved!.position);
    expect(savedState).toEqual(project(crashTotals, asProjected(all.filter((e) => e.globalPosition <= saved!.position))));

    // Restarted from it, the projection reaches what a rebuild from the whole log gives.
    const rebuilt = project(crashTotals, asProjected(all));
    const resumed = right(
      await runProjection({ store, checkpoints: store, registry: createRegistry([counterModule]), projection: crashTotals }),
    );
    await resumed.waitFor(all.length);
    await resumed.stop();
    expect(E.isRight(await resumed.done)).toBe(true);
    expect(resumed.state()).toEqual(rebuilt);
    expect(right(await store.loadProjection(crashTotals.name))).toEqual({ position: all.length, schemaVersion: 1, state: rebuilt });
    await store.close();
  });
});
