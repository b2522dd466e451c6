/**
 * Tickets under SLA (T4, T5, T11) at a big shop's scale, through the engine:
 * (a) a policy change recomputing every open ticket through the reactor, per
 *     ticket; (b) a day of reminders and breaches fired by `advanceTo`. The work
 *     and its checks are in tickets/ticketDay.ts. In memory: 100,000 tickets
 *     (`--quick`: 5,000); on SQLite (a temp file): 20,000 (`--quick`: 2,000),
 *     fewer because the whole day on SQLite takes minutes at 100,000.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInMemoryEventStore } from '../src/adapters/memory/inMemoryEventStore.js';
import { createSqliteEventStore } from '../src/adapters/sqlite/index.js';
import type { Figure } from './lib/measure.js';
import { ticketDay, type TicketDayResult } from './tickets/ticketDay.js';

const SUITE = 'tickets';

const figuresOf = (store: string, r: TicketDayResult): Figure[] => {
  const n = r.tickets.toLocaleString('en-US');
  const f = (name: string, value: number, unit: string): Figure => ({ suite: SUITE, name: `${store}: ${name}`, value, unit });
  const fired = r.reminders + r.breaches;
  return [
    f(`create ${n} tickets under SLA (dispatch + reactor, set-up)`, r.tickets / r.createSeconds, 'tickets/s'),
    f(`policy change: recompute ${n} open tickets through the reactor (advanceTo)`, r.recomputed / r.recomputeSeconds, 'tickets/s'),
    f('time per ticket recomputed', (r.recomputeSeconds * 1e6) / r.recomputed, 'µs'),
    f(`a day of reminders and breaches, ${fired.toLocaleString('en-US')} fired (advanceTo in 15-min steps)`, fired / r.daySeconds, 'fired/s'),
    f('time for the day', r.daySeconds, 's'),
    ...(r.caughtUp > 0 ? [f('points the recompute put in the past, fired at once during it (catch-up)', r.caughtUp, 'events')] : []),
    ...readModelFigures(store, r),
  ];
};

const readModelFigures = (store: string, r: TicketDayResult): Figure[] => {
  const m = r.readModels;
  if (m === undefined) return [];
  const n = r.tickets.toLocaleString('en-US');
  const f = (name: string, value: number, unit: string): Figure => ({ suite: SUITE, name: `${store}: ${name}`, value, unit });
  return [
    ...[...m.foldRates].map(([name, value]) => f(`fold the ${m.events.toLocaleString('en-US')}-event log into ${name}`, value, 'events/s')),
    f(`ticket list, first page of 20 of ${n} (all tickets)`, m.firstPagePerSecond, 'queries/s'),
    f('ticket list, mine to process of an agent with none (read through its index)', m.indexedViewPerSecond, 'queries/s'),
    f(`ticket list, all tickets filtered on a status no row has (walks all ${n})`, m.fullWalkPerSecond, 'queries/s'),
  ];
};

const onMemory = async (count: number, quick: boolean): Promise<TicketDayResult> => {
  const store = createInMemoryEventStore();
  try {
    return await ticketDay(store, count, { progress: (line) => process.stderr.write(`    memory: ${line}\n`), readModels: true, quick });
  } finally {
    await store.close();
  }
};

const onSqlite = async (count: number): Promise<TicketDayResult> => {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-tickets-bench-'));
  const store = createSqliteEventStore({ filename: join(dir, 'tickets.sqlite') });
  try {
    return await ticketDay(store, count, { progress: (line) => process.stderr.write(`    SQLite: ${line}\n`) });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

export const ticketsBench = async (options: { quick: boolean }): Promise<Figure[]> => {
  const figures: Figure[] = [];
  process.stderr.write('  tickets: memory\n');
  figures.push(...figuresOf('memory', await onMemory(options.quick ? 5_000 : 100_000, options.quick)));
  process.stderr.write('  tickets: SQLite\n');
  figures.push(...figuresOf('SQLite', await onSqlite(options.quick ? 2_000 : 20_000)));
  return figures;
};
