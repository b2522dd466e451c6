/**
 * The engine facade: what a backend imports. `dispatch` takes any input, decodes
 * it, stamps it with the clock's time and a seed from the random source, and runs
 * it through the command handler of the module that owns its type.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from './adapters/eventStore.js';
import { createInMemoryEventStore } from './adapters/memory/inMemoryEventStore.js';
import type { Command } from './domain/command.js';
import type { Clock, RandomSource } from './domain/clock.js';
import type { KefuError } from './domain/errors.js';
import type { AnyModule } from './domain/module.js';
import { createRegistry, type Registry } from './domain/registry.js';
import type { AnyProjection, ProjectedEvent } from './projections/projection.js';
import type { RetryPolicy } from './runtime/backoff.js';
import { createCommandHandler, type HandledCommand } from './runtime/commandHandler.js';
import { randomUuid, unseededRandom } from './runtime/seededRandom.js';
import type { StreamState } from './runtime/streamLoader.js';
import { systemClock } from './runtime/systemClock.js';

export interface EngineOptions {
  /** Where events are kept; default: a new in-memory store. */
  readonly store?: EventStore;
  /** Default: the system clock. Tests and simulations pass a virtual clock. */
  readonly clock?: Clock;
  /** Default: seeded from the operating system. Pass `seededRandom(n)` for repeatable runs. */
  readonly random?: RandomSource;
  /** The domain modules whose commands this engine accepts. */
  readonly modules: readonly AnyModule[];
  /**
   * Read models updated in this process right after each successful dispatch.
   * They see this engine's own writes only; a read model fed by every process
   * subscribes to the store instead.
   */
  readonly inlineProjections?: readonly AnyProjection[];
  readonly retry?: RetryPolicy;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly cachedStreams?: number;
  readonly onSnapshotFailure?: (stream: string, error: KefuError) => void;
  /** Told when a command the clock fired (a deadline) was refused or failed. */
  readonly onTimerFailure?: (command: unknown, error: KefuError) => void;
}

export type DispatchResult = HandledCommand;

export interface Engine {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly registry: Registry;
  readonly dispatch: (input: unknown) => Promise<E.Either<KefuError, DispatchResult>>;
  /** The state of one stream of `module`, caught up with the store. */
  readonly load: (module: AnyModule, stream: string) => Promise<E.Either<KefuError, StreamState>>;
  /** The current state of an inline projection. */
  readonly projection: <S>(name: string) => S;
  /** Closes the store if the engine created it; a store passed in belongs to the caller. */
  readonly close: () => Promise<void>;
}

export const createEngine = (options: EngineOptions): Engine => {
  const store = options.store ?? createInMemoryEventStore();
  const clock = options.clock ?? systemClock();
  const random = options.random ?? unseededRandom();
  const registry = createRegistry(options.modules);
  const handler = createCommandHandler({
    store,
    registry,
    random,
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
    ...(options.cachedStreams === undefined ? {} : { cachedStreams: options.cachedStreams }),
    ...(options.onSnapshotFailure === undefined ? {} : { onSnapshotFailure: options.onSnapshotFailure }),
  });

  const inline = options.inlineProjections ?? [];
  const projectionStates = new Map<string, unknown>(inline.map((p) => [p.name, p.initialState()]));

  const applyInline = (handled: HandledCommand) => {
    if (inline.length === 0 || handled.events.length === 0) return;
    const projected = handled.events.map(
      (recorded, i): ProjectedEvent => ({ ...recorded, data: handled.decided[i]?.data }),
    );
    for (const projection of inline) {
      let state = projectionStates.get(projection.name);
      for (const event of projected) state = projection.apply(state, event);
      projectionStates.set(projection.name, state);
    }
  };

  // Deadlines set by events this engine wrote, fired on its clock (see DomainModule.timers).
  const pendingTimers = new Set<() => void>();
  const scheduleTimers = (module: AnyModule, command: Command, handled: HandledCommand) => {
    if (module.timers === undefined) return;
    handled.decided.forEach((event, i) => {
      for (const timer of module.timers?.(event) ?? []) {
        const input = {
          type: timer.command.type,
          shopId: command.meta.shopId,
          actor: { kind: 'system' },
          data: timer.command.data,
          correlationId: command.meta.correlationId,
          causationId: handled.events[i]?.metadata.eventId ?? command.meta.commandId,
        };
        const cancel = clock.schedule(timer.at, async () => {
          pendingTimers.delete(cancel);
          const fired = await dispatch(input);
          if (E.isLeft(fired)) options.onTimerFailure?.(input, fired.left);
        });
        pendingTimers.add(cancel);
      }
    });
  };

  const dispatch = async (raw: unknown): Promise<E.Either<KefuError, DispatchResult>> => {
    const decoded = registry.decodeCommand(raw);
    if (E.isLeft(decoded)) return decoded;
    const { module, input, data } = decoded.right;
    const commandId = input.commandId ?? randomUuid(random);
    const command: Command = {
      type: input.type,
      data,
      meta: {
        shopId: input.shopId,
        actor: input.actor,
        now: clock.now(),
        seed: random.nextUint32(),
        commandId,
        correlationId: input.correlationId ?? commandId,
        causationId: input.causationId ?? commandId,
        ...(input.expectedVersion === undefined ? {} : { expectedVersion: input.expectedVersion }),
      },
    };
    const handled = await handler.handle(module, command);
    if (E.isRight(handled)) {
      applyInline(handled.right);
      scheduleTimers(module, command, handled.right);
    }
    return handled;
  };

  return {
    store,
    clock,
    registry,
    dispatch,
    load: handler.load,
    projection: <S>(name: string) => {
      if (!projectionStates.has(name)) throw new RangeError(`no inline projection named ${name}`);
      return projectionStates.get(name) as S;
    },
    close: async () => {
      for (const cancel of pendingTimers) cancel();
      pendingTimers.clear();
      if (options.store === undefined) await store.close();
    },
  };
};
