/**
 * The shop the conversation benchmark writes to, set up in the parent on the
 * store the engine processes share: agents registered and online with room for
 * every session, then one first message per customer, each opening its session's
 * conversation; the reactions (OpenSession at the desk, the assignment mirrored
 * back by RecordRouting) are carried by `engine.advanceTo` on a virtual clock
 * started at the system's time, with the reactor manual. Closing the engine saves
 * the reactor's checkpoint in the store, so the live reactors of the engine
 * processes start after these events and do not handle them again.
 *
 * Answers who handles each session (read from the routing stream, every session
 * checked assigned) and one stored MessageSent event, the row shape the store's
 * own append loop writes.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '../../src/adapters/eventStore.js';
import { conversationModule, conversationStream } from '../../src/domain/conversation/conversationModule.js';
import { deskModule, routingStream } from '../../src/domain/desk/deskModule.js';
import type { EventToAppend, RecordedEvent } from '../../src/domain/envelope.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { seededRandom } from '../../src/runtime/seededRandom.js';
import { virtualClock } from '../../src/runtime/virtualClock.js';
import { desk } from '../../src/testing/deskInputs.js';
import { check } from '../lib/measure.js';

export const SHOP = 'bench-shop';

export interface OpenSession {
  readonly sessionId: string;
  readonly customerId: string;
  readonly agentId: string;
}

export interface SetUp {
  readonly sessions: readonly OpenSession[];
  /** A first message as stored, for the append loop's rows. */
  readonly template: EventToAppend;
  /** Events in the routing stream: the agents' and the sessions'. */
  readonly routingEvents: number;
  /** Of those, the events about a session (open, assign, ...). */
  readonly routingSessionEvents: number;
  readonly seconds: number;
}

const must = async (engine: Engine, input: unknown) => {
  const result = await engine.dispatchUnknown(input);
  if (E.isLeft(result)) throw new Error(`command refused: ${JSON.stringify(result.left)}`);
  return result.right;
};

const readStream = async (store: EventStore, stream: string): Promise<readonly RecordedEvent[]> => {
  const read = await store.readStream(stream);
  if (E.isLeft(read)) throw new Error(`reading ${stream} failed: ${JSON.stringify(read.left)}`);
  return read.right;
};

/** Counts the routing stream's events, all and those about a session. */
export const routingCounts = async (store: EventStore): Promise<{ all: number; sessions: number }> => {
  const events = await readStream(store, routingStream(SHOP));
  return { all: events.length, sessions: events.filter((e) => typeof (e.data as { sessionId?: unknown }).sessionId === 'string').length };
};

export const setUpShop = async (store: EventStore, options: { sessions: number; agents: number; concurrency: number }): Promise<SetUp> => {
  const started = performance.now();
  const clock = virtualClock(Date.now());
  const engine = createEngine({ store, clock, modules: [deskModule, conversationModule], random: seededRandom(15), reactor: { mode: 'manual' } });
  const d = desk(SHOP);
  const perAgent = Math.ceil((options.sessions * 1.25) / options.agents);
  await must(engine, d.configure({ baseMode: 'least-load', stickyRecentContact: false }));
  for (let a = 0; a < options.agents; a++) {
    await must(engine, d.registerAgent({ agentId: `a${a}`, name: `Agent ${a}`, maxSessions: perAgent }));
    await must(engine, d.online(`a${a}`));
  }

  const ids = Array.from({ length: options.sessions }, (_, i) => ({ sessionId: `s${i}`, customerId: `c${i}` }));
  let next = 0;
  const opener = async () => {
    while (next < ids.length) {
      const { sessionId, customerId } = ids[next++]!;
      const opened = await must(engine, {
        type: 'SendCustomerMessage',
        shopId: SHOP,
        actor: { kind: 'customer', id: customerId },
        data: { sessionId, messageId: 'first', customerId, content: { kind: 'text', text: 'hello, is the kettle in stock?' }, channel: 'web-mall' },
      });
      check(opened.events.map((e) => e.type).join() === 'ConversationOpened,MessageSent', `${sessionId}: a first message opens the conversation`);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, opener));
  const advanced = await engine.advanceTo(clock.now());
  if (E.isLeft(advanced)) throw new Error(`advanceTo failed: ${JSON.stringify(advanced.left)}`);
  await engine.close();

  const routing = await readStream(store, routingStream(SHOP));
  const owners = new Map<string, string>();
  for (const e of routing) if (e.type === 'SessionAssigned') owners.set((e.data as { sessionId: string }).sessionId, (e.data as { agentId: string }).agentId);
  const sessions = ids.map(({ sessionId, customerId }) => {
    const agentId = owners.get(sessionId);
    check(agentId !== undefined, `${sessionId} was assigned`);
    return { sessionId, customerId, agentId: agentId! };
  });
  // The assignment reached the conversation too (RecordRouting), or the agents could not write.
  const first = await readStream(store, conversationStream(SHOP, 's0'));
  check(
    first.some((e) => e.type === 'ConversationAssigned' && (e.data as { agentId: string }).agentId === owners.get('s0')),
    's0: the assignment was mirrored into the conversation',
  );
  const message = first.find((e) => e.type === 'MessageSent')!;
  const counts = await routingCounts(store);
  return {
    sessions,
    template: { type: message.type, schemaVersion: message.schemaVersion, data: message.data, metadata: message.metadata },
    routingEvents: counts.all,
    routingSessionEvents: counts.sessions,
    seconds: (performance.now() - started) / 1000,
  };
};
