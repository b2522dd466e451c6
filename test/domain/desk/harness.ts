/**
 * A desk on a virtual clock, driven through the engine as a backend would: for
 * engine tests (deadlines through advanceTo, two engines on one store, the read
 * models, decoding). Decider tests use scenario() of kefu/testing instead.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '../../../src/adapters/eventStore.js';
import { createInMemoryEventStore } from '../../../src/adapters/memory/inMemoryEventStore.js';
import type { DeskEvent } from '../../../src/domain/desk/deskEvents.js';
import { deskModule, routingStream } from '../../../src/domain/desk/deskModule.js';
import type { DeskState } from '../../../src/domain/desk/deskState.js';
import type { DomainError, KefuError } from '../../../src/domain/errors.js';
import { createEngine } from '../../../src/engine.js';
import { agentBoard } from '../../../src/projections/agentBoard.js';
import { queueView } from '../../../src/projections/queueView.js';
import { seededRandom } from '../../../src/runtime/seededRandom.js';
import { virtualClock } from '../../../src/runtime/virtualClock.js';
import { desk } from '../../../src/testing/deskInputs.js';

export const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);
export const SHOP = 'shop-1';

export type Emitted = { type: DeskEvent['type']; data: Record<string, unknown> };

export const deskHarness = (options: { seed?: number; store?: EventStore } = {}) => {
  const clock = virtualClock(T0);
  const engine = createEngine({
    modules: [deskModule],
    clock,
    random: seededRandom(options.seed ?? 7),
    inlineProjections: [agentBoard, queueView],
    ...(options.store === undefined ? {} : { store: options.store }),
  });
  const d = desk(SHOP);

  /** Dispatches and returns the events, failing the test on a refusal. */
  const ok = async (input: unknown): Promise<Emitted[]> => {
    const result = await engine.dispatchUnknown(input);
    if (E.isLeft(result)) throw new Error(`refused: ${JSON.stringify(result.left)}`);
    return result.right.events.map((e) => ({ type: e.type as DeskEvent['type'], data: e.data as Record<string, unknown> }));
  };

  /** Dispatches and returns the refusal, failing the test if the command succeeded. */
  const refused = async (input: unknown): Promise<KefuError> => {
    const result = await engine.dispatchUnknown(input);
    if (E.isRight(result)) throw new Error(`expected a refusal, got ${JSON.stringify(result.right.events)}`);
    return result.left;
  };

  const code = async (input: unknown): Promise<string> => {
    const error = await refused(input);
    return error._tag === 'DomainError' ? (error as DomainError).code : error._tag;
  };

  const state = async (): Promise<DeskState> => {
    const loaded = await engine.load(deskModule, routingStream(SHOP));
    if (E.isLeft(loaded)) throw new Error(JSON.stringify(loaded.left));
    return loaded.right.state as DeskState;
  };

  /** Registers agents and brings them online. */
  const agents = async (
    ids: readonly string[],
    extra: { maxSessions?: number; groups?: string[]; role?: 'admin' | 'team-lead' | 'agent'; capability?: number; online?: boolean } = {},
  ) => {
    for (const agentId of ids) {
      await ok(
        d.registerAgent({
          agentId,
          name: agentId.toUpperCase(),
          maxSessions: extra.maxSessions ?? 3,
          ...(extra.groups ? { groups: extra.groups } : {}),
          ...(extra.role ? { role: extra.role } : {}),
          ...(extra.capability === undefined ? {} : { capability: extra.capability }),
        }),
      );
      if (extra.online !== false) await ok(d.online(agentId));
    }
  };

  const groups = async (...ids: string[]) => {
    for (const groupId of ids) await ok(d.createGroup({ groupId, name: groupId }));
  };

  let sessions = 0;
  /** Opens a session for a customer and returns who got it ('queued' if it queued). */
  const open = async (customerId: string, extra: { channel?: string; vip?: boolean; requestedAgentId?: string; sessionId?: string } = {}) => {
    const sessionId = extra.sessionId ?? `s${++sessions}`;
    const events = await ok(
      d.open({
        sessionId,
        customerId,
        channel: extra.channel ?? 'web-mall',
        ...(extra.vip === undefined ? {} : { vip: extra.vip }),
        ...(extra.requestedAgentId === undefined ? {} : { requestedAgentId: extra.requestedAgentId }),
      }),
    );
    const first = events[0]!;
    return {
      sessionId,
      agentId: first.type === 'SessionAssigned' ? (first.data.agentId as string) : first.type === 'SessionQueued' ? 'queued' : first.type,
      events,
    };
  };

  /** Moves time on, firing every deadline due on the way (engine.advanceTo). */
  const advanceBy = async (ms: number) => {
    const advanced = await engine.advanceTo(clock.now() + ms);
    if (E.isLeft(advanced)) throw new Error(`advance failed: ${JSON.stringify(advanced.left)}`);
    return advanced.right;
  };

  return { engine, clock, d, ok, refused, code, state, agents, groups, open, advanceBy };
};

/** The agent each SessionAssigned event went to, by session. */
export const assignments = (events: readonly Emitted[]) =>
  events.filter((e) => e.type === 'SessionAssigned').map((e) => [e.data.sessionId as string, e.data.agentId as string, e.data.via as string] as const);

/**
 * Two engines on one in-memory store and one virtual clock, for the properties that
 * must hold however their writes interleave: conflicts are retried at once (no sleep).
 */
export const twoEnginesOnOneStore = (seed: number) => {
  const store = createInMemoryEventStore();
  const clock = virtualClock(T0);
  const make = (s: number) =>
    createEngine({ store, clock, modules: [deskModule], random: seededRandom(s), retry: { maxAttempts: 50, baseDelayMs: 0, maxDelayMs: 0 }, sleep: async () => undefined });
  return { store, clock, engines: [make(seed), make(seed + 1)] as const };
};
