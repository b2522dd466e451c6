/**
 * S15 at speed. Matching: a message of 50 to 300 characters (Chinese with ASCII:
 * order numbers, model names, links) against a list of 10,000 sensitive words,
 * with the Aho-Corasick matcher (src/domain/moderation/matcher.ts, compiled once
 * per list version) beside the two naive ways in the same run, a loop of 10,000
 * case-insensitive regexes and a loop of `includes` over the lower-cased text;
 * every message's words are checked to agree between the three, which take turns
 * round by round; a ratio is the median of the per-round ratios. Plus the cost of
 * compiling the list, paid once per version of it.
 *
 * Conversations: messages per second through `engine.dispatch` on the in-memory
 * store, customer and agent messages alternating over 200 assigned sessions, with
 * moderation on (10,000 words, mask in both directions, the throttle on with room
 * for every message) beside no moderation module and the module with everything
 * off, in the same run, taking turns round by round; a ratio is the median of the
 * per-round ratios. Checked against the store:
 * every message sent is stored, and in the mask run the masked ones say so.
 */
import * as E from 'fp-ts/lib/Either.js';
import { performance } from 'node:perf_hooks';
import { createInMemoryEventStore } from '../src/adapters/memory/inMemoryEventStore.js';
import { conversationModule } from '../src/domain/conversation/conversationModule.js';
import { deskModule } from '../src/domain/desk/deskModule.js';
import type { AnyModule } from '../src/domain/module.js';
import { findSensitive, wordsOf } from '../src/domain/moderation/matcher.js';
import { moderationModule } from '../src/domain/moderation/moderationModule.js';
import { distinctWords, emptyWordList, fold, replacedBy } from '../src/domain/moderation/sensitiveWords.js';
import { createEngine, type Engine } from '../src/engine.js';
import { seededRandom } from '../src/runtime/seededRandom.js';
import { virtualClock } from '../src/runtime/virtualClock.js';
import { desk } from '../src/testing/deskInputs.js';
import { messages as makeMessages, sensitiveWords } from './moderation/corpus.js';
import { check, median, type Figure } from './lib/measure.js';

const SUITE = 'moderation';
const WORDS = 10_000;
const SHOP = 'bench-shop';
const system = { kind: 'system' } as const;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const matching = async (options: { quick: boolean }, words: readonly string[], texts: readonly string[]): Promise<Figure[]> => {
  const rounds = options.quick ? 3 : 7;
  const compileTimes: number[] = [];
  for (let i = 0; i < (options.quick ? 2 : 4); i++) {
    const list = replacedBy(emptyWordList, distinctWords(words));
    const start = performance.now();
    findSensitive(list, 'x');
    compileTimes.push(performance.now() - start);
  }
  const list = replacedBy(emptyWordList, distinctWords(words));
  findSensitive(list, 'x');
  // The naive ways, on the same folded forms the matcher compares (so each finds the same words).
  const regexes = list.words.map((w) => [w, new RegExp(escape(fold(w)), 'i')] as const);
  const keys = list.words.map((w) => [w, fold(w)] as const);
  for (const text of texts) {
    const expected = [...wordsOf(findSensitive(list, text))].sort();
    const folded = fold(text);
    check(JSON.stringify(regexes.filter(([, r]) => r.test(folded)).map(([w]) => w).sort()) === JSON.stringify(expected), `the regex loop finds the matcher's words in: ${text}`);
    check(JSON.stringify(keys.filter(([, k]) => folded.includes(k)).map(([w]) => w).sort()) === JSON.stringify(expected), `the includes loop finds the matcher's words in: ${text}`);
  }
  const hits = texts.filter((t) => findSensitive(list, t).length > 0).length;
  process.stderr.write(`  ${list.words.length} words, ${texts.length} messages (${Math.round(median(texts.map((t) => t.length)))} characters median), ${hits} with a listed word\n`);

  let sink = 0;
  const perRound = options.quick ? 2_000 : 10_000;
  const naivePerRound = options.quick ? 20 : 60;
  const ways = {
    matcher: (round: number) => {
      for (let i = 0; i < perRound; i++) sink += findSensitive(list, texts[(i + round + 1) % texts.length]!).length;
      return perRound;
    },
    regexes: (round: number) => {
      for (let i = 0; i < naivePerRound; i++) {
        const folded = fold(texts[(i * 7 + round + 1) % texts.length]!);
        for (const [, r] of regexes) if (r.test(folded)) sink++;
      }
      return naivePerRound;
    },
    includes: (round: number) => {
      for (let i = 0; i < naivePerRound * 5; i++) {
        const folded = fold(texts[(i * 7 + round + 1) % texts.length]!);
        for (const [, k] of keys) if (folded.includes(k)) sink++;
      }
      return naivePerRound * 5;
    },
  };
  type Way = keyof typeof ways;
  const names = Object.keys(ways) as Way[];
  const rates = new Map<Way, number[]>(names.map((n) => [n, []]));
  // The three take turns round by round (after a warm-up round), so a swing of the machine's load hits all three.
  for (let round = -1; round < rounds; round++) {
    for (const name of names) {
      const start = performance.now();
      const done = ways[name](round);
      if (round >= 0) rates.get(name)!.push(done / ((performance.now() - start) / 1000));
    }
  }
  const matcher = median(rates.get('matcher')!);
  const regexLoop = median(rates.get('regexes')!);
  const includesLoop = median(rates.get('includes')!);
  const ratio = (a: Way, b: Way) => median(rates.get(a)!.map((r, i) => r / rates.get(b)![i]!));
  check(sink > 0, 'words were found');
  const label = `a 50-300 character message vs ${WORDS.toLocaleString('en-US')} words`;
  return [
    { suite: SUITE, name: `compile ${WORDS.toLocaleString('en-US')} words (once per list version)`, value: median(compileTimes), unit: 'ms' },
    { suite: SUITE, name: `Aho-Corasick matcher, ${label}`, value: matcher, unit: 'messages/s' },
    { suite: SUITE, name: `loop of ${WORDS.toLocaleString('en-US')} regexes, ${label}`, value: regexLoop, unit: 'messages/s' },
    { suite: SUITE, name: `loop of ${WORDS.toLocaleString('en-US')} String.includes, ${label}`, value: includesLoop, unit: 'messages/s' },
    { suite: SUITE, name: 'matcher vs regex loop', value: ratio('matcher', 'regexes'), unit: 'x' },
    { suite: SUITE, name: 'matcher vs includes loop', value: ratio('matcher', 'includes'), unit: 'x' },
  ];
};

type Mode = 'no module' | 'module, all off' | 'mask, 10,000 words, throttle on';

const ok = async (engine: Engine, input: unknown) => {
  const result = await engine.dispatchUnknown(input);
  if (E.isLeft(result)) throw new Error(`dispatch failed: ${JSON.stringify(result.left)}`);
  return result.right;
};

/** An engine with `sessions` sessions, each opened by its customer and assigned (the reactions carried), moderated as `mode` says. */
const shopFor = async (mode: Mode, sessions: number, words: readonly string[]) => {
  const clock = virtualClock(Date.UTC(2026, 11, 2, 9));
  const modules: readonly AnyModule[] = mode === 'no module' ? [deskModule, conversationModule] : [deskModule, conversationModule, moderationModule];
  const engine = createEngine({ store: createInMemoryEventStore(), modules, clock, random: seededRandom(3), reactor: { mode: 'manual' } });
  const d = desk(SHOP);
  const agents = Math.ceil(sessions / 50);
  for (let a = 0; a < agents; a++) {
    await ok(engine, d.registerAgent({ agentId: `a${a}`, name: `A${a}`, maxSessions: 50 }));
    await ok(engine, d.online(`a${a}`));
  }
  if (mode === 'mask, 10,000 words, throttle on') {
    await ok(engine, { type: 'SetSensitiveWords', shopId: SHOP, actor: system, data: { words } });
    await ok(engine, { type: 'SetSensitiveWordRule', shopId: SHOP, actor: system, data: { incoming: 'mask', outgoing: 'mask' } });
    await ok(engine, { type: 'SetMessageThrottle', shopId: SHOP, actor: system, data: { enabled: true, capacity: 1000, refillPerMinute: 60_000 } });
  }
  for (let s = 0; s < sessions; s++) {
    await ok(engine, { type: 'SendCustomerMessage', shopId: SHOP, actor: { kind: 'customer', id: `c${s}` }, data: { sessionId: `s${s}`, messageId: 'first', customerId: `c${s}`, channel: 'web', content: { kind: 'text', text: '你好' } } });
  }
  const advanced = await engine.advanceTo(clock.now());
  check(E.isRight(advanced), 'the sessions were routed');
  const owners = new Map<string, string>();
  for (const e of await readAll(engine)) if (e.type === 'SessionAssigned') owners.set((e.data as { sessionId: string }).sessionId, (e.data as { agentId: string }).agentId);
  check(owners.size === sessions, `every session assigned (${owners.size} of ${sessions})`);
  return { engine, clock, owners };
};

const readAll = async (engine: Engine) => {
  const out: { type: string; data: unknown; stream: string }[] = [];
  let after = 0;
  for (;;) {
    const page = await engine.store.readAll({ after, maxCount: 5_000 });
    if (E.isLeft(page)) throw new Error(JSON.stringify(page.left));
    out.push(...page.right);
    if (page.right.length < 5_000) return out;
    after = page.right[page.right.length - 1]!.globalPosition;
  }
};

const conversations = async (options: { quick: boolean }, words: readonly string[], texts: readonly string[]): Promise<Figure[]> => {
  const sessions = 200;
  const rounds = options.quick ? 3 : 7;
  const perRound = options.quick ? 2_000 : 6_000;
  const modes: readonly Mode[] = ['no module', 'module, all off', 'mask, 10,000 words, throttle on'];
  const shops = new Map<Mode, Awaited<ReturnType<typeof shopFor>>>();
  for (const mode of modes) shops.set(mode, await shopFor(mode, sessions, words));
  const sent = new Map<Mode, number>(modes.map((m) => [m, 0]));
  const rates = new Map<Mode, number[]>(modes.map((m) => [m, []]));
  // Modes take turns round by round (the order rotated), so none always runs on a warmer process.
  for (let round = -1; round < rounds; round++) {
    for (let j = 0; j < modes.length; j++) {
      const mode = modes[(round + 1 + j) % modes.length]!;
      const { engine, owners } = shops.get(mode)!;
      const base = sent.get(mode)!;
      const start = performance.now();
      for (let i = 0; i < perRound; i++) {
        const n = base + i;
        const s = n % sessions;
        const sessionId = `s${s}`;
        const content = { kind: 'text', text: texts[n % texts.length]! };
        const fromCustomer = Math.floor(n / sessions) % 2 === 0;
        await ok(
          engine,
          fromCustomer
            ? { type: 'SendCustomerMessage', shopId: SHOP, actor: { kind: 'customer', id: `c${s}` }, data: { sessionId, messageId: `m${n}`, customerId: `c${s}`, content } }
            : { type: 'SendAgentMessage', shopId: SHOP, actor: { kind: 'agent', id: owners.get(sessionId)! }, data: { sessionId, messageId: `m${n}`, content } },
        );
      }
      const seconds = (performance.now() - start) / 1000;
      sent.set(mode, base + perRound);
      if (round >= 0) rates.get(mode)!.push(perRound / seconds);
    }
  }
  for (const mode of modes) {
    const stored = (await readAll(shops.get(mode)!.engine)).filter((e) => e.type === 'MessageSent' && e.stream.startsWith('conversation-'));
    check(stored.length === sent.get(mode)! + sessions, `${mode}: every message stored (${stored.length})`);
    const maskedCount = stored.filter((e) => (e.data as { masked?: unknown }).masked !== undefined).length;
    if (mode === 'mask, 10,000 words, throttle on') {
      check(maskedCount > 0, 'some messages were masked');
      process.stderr.write(`  mask run: ${maskedCount} of ${stored.length} messages masked\n`);
    } else check(maskedCount === 0, `${mode}: nothing masked`);
    await shops.get(mode)!.engine.close();
  }
  const value = (mode: Mode) => median(rates.get(mode)!);
  // A ratio is the median of the per-round ratios: a round's modes ran back to back, under the same load.
  const ratio = (a: Mode, b: Mode) => median(rates.get(a)!.map((r, i) => r / rates.get(b)![i]!));
  return [
    ...modes.map((mode) => ({ suite: SUITE, name: `in-memory messages/s, 200 sessions, moderation: ${mode}`, value: value(mode), unit: 'messages/s' })),
    { suite: SUITE, name: 'mask + throttle vs no module', value: ratio('mask, 10,000 words, throttle on', 'no module'), unit: 'x' },
    { suite: SUITE, name: 'module all off vs no module', value: ratio('module, all off', 'no module'), unit: 'x' },
  ];
};

export const moderationBench = async (options: { quick: boolean }): Promise<Figure[]> => {
  const words = sensitiveWords(WORDS);
  const texts = makeMessages(options.quick ? 200 : 500, words);
  return [...(await matching(options, words, texts)), ...(await conversations(options, words, texts))];
};
