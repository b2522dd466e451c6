/**
 * Plays a workload on a real engine (the desk module, a virtual clock, a seeded
 * random source, a manual reactor) under a strategy's routing settings: a
 * discrete-event loop over a time-ordered agenda (a B+ tree keyed by time and
 * order of scheduling). At each instant the clock moves there (engine.advanceTo,
 * so the engine's own deadlines fire on the way), the agenda's entry becomes a
 * command, and what the command decided (assignments, queueing, the dequeues an
 * end or a status change causes) is read from the events the dispatch returns,
 * never by reading the store again. That keeps the simulator close to the cost
 * of the commands themselves (bench/simulation.bench.ts measures the overhead).
 *
 * What each customer does is the workload's, whatever the routing: the holder
 * ends a session `handleMs` after its first assignment, a waiting customer whose
 * patience runs out leaves the queue (EndSession by the customer: the session's
 * fate is `abandoned`), agents go online and offline at their shift edges. The
 * desk alone has no conversation, so a session's first response is taken to be
 * `replyMs` after its assignment (when that comes before its end).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '../adapters/eventStore.js';
import type { RecordedEvent } from '../domain/envelope.js';
import { BTree } from '../domain/btree.js';
import { describeError, type KefuError } from '../domain/errors.js';
import { conversationModule } from '../domain/conversation/conversationModule.js';
import { deskModule } from '../domain/desk/deskModule.js';
import type { Timeouts } from '../domain/shopSettings/shopSettings.js';
import { shopSettingsModule } from '../domain/shopSettings/shopSettingsModule.js';
import type { AnyProjection, ProjectedEvent } from '../projections/projection.js';
import { createEngine, type Engine } from '../engine.js';
import { seededRandom } from '../runtime/seededRandom.js';
import { virtualClock } from '../runtime/virtualClock.js';
import { desk, deskInput } from '../testing/deskInputs.js';
import type { AgentOutcome, QueueSample, SessionFate, SessionOutcome, SimArrival, SimulationResult, Strategy, Workload } from './workload.js';

export interface RecordedCommand {
  /** The clock's time when it was dispatched. */
  readonly at: number;
  readonly input: unknown;
}

export interface PlayOptions {
  /** Where the engine writes; default: a new in-memory store. */
  readonly store?: EventStore;
  /** The engine's random source seed (random mode, command ids); default 1. */
  readonly seed?: number;
  /** Told how far the run is, every few hundred steps and at the end. */
  readonly onProgress?: (done: number, total: number) => void;
  /** When given, every dispatched input is pushed here with its time (to replay the same commands directly). */
  readonly recordCommands?: RecordedCommand[];
  /**
   * Also run the conversation (and the shop's settings): the customer writes (its
   * first message opens the session through the engine's own reaction), the holder
   * answers each customer message `replyMs` later, and the no-response timeouts
   * given here (S8) end or requeue sessions. Slower than the desk alone; the first
   * response is then the holder's real first reply.
   */
  readonly withConversation?: boolean | ConversationOptions;
}

export interface ConversationOptions {
  /** S8: the shop's no-response timeouts for the run (default: none). */
  readonly timeouts?: Partial<Timeouts>;
}

/** A command the simulator sent was refused or the store failed: the run stops with it. */
export class SimulationFailure extends Error {
  override readonly name = 'SimulationFailure';
  constructor(
    readonly error: KefuError,
    readonly input: unknown,
  ) {
    super(`simulation step refused: ${describeError(error)} (${JSON.stringify(input)})`);
  }
}

type Step =
  | { readonly kind: 'online' | 'offline'; readonly agentId: string }
  | { readonly kind: 'arrive'; readonly arrival: SimArrival }
  | { readonly kind: 'end'; readonly sessionId: string }
  | { readonly kind: 'abandon'; readonly sessionId: string }
  | { readonly kind: 'reply'; readonly sessionId: string }
  | { readonly kind: 'customer-writes'; readonly sessionId: string };

type Key = readonly [at: number, seq: number];
const byTimeThenOrder = (a: Key, b: Key) => a[0] - b[0] || a[1] - b[1];

interface SessionTrack {
  readonly arrival: SimArrival;
  /** When it opened: its arrival, or later when the customer's earlier session was still open then. */
  openedAt: number;
  assignedAt?: number;
  agentId?: string;
  via?: string;
  holder?: string;
  queued: boolean;
  abandonKey?: Key;
  endedAt?: number;
  fate: SessionFate;
  /** With the conversation: a customer message waits for an answer, an answer is planned, the first answer's time, messages written. */
  unanswered: boolean;
  replyPlanned: boolean;
  firstResponseAt?: number;
  messages: number;
}

interface AgentTrack {
  readonly maxSessions: number;
  load: number;
  online: boolean;
  onlineSince: number;
  onlineMs: number;
  loadMs: number;
  lastLoadChange: number;
  received: number;
}

type Written = readonly Pick<RecordedEvent, 'type' | 'data'>[];

const must = async (engine: Engine, input: unknown, record: RecordedCommand[] | undefined): Promise<Written> => {
  record?.push({ at: engine.clock.now(), input });
  const result = await engine.dispatchUnknown(input);
  if (E.isLeft(result)) throw new SimulationFailure(result.left, input);
  return result.right.events;
};

/** An inline projection that hands every event the engine writes (its reactor's too) to `listener`. */
const observer = (listener: (event: ProjectedEvent) => void): AnyProjection => ({
  name: 'simulation-observer',
  initialState: () => null,
  apply: (state: null, event: ProjectedEvent) => {
    listener(event);
    return state;
  },
});

/**
 * Plays `workload` under `strategy`; resolves to one outcome per arrival, the
 * agents' online time and load, and the queue's length over time. Rejects with a
 * SimulationFailure when the engine refuses a step (a workload that does not fit
 * the desk: an unknown group, a duplicate agent).
 */
export const playWorkload = async (workload: Workload, strategy: Strategy, options: PlayOptions = {}): Promise<SimulationResult> => {
  const clock = virtualClock(workload.start);
  const conversation = options.withConversation === undefined || options.withConversation === false ? undefined : options.withConversation === true ? {} : options.withConversation;
  // With the conversation, the desk's decisions also come from the reactor (a first message opens the session),
  // so every event the engine writes is followed through an inline observer instead of the dispatch results.
  const observed: ProjectedEvent[] = [];
  let commands = 0;
  let events = 0;
  const engine = createEngine({
    modules: conversation === undefined ? [deskModule] : [deskModule, conversationModule, shopSettingsModule],
    clock,
    random: seededRandom(options.seed ?? 1),
    reactor: { mode: 'manual' },
    ...(options.store === undefined ? {} : { store: options.store }),
    ...(conversation === undefined
      ? {}
      : {
          inlineProjections: [
            observer((event) => {
              events++;
              observed.push(event);
            }),
          ],
        }),
  });
  const record = options.recordCommands;
  const d = desk(workload.shopId);
  const send = async (input: unknown): Promise<Written> => {
    commands++;
    const written = await must(engine, input, record);
    if (conversation === undefined) events += written.length;
    return written;
  };
  /** A conversation step the session may have outrun (it ended, another agent holds it): a refusal is not a failure. */
  const trySend = async (input: unknown): Promise<boolean> => {
    commands++;
    record?.push({ at: clock.now(), input });
    const result = await engine.dispatchUnknown(input);
    return E.isRight(result);
  };

  const agenda = new BTree<Key, Step>(undefined, byTimeThenOrder);
  let seq = 0;
  const plan = (at: number, step: Step): Key => {
    const key: Key = [at, seq++];
    agenda.set(key, step);
    return key;
  };

  const sessions = new Map<string, SessionTrack>();
  /** The customer's session at the desk, and arrivals of the same customer waiting for it to end. */
  const activeByCustomer = new Map<string, string>();
  const deferred = new Map<string, SimArrival[]>();
  const agents = new Map<string, AgentTrack>();
  const queue: QueueSample[] = [{ at: workload.start, length: 0 }];
  let waiting = 0;
  const queueChanged = (delta: number) => {
    waiting += delta;
    const now = clock.now();
    const last = queue[queue.length - 1] as QueueSample;
    if (last.at === now) queue[queue.length - 1] = { at: now, length: waiting };
    else if (last.length !== waiting) queue.push({ at: now, length: waiting });
  };
  /**
   * An agent is on duty while online (or busy) or while it still holds sessions
   * after going offline (the shop keeps them with it by default): utilisation is
   * the load over that time, so it stays within 1.
   */
  const onDuty = (a: AgentTrack) => a.online || a.load > 0;
  const dutyChanged = (a: AgentTrack, wasOnDuty: boolean) => {
    const now = clock.now();
    if (onDuty(a) && !wasOnDuty) a.onlineSince = now;
    if (!onDuty(a) && wasOnDuty) a.onlineMs += now - a.onlineSince;
  };
  const loadChanged = (agentId: string, delta: number) => {
    const a = agents.get(agentId);
    if (a === undefined) return;
    const now = clock.now();
    const was = onDuty(a);
    a.loadMs += ((now - a.lastLoadChange) * a.load) / a.maxSessions;
    a.lastLoadChange = now;
    a.load += delta;
    dutyChanged(a, was);
  };

  /** With the conversation, the holder answers a waiting customer message `replyMs` later. */
  const planReply = (s: SessionTrack) => {
    if (conversation === undefined || !s.unanswered || s.replyPlanned || s.holder === undefined) return;
    s.replyPlanned = true;
    plan(clock.now() + s.arrival.replyMs, { kind: 'reply', sessionId: s.arrival.sessionId });
  };
  const customerWrites = async (s: SessionTrack, channel?: string): Promise<boolean> => {
    s.messages++;
    const written = await trySend({
      type: 'SendCustomerMessage',
      shopId: workload.shopId,
      actor: { kind: 'customer', id: s.arrival.customerId },
      data: {
        sessionId: s.arrival.sessionId,
        messageId: `${s.arrival.sessionId}-m${s.messages}`,
        customerId: s.arrival.customerId,
        content: { kind: 'text', text: `message ${s.messages}` },
        ...(channel === undefined ? {} : { channel }),
        ...(channel !== undefined && s.arrival.vip === true ? { vip: true } : {}),
        ...(channel !== undefined && s.arrival.entryGroup !== undefined ? { entryGroupId: s.arrival.entryGroup } : {}),
      },
    });
    if (written) s.unanswered = true;
    return written;
  };

  /** What the desk decided, as the simulator tracks it. */
  const follow = (written: Written) => {
    for (const event of written) {
      const data = event.data as Record<string, unknown>;
      const sessionId = data.sessionId as string | undefined;
      const s = sessionId === undefined ? undefined : sessions.get(sessionId);
      switch (event.type) {
        case 'SessionQueued':
        case 'SessionRequeued': {
          if (s === undefined) break;
          if (event.type === 'SessionRequeued') {
            loadChanged(data.from as string, -1);
            delete s.holder;
          }
          if (!s.queued) queueChanged(+1);
          s.queued = true;
          const patience = s.arrival.patienceMs;
          if (patience !== undefined && s.abandonKey === undefined && s.assignedAt === undefined) s.abandonKey = plan(s.openedAt + patience, { kind: 'abandon', sessionId: s.arrival.sessionId });
          break;
        }
        case 'SessionAssigned': {
          if (s === undefined) break;
          const agentId = data.agentId as string;
          if (s.queued) queueChanged(-1);
          s.queued = false;
          s.holder = agentId;
          loadChanged(agentId, +1);
          const a = agents.get(agentId);
          if (a !== undefined) a.received++;
          if (s.abandonKey !== undefined) {
            agenda.delete(s.abandonKey);
            delete s.abandonKey;
          }
          if (s.assignedAt === undefined) {
            s.assignedAt = clock.now();
            s.agentId = agentId;
            s.via = data.via as string;
            plan(s.assignedAt + s.arrival.handleMs, { kind: 'end', sessionId: s.arrival.sessionId });
            if (conversation !== undefined) for (const offset of s.arrival.followUps) plan(s.assignedAt + offset, { kind: 'customer-writes', sessionId: s.arrival.sessionId });
          }
          planReply(s);
          break;
        }
        case 'SessionTransferred': {
          if (s === undefined) break;
          loadChanged(data.from as string, -1);
          loadChanged(data.to as string, +1);
          const a = agents.get(data.to as string);
          if (a !== undefined) a.received++;
          s.holder = data.to as string;
          break;
        }
        case 'SessionEnded': {
          if (s === undefined) break;
          for (const agentId of data.agents as string[]) loadChanged(agentId, -1);
          if (s.queued) queueChanged(-1);
          const wasWaiting = s.queued || s.holder === undefined;
          s.queued = false;
          delete s.holder;
          s.endedAt = clock.now();
          s.fate = data.reason === 'timeout' ? 'timed-out' : wasWaiting ? 'abandoned' : 'served';
          const customerId = s.arrival.customerId;
          if (activeByCustomer.get(customerId) === s.arrival.sessionId) activeByCustomer.delete(customerId);
          const next = deferred.get(customerId)?.shift();
          if (next !== undefined) plan(clock.now(), { kind: 'arrive', arrival: next });
          break;
        }
        case 'AgentStatusChanged': {
          const a = agents.get(data.agentId as string);
          if (a === undefined) break;
          const was = onDuty(a);
          a.online = data.to !== 'offline';
          dutyChanged(a, was);
          break;
        }
        default:
          break;
      }
    }
  };

  const run = async (step: Step) => {
    switch (step.kind) {
      case 'online':
        track(await send(d.online(step.agentId)));
        return;
      case 'offline':
        track(await send(d.offline(step.agentId)));
        return;
      case 'arrive': {
        const a = step.arrival;
        if (activeByCustomer.has(a.customerId)) {
          // One session per customer at the desk: it opens once the earlier one has ended.
          deferred.set(a.customerId, [...(deferred.get(a.customerId) ?? []), a]);
          return;
        }
        activeByCustomer.set(a.customerId, a.sessionId);
        sessions.set(a.sessionId, { arrival: a, openedAt: clock.now(), queued: false, fate: 'open', unanswered: false, replyPlanned: false, messages: 0 });
        if (conversation !== undefined) {
          // The first message opens the conversation; the engine's reaction opens the session at the desk.
          const s = sessions.get(a.sessionId) as SessionTrack;
          if (!(await customerWrites(s, a.channel))) throw new SimulationFailure({ _tag: 'DomainError', code: 'simulation.first-message-refused', message: `the first message of ${a.sessionId} was refused` }, a);
          return;
        }
        track(
          await send(
            d.open({
              sessionId: a.sessionId,
              customerId: a.customerId,
              channel: a.channel,
              ...(a.vip === true ? { vip: true } : {}),
              ...(a.entryGroup === undefined ? {} : { entryGroupId: a.entryGroup }),
            }),
          ),
        );
        return;
      }
      case 'end': {
        const s = sessions.get(step.sessionId);
        if (s === undefined || s.endedAt !== undefined || s.holder === undefined) return;
        track(await send(deskInput(workload.shopId, { kind: 'agent', id: s.holder }, 'EndSession', { sessionId: step.sessionId })));
        return;
      }
      case 'abandon': {
        const s = sessions.get(step.sessionId);
        if (s === undefined || s.endedAt !== undefined || !s.queued) return;
        delete s.abandonKey;
        track(await send(deskInput(workload.shopId, { kind: 'customer', id: s.arrival.customerId }, 'EndSession', { sessionId: step.sessionId, reason: 'customer-left' })));
        return;
      }
      case 'reply': {
        const s = sessions.get(step.sessionId);
        if (s === undefined) return;
        s.replyPlanned = false;
        if (s.endedAt !== undefined || s.holder === undefined || !s.unanswered) return;
        const holder = s.holder;
        s.messages++;
        const sent = await trySend({
          type: 'SendAgentMessage',
          shopId: workload.shopId,
          actor: { kind: 'agent', id: holder },
          data: { sessionId: s.arrival.sessionId, messageId: `${s.arrival.sessionId}-m${s.messages}`, content: { kind: 'text', text: 'reply' } },
        });
        if (sent) {
          s.unanswered = false;
          s.firstResponseAt ??= clock.now();
        }
        return;
      }
      case 'customer-writes': {
        const s = sessions.get(step.sessionId);
        if (s === undefined || s.endedAt !== undefined) return;
        if (await customerWrites(s)) planReply(s);
        return;
      }
    }
  };
  const track = (written: Written) => {
    if (conversation === undefined) follow(written);
  };
  /** With the conversation: the reactions of what was just sent run at this instant, and everything written is followed. */
  const settle = async () => {
    if (conversation === undefined) return;
    const moved = await engine.advanceTo(clock.now());
    if (E.isLeft(moved)) throw new SimulationFailure(moved.left, { advanceTo: clock.now() });
    while (observed.length > 0) follow(observed.splice(0, observed.length));
  };

  try {
    // The shop as the workload has it, at its start.
    await send(d.configure(strategy.routing));
    for (const groupId of workload.groups) await send(d.createGroup({ groupId, name: groupId }));
    for (const agent of workload.agents) {
      await send(
        d.registerAgent({
          agentId: agent.agentId,
          name: agent.agentId,
          maxSessions: agent.maxSessions,
          ...(agent.groups.length === 0 ? {} : { groups: agent.groups }),
          ...(agent.capability === undefined ? {} : { capability: agent.capability }),
        }),
      );
      agents.set(agent.agentId, { maxSessions: agent.maxSessions, load: 0, online: false, onlineSince: 0, onlineMs: 0, loadMs: 0, lastLoadChange: workload.start, received: 0 });
      for (const shift of agent.shifts) {
        plan(shift.from, { kind: 'online', agentId: agent.agentId });
        if (shift.to < workload.end) plan(shift.to, { kind: 'offline', agentId: agent.agentId });
      }
    }
    for (const pin of workload.pins) await send(d.pinCustomer(pin));
    if (conversation?.timeouts !== undefined) {
      await send({ type: 'ChangeShopSettings', shopId: workload.shopId, actor: { kind: 'system' }, data: { timeouts: conversation.timeouts } });
    }
    await settle();
    for (const arrival of workload.arrivals) plan(arrival.at, { kind: 'arrive', arrival });

    // Every arrival ends once at most, so this bounds the steps (abandons replace ends).
    const total = agenda.size + workload.arrivals.length;
    let done = 0;
    for (;;) {
      const key = agenda.minKey();
      if (key === undefined || key[0] >= workload.end) break;
      const step = agenda.get(key) as Step;
      agenda.delete(key);
      if (key[0] > clock.now()) {
        const moved = await engine.advanceTo(key[0]);
        if (E.isLeft(moved)) throw new SimulationFailure(moved.left, { advanceTo: key[0] });
        // Deadlines fired on the way (no-response timeouts) wrote events too.
        await settle();
      }
      await run(step);
      await settle();
      if (++done % 500 === 0) options.onProgress?.(done, total);
    }
    if (workload.end > clock.now()) {
      const moved = await engine.advanceTo(workload.end);
      if (E.isLeft(moved)) throw new SimulationFailure(moved.left, { advanceTo: workload.end });
      await settle();
    }
    options.onProgress?.(total, total);
  } finally {
    await engine.close();
  }

  const end = workload.end;
  const agentOutcomes: AgentOutcome[] = workload.agents.map(({ agentId }) => {
    const a = agents.get(agentId) as AgentTrack;
    const onlineMs = a.onlineMs + (onDuty(a) ? end - a.onlineSince : 0);
    const loadMs = a.loadMs + ((end - a.lastLoadChange) * a.load) / a.maxSessions;
    return { agentId, onlineMs, loadMs, received: a.received };
  });
  const sessionOutcomes: SessionOutcome[] = workload.arrivals.map((arrival) => {
    const s = sessions.get(arrival.sessionId);
    if (s === undefined) return { sessionId: arrival.sessionId, customerId: arrival.customerId, channel: arrival.channel, arrivedAt: arrival.at, fate: 'open' };
    const arrivedAt = s.openedAt;
    const firstResponseAt = conversation !== undefined ? s.firstResponseAt : s.assignedAt === undefined ? undefined : s.assignedAt + arrival.replyMs;
    const answered = firstResponseAt !== undefined && firstResponseAt < (s.endedAt ?? end);
    return {
      sessionId: arrival.sessionId,
      customerId: arrival.customerId,
      channel: arrival.channel,
      arrivedAt,
      ...(s.assignedAt === undefined ? {} : { assignedAt: s.assignedAt }),
      ...(s.agentId === undefined ? {} : { agentId: s.agentId }),
      ...(s.via === undefined ? {} : { via: s.via }),
      ...(answered ? { firstResponseAt } : {}),
      ...(s.endedAt === undefined ? {} : { endedAt: s.endedAt }),
      fate: s.fate,
    };
  });
  return { strategy: strategy.name, start: workload.start, end, sessions: sessionOutcomes, agents: agentOutcomes, queue, commands, events };
};
