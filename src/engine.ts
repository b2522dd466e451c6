/**
 * The engine facade: what a backend imports. `dispatch` takes a command typed by
 * the engine's modules, `dispatchUnknown` any input (JSON off the network); both
 * decode a fresh copy of it, stamps it with the clock's time and a seed from the random
 * source, and runs it through the command handler of the module that owns its
 * type. Its reactor carries what events cause elsewhere and fires deadlines
 * (runtime/reactor.ts): live on the system clock, step by step through
 * `advanceTo` on a virtual one.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from './adapters/eventStore.js';
import { checkBatchSize } from './adapters/logFollower.js';
import { createInMemoryEventStore } from './adapters/memory/inMemoryEventStore.js';
import { createInMemoryProjectionStateStore, type ProjectionStateStore } from './adapters/projectionStateStore.js';
import type { Command } from './domain/command.js';
import { shopIdCodec } from './domain/ids.js';
import type { Clock, RandomSource } from './domain/clock.js';
import { validationError, type KefuError } from './domain/errors.js';
import type { AnyModule } from './domain/module.js';
import type { CommandInputFor, CommandsOfModules, EventsOfModules } from './domain/commandInputs.js';
import type { DomainEvent } from './domain/decider.js';
import { createRegistry, type Registry } from './domain/registry.js';
import type { Deadline } from './projections/pendingDeadlines.js';
import type { AnyProjection, ProjectedEvent } from './projections/projection.js';
import { reactingModules } from './projections/reactionPlan.js';
import type { RetryPolicy } from './runtime/backoff.js';
import { createCommandHandler, type HandledCommand } from './runtime/commandHandler.js';
import { freshInput } from './runtime/freshInput.js';
import { createReactor, type ReactorReport } from './runtime/reactor.js';
import { randomUuid, unseededRandom } from './runtime/seededRandom.js';
import type { StreamState } from './runtime/streamLoader.js';
import { systemClock } from './runtime/systemClock.js';
import { isVirtualClock } from './runtime/virtualClock.js';
import type { KeyStore } from './adapters/keyStore.js';
import { protectContent, protectionOf } from './runtime/contentProtection/protectContent.js';
import { createRetentionRunner, type RetentionRunner } from './runtime/contentProtection/retentionRunner.js';
import type { SweepReport } from './runtime/contentProtection/retentionSweep.js';

export interface ReactorSettings {
  /**
   * `live` follows the log and fires deadlines on the clock's timers (the default on
   * the system clock); `manual` moves only through `engine.advanceTo` (the default on
   * a virtual clock, so simulations are repeatable); `off` runs no reactor here
   * (another process does).
   */
  readonly mode?: 'live' | 'manual' | 'off';
  /** The checkpoint's name (default `kefu-reactor`). Engines may share one. */
  readonly name?: string;
  /** Only the reactions and deadlines of this shop (to spread shops over processes). */
  readonly shopId?: string;
  readonly batchSize?: number;
  /** Where the reactor's checkpoint lives; default: the store, when it keeps checkpoints (SQLite, PostgreSQL), else memory. */
  readonly checkpoints?: ProjectionStateStore;
}

/** S16: seal what people wrote with per-session keys, destroyed once the shop's retention window has passed. */
export interface ContentProtectionSettings {
  /** Where the keys live: createInMemoryKeyStore, createSqliteKeyStore, createPostgresKeyStore (kept apart from the log, ideally). */
  readonly keys: KeyStore;
  /** How long a key read from the key store is kept in memory (default 5,000 ms; 0: not kept). */
  readonly keyCacheMs?: number;
  /**
   * On the system clock: sweep when the engine starts, then this often (default one
   * hour); 0: only through `engine.sweepRetention()`. On a virtual clock
   * `advanceTo` sweeps once it has reached its time.
   */
  readonly sweepEveryMs?: number;
  /** Told the outcome of every sweep (in live mode nobody else is). */
  readonly onSweep?: (result: E.Either<KefuError, SweepReport>) => void;
}

export interface EngineOptions<M extends readonly AnyModule[] = readonly AnyModule[]> {
  /** Where events are kept; default: a new in-memory store. */
  readonly store?: EventStore;
  /** Default: the system clock. Tests and simulations pass a virtual clock. */
  readonly clock?: Clock;
  /** Default: seeded from the operating system. Pass `seededRandom(n)` for repeatable runs. */
  readonly random?: RandomSource;
  /** The domain modules whose commands this engine accepts; `dispatch` is typed by them. */
  readonly modules: M;
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
  /** Told when a stored snapshot was unreadable or did not fit its stream; the state was folded from the events. */
  readonly onSnapshotSetAside?: (stream: string, reason: string) => void;
  readonly reactor?: ReactorSettings;
  /** Told what the reactor could not do at once: refusals, retries, unreadable events, checkpoint failures. */
  readonly onReactorReport?: (report: ReactorReport) => void;
  /** S16: the engine's store, wrapped so that personal fields are sealed (runtime/contentProtection). */
  readonly contentProtection?: ContentProtectionSettings;
}

/** What a successful dispatch answers; `decided` holds the events of the engine's modules. */
export interface DispatchResult<Ev extends DomainEvent = DomainEvent> extends HandledCommand {
  readonly decided: readonly Ev[];
}

export interface AdvanceSummary {
  /** The clock's time afterwards. */
  readonly now: number;
  /** Deadlines fired on the way. */
  readonly fired: number;
}

/** What the engine's reactor shows of itself. */
export interface ReactorView {
  /** The pending deadlines in firing order. */
  readonly deadlines: () => readonly Deadline[];
  readonly nextDeadline: () => Deadline | undefined;
  /** The position of the last event the reactor handled. */
  readonly position: () => number;
  /** Resolves once the reactor has handled the event at `position` (live mode). */
  readonly waitFor: (position: number) => Promise<E.Either<KefuError, void>>;
}

/**
 * `C` is the union of the commands the engine's modules decide (inferred by
 * createEngine); a plain `Engine` takes any command shape.
 */
export interface Engine<C extends Command = Command, Ev extends DomainEvent = DomainEvent> {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly registry: Registry;
  /**
   * A command of the engine's modules, checked by the compiler (type, data fields),
   * then decoded at run time all the same (ids, ranges, lengths): never a throw.
   * Declared as a method so that an engine of some modules is still an `Engine`.
   */
  dispatch(command: CommandInputFor<C>): Promise<E.Either<KefuError, DispatchResult<Ev>>>;
  /** The same for input the compiler cannot vouch for (a request body, a log line): a bad one is a ValidationError naming the field. */
  readonly dispatchUnknown: (input: unknown) => Promise<E.Either<KefuError, DispatchResult<Ev>>>;
  /** The state of one stream of `module`, caught up with the store. */
  readonly load: (module: AnyModule, stream: string) => Promise<E.Either<KefuError, StreamState>>;
  /** The current state of an inline projection. */
  readonly projection: <S>(name: string) => S;
  /**
   * On a virtual clock: fires every reaction and deadline due up to `at`, in time
   * order, including what firing causes, moving the clock to each deadline as it
   * fires it; resolves when nothing more is due at or before `at`, with the clock
   * at `at`. A deadline whose command failed on the store stays pending (Left).
   */
  readonly advanceTo: (at: number) => Promise<E.Either<KefuError, AdvanceSummary>>;
  readonly reactor: ReactorView;
  /**
   * S16: destroys the keys of sessions last written before their shop's retention
   * window (at the clock's time), then folds the inline projections again if any
   * was destroyed. Left (ValidationError) on an engine without contentProtection.
   */
  readonly sweepRetention: () => Promise<E.Either<KefuError, SweepReport>>;
  /**
   * Stops the reactor (saving its checkpoint), then closes the store if the engine
   * created it. A store passed in belongs to the caller, who closes it.
   */
  readonly close: () => Promise<void>;
}

/** Thrown by createEngine for options that cannot work (wiring, not runtime input), naming them. */
export class EngineConfigurationError extends Error {
  override readonly name = 'EngineConfigurationError';
}

const checkReactorSettings = (settings: ReactorSettings): void => {
  const problems: string[] = [];
  if (settings.mode !== undefined && !['live', 'manual', 'off'].includes(settings.mode)) problems.push(`reactor.mode must be live, manual or off, got ${String(settings.mode)}`);
  const batch = checkBatchSize(settings.batchSize, 'reactor');
  if (E.isLeft(batch)) problems.push(`reactor.${batch.left.issues[0]?.path ?? 'batchSize'} ${batch.left.issues[0]?.reason ?? ''}`);
  if (settings.shopId !== undefined && E.isLeft(shopIdCodec.decode(settings.shopId))) problems.push(`reactor.shopId must be a shop id, got ${JSON.stringify(settings.shopId)}`);
  if (problems.length > 0) throw new EngineConfigurationError(problems.join('; '));
};

const keepsCheckpoints = (store: EventStore): store is EventStore & ProjectionStateStore =>
  typeof (store as Partial<ProjectionStateStore>).loadProjection === 'function' &&
  typeof (store as Partial<ProjectionStateStore>).saveProjection === 'function';

const DEFAULT_SWEEP_EVERY_MS = 3_600_000;

const checkProtection = (settings: ContentProtectionSettings, store: EventStore | undefined): void => {
  const problems: string[] = [];
  if (typeof settings.keys?.keyForWrite !== 'function') problems.push('contentProtection.keys must be a key store');
  const every = settings.sweepEveryMs;
  if (every !== undefined && !(Number.isSafeInteger(every) && every >= 0)) problems.push(`contentProtection.sweepEveryMs must be an integer >= 0, got ${String(every)}`);
  if (store !== undefined && protectionOf(store) !== undefined) problems.push('contentProtection: the store given is protected already; pass the store under it');
  if (problems.length > 0) throw new EngineConfigurationError(problems.join('; '));
};

export const createEngine = <const M extends readonly AnyModule[]>(options: EngineOptions<M>): Engine<CommandsOfModules<M>, EventsOfModules<M>> => {
  const protection = options.contentProtection;
  if (protection !== undefined) checkProtection(protection, options.store);
  const baseStore = options.store ?? createInMemoryEventStore();
  const store =
    protection === undefined
      ? baseStore
      : protectContent(baseStore, { keys: protection.keys, modules: options.modules, ...(protection.keyCacheMs === undefined ? {} : { keyCacheMs: protection.keyCacheMs }) });
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
    ...(options.onSnapshotSetAside === undefined ? {} : { onSnapshotSetAside: options.onSnapshotSetAside }),
  });

  const inline = options.inlineProjections ?? [];
  let projectionStates = new Map<string, unknown>(inline.map((p) => [p.name, p.initialState()]));
  /** While the inline projections are folded again (after a retention sweep), what dispatches applied meanwhile. */
  let appliedDuringRebuild: (readonly ProjectedEvent[])[] | undefined;

  const applyTo = (states: Map<string, unknown>, events: readonly ProjectedEvent[]) => {
    for (const projection of inline) {
      let state = states.get(projection.name);
      for (const event of events) state = projection.apply(state, event);
      states.set(projection.name, state);
    }
  };

  const applyInline = (handled: HandledCommand) => {
    if (inline.length === 0 || handled.events.length === 0) return;
    const projected = handled.events.map((recorded, i) => ({ ...recorded, data: handled.decided[i]?.data }) as ProjectedEvent);
    applyTo(projectionStates, projected);
    appliedDuringRebuild?.push(projected);
  };

  /**
   * S16: the inline projections folded again from the log (read through the
   * protection), so that none keeps a content whose key a sweep destroyed. Events no
   * module of this engine knows are skipped, as are ones that do not decode. What
   * dispatches apply while the log is read is applied after it, unless the read saw it.
   */
  const rebuildInline = async (): Promise<E.Either<KefuError, void>> => {
    if (inline.length === 0) return E.right(undefined);
    const states = new Map<string, unknown>(inline.map((p) => [p.name, p.initialState()]));
    appliedDuringRebuild = [];
    let last = 0;
    try {
      for (;;) {
        const page = await store.readAll({ after: last, maxCount: 1000 });
        if (E.isLeft(page)) return page;
        const decoded: ProjectedEvent[] = [];
        for (const event of page.right) {
          if (!registry.knowsEvent(event.type)) continue;
          const read = registry.decodeRecorded(event);
          if (E.isRight(read)) decoded.push(read.right);
        }
        applyTo(states, decoded);
        const tail = page.right[page.right.length - 1];
        if (tail !== undefined) last = tail.globalPosition;
        if (page.right.length < 1000) break;
      }
      const seenUpTo = last;
      for (const events of appliedDuringRebuild) applyTo(states, events.filter((e) => e.globalPosition > seenUpTo));
      projectionStates = states;
      return E.right(undefined);
    } finally {
      appliedDuringRebuild = undefined;
    }
  };

  const dispatch = async (raw: unknown): Promise<E.Either<KefuError, DispatchResult>> => {
    const copy = freshInput(raw);
    if (E.isLeft(copy)) return copy;
    const decoded = registry.decodeCommand(copy.right);
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
    if (E.isRight(handled)) applyInline(handled.right);
    return handled;
  };

  const settings = options.reactor ?? {};
  checkReactorSettings(settings);
  const hasReactions = reactingModules(options.modules).size > 0;
  const mode = !hasReactions ? 'off' : (settings.mode ?? (isVirtualClock(clock) ? 'manual' : 'live'));
  const reactor = createReactor({
    store,
    checkpoints: settings.checkpoints ?? (keepsCheckpoints(store) ? store : createInMemoryProjectionStateStore()),
    registry,
    dispatch,
    clock,
    ...(settings.name === undefined ? {} : { name: settings.name }),
    ...(settings.shopId === undefined ? {} : { shopId: settings.shopId }),
    ...(settings.batchSize === undefined ? {} : { batchSize: settings.batchSize }),
    ...(options.onReactorReport === undefined ? {} : { onReport: options.onReactorReport }),
  });
  if (mode === 'live') reactor.start();

  // S16: sweeps on advanceTo (virtual clock) or on the clock's timers (system clock).
  const retention: RetentionRunner | undefined =
    protection === undefined
      ? undefined
      : createRetentionRunner({ store, keys: protection.keys, clock, afterDestroyed: rebuildInline, ...(protection.onSweep === undefined ? {} : { onSweep: protection.onSweep }) });
  const sweepEveryMs = protection?.sweepEveryMs ?? DEFAULT_SWEEP_EVERY_MS;
  if (retention !== undefined && !isVirtualClock(clock) && sweepEveryMs > 0) retention.startLive(sweepEveryMs);
  const sweepRetention = async (): Promise<E.Either<KefuError, SweepReport>> =>
    retention === undefined
      ? E.left(validationError('sweepRetention', [{ path: 'contentProtection', reason: 'the engine was created without contentProtection: nothing is sealed, nothing to sweep' }]))
      : retention.sweep();
  /** advanceTo's last step: the sweep at the time reached (it covers every earlier one). */
  const sweptAt = async (summary: AdvanceSummary): Promise<E.Either<KefuError, AdvanceSummary>> => {
    if (retention === undefined) return E.right(summary);
    const swept = await retention.sweep();
    return E.isLeft(swept) ? swept : E.right(summary);
  };

  const advanceTo = async (at: number): Promise<E.Either<KefuError, AdvanceSummary>> => {
    if (!isVirtualClock(clock)) {
      return E.left(validationError('advanceTo', [{ path: 'clock', reason: 'advanceTo needs an engine on a virtual clock (createEngine({ clock: virtualClock(t0) }))' }]));
    }
    if (mode === 'live') {
      return E.left(validationError('advanceTo', [{ path: 'reactor.mode', reason: 'a live reactor fires deadlines by itself; advanceTo drives a manual one' }]));
    }
    if (!Number.isSafeInteger(at)) return E.left(validationError('advanceTo', [{ path: 'at', reason: `must be epoch milliseconds, got ${String(at)}` }]));
    let fired = 0;
    if (mode === 'off') {
      if (at > clock.now()) await clock.advanceTo(at);
      return sweptAt({ now: clock.now(), fired });
    }
    for (;;) {
      const drained = await reactor.drain();
      if (E.isLeft(drained)) return drained;
      const next = reactor.nextDeadline();
      if (next !== undefined && next.at <= at) {
        if (next.at > clock.now()) await clock.advanceTo(next.at);
        const outcome = await reactor.fireNext(clock.now());
        if (E.isLeft(outcome)) return outcome;
        if (outcome.right) fired++;
        continue;
      }
      if (at <= clock.now()) break;
      // Time moves on to `at`; what the clock's own timers dispatch on the way is drained next round.
      await clock.advanceTo(at);
    }
    await reactor.checkpoint();
    return sweptAt({ now: clock.now(), fired });
  };

  // The decided events are those of the modules given (each command's module decided them).
  const typedDispatch = dispatch as (input: unknown) => Promise<E.Either<KefuError, DispatchResult<EventsOfModules<M>>>>;
  return {
    store,
    clock,
    registry,
    dispatch: typedDispatch,
    dispatchUnknown: typedDispatch,
    load: handler.load,
    projection: <S>(name: string) => {
      if (!projectionStates.has(name)) throw new RangeError(`no inline projection named ${name}`);
      return projectionStates.get(name) as S;
    },
    advanceTo,
    sweepRetention,
    reactor: {
      deadlines: reactor.deadlines,
      nextDeadline: reactor.nextDeadline,
      position: reactor.position,
      waitFor: reactor.waitFor,
    },
    close: async () => {
      await retention?.stop();
      await reactor.stop();
      if (options.store === undefined) await store.close();
    },
  };
};
