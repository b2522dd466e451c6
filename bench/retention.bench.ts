/**
 * S16's cost (issue 16, retention): conversation messages on the SQLite store, with
 * content protection (AES-256-GCM per session key, keys in a SQLite file of their
 * own) against the same store without it, in the same run, the two sides taking
 * turns round by round (compare/rounds.ts); a ratio is the median of the per-round
 * ratios.
 *
 * - append: one MessageSent per append (a stored event's shape: a text of 37
 *   characters), 1,000 sessions, each with its exact expected version; the first
 *   message of a session creates its key, the others reuse it (one key-store write
 *   per session and hour);
 * - read-all: the whole log in pages of 1,000, every content opened (the keys come
 *   from memory after the first page that needs them, as a reactor's would);
 * - dispatch: customer and agent messages through `engine.dispatch` (decode,
 *   decide, append, the cached state), reactors off, on sessions opened beforehand.
 *
 * Checked: every side stored every event once, and the protected log opens to the
 * same data as the plain one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '../src/adapters/eventStore.js';
import { createSqliteEventStore, createSqliteKeyStore, type SqliteEventStore } from '../src/adapters/sqlite/index.js';
import { conversationModule, conversationStream } from '../src/domain/conversation/conversationModule.js';
import type { EventToAppend } from '../src/domain/envelope.js';
import { createEngine, type Engine } from '../src/engine.js';
import { protectContent } from '../src/runtime/contentProtection/protectContent.js';
import { seededRandom } from '../src/runtime/seededRandom.js';
import { virtualClock } from '../src/runtime/virtualClock.js';
import { interleave, type Round } from './compare/rounds.js';
import { check, type Figure } from './lib/measure.js';

const SUITE = 'retention';
const SHOP = 'bench-shop';
const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);
const TEXT = '你好，我的订单 7788-XYZ 还没有发货，请帮我查一下物流情况，谢谢！';

const messageSent = (session: number, seq: number, n: number): EventToAppend => ({
  type: 'MessageSent',
  schemaVersion: 1,
  data: {
    sessionId: `s${session}`,
    messageId: `m${n}`,
    seq,
    sender: seq % 2 === 1 ? { kind: 'customer', id: `c${session}` } : { kind: 'agent', id: 'a1' },
    kind: 'text',
    content: { kind: 'text', text: TEXT },
    staffOnly: false,
    at: T0 + n,
  },
  metadata: { eventId: `e${n}`, shopId: SHOP, actor: { kind: 'system' }, occurredAt: T0 + n, correlationId: `c${n}`, causationId: `c${n}` },
});

/** Appends `perRound` messages a round, round-robin over the sessions, each with its stream's exact version. */
const appends = (store: EventStore, sessions: number, perRound: number): Round => {
  const versions = new Array<number>(sessions).fill(0);
  let n = 0;
  return async () => {
    for (let i = 0; i < perRound; i++) {
      const s = n % sessions;
      const appended = await store.append(conversationStream(SHOP, `s${s}`), [messageSent(s, versions[s]! + 1, n)], versions[s]!);
      if (E.isLeft(appended)) throw new Error(`append failed: ${JSON.stringify(appended.left)}`);
      versions[s] = appended.right.nextVersion;
      n++;
    }
    return perRound;
  };
};

const readAll = (store: EventStore, total: () => number): Round => async () => {
  let after = 0;
  let read = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: 1000 });
    if (E.isLeft(page)) throw new Error(`readAll failed: ${JSON.stringify(page.left)}`);
    read += page.right.length;
    if (page.right.length < 1000) break;
    after = page.right[page.right.length - 1]!.globalPosition;
  }
  check(read === total(), `read ${read} of ${total()} events`);
  return read;
};

/** Customer and agent messages alternating over the sessions, opened by a first message before timing. */
const dispatches = async (engine: Engine, sessions: number, perRound: number): Promise<Round> => {
  for (let s = 0; s < sessions; s++) {
    const opened = await engine.dispatch({
      type: 'SendCustomerMessage',
      shopId: SHOP,
      actor: { kind: 'customer', id: `c${s}` },
      data: { sessionId: `s${s}`, messageId: `open-${s}`, customerId: `c${s}`, content: { kind: 'text', text: TEXT }, channel: 'web-mall' },
    });
    if (E.isLeft(opened)) throw new Error(`open failed: ${JSON.stringify(opened.left)}`);
  }
  let n = 0;
  return async () => {
    for (let i = 0; i < perRound; i++) {
      const s = n % sessions;
      const result = await engine.dispatch({
        type: 'SendCustomerMessage',
        shopId: SHOP,
        actor: { kind: 'customer', id: `c${s}` },
        data: { sessionId: `s${s}`, messageId: `d${n}`, customerId: `c${s}`, content: { kind: 'text', text: TEXT }, channel: 'web-mall' },
      });
      if (E.isLeft(result)) throw new Error(`dispatch failed: ${JSON.stringify(result.left)}`);
      n++;
    }
    return perRound;
  };
};

const count = (store: SqliteEventStore) => store.database.prepare('SELECT count(*) FROM kefu_events').pluck().get() as number;

export const retentionBench = async (options: { quick: boolean }): Promise<Figure[]> => {
  const rounds = options.quick ? 3 : 5;
  const perRound = options.quick ? 3_000 : 20_000;
  const sessions = 1000;
  const folder = mkdtempSync(join(tmpdir(), 'kefu-retention-bench-'));
  const figures: Figure[] = [];
  const figure = (name: string, value: number, unit: string) => figures.push({ suite: SUITE, name, value, unit });
  const opened: { close: () => Promise<void> }[] = [];
  try {
    const plain = createSqliteEventStore({ filename: join(folder, 'plain.db') });
    const base = createSqliteEventStore({ filename: join(folder, 'protected.db') });
    const keys = createSqliteKeyStore({ filename: join(folder, 'keys.db') });
    opened.push(plain, base, keys);
    const sealed = protectContent(base, { keys, modules: [conversationModule] });

    const append = await interleave(rounds, { plain: appends(plain, sessions, perRound), protected: appends(sealed, sessions, perRound) });
    const stored = perRound * (rounds + 1);
    check(count(plain) === stored && count(base) === stored, 'every append stored once on each side');
    figure('append MessageSent, plain', append.rate.plain, 'appends/s');
    figure('append MessageSent, protected', append.rate.protected, 'appends/s');
    figure('protected / plain, append (1 event per append)', append.ratio('protected', 'plain'), 'ratio');

    // Same data once opened: the protected log reads back what the plain one holds.
    const firstOf = async (store: EventStore) => {
      const page = await store.readAll({ maxCount: 1 });
      if (E.isLeft(page)) throw new Error(`readAll failed: ${JSON.stringify(page.left)}`);
      return JSON.stringify(page.right[0]?.data);
    };
    check((await firstOf(sealed)) === (await firstOf(plain)), 'the protected log opens to the plain data');
    check(!(await firstOf(base)).includes('7788-XYZ'), 'the protected store holds no plain text');

    const read = await interleave(rounds, { plain: readAll(plain, () => count(plain)), protected: readAll(sealed, () => count(base)) });
    figure(`read-all, ${stored.toLocaleString('en-US')} messages, plain`, read.rate.plain, 'events/s');
    figure(`read-all, ${stored.toLocaleString('en-US')} messages, protected`, read.rate.protected, 'events/s');
    figure('protected / plain, read-all', read.ratio('protected', 'plain'), 'ratio');

    const plainEngineStore = createSqliteEventStore({ filename: join(folder, 'plain-engine.db') });
    const sealedEngineStore = createSqliteEventStore({ filename: join(folder, 'protected-engine.db') });
    const engineKeys = createSqliteKeyStore({ filename: join(folder, 'engine-keys.db') });
    opened.push(plainEngineStore, sealedEngineStore, engineKeys);
    const engineOf = (store: SqliteEventStore, protect: boolean) =>
      createEngine({
        store,
        modules: [conversationModule],
        clock: virtualClock(T0),
        random: seededRandom(16),
        reactor: { mode: 'off' },
        ...(protect ? { contentProtection: { keys: engineKeys } } : {}),
      });
    const plainEngine = engineOf(plainEngineStore, false);
    const sealedEngine = engineOf(sealedEngineStore, true);
    const perDispatchRound = Math.round(perRound / 4);
    const dispatched = await interleave(rounds, {
      plain: await dispatches(plainEngine, sessions, perDispatchRound),
      protected: await dispatches(sealedEngine, sessions, perDispatchRound),
    });
    const sent = sessions + perDispatchRound * (rounds + 1);
    check(count(plainEngineStore) >= sent && count(sealedEngineStore) === count(plainEngineStore), 'every dispatch stored its events on each side');
    figure('engine.dispatch message, plain', dispatched.rate.plain, 'commands/s');
    figure('engine.dispatch message, protected', dispatched.rate.protected, 'commands/s');
    figure('protected / plain, dispatch', dispatched.ratio('protected', 'plain'), 'ratio');
    await plainEngine.close();
    await sealedEngine.close();
    return figures;
  } finally {
    for (const o of opened) await o.close();
    rmSync(folder, { recursive: true, force: true });
  }
};
