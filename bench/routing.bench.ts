/**
 * Routing under load: assignments per second through engine.dispatch (decode,
 * decide, append, inline board and queue projections) with 10 to 10,000 agents
 * online, least-load mode.
 * - "new session": a customer arrives and is routed to an agent with room;
 * - "dequeue": every agent is full and the queue holds 1,000 sessions; an agent
 *   ends a session, which takes the head of the queue (one assignment), and a new
 *   arrival refills the queue.
 * Choosing an agent walks ordered indexes, so the time per assignment should grow
 * like log(agents): at 10,000 agents within 3x of the time at 100.
 *
 * Each assignment records its decision (src/routing/trace.ts); its size is bounded
 * (at most `runnersUp` runners-up, fixed filter counts), so the mean size of a
 * routed SessionAssigned event is reported too and should not grow with the agents.
 * KEFU_BENCH_RUNNERS_UP=<k> configures the shop's runnersUp (unset: the default,
 * and no setting is sent, so the suite also runs on trees older than the setting).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '../src/adapters/eventStore.js';
import { createInMemoryEventStore } from '../src/adapters/memory/inMemoryEventStore.js';
import { deskModule, routingStream } from '../src/domain/desk/deskModule.js';
import type { DeskState } from '../src/domain/desk/deskState.js';
import { createEngine, type Engine } from '../src/engine.js';
import { agentBoard } from '../src/projections/agentBoard.js';
import { queueView } from '../src/projections/queueView.js';
import { seededRandom } from '../src/runtime/seededRandom.js';
import { desk } from '../src/testing/deskInputs.js';
import { check, rate, type Figure } from './lib/measure.js';

const SHOP = 'bench-shop';
const d = desk(SHOP);

const must = async (engine: Engine, input: unknown) => {
  const result = await engine.dispatchUnknown(input);
  if (E.isLeft(result)) throw new Error(`benchmark command refused: ${JSON.stringify(result.left)}`);
  return result.right;
};

const deskState = async (engine: Engine): Promise<DeskState> => {
  const loaded = await engine.load(deskModule, routingStream(SHOP));
  if (E.isLeft(loaded)) throw new Error(JSON.stringify(loaded.left));
  return loaded.right.state as DeskState;
};

export interface RoutingWorkload {
  readonly agents: number;
  readonly store: () => Promise<EventStore>;
  readonly perRound: number;
  readonly rounds: number;
}

const runnersUp = process.env.KEFU_BENCH_RUNNERS_UP === undefined ? {} : { runnersUp: Number(process.env.KEFU_BENCH_RUNNERS_UP) };

const setUp = async (workload: RoutingWorkload, maxSessions: number) => {
  const store = await workload.store();
  const engine = createEngine({ store, modules: [deskModule], random: seededRandom(1), inlineProjections: [agentBoard, queueView] });
  await must(engine, d.configure({ baseMode: 'least-load', stickyRecentContact: false, ...runnersUp }));
  for (let i = 0; i < workload.agents; i++) {
    await must(engine, d.registerAgent({ agentId: `a${i}`, name: `Agent ${i}`, maxSessions }));
    await must(engine, d.online(`a${i}`));
  }
  return { store, engine };
};

/** Mean bytes of the data of the stored SessionAssigned events (the decision is most of it), read after timing. */
const assignedBytes = async (store: EventStore): Promise<number> => {
  const events = await store.readStream(routingStream(SHOP));
  if (E.isLeft(events)) throw new Error(JSON.stringify(events.left));
  const assigned = events.right.filter((e) => e.type === 'SessionAssigned');
  check(assigned.length > 0, 'some sessions were assigned');
  return assigned.reduce((n, e) => n + JSON.stringify(e.data).length, 0) / assigned.length;
};

/** New arrivals routed to agents with room (agents never fill up: max is large); the rate and the mean event size. */
export const newSessionRun = async (workload: RoutingWorkload): Promise<{ rate: number; bytes: number }> => {
  const { store, engine } = await setUp(workload, 10_000);
  let next = 0;
  const value = await rate(workload.rounds, async () => {
    for (let i = 0; i < workload.perRound; i++) {
      const id = next++;
      const { events } = await must(engine, d.open({ sessionId: `s${id}`, customerId: `c${id}`, channel: 'app' }));
      if (events[0]?.type !== 'SessionAssigned') throw new Error('a new session was not assigned');
    }
    return workload.perRound;
  });
  const state = await deskState(engine);
  check(state.sessions.size === next, `every arrival is at the desk (${state.sessions.size} of ${next})`);
  const bytes = await assignedBytes(store);
  await engine.close();
  await store.close();
  return { rate: value, bytes };
};

export const newSessionRate = async (workload: RoutingWorkload): Promise<number> => (await newSessionRun(workload)).rate;

/** Every agent full, 1,000 waiting; each end takes one session from the queue. */
export const dequeueRate = async (workload: RoutingWorkload): Promise<number> => {
  const maxSessions = 2;
  const waiting = 1000;
  const { store, engine } = await setUp(workload, maxSessions);
  let next = 0;
  const assigned: string[] = [];
  const open = async () => {
    const id = `s${next++}`;
    const { events } = await must(engine, d.open({ sessionId: id, customerId: `c${id}`, channel: 'app' }));
    if (events[0]?.type === 'SessionAssigned') assigned.push(id);
  };
  for (let i = 0; i < workload.agents * maxSessions + waiting; i++) await open();
  check((await deskState(engine)).queue.entries.size === waiting, 'the queue is full before measuring');
  let ended = 0;
  const value = await rate(workload.rounds, async () => {
    for (let i = 0; i < workload.perRound; i++) {
      const { events } = await must(engine, d.end({ sessionId: assigned[ended++]! }));
      const taken = events.find((e) => e.type === 'SessionAssigned');
      if (taken === undefined) throw new Error('ending a session did not take one from the queue');
      assigned.push((taken.data as { sessionId: string }).sessionId);
      await open(); // refill the queue
    }
    return workload.perRound;
  });
  const state = await deskState(engine);
  check(state.queue.entries.size === waiting, 'the queue stayed full');
  check(state.sessions.size === workload.agents * maxSessions + waiting, 'no session lost or duplicated');
  await engine.close();
  await store.close();
  return value;
};

export const routingBench = async (options: { quick: boolean }): Promise<Figure[]> => {
  const sizes = options.quick ? [10, 100, 10_000] : [10, 100, 1_000, 10_000];
  const figures: Figure[] = [];
  const perAgents = new Map<number, { arrive: number; dequeue: number }>();
  const bytes: Figure[] = [];
  for (const agents of sizes) {
    const workload: RoutingWorkload = {
      agents,
      store: async () => createInMemoryEventStore(),
      perRound: options.quick ? 2000 : 5000,
      rounds: options.quick ? 3 : 5,
    };
    const { rate: arrive, bytes: assigned } = await newSessionRun(workload);
    const dequeue = await dequeueRate(workload);
    perAgents.set(agents, { arrive, dequeue });
    bytes.push({ suite: 'routing', name: `bytes per routed SessionAssigned (data, mean), ${agents.toLocaleString('en-US')} agents`, value: assigned, unit: 'bytes' });
    figures.push({ suite: 'routing', name: `in-memory new sessions routed/s, ${agents.toLocaleString('en-US')} agents`, value: arrive, unit: 'assignments/s' });
    figures.push({ suite: 'routing', name: `in-memory end + dequeue/s (full queue), ${agents.toLocaleString('en-US')} agents`, value: dequeue, unit: 'assignments/s' });
  }
  const at100 = perAgents.get(100);
  const at10k = perAgents.get(10_000);
  if (at100 && at10k) {
    figures.push({ suite: 'routing', name: 'time per new-session assignment, 10,000 vs 100 agents (target <= 3)', value: at100.arrive / at10k.arrive, unit: 'x' });
    figures.push({ suite: 'routing', name: 'time per dequeue assignment, 10,000 vs 100 agents (target <= 3)', value: at100.dequeue / at10k.dequeue, unit: 'x' });
  }
  return [...figures, ...bytes];
};
