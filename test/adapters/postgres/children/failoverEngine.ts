/**
 * An engine process for the failover test: the desk, the conversation and the
 * shop settings on a PostgreSQL store given a multi-host URL, its reactor live on
 * the system clock (so no-response deadlines fire on their own), dispatching a
 * seeded mix of routing and conversation commands for a few shops until told to
 * stop. It prints one JSON line per command: an acknowledged append (stream,
 * version range, positions, event ids) or a failure (tag, code), each with how
 * long the command took. On 'stop' it stops dispatching, lets its reactor run
 * `graceMs` longer (deadlines still due fire), closes and exits 0.
 *
 * Args: <url> <schema> <name> <seed> <shops JSON> <graceMs> <probeTimeoutMs> <connectionTimeoutMs>.
 */
import * as E from 'fp-ts/lib/Either.js';
import { createPostgresEventStore } from '../../../../src/adapters/postgres/index.js';
import type { ConversationState } from '../../../../src/domain/conversation/conversation.js';
import { conversationModule, conversationStream } from '../../../../src/domain/conversation/conversationModule.js';
import { deskModule } from '../../../../src/domain/desk/deskModule.js';
import type { KefuError } from '../../../../src/domain/errors.js';
import { shopSettingsModule } from '../../../../src/domain/shopSettings/shopSettingsModule.js';
import { createEngine } from '../../../../src/engine.js';
import { seededRandom } from '../../../../src/runtime/seededRandom.js';
import { desk } from '../../../../src/testing/deskInputs.js';
import { waitForGo } from '../../../support/childProcesses.js';

const [url, schema, name, seedText, shopsJson, graceText, probeText, connectText] = process.argv.slice(2) as [string, string, string, string, string, string, string, string];
const seed = Number(seedText);
const shops = JSON.parse(shopsJson) as { shopId: string; agents: string[] }[];

const store = createPostgresEventStore({ connectionString: url, schema, probeTimeoutMs: Number(probeText), connectionTimeoutMs: Number(connectText) });
let reactorRetries = 0;
const engine = createEngine({
  store,
  modules: [deskModule, conversationModule, shopSettingsModule],
  random: seededRandom(seed),
  onReactorReport: (report) => {
    if (report.kind === 'retrying') reactorRetries++;
  },
});

// mulberry32: the command mix is the seed's, whatever the timing.
let state = seed >>> 0;
const next = (): number => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;

const print = (line: object): void => void process.stdout.write(`${JSON.stringify({ child: name, at: Date.now(), ...line })}\n`);
const text = (value: string) => ({ kind: 'text', text: value });

const sessions = new Map<string, string[]>(shops.map((s) => [s.shopId, []]));
let counter = 0;
let stopping = false;
process.on('message', (m) => {
  if (m === 'stop') stopping = true;
});

const dispatch = async (what: string, input: unknown): Promise<void> => {
  const started = performance.now();
  const result = await engine.dispatchUnknown(input);
  const ms = Math.round(performance.now() - started);
  if (E.isRight(result)) {
    const { events } = result.right;
    if (events.length === 0) return print({ kind: 'noop', what, ms });
    print({
      kind: 'ack',
      what,
      ms,
      stream: events[0]!.stream,
      fromVersion: events[0]!.streamVersion,
      toVersion: events[events.length - 1]!.streamVersion,
      positions: events.map((e) => e.globalPosition),
      ids: events.map((e) => e.metadata.eventId),
    });
    return;
  }
  const error: KefuError = result.left;
  print({ kind: 'fail', what, ms, tag: error._tag, code: error._tag === 'DomainError' ? error.code : undefined, message: 'message' in error ? error.message : undefined });
};

/** The agent a session is with now (a read of its conversation), or undefined. */
const agentOf = async (shopId: string, sessionId: string): Promise<string | undefined> => {
  const loaded = await engine.load(conversationModule, conversationStream(shopId, sessionId));
  if (E.isLeft(loaded)) return undefined;
  const conversation = loaded.right.state as ConversationState;
  return conversation.status === 'assigned' ? conversation.agentId : undefined;
};

const step = async () => {
  const { shopId, agents } = pick(shops);
  const mine = sessions.get(shopId)!;
  const roll = next();
  const n = counter++;
  if (roll < 0.35 || mine.length === 0) {
    // A customer writes: a new session (which the reactor opens at the desk), or more in one of theirs.
    const fresh = mine.length < 5 || next() < 0.3;
    const sessionId = fresh ? `${name}-s${n}` : pick(mine);
    if (fresh) mine.push(sessionId);
    const customerId = `cust-${sessionId}`;
    return dispatch('customer', {
      type: 'SendCustomerMessage',
      shopId,
      actor: { kind: 'customer', id: customerId },
      data: { sessionId, messageId: `${name}-m${n}`, customerId, content: text('hello'), channel: 'web-mall' },
    });
  }
  if (roll < 0.7) {
    // The session's agent replies (which starts the customer's clock); a session with nobody yet waits.
    const sessionId = pick(mine);
    const agentId = await agentOf(shopId, sessionId);
    if (agentId === undefined) return;
    return dispatch('agent', { type: 'SendAgentMessage', shopId, actor: { kind: 'agent', id: agentId }, data: { sessionId, messageId: `${name}-m${n}`, content: text('how can I help?') } });
  }
  if (roll < 0.8) {
    const sessionId = mine.splice(Math.floor(next() * mine.length), 1)[0]!;
    return dispatch('end', desk(shopId).end({ sessionId }));
  }
  const agentId = pick(agents);
  return dispatch('status', next() < 0.3 ? desk(shopId).busy(agentId) : desk(shopId).online(agentId));
};

await waitForGo();
while (!stopping) {
  await step();
  await new Promise((resolve) => setTimeout(resolve, 15));
}
print({ kind: 'stopped' });
await new Promise((resolve) => setTimeout(resolve, Number(graceText)));
print({ kind: 'closing', reactorRetries });
await engine.close();
await store.close();
process.disconnect?.();
