/**
 * The demo's wall time: `kefu demo`'s day at scale 1 (2,000 customers) on a fresh
 * SQLite file (synchronous NORMAL, as the command opens it), then its reports
 * folded from that file in one pass (rebuildReports over every report of the kit),
 * as the command does before printing. One round each (a round is the whole day,
 * tens of seconds); quick runs use scale 0.1. The counts are checked against the
 * file: the events the day wrote are the events the rebuild folded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as E from 'fp-ts/lib/Either.js';
import { createSqliteEventStore } from '../src/adapters/sqlite/index.js';
import { demoReports } from '../src/demo/demoReports.js';
import { runDemo } from '../src/demo/runDemo.js';
import { check, type Figure } from './lib/measure.js';

const SUITE = 'demo';

export const demoBench = async ({ quick }: { quick: boolean }): Promise<Figure[]> => {
  const scale = quick ? 0.1 : 1;
  const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-demo-'));
  const store = createSqliteEventStore({ filename: join(dir, 'kefu-demo.sqlite'), synchronous: 'NORMAL' });
  try {
    const started = performance.now();
    const day = await runDemo({ store, scale });
    const dayDone = performance.now();
    check(E.isRight(day), 'the demo day ran');
    if (E.isLeft(day)) return [];
    const reports = await demoReports(store, day.right);
    const done = performance.now();
    check(E.isRight(reports), 'the reports were rebuilt');
    const counts = day.right.counts;
    check(E.isRight(reports) && reports.right.events === counts.events, `the rebuild folded the ${counts.events} events the day wrote`);
    const messages = counts.customerMessages + counts.agentMessages + counts.systemMessages;
    const label = `scale ${scale}: ${day.right.customers.toLocaleString('en-US')} customers, ${messages.toLocaleString('en-US')} messages, ${counts.events.toLocaleString('en-US')} events`;
    return [
      { suite: SUITE, name: `kefu demo's day on SQLite, ${label} (wall time)`, value: (dayDone - started) / 1000, unit: 's' },
      { suite: SUITE, name: `kefu demo's reports rebuilt from the SQLite file, all reports (wall time)`, value: (done - dayDone) / 1000, unit: 's' },
      { suite: SUITE, name: `kefu demo, day + reports (wall time)`, value: (done - started) / 1000, unit: 's' },
      { suite: SUITE, name: `kefu demo's day: events written per second`, value: counts.events / ((dayDone - started) / 1000), unit: 'events/s' },
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
};
