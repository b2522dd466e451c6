/**
 * Real OS processes appending at once, some to shared streams with expected
 * versions, some to streams of their own, while this process follows the log with a
 * live subscription. Afterwards: no version is missing or doubled in any stream,
 * every append a writer was told succeeded is stored exactly once where it was told,
 * nothing else is stored, and the subscription delivered exactly the log, in order.
 */
import { expect, it } from 'vitest';
import type { RecordedEvent } from '../../../src/domain/envelope.js';
import { collector, readEverything, right } from '../../conformance/fixtures.js';
import { runChild } from './childProcess.js';
import type { AppenderLine } from './children/concurrentAppender.js';
import { describePg, pgUrl, schemaPerStore } from './pgTestSupport.js';

const WRITERS = 4;
const ITERATIONS = 150;
const SHARED_STREAMS = 3;

describePg('postgres with concurrent writer processes', () => {
  const stores = schemaPerStore();

  it('keeps every stream gapless and the global log complete and ordered', async () => {
    const store = stores.store({}, 'procs');
    right(await store.ready());
    const got = collector();
    const sub = store.subscribe({ handler: got.handler, batchSize: 50 });
    try {
      const writers = Array.from({ length: WRITERS }, (_, worker) =>
        runChild<AppenderLine>('concurrentAppender.ts', [pgUrl!, store.schema, String(worker), String(ITERATIONS), String(SHARED_STREAMS)]),
      );
      // Every writer has started up and connected before any of them appends.
      await Promise.all(writers.map((w) => w.lineWhere((line) => line.kind === 'ready')));
      for (const w of writers) w.send('go');
      const codes = await Promise.all(writers.map((w) => w.exited));
      expect(codes).toEqual(Array(WRITERS).fill(0));
      const reports = writers.flatMap((w) => w.lines.flatMap((line) => (line.kind === 'appended' ? [line] : [])));
      expect(reports).toHaveLength(WRITERS * ITERATIONS);
      const conflicts = writers.flatMap((w) => w.lines.flatMap((line) => (line.kind === 'done' ? [line.conflicts] : [])));
      expect(conflicts).toHaveLength(WRITERS);
      console.info(`[kefu] ${WRITERS} writer processes, ${reports.length} appends, ${conflicts.reduce((a, b) => a + b, 0)} version conflicts retried`);

      const log = await readEverything(store, undefined, 100);
      const reportedEvents = reports.reduce((n, r) => n + r.eventIds.length, 0);
      expect(log).toHaveLength(reportedEvents);

      // Every reported success is stored exactly once, where and as the writer was told.
      const byId = new Map<string, RecordedEvent>();
      for (const e of log) {
        expect(byId.has(e.metadata.eventId)).toBe(false);
        byId.set(e.metadata.eventId, e);
      }
      for (const report of reports) {
        report.eventIds.forEach((id, k) => {
          const stored = byId.get(id);
          expect(stored, id).toBeDefined();
          expect([stored!.stream, stored!.streamVersion, stored!.globalPosition]).toEqual([report.stream, report.versions[k], report.positions[k]]);
        });
      }

      // Positions strictly increase; every stream's versions run 1..n with no gap.
      for (let i = 1; i < log.length; i++) expect(log[i]!.globalPosition).toBeGreaterThan(log[i - 1]!.globalPosition);
      const versions = new Map<string, number[]>();
      for (const e of log) versions.set(e.stream, [...(versions.get(e.stream) ?? []), e.streamVersion]);
      for (const [stream, list] of versions) {
        expect(list, stream).toEqual(Array.from({ length: list.length }, (_, i) => i + 1));
        expect(right(await store.streamVersion(stream))).toBe(list.length);
      }
      expect([...versions.keys()].filter((s) => s.startsWith('shared-'))).toHaveLength(SHARED_STREAMS);

      // The live subscription saw exactly the log, in order, none skipped, none twice.
      await got.until(log.length);
      expect(got.seen.map((e) => e.globalPosition)).toEqual(log.map((e) => e.globalPosition));
    } finally {
      await sub.stop();
      await store.close();
    }
  });
});
