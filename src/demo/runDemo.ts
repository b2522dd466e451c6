/**
 * `runDemo`: a busy day of one shop, simulated on a virtual clock through the
 * real engine. Customers arrive (demoDay.ts) and write; the engine routes them,
 * greets them, queues them, times them out; agents (demoShop.ts) come and go on
 * shifts, answer after a delay, hand some sessions over, end them, open tickets;
 * customers rate, order, go silent. Every change is an `engine.dispatch`; the
 * engine's reactor carries the reactions, and `advanceTo` fires the deadlines
 * (timeouts, SLA reminders and breaches) at their instants. A refused command is
 * counted, never thrown. The same seed gives the same log.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '../adapters/eventStore.js';
import { autoRepliesModule } from '../domain/autoReplies/autoRepliesModule.js';
import { accessModule } from '../domain/access/accessModule.js';
import { conversationModule } from '../domain/conversation/conversationModule.js';
import { deskModule } from '../domain/desk/deskModule.js';
import type { Actor } from '../domain/envelope.js';
import type { KefuError } from '../domain/errors.js';
import type { AnyModule } from '../domain/module.js';
import { orderModule } from '../domain/orders/orderModule.js';
import { reviewModule } from '../domain/review/reviewModule.js';
import { drawsFromSeed } from '../domain/seededDraws.js';
import { shopSettingsModule } from '../domain/shopSettings/shopSettingsModule.js';
import { createEngine, type Engine } from '../engine.js';
import { agentBoard, boardRows, type AgentBoard, type BoardRow } from '../projections/agentBoard.js';
import { queueView, waitingIn, type QueueView, type WaitingSession } from '../projections/queueView.js';
import { seededRandom } from '../runtime/seededRandom.js';
import { virtualClock } from '../runtime/virtualClock.js';
import { ticketIndexModule } from '../tickets/index/ticketIndexModule.js';
import { ticketSettingsModule } from '../tickets/settings/ticketSettingsModule.js';
import { ticketModule } from '../tickets/ticket/ticketModule.js';
import { createAgenda } from './demoAgenda.js';
import { countReactorProblem, countRefusal, emptyCounts, type DemoCounts } from './demoCounts.js';
import { planDay } from './demoDay.js';
import { observeEvents } from './demoObserver.js';
import { createPeople, type Action } from './demoPeople.js';
import { AGENTS, DEMO_DAY, DEMO_SHOP, DEMO_ZONE, localTime, shopSetup, SYSTEM } from './demoShop.js';

/** The modules the demo day runs on (what a rebuild of its log decodes with). */
export const DEMO_MODULES: readonly AnyModule[] = [
  deskModule,
  conversationModule,
  shopSettingsModule,
  autoRepliesModule,
  reviewModule,
  orderModule,
  accessModule,
  ticketSettingsModule,
  ticketModule,
  ticketIndexModule,
];

export interface DemoOptions {
  readonly store: EventStore;
  readonly seed?: number;
  /** 1 (default): about 2,000 customers; 0.05: about 100. Agents and the day's shape stay. */
  readonly scale?: number;
  /** Arrivals (customer visits) so far, of all planned. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface DemoResult {
  readonly shopId: string;
  readonly zone: string;
  /** The simulated local date (YYYY-MM-DD in the shop's zone). */
  readonly day: string;
  readonly seed: number;
  readonly scale: number;
  readonly customers: number;
  readonly agents: number;
  readonly groups: number;
  readonly vipCustomers: number;
  readonly pins: readonly { readonly customerId: string; readonly agentId: string }[];
  readonly counts: DemoCounts;
  /** Planned visits of a customer whose earlier session was still open: written into that session instead. */
  readonly mergedVisits: readonly string[];
  /** The agent board and the queue at the end of the day. */
  readonly board: readonly BoardRow[];
  readonly queue: readonly WaitingSession[];
  /** The same at the height of the evening rush (RUSH_AT), when most agents are at work. */
  readonly rush: { readonly at: number; readonly board: readonly BoardRow[]; readonly queue: readonly WaitingSession[] };
  /** The virtual instant the day ended at. */
  readonly endedAt: number;
}

export const DEFAULT_DEMO_SEED = 2026;
/** 20:25 local: the flash sale's rush (demoDay.ts), the busiest moment of the day. */
export const RUSH_AT = localTime(20, 25);

export const runDemo = async (options: DemoOptions): Promise<E.Either<KefuError, DemoResult>> => {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const scale = options.scale ?? 1;
  const plan = planDay(drawsFromSeed(seed), scale);
  const clock = virtualClock(localTime(6));
  const counts = emptyCounts();
  const agenda = createAgenda<Action>();
  const dayEnd = localTime(24) - 1000;
  // The people watch the engine (its inline projections) and act through it: `send` reaches the
  // engine created just below, and is first called once it exists.
  const send = async (type: string, actor: Actor, data: Record<string, unknown>): Promise<boolean> => {
    const result = await engine.dispatch({ type, shopId: DEMO_SHOP, actor, data });
    if (E.isLeft(result)) countRefusal(counts, type, result.left);
    return E.isRight(result);
  };
  // Behaviour during the day (delays) has its own draws, taken in the (repeatable) order things happen.
  const people = createPeople({ clock, draws: drawsFromSeed(seed + 1), counts, agenda, send });

  const engine: Engine = createEngine({
    store: options.store,
    clock,
    random: seededRandom(seed),
    modules: DEMO_MODULES,
    inlineProjections: [agentBoard, queueView, observeEvents(people.observe)],
    reactor: { mode: 'manual' },
    // What the reactor's own commands (reactions, deadlines) were refused is counted with the rest, as `reactor Type: code`.
    onReactorReport: (report) => {
      if (report.kind === 'refused') countRefusal(counts, `reactor ${report.input.type}`, report.error);
      else countReactorProblem(counts, report.kind);
    },
  });

  const boardNow = () => boardRows(engine.projection<AgentBoard>('agent-board'), DEMO_SHOP);
  const queueNow = () => waitingIn(engine.projection<QueueView>('queue-view'), DEMO_SHOP);
  let rush: DemoResult['rush'] = { at: RUSH_AT, board: [], queue: [] };

  /** Fires what is due up to `at` (deadlines at their instants, reactions carried). */
  const advance = async (at: number): Promise<E.Either<KefuError, void>> => {
    const advanced = await engine.advanceTo(Math.max(at, clock.now()));
    return E.isLeft(advanced) ? advanced : E.right(undefined);
  };

  try {
    for (const setup of shopSetup()) await send(setup.type, setup.actor, setup.data);
    for (const pin of plan.pins) await send('PinCustomer', SYSTEM, pin);
    for (const agent of AGENTS) {
      const hour = (h: number) => localTime(Math.floor(h), Math.round((h % 1) * 60));
      agenda.add(hour(agent.shift.from), { kind: 'status', agentId: agent.agentId, status: 'online' });
      if (agent.break !== undefined) {
        agenda.add(hour(agent.break.from), { kind: 'status', agentId: agent.agentId, status: 'busy' });
        agenda.add(hour(agent.break.to), { kind: 'status', agentId: agent.agentId, status: 'online' });
      }
      agenda.add(hour(agent.shift.to), { kind: 'status', agentId: agent.agentId, status: 'offline' });
    }
    for (const session of plan.sessions) agenda.add(session.at, { kind: 'arrive', session });
    agenda.add(RUSH_AT, { kind: 'snapshot' });

    const total = plan.sessions.length;
    let arrived = 0;
    options.onProgress?.(0, total);
    for (;;) {
      const nextAt = agenda.nextAt();
      if (nextAt === undefined || nextAt > dayEnd) break;
      const deadline = engine.reactor.nextDeadline();
      if (deadline !== undefined && deadline.at < nextAt) {
        // A deadline comes first: fire it at its instant (what it causes may plan earlier actions).
        const fired = await advance(deadline.at);
        if (E.isLeft(fired)) return fired;
        continue;
      }
      const moved = await advance(nextAt);
      if (E.isLeft(moved)) return moved;
      const item = agenda.take();
      if (item === undefined) break;
      if (item.action.kind === 'snapshot') rush = { at: clock.now(), board: boardNow(), queue: queueNow() };
      else await people.perform(item.action);
      if (item.action.kind === 'arrive') {
        arrived++;
        if (arrived % 20 === 0 || arrived === total) options.onProgress?.(arrived, total);
      }
    }
    const last = await advance(dayEnd);
    if (E.isLeft(last)) return last;
    options.onProgress?.(total, total);

    return E.right({
      shopId: DEMO_SHOP,
      zone: DEMO_ZONE,
      day: DEMO_DAY,
      seed,
      scale,
      customers: plan.customers,
      agents: AGENTS.length,
      groups: new Set(AGENTS.flatMap((a) => a.groups)).size,
      vipCustomers: plan.vips,
      pins: plan.pins,
      counts,
      mergedVisits: people.mergedVisits(),
      board: boardNow(),
      queue: queueNow(),
      rush,
      endedAt: clock.now(),
    });
  } finally {
    await engine.close();
  }
};
