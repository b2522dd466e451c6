/**
 * A writer process appending multi-event batches, with a durable projection
 * following the log in the same process, is killed with SIGKILL once it has
 * reported progress. Afterwards every batch is stored whole or not at all, every
 * stream is gapless, and the projection restarted from its checkpoint ends equal to
 * a rebuild from the start.
 */
import { expect, it } from 'vitest';
import { runPostgresProjection } from '../../../src/adapters/postgres/index.js';
import type { RecordedEvent } from '../../../src/domain/envelope.js';
import { readEverything, right } from '../../conformance/fixtures.js';
import { fixtureRegistry } from '../../conformance/fixtureRegistry.js';
import { runChild } from './childProcess.js';
import { BATCH_SIZE, CHILD_APPLICATION, STREAMS, type CrashProgress } from './children/crashProtocol.js';
import { applyTotals, createTotalsTable, foldTotals, readTotals } from './children/totalsProjection.js';
import { describePg, pgUrl, rawPool, schemaPerStore } from './pgTestSupport.js';

describePg('postgres after a writer process is killed', () => {
  const stores = schemaPerStore();

  it('keeps every batch whole and a projection restarted from its checkpoint equal to a rebuild', async () => {
    const store = stores.store({}, 'crash');
    right(await store.ready());
    const { schema } = store;
    const admin = rawPool(2);
    try {
      await createTotalsTable(admin, schema, 'totals');
      await createTotalsTable(admin, schema, 'rebuilt');

      const writer = runChild<CrashProgress>('crashingWriter.ts', [pgUrl!, schema]);
      await writer.lineWhere((p) => p.batches >= 40 && p.projected > 0);
      writer.kill('SIGKILL');
      expect(await writer.exited).toBe('SIGKILL');
      // The server ends the dead process's sessions when it notices; ending them here
      // (pg_terminate_backend waits until each is gone) makes the stored log final
      // before it is checked: a statement still running is rolled back or committed whole.
      await admin.query(`SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE application_name = $1`, [CHILD_APPLICATION]);

      const log = await readEverything(store, undefined, 500);
      const reported = Math.max(...writer.lines.map((p) => p.batches));
      const batches = new Map<number, RecordedEvent[]>();
      for (const e of log) {
        const { batch } = e.data as { batch: number };
        batches.set(batch, [...(batches.get(batch) ?? []), e]);
      }
      // Whole batches only, each in one stream at consecutive versions; every reported one is there.
      expect(batches.size).toBeGreaterThanOrEqual(reported);
      expect([...batches.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: batches.size }, (_, i) => i));
      for (const [batch, events] of batches) {
        expect(events.map((e) => (e.data as { index: number }).index), `batch ${batch}`).toEqual([0, 1, 2, 3]);
        expect(new Set(events.map((e) => e.stream)).size).toBe(1);
        expect(events.map((e) => e.streamVersion - events[0]!.streamVersion)).toEqual([0, 1, 2, 3]);
      }
      for (let s = 0; s < STREAMS; s++) {
        const versions = log.filter((e) => e.stream === `crash-${s}`).map((e) => e.streamVersion);
        expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
        expect(versions.length % BATCH_SIZE).toBe(0);
      }

      const checkpoint = right(await store.loadProjection('totals'));
      expect(checkpoint?.position).toBeGreaterThan(0);
      const head = log[log.length - 1]!.globalPosition;
      const registry = fixtureRegistry('Batched');
      const resumed = runPostgresProjection({ store, registry, name: 'totals', handle: applyTotals(schema, 'totals') });
      const rebuilt = runPostgresProjection({ store, registry, name: 'rebuild', handle: applyTotals(schema, 'rebuilt') });
      await Promise.all([resumed.waitFor(head), rebuilt.waitFor(head)]);
      await Promise.all([resumed.stop(), rebuilt.stop()]);
      expect(right(await resumed.done)).toBeUndefined();

      const totals = await readTotals(admin, schema, 'totals');
      expect(totals).toEqual(await readTotals(admin, schema, 'rebuilt'));
      expect(totals).toEqual(foldTotals(log));
    } finally {
      await admin.end();
      await store.close();
    }
  });
});
