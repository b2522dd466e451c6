/**
 * One engine process of the conversation benchmark, on the store the other one
 * shares (SQLite file or PostgreSQL schema). Three modes:
 *
 * - `messages`: createEngine with the desk and the conversation (reactor live on
 *   the system clock, as in production: it follows every event both processes
 *   write), sending messages to its own sessions
 *   through `engine.dispatch`: each session alternates customer and agent messages
 *   (the agent the desk assigned writes). `loops` loops at once, each over its own
 *   slice of the sessions, round robin.
 * - `messages-reactor-off`: the same with the reactor off (as a process that
 *   leaves reactions to another would run): what following the log costs.
 * - `appends`: the store's own 1-event append (`store.append` with the exact
 *   expected version), same loops, one stream per session of its own, each row a
 *   copy of a stored MessageSent (new event id): the rate `dispatch` is held to.
 *
 * Both warm up first (one pass over every session or stream, which also loads each
 * conversation into the engine's cache, then `warmUpSeconds`), counted apart, say
 * ready, and on go work for `seconds`. Every append the store answered with a
 * version conflict is counted (backend.ts) and reported in the notes, by stream
 * kind; a refused dispatch fails the run.
 *
 * Run by conversation.bench.ts under `node --import tsx`; argument: MessageArgs as JSON.
 */
import * as E from 'fp-ts/lib/Either.js';
import { performance } from 'node:perf_hooks';
import { conversationModule } from '../../src/domain/conversation/conversationModule.js';
import { deskModule } from '../../src/domain/desk/deskModule.js';
import type { EventToAppend } from '../../src/domain/envelope.js';
import { createEngine } from '../../src/engine.js';
import { seededRandom } from '../../src/runtime/seededRandom.js';
import { childArgs, readyThenGo, runChild } from '../scale/protocol.js';
import { countingConflicts, openStore, type Backend } from './backend.js';
import { SHOP, type OpenSession } from './setup.js';

export interface MessageArgs {
  readonly backend: Backend;
  /** `messages` with the reactor live (as in production) or `off` (another process would run it), or the store's own `appends`. */
  readonly mode: 'messages' | 'messages-reactor-off' | 'appends';
  /** Which process this is (0 or 1): message ids and append streams are named after it and the round. */
  readonly index: number;
  readonly round: number;
  readonly sessions: readonly OpenSession[];
  readonly loops: number;
  readonly seconds: number;
  readonly warmUpSeconds: number;
  /** A stored MessageSent, copied by the append loop. */
  readonly template: EventToAppend;
}

/** A loop's unit of work: one message (or append) to the `k`-th item of its slice. */
type Step = (item: number, n: number) => Promise<void>;

runChild(async () => {
  const args = childArgs<MessageArgs>();
  const applicationName = `kefu-conversation-${args.mode}-${args.index}`;
  const { store, conflicts } = countingConflicts(openStore(args.backend, applicationName));
  const notes: Record<string, number> = {};
  const note = (key: string) => (notes[key] = (notes[key] ?? 0) + 1);
  const tag = `${args.mode === 'messages-reactor-off' ? 'o' : 'r'}${args.round}-p${args.index}`;
  const engine =
    args.mode !== 'appends'
      ? createEngine({
          store,
          modules: [deskModule, conversationModule],
          random: seededRandom(2000 + 10 * args.round + args.index),
          reactor: { mode: args.mode === 'messages' ? 'live' : 'off' },
          onReactorReport: (r) => note(`reactor ${r.kind}`),
        })
      : undefined;

  let step: Step;
  if (engine !== undefined) {
    step = async (item, n) => {
      const { sessionId, customerId, agentId } = args.sessions[item]!;
      const messageId = `${tag}-${n}`;
      const input =
        n % 2 === 0
          ? { type: 'SendCustomerMessage', shopId: SHOP, actor: { kind: 'customer', id: customerId }, data: { sessionId, messageId, customerId, content: { kind: 'text', text: 'is it in stock?' } } }
          : { type: 'SendAgentMessage', shopId: SHOP, actor: { kind: 'agent', id: agentId }, data: { sessionId, messageId, content: { kind: 'text', text: 'yes, it ships today' } } };
      const result = await engine.dispatchUnknown(input);
      if (E.isLeft(result)) throw new Error(`${input.type} to ${sessionId} refused: ${JSON.stringify(result.left)}`);
      if (result.right.events.length !== 1 || result.right.events[0]!.type !== 'MessageSent') {
        throw new Error(`${input.type} to ${sessionId} wrote ${result.right.events.map((e) => e.type).join() || 'nothing'}`);
      }
    };
  } else {
    const versions = new Array<number>(args.sessions.length).fill(0);
    let serial = 0;
    step = async (item) => {
      const stream = `append-${tag}-${args.sessions[item]!.sessionId}`;
      const event: EventToAppend = { ...args.template, metadata: { ...args.template.metadata, eventId: `${tag}-${serial++}` } };
      const result = await store.append(stream, [event], versions[item]!);
      if (E.isLeft(result)) throw new Error(`append to ${stream} failed: ${JSON.stringify(result.left)}`);
      versions[item] = result.right.nextVersion;
    };
  }

  // Loop j takes items j, j + loops, j + 2 loops, ...; a message's number n counts per item, so each session alternates customer, agent, customer, ...
  const counts = new Array<number>(args.sessions.length).fill(0);
  const slices = Array.from({ length: args.loops }, (_, j) => args.sessions.map((_, i) => i).filter((i) => i % args.loops === j));
  const work = async (until: number, minimumPasses: number) => {
    const loop = async (slice: readonly number[]) => {
      let done = 0;
      for (let k = 0; k < slice.length * minimumPasses || performance.now() < until; k++) {
        const item = slice[k % slice.length]!;
        await step(item, counts[item]!++);
        done++;
      }
      return done;
    };
    return (await Promise.all(slices.map(loop))).reduce((a, b) => a + b, 0);
  };

  const warmUp = await work(performance.now() + args.warmUpSeconds * 1000, 1);
  await readyThenGo();
  const start = performance.now();
  const done = await work(start + args.seconds * 1000, 0);
  const seconds = (performance.now() - start) / 1000;
  await engine?.close();
  await store.close();
  for (const [kind, n] of conflicts.byKind) notes[`conflicts ${kind}`] = n;
  notes.conflicts = conflicts.total();
  return { done, warmUp, seconds, notes };
});
