/**
 * Conversations at speed (issue 15, "Speed"): one shop with 1,000 open sessions
 * (agents online with room for all; each session opened by its customer's first
 * message and assigned through the reactions, conversation/setup.ts), then two
 * engine processes on the same store (a SQLite file; a PostgreSQL schema in a
 * scratch database), each sending messages to its half of the sessions through
 * `engine.dispatch`, customer and agent messages alternating in every session
 * (conversation/messageProcess.ts, reactors live), for a fixed time.
 *
 * Beside it, in the same run, the store's own 1-event append (`store.append`, the
 * exact version expected): the same two processes, the same loops, one stream per
 * session of their own, each row a copy of a stored MessageSent. And the same
 * messages with the reactors off: each live reactor follows every event both
 * processes write, which is part of what a message costs. The three take turns
 * round by round (the order rotated each round), and a ratio is the median of the
 * per-round ratios (target >= 0.5).
 *
 * Checked against the store: every message the processes report is one
 * MessageSent in a conversation stream, every append one row; no append of a
 * conversation stream was refused for its version (every conflict is counted by a
 * wrapper around the store, conversation/backend.ts, retried by the engine or
 * not); the routing stream holds the same events after the messages as before
 * them (its events per session are a figure).
 *
 * Without KEFU_PG_URL the PostgreSQL half is skipped.
 */
import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createPostgresEventStore } from '../src/adapters/postgres/index.js';
import { createSqliteEventStore } from '../src/adapters/sqlite/index.js';
import type { EventStore } from '../src/adapters/eventStore.js';
import { withScratchDatabase } from './compare/scratchDatabase.js';
import { check, median, type Figure } from './lib/measure.js';
import type { Backend } from './conversation/backend.js';
import type { MessageArgs } from './conversation/messageProcess.js';
import { routingCounts, setUpShop, type SetUp } from './conversation/setup.js';
import { goTogether, startChild } from './scale/processes.js';
import type { ChildResult } from './scale/protocol.js';

const SUITE = 'conversation';
const PROCESSES = 2;
/** Loops per process, each with one dispatch (or append) in flight. */
const LOOPS = 8;

interface Sizes {
  readonly sessions: number;
  readonly agents: number;
  readonly rounds: number;
  readonly seconds: number;
  readonly warmUpSeconds: number;
}

interface Target {
  readonly label: string;
  readonly backend: Backend;
  /** The parent's store: set-up and the routing stream's read afterwards. */
  readonly open: () => Promise<EventStore>;
  /** A count over the events table (the SQL's `events` is the backend's table). */
  readonly count: (where: string) => Promise<number>;
  readonly close: () => Promise<void>;
}

interface Run {
  readonly rate: number;
  readonly done: number;
  readonly lifetime: number;
  readonly results: readonly ChildResult[];
}

/** Starts both processes, lets them go together once both are ready, and collects what they did. */
const runChildren = async (args: (index: number) => MessageArgs): Promise<Run> => {
  const children = Array.from({ length: PROCESSES }, (_, index) => startChild('bench/conversation/messageProcess.ts', args(index)));
  try {
    await goTogether(children);
    const results = await Promise.all(children.map((c) => c.result));
    return {
      results,
      rate: results.reduce((a, r) => a + r.done / r.seconds, 0),
      done: results.reduce((a, r) => a + r.done, 0),
      lifetime: results.reduce((a, r) => a + r.done + r.warmUp, 0),
    };
  } finally {
    for (const c of children) c.kill();
  }
};

const sum = (runs: readonly Run[], key: string) => runs.flatMap((r) => r.results).reduce((a, r) => a + (r.notes[key] ?? 0), 0);

const notesOf = (runs: readonly Run[]) => {
  const totals = new Map<string, number>();
  for (const r of runs.flatMap((run) => run.results)) for (const [k, v] of Object.entries(r.notes)) totals.set(k, (totals.get(k) ?? 0) + v);
  return [...totals].map(([k, v]) => `${k}: ${v}`).join(', ');
};

const measure = async (target: Target, sizes: Sizes): Promise<Figure[]> => {
  const figures: Figure[] = [];
  const figure = (name: string, value: number, unit: string) => figures.push({ suite: SUITE, name: `${target.label}: ${name}`, value, unit });
  const store = await target.open();
  let setUp: SetUp;
  try {
    setUp = await setUpShop(store, { sessions: sizes.sessions, agents: sizes.agents, concurrency: 16 });
  } finally {
    await store.close();
  }
  process.stderr.write(
    `  ${target.label}: ${sizes.sessions.toLocaleString('en-US')} sessions opened and assigned in ${setUp.seconds.toFixed(1)} s; routing stream ${setUp.routingEvents} events, ${setUp.routingSessionEvents} about sessions\n`,
  );
  check((await target.count(`type = 'ConversationAssigned'`)) === sizes.sessions, 'every conversation got its assignment mirrored');

  // Each process its half of the sessions.
  const half = Math.ceil(sizes.sessions / PROCESSES);
  const args = (mode: MessageArgs['mode'], round: number) => (index: number): MessageArgs => ({
    backend: target.backend,
    mode,
    index,
    round,
    sessions: setUp.sessions.slice(index * half, (index + 1) * half),
    loops: LOOPS,
    seconds: sizes.seconds,
    warmUpSeconds: sizes.warmUpSeconds,
    template: setUp.template,
  });
  const modes = ['messages', 'appends', 'messages-reactor-off'] as const;
  const runs = new Map<MessageArgs['mode'], Run[]>(modes.map((m) => [m, []]));
  for (let round = 0; round < sizes.rounds; round++) {
    // The order rotates from round to round, so no mode always goes first.
    for (let j = 0; j < modes.length; j++) {
      const mode = modes[(round + j) % modes.length]!;
      const run = await runChildren(args(mode, round));
      runs.get(mode)!.push(run);
      process.stderr.write(`  ${target.label} round ${round + 1}, ${mode}: ${Math.round(run.rate)}/s (${run.done} in the window)\n`);
    }
  }
  const messages = [...runs.get('messages')!, ...runs.get('messages-reactor-off')!];
  const appends = runs.get('appends')!;

  const sent = await target.count(`type = 'MessageSent' AND stream LIKE 'conversation-%'`);
  const reported = sizes.sessions + messages.reduce((a, r) => a + r.lifetime, 0);
  check(sent === reported, `${reported} messages sent (first messages included), ${sent} MessageSent events stored`);
  const appended = await target.count(`stream LIKE 'append-%'`);
  const appendsReported = appends.reduce((a, r) => a + r.lifetime, 0);
  check(appended === appendsReported, `${appendsReported} appends reported, ${appended} rows stored`);
  const after = await target.open();
  const routing = await routingCounts(after).finally(() => after.close());
  check(routing.all === setUp.routingEvents, `the routing stream has ${routing.all} events after the messages, ${setUp.routingEvents} before`);
  const conversationConflicts = sum(messages, 'conflicts conversation');
  check(conversationConflicts === 0, `${conversationConflicts} version conflicts on conversation streams`);
  for (const mode of modes) {
    const notes = notesOf(runs.get(mode)!);
    if (notes !== '') process.stderr.write(`  ${target.label}, ${mode}: ${notes}\n`);
  }

  const rateOf = (mode: MessageArgs['mode']) => median(runs.get(mode)!.map((r) => r.rate));
  /** The median of the per-round ratios mode / appends. */
  const ratioOf = (mode: MessageArgs['mode']) => median(runs.get(mode)!.map((m, i) => m.rate / appends[i]!.rate));
  const sessions = sizes.sessions.toLocaleString('en-US');
  figure(`${PROCESSES} engine processes x ${LOOPS} loops, ${sessions} sessions, messages through dispatch (customer/agent alternating), reactors live`, rateOf('messages'), 'messages/s');
  figure(`${PROCESSES} processes x ${LOOPS} loops, store's own 1-event append (same rows, a stream per session)`, rateOf('appends'), 'appends/s');
  figure('messages through dispatch, reactors live / store 1-event append (target >= 0.5)', ratioOf('messages'), 'x');
  figure(`the same messages with the reactors off`, rateOf('messages-reactor-off'), 'messages/s');
  figure('messages through dispatch, reactors off / store 1-event append', ratioOf('messages-reactor-off'), 'x');
  figure(`version conflicts, ${sent.toLocaleString('en-US')} messages (conversation streams; all streams: ${sum(messages, 'conflicts')})`, conversationConflicts, 'conflicts');
  figure(`routing stream events per session (${routing.sessions.toLocaleString('en-US')} about sessions; ${routing.all.toLocaleString('en-US')} with the agents')`, routing.sessions / sizes.sessions, 'events/session');
  figure(`messages per conversation stream after the run (MessageSent, ${sent.toLocaleString('en-US')} in all)`, sent / sizes.sessions, 'messages/session');
  return figures;
};

const sqliteTarget = (folder: string): Target => {
  const filename = join(folder, 'conversation.db');
  return {
    label: 'SQLite',
    backend: { kind: 'sqlite', filename },
    open: async () => createSqliteEventStore({ filename }),
    count: async (where) => {
      const db = new Database(filename, { readonly: true });
      try {
        return db.prepare(`SELECT count(*) FROM kefu_events WHERE ${where}`).pluck().get() as number;
      } finally {
        db.close();
      }
    },
    close: async () => undefined,
  };
};

const postgresTarget = (url: string, db: pg.Client): Target => {
  const schema = 'conversation';
  return {
    label: 'PostgreSQL',
    backend: { kind: 'postgres', url, schema },
    open: async () => {
      const store = createPostgresEventStore({ connectionString: url, schema, applicationName: 'kefu-conversation-parent', maxConnections: 20 });
      // Migrated here, once, so the processes do not queue on the migration lock.
      check(E.isRight(await store.ready()), `migrations of ${schema} ran`);
      return store;
    },
    count: async (where) => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.events WHERE ${where}`)).rows[0]!.n),
    close: () => db.end(),
  };
};

export const conversationBench = async (options: { quick: boolean }): Promise<Figure[]> => {
  const sizes: Sizes = options.quick
    ? { sessions: 200, agents: 10, rounds: 1, seconds: 2, warmUpSeconds: 0.5 }
    : { sessions: 1_000, agents: 40, rounds: 3, seconds: 4, warmUpSeconds: 1 };
  const figures: Figure[] = [];
  const folder = mkdtempSync(join(tmpdir(), 'kefu-conversation-bench-'));
  try {
    figures.push(...(await measure(sqliteTarget(folder), sizes)));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  if (process.env.KEFU_PG_URL === undefined) {
    process.stderr.write('conversation suite: PostgreSQL half skipped; set KEFU_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) to run it\n');
    return figures;
  }
  figures.push(
    ...(await withScratchDatabase('kefu_conversation', async (url) => {
      const db = new pg.Client({ connectionString: url, application_name: 'kefu-conversation-checks' });
      // DROP DATABASE ... WITH (FORCE) may end this connection first: not a failure.
      db.on('error', () => undefined);
      await db.connect();
      const target = postgresTarget(url, db);
      try {
        return await measure(target, sizes);
      } finally {
        await target.close().catch(() => undefined);
      }
    })),
  );
  return figures;
};
