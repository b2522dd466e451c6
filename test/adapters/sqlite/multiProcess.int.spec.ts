/**
 * Several real OS processes append to one new SQLite file at once: to shared
 * streams at the version they just read (so they lose races) and each to its own
 * stream. Afterwards the file must hold exactly what the processes were told.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteEventStore } from '../../../src/adapters/sqlite/index.js';
import type { RecordedEvent } from '../../../src/domain/envelope.js';
import { readEverything } from '../../conformance/fixtures.js';
import { exitOf, forkChild } from './childProcesses.js';
import type { AppenderReport } from './children/concurrentAppender.js';
import { tempFolder } from './tempFiles.js';

const files = tempFolder();
const started: ChildProcess[] = [];
afterAll(() => {
  // Only if the test failed half-way: no writer outlives it.
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  files.remove();
});

const WRITERS = 4;
const OPS = 150;
const SHARED = 2;

describe('sqlite store: several processes appending to one file', () => {
  it('keeps every stream gapless, positions strictly increasing, and every reported append there exactly once', async () => {
    const filename = files.file('shared');
    const children = Array.from({ length: WRITERS }, (_, writer) =>
      forkChild('concurrentAppender.ts', [filename, String(writer), String(OPS), String(SHARED)]),
    );
    started.push(...children);
    const reports: AppenderReport[] = [];
    // Every child opens the (new) file and migrates it at the same time; none may fail.
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve, reject) => {
            child.on('message', (message: { ready?: number; report?: AppenderReport }) => {
              if (message.ready !== undefined) resolve();
              if (message.report !== undefined) reports.push(message.report);
            });
            child.once('exit', (code) => reject(new Error(`a writer exited with ${code} before it was ready`)));
          }),
      ),
    );
    for (const child of children) child.send('go');
    const exits = await Promise.all(children.map(exitOf));
    expect(exits).toEqual(Array(WRITERS).fill({ code: 0, signal: null }));
    expect(reports).toHaveLength(WRITERS * OPS);

    const store = createSqliteEventStore({ filename });
    const all = await readEverything(store, undefined, 500);
    await store.close();

    // The global log: positions 1..n in order, nothing missing, nothing twice.
    expect(all.map((e) => e.globalPosition)).toEqual(all.map((_, i) => i + 1));

    // Every stream: versions 1..n, each event belonging to exactly one successful append.
    const byStream = new Map<string, RecordedEvent[]>();
    for (const e of all) byStream.set(e.stream, [...(byStream.get(e.stream) ?? []), e]);
    for (const [, stored] of byStream) expect(stored.map((e) => e.streamVersion)).toEqual(stored.map((_, i) => i + 1));

    const byBatch = new Map<string, RecordedEvent[]>();
    for (const e of all) byBatch.set(e.metadata.correlationId, [...(byBatch.get(e.metadata.correlationId) ?? []), e]);

    const succeeded = reports.filter((r) => r.outcome === 'ok');
    const refused = reports.filter((r) => r.outcome !== 'ok');
    for (const report of succeeded) {
      const stored = byBatch.get(`w${report.writer}-op${report.op}`) ?? [];
      expect(stored.map((e) => e.globalPosition)).toEqual(report.positions);
      expect(stored.map((e) => e.streamVersion)).toEqual(report.versions);
      expect(stored.map((e) => (e.data as { index: number }).index)).toEqual(Array.from({ length: report.size }, (_, i) => i));
      expect(stored.every((e) => e.stream === report.stream)).toBe(true);
    }
    // Everything refused is a typed conflict on a shared stream, with the version that beat it; nothing of it is stored.
    for (const report of refused) {
      expect(report.outcome).toBe('ConcurrencyConflict');
      expect(report.stream).toMatch(/^shared-/);
      expect(report.actual).toBeGreaterThan(typeof report.expected === 'number' ? report.expected : 0);
      expect(byBatch.has(`w${report.writer}-op${report.op}`)).toBe(false);
    }
    expect(all).toHaveLength(succeeded.reduce((n, r) => n + r.size, 0));
    // Each process's own stream took all of its appends; the races really happened.
    for (let writer = 0; writer < WRITERS; writer++) {
      const mine = reports.filter((r) => r.stream === `own-${writer}`);
      expect(mine.every((r) => r.outcome === 'ok')).toBe(true);
      expect(byStream.get(`own-${writer}`)).toHaveLength(mine.reduce((n, r) => n + r.size, 0));
    }
    expect(refused.length).toBeGreaterThan(0);
  });
});
