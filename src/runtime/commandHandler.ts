/**
 * The command handler: load the stream's state, decide, append with the version
 * the decision was made on, and on a version conflict catch up and decide again
 * (a bounded number of times, with jittered backoff) unless the caller pinned the
 * version.
 *
 * The latest state of every stream this process wrote is cached with its version,
 * so a command costs the same on a stream of 100 or 100,000 events: it is decided
 * on the cached state and appended with that version expected. If another process
 * wrote in between, the append conflicts and the handler reads only the events it
 * missed. A refusal or a no-op decided on a cached state is confirmed against the
 * store first, since it may rest on a state another process has moved on from.
 */
import * as E from 'fp-ts/lib/Either.js';
import { LRUCache } from 'lru-cache';
import type { EventStore } from '../adapters/eventStore.js';
import type { Command } from '../domain/command.js';
import type { RandomSource } from '../domain/clock.js';
import { noContext, type DecideContext, type DomainEvent } from '../domain/decider.js';
import type { EventToAppend, RecordedEvent } from '../domain/envelope.js';
import { concurrencyConflict, type KefuError } from '../domain/errors.js';
import type { AnyModule, StreamReference } from '../domain/module.js';
import type { Registry } from '../domain/registry.js';
import { defaultRetryPolicy, retryDelay, type RetryPolicy } from './backoff.js';
import { keyedLock } from './keyedLock.js';
import { randomUuid } from './seededRandom.js';
import { createStreamLoader, type SnapshotSetAside, type StreamState } from './streamLoader.js';

export interface HandledCommand {
  readonly stream: string;
  /** The events the decider produced, as the module's types (same order as `events`). */
  readonly decided: readonly DomainEvent[];
  /** The events appended, as stored; empty when the command had nothing to do. */
  readonly events: readonly RecordedEvent[];
  /** The stream's version after the command. */
  readonly version: number;
}

export interface CommandHandlerOptions {
  readonly store: EventStore;
  readonly registry: Registry;
  readonly random: RandomSource;
  readonly retry?: RetryPolicy;
  readonly sleep?: (ms: number) => Promise<void>;
  /** How many streams' states are kept in memory (least recently used are dropped). */
  readonly cachedStreams?: number;
  /** Told when a snapshot could not be saved; the command itself still succeeded. */
  readonly onSnapshotFailure?: (stream: string, error: KefuError) => void;
  /** Told when a stored snapshot was unreadable or did not fit its stream: the state was folded from the events. */
  readonly onSnapshotSetAside?: SnapshotSetAside;
}

export interface CommandHandler {
  readonly handle: (module: AnyModule, command: Command) => Promise<E.Either<KefuError, HandledCommand>>;
  /** The current state of a stream, caught up with the store. */
  readonly load: (module: AnyModule, stream: string) => Promise<E.Either<KefuError, StreamState>>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The decision and the state after it, folding the events here when the decider does not hand it back. */
const decideAndFold = (
  module: AnyModule,
  command: Command,
  state: unknown,
  context: DecideContext,
): E.Either<KefuError, { events: readonly DomainEvent[]; state: unknown }> => {
  const { decider } = module;
  if (decider.decideAndFold !== undefined) return decider.decideAndFold(command, state, context) as E.Either<KefuError, { events: readonly DomainEvent[]; state: unknown }>;
  const decided = decider.decide(command, state, context) as E.Either<KefuError, readonly DomainEvent[]>;
  if (E.isLeft(decided)) return decided;
  let next = state;
  for (const event of decided.right) next = decider.evolve(next, event);
  return E.right({ events: decided.right, state: next });
};

export const createCommandHandler = (options: CommandHandlerOptions): CommandHandler => {
  const { store, registry, random } = options;
  const retry = options.retry ?? defaultRetryPolicy;
  const sleep = options.sleep ?? realSleep;
  const loader = createStreamLoader(store, registry, options.onSnapshotSetAside);
  const cache = new LRUCache<string, StreamState>({ max: options.cachedStreams ?? 10_000 });
  const locks = keyedLock();

  const toAppend = (command: Command, events: readonly DomainEvent[]): EventToAppend[] =>
    events.map((event) => {
      const encoded = registry.encodeEvent(event);
      return {
        type: encoded.type,
        schemaVersion: encoded.schemaVersion,
        data: encoded.data,
        metadata: {
          eventId: randomUuid(random),
          shopId: command.meta.shopId,
          actor: command.meta.actor,
          occurredAt: command.meta.now,
          correlationId: command.meta.correlationId,
          causationId: command.meta.commandId,
        },
      };
    });

  const current = async (module: AnyModule, stream: string) => {
    const cached = cache.get(stream);
    if (cached !== undefined) return { loaded: E.right(cached), fresh: false };
    return { loaded: await loader.loadCold(module, stream), fresh: true };
  };

  const snapshotDue = (module: AnyModule, entry: StreamState) => {
    const policy = module.snapshot;
    if (policy === undefined) return false;
    const every = typeof policy.every === 'number' ? policy.every : policy.every(entry.state);
    return entry.version - entry.snapshotVersion >= every;
  };

  const saveSnapshot = async (module: AnyModule, stream: string, entry: StreamState): Promise<StreamState> => {
    const policy = module.snapshot;
    if (policy === undefined) return entry;
    const saved = await store.saveSnapshot(stream, {
      version: entry.version,
      schemaVersion: policy.schemaVersion,
      state: policy.encode(entry.state),
    });
    if (E.isLeft(saved)) {
      options.onSnapshotFailure?.(stream, saved.left);
      return entry;
    }
    return { ...entry, snapshotVersion: entry.version };
  };

  const handleLocked = async (module: AnyModule, command: Command, context: DecideContext): Promise<E.Either<KefuError, HandledCommand>> => {
    const stream = module.streamOf(command);
    const start = await current(module, stream);
    if (E.isLeft(start.loaded)) return start.loaded;
    let entry = start.loaded.right;
    let fresh = start.fresh;
    const pinned = command.meta.expectedVersion;
    if (pinned !== undefined && !fresh) {
      // A pinned version is checked against the store, not against what this process last saw.
      const caughtUp = await loader.catchUp(module, stream, entry);
      if (E.isLeft(caughtUp)) return caughtUp;
      entry = caughtUp.right;
      fresh = true;
      cache.set(stream, entry);
    }
    if (pinned !== undefined && pinned !== entry.version) {
      return E.left(concurrencyConflict(stream, pinned, entry.version, 1));
    }

    for (let attempt = 1; ; ) {
      const decided = decideAndFold(module, command, entry.state, context);
      const refusedOrIdle = E.isLeft(decided) || decided.right.events.length === 0;
      if (refusedOrIdle && !fresh) {
        const caughtUp = await loader.catchUp(module, stream, entry);
        if (E.isLeft(caughtUp)) return caughtUp;
        fresh = true;
        if (caughtUp.right.version !== entry.version) {
          entry = caughtUp.right;
          cache.set(stream, entry);
          continue;
        }
      }
      if (E.isLeft(decided)) return decided;
      if (decided.right.events.length === 0) return E.right({ stream, decided: [], events: [], version: entry.version });

      const expected = pinned ?? entry.version;
      const appended = await store.append(stream, toAppend(command, decided.right.events), expected);
      if (E.isRight(appended)) {
        const written: StreamState = { state: decided.right.state, version: appended.right.nextVersion, snapshotVersion: entry.snapshotVersion };
        const next = snapshotDue(module, written) ? await saveSnapshot(module, stream, written) : written;
        cache.set(stream, next);
        return E.right({ stream, decided: decided.right.events, events: appended.right.events, version: next.version });
      }
      const failure = appended.left;
      if (failure._tag !== 'ConcurrencyConflict') return appended;
      if (pinned !== undefined || attempt >= retry.maxAttempts) {
        return E.left(concurrencyConflict(stream, failure.expected, failure.actual, attempt));
      }
      const caughtUp = await loader.catchUp(module, stream, entry);
      if (E.isLeft(caughtUp)) return caughtUp;
      entry = caughtUp.right;
      fresh = true;
      cache.set(stream, entry);
      attempt++;
      const delay = retryDelay(retry, attempt, random);
      if (delay > 0) await sleep(delay);
    }
  };

  /** When a cached state was last caught up from the store (keyed by the state object: a local write replaces it, unmarked). */
  const caughtUpAt = new WeakMap<StreamState, number>();

  const load = (module: AnyModule, stream: string, now?: number): Promise<E.Either<KefuError, StreamState>> =>
    locks.run(stream, async () => {
      const start = await current(module, stream);
      if (E.isLeft(start.loaded)) return start.loaded;
      const loaded = start.fresh ? start.loaded : await loader.catchUp(module, stream, start.loaded.right);
      if (E.isRight(loaded)) {
        cache.set(stream, loaded.right);
        if (now !== undefined) caughtUpAt.set(loaded.right, now);
      }
      return loaded;
    });

  /** A reference's cached state, when it was caught up within its `maxAgeMs` (module.ts). */
  const recentEnough = (reference: StreamReference, now: number): StreamState | undefined => {
    if (reference.maxAgeMs === undefined) return undefined;
    const cached = cache.get(reference.stream);
    const at = cached === undefined ? undefined : caughtUpAt.get(cached);
    return at !== undefined && now - at <= reference.maxAgeMs && now >= at ? cached : undefined;
  };

  const modulesByName = new Map(registry.modules.map((m) => [m.name, m]));

  /**
   * The referenced streams, each caught up under its own lock and released before the
   * command's stream is locked: two modules that read each other's streams never wait
   * on each other.
   */
  const contextFor = async (module: AnyModule, command: Command): Promise<E.Either<KefuError, DecideContext>> => {
    const references = module.references?.(command) ?? [];
    if (references.length === 0) return E.right(noContext);
    const states = new Map<string, unknown>();
    for (const reference of references) {
      const referenced = modulesByName.get(reference.module);
      if (referenced === undefined && reference.optional === true) continue;
      if (referenced === undefined) throw new Error(`module ${module.name} references stream ${reference.stream} of module ${reference.module}, which is not registered`);
      const recent = recentEnough(reference, command.meta.now);
      if (recent !== undefined) {
        states.set(reference.stream, recent.state);
        continue;
      }
      const loaded = await load(referenced, reference.stream, command.meta.now);
      if (E.isLeft(loaded)) return loaded;
      states.set(reference.stream, loaded.right.state);
    }
    return E.right({ stateOf: (stream) => states.get(stream) });
  };

  return {
    handle: async (module, command) => {
      const context = await contextFor(module, command);
      if (E.isLeft(context)) return context;
      return locks.run(module.streamOf(command), () => handleLocked(module, command, context.right));
    },
    load,
  };
};
