/**
 * The real routing stream, through `engine.dispatch` (decode, decide, append,
 * inline board and queue projections), with 100 and 10,000 agents online, on
 * each store: in memory, SQLite (a file in the OS's temporary directory) and
 * PostgreSQL (a fresh schema per run). The workloads are bench/routing.bench.ts's
 * `newSessionRate` and `dequeueRate`, unchanged; only the store differs. Emmett
 * has no routing, so the reference of each row is kefu itself at 100 agents, and
 * the ratio is the time per assignment at 10,000 agents over that at 100.
 *
 * Setting up a desk of 10,000 agents takes 20,000 dispatches (register, online)
 * and the dequeue workload 21,000 more (fill every seat, then the queue), one
 * store round trip each: about 90 s on PostgreSQL here. `--quick` therefore
 * compares 100 with 1,000 agents on SQLite and PostgreSQL (the row says so), and
 * keeps 10,000 in memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '../../src/adapters/eventStore.js';
import { createInMemoryEventStore } from '../../src/adapters/memory/inMemoryEventStore.js';
import { createPostgresEventStore } from '../../src/adapters/postgres/index.js';
import { createSqliteEventStore } from '../../src/adapters/sqlite/index.js';
import { check } from '../lib/measure.js';
import { dequeueRate, newSessionRate, type RoutingWorkload } from '../routing.bench.js';
import { atMost, type Row } from './report.js';

interface StoreUnderTest {
  readonly name: string;
  readonly store: () => Promise<EventStore>;
  /** The larger desk, compared with 100 agents: 10,000, except in --quick mode on the durable stores. */
  readonly large: number;
  readonly perRound: number;
  readonly rounds: number;
}

const SMALL = 100;

export const routingRows = async (
  options: { quick: boolean; postgresUrl: string | undefined },
  progress: (line: string) => void,
): Promise<Row[]> => {
  const folder = mkdtempSync(join(tmpdir(), 'kefu-compare-routing-'));
  let files = 0;
  let schemas = 0;
  const q = options.quick;
  const stores: StoreUnderTest[] = [
    { name: 'in memory', store: async () => createInMemoryEventStore(), large: 10_000, perRound: q ? 1_000 : 5_000, rounds: q ? 3 : 5 },
    {
      name: 'SQLite',
      store: async () => createSqliteEventStore({ filename: join(folder, `routing-${files++}.db`) }),
      large: q ? 1_000 : 10_000,
      perRound: q ? 300 : 2_000,
      rounds: q ? 3 : 5,
    },
  ];
  const url = options.postgresUrl;
  if (url !== undefined) {
    stores.push({
      name: 'PostgreSQL',
      store: async () => {
        const store = createPostgresEventStore({ connectionString: url, schema: `routing_${schemas++}` });
        check(E.isRight(await store.ready()), 'routing schema migrated');
        return store;
      },
      large: q ? 1_000 : 10_000,
      perRound: q ? 100 : 500,
      rounds: q ? 3 : 5,
    });
  }
  const rows: Row[] = [];
  try {
    for (const s of stores) {
      const rates = new Map<number, { arrive: number; dequeue: number }>();
      for (const agents of [SMALL, s.large]) {
        const workload: RoutingWorkload = { agents, store: s.store, perRound: s.perRound, rounds: s.rounds };
        const arrive = await newSessionRate(workload);
        const dequeue = await dequeueRate(workload);
        progress(`routing ${s.name}, ${agents} agents: new session ${Math.round(arrive)}/s, dequeue ${Math.round(dequeue)}/s`);
        rates.set(agents, { arrive, dequeue });
      }
      const small = rates.get(SMALL)!;
      const large = rates.get(s.large)!;
      const count = s.large.toLocaleString('en-US');
      for (const [workload, key] of [
        ['new session routed to an agent', 'arrive'],
        ['session ended, head of a 1,000-session queue assigned', 'dequeue'],
      ] as const) {
        rows.push({
          section: 'routing',
          figure: `routing ${s.name}: ${workload}, ${count} agents online${s.large === 10_000 ? '' : ' (quick: not 10,000)'}`,
          kefu: large[key],
          unit: 'assignments/s',
          reference: small[key],
          referenceName: 'kefu, 100 agents',
          ratioMeaning: `time at ${count} / at 100`,
          ratio: small[key] / large[key],
          target: atMost(3),
        });
      }
    }
    return rows;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
};
