/**
 * The reactor carries what events cause beyond their own stream (DESIGN 10-11).
 * It follows the log from a durable checkpoint, works out each event's reactions
 * (reactionPlan.ts), dispatches the immediate ones as the system before it moves
 * past the event, and folds the deadlines (pendingDeadlines.ts), which it fires
 * when the engine's clock reaches them.
 *
 * Delivery is at least once: after a crash the events after the checkpoint are
 * handled again, and two engines running reactors both handle every event. The
 * effect is exactly once because every command carries an id derived from its
 * cause (the event and the reaction, or the deadline), and the target's decide
 * answers a repeat or a moot deadline with no events (or a refusal, which settles
 * it too). A deadline that fired is settled by the event its command caused, or
 * locally when the command had nothing to do.
 *
 * Two ways to run: `start()` follows the log live and fires deadlines on the
 * clock's timers; `drain()` and `fireNext()` let `engine.advanceTo` move a
 * virtual clock step by step, deterministically. Both run the same handling.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore, ReadError, Subscription } from '../adapters/eventStore.js';
import { checkBatchSize, followLog } from '../adapters/logFollower.js';
import { progress } from '../adapters/progress.js';
import type { ProjectionStateStore } from '../adapters/projectionStateStore.js';
import type { Clock } from '../domain/clock.js';
import type { RecordedEvent } from '../domain/envelope.js';
import type { KefuError, StoreFailure, ValidationError } from '../domain/errors.js';
import type { Registry } from '../domain/registry.js';
import {
  decodeDeadlines,
  encodeDeadlines,
  foldDeadlines,
  nextDeadline,
  noDeadlines,
  pendingCount,
  pendingInOrder,
  settle,
  type Deadline,
  type PendingDeadlines,
} from '../projections/pendingDeadlines.js';
import { envelopeOf } from '../projections/pendingDeadlinesProjection.js';
import type { ProjectedEvent } from '../projections/projection.js';
import { planReactions, reactingModules } from '../projections/reactionPlan.js';
import { createCheckpointKeeper } from './checkpointKeeper.js';
import { keyedLock } from './keyedLock.js';

/** What the reactor dispatches with: the engine's own dispatch. */
export type Dispatch = (input: unknown) => Promise<E.Either<KefuError, { readonly events: readonly { readonly globalPosition: number }[] }>>;

/** A command the reactor dispatched, as it was sent. */
export interface ReactionInput {
  readonly type: string;
  readonly shopId: string;
  readonly actor: { readonly kind: 'system' };
  readonly data: unknown;
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
}

export type ReactorReport =
  /** A reaction's or a deadline's command was refused (a rule, bad data): it is settled, not retried. */
  | { readonly kind: 'refused'; readonly input: ReactionInput; readonly error: KefuError }
  /** The store failed or the stream stayed contended: the same command is tried again. */
  | { readonly kind: 'retrying'; readonly input: ReactionInput; readonly error: KefuError }
  /** An event that some module reacts to does not decode: its reactions are skipped. */
  | { readonly kind: 'unreadable'; readonly position: number; readonly error: ValidationError }
  /** A module's reaction function threw or answered something malformed. */
  | { readonly kind: 'reaction-problem'; readonly position: number; readonly module: string; readonly reason: string }
  /** The checkpoint could not be saved (tried again later), or the saved one did not decode (rebuilt). */
  | { readonly kind: 'checkpoint'; readonly error: StoreFailure | ValidationError }
  /** Following the log failed (the store is down): it starts again from the checkpoint after a pause. */
  | { readonly kind: 'follow-failed'; readonly error: ReadError };

export interface ReactorOptions {
  readonly store: EventStore;
  readonly checkpoints: ProjectionStateStore;
  readonly registry: Registry;
  readonly dispatch: Dispatch;
  readonly clock: Clock;
  /** The checkpoint's name; engines sharing one may run side by side (the fold is the same). */
  readonly name?: string;
  /** Only the events (and so the reactions and deadlines) of one shop. */
  readonly shopId?: string;
  readonly batchSize?: number;
  readonly onReport?: (report: ReactorReport) => void;
  /** Pauses between retries when live; injected by tests. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface Reactor {
  /** Follows the log live and fires deadlines on the clock, until stopped. */
  readonly start: () => void;
  /** Handles every event stored so far (and what handling them appends). Left on a store failure. */
  readonly drain: () => Promise<E.Either<KefuError, number>>;
  /** Fires the earliest pending deadline if it is due at `now`; answers whether one fired. */
  readonly fireNext: (now: number) => Promise<E.Either<KefuError, boolean>>;
  readonly nextDeadline: () => Deadline | undefined;
  readonly pending: () => number;
  /** The pending deadlines in firing order (a copy). */
  readonly deadlines: () => readonly Deadline[];
  /** The position of the last event handled. */
  readonly position: () => number;
  /** Resolves once the event at `position` has been handled (live). */
  readonly waitFor: (position: number) => Promise<E.Either<ReadError, void>>;
  /** Saves the checkpoint if it moved and is due (or `force`). */
  readonly checkpoint: (force?: boolean) => Promise<void>;
  /** Stops following, saves the checkpoint. */
  readonly stop: () => Promise<void>;
}

const FIRST_RETRY_MS = 50;
const LAST_RETRY_MS = 5_000;
/** Saves at least this far apart (events), more for a large set: each save writes every pending deadline. */
const MIN_SAVE_EVERY = 200;
const SAVE_INTERVAL_MS = 1_000;
const SAVE_COST_FACTOR = 20;
const VISIBILITY_WAIT_MS = 2;
const MAX_VISIBILITY_WAITS = 500;

const abortableSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/** A failure worth trying again: the store, or a stream contended past the handler's retries. */
const isTransient = (error: KefuError) => error._tag === 'StoreFailure' || error._tag === 'ConcurrencyConflict';

export const createReactor = (options: ReactorOptions): Reactor => {
  const { store, registry, clock } = options;
  const name = options.name ?? 'kefu-reactor';
  const reacting = reactingModules(registry.modules);
  const report = (r: ReactorReport) => options.onReport?.(r);
  const sleep = options.sleep ?? abortableSleep;
  const keeper = createCheckpointKeeper({
    checkpoints: options.checkpoints,
    format: { name, schemaVersion: 1, encode: encodeDeadlines, decode: decodeDeadlines },
    onSetAside: (error) => report({ kind: 'checkpoint', error }),
  });
  // Handling an event and firing a deadline never interleave: both read and change the fold.
  const lock = keyedLock();
  const exclusive = <T>(task: () => Promise<T>) => lock.run('reactor', task);

  let deadlines: PendingDeadlines = noDeadlines();
  let position = 0;
  let loaded: Promise<E.Either<ReadError, void>> | undefined;
  const reached = progress(`reactor ${name}`);
  let eventsSinceSave = 0;
  /** Commands sent so far: a drain pass that sent none has seen all this engine appended. */
  let dispatched = 0;
  /** The position of the last event this reactor's commands appended: a drain reads at least that far. */
  let appendedUpTo = 0;
  let settledSinceSave = false;
  let lastSaveAt = -Infinity;
  let lastSaveMs = 0;

  const load = (): Promise<E.Either<ReadError, void>> => {
    // Memoised on success only: a store that was down is asked again next time.
    loaded ??= keeper.load().then((resumed) => {
      if (E.isLeft(resumed)) {
        loaded = undefined;
        return resumed;
      }
      if (resumed.right !== undefined) {
        deadlines = resumed.right.state;
        position = resumed.right.position;
        reached.advance(position);
      }
      return E.right(undefined);
    });
    return loaded;
  };

  const inputFor = (type: string, shopId: string, data: unknown, commandId: string, correlationId: string, causationId: string): ReactionInput => ({
    type,
    shopId,
    actor: { kind: 'system' },
    data,
    commandId,
    correlationId,
    causationId,
  });

  /** Dispatches; a refusal is settled (reported), a transient failure is the caller's to retry. */
  const send = async (input: ReactionInput): Promise<E.Either<KefuError, void>> => {
    dispatched++;
    const result = await options.dispatch(input);
    if (E.isRight(result)) {
      const last = result.right.events[result.right.events.length - 1];
      if (last !== undefined && last.globalPosition > appendedUpTo) appendedUpTo = last.globalPosition;
      return E.right(undefined);
    }
    if (isTransient(result.left)) {
      report({ kind: 'retrying', input, error: result.left });
      return E.left(result.left);
    }
    report({ kind: 'refused', input, error: result.left });
    return E.right(undefined);
  };

  /** One event: its immediate reactions dispatched, then the deadlines folded. Position moves only on success. */
  const handle = async (recorded: RecordedEvent): Promise<E.Either<KefuError, void>> => {
    const modules = reacting.get(recorded.type);
    let projected: ProjectedEvent | undefined;
    if (modules !== undefined) {
      const decoded = registry.decodeRecorded(recorded);
      if (E.isLeft(decoded)) report({ kind: 'unreadable', position: recorded.globalPosition, error: decoded.left });
      else projected = decoded.right;
    }
    const plan = projected === undefined ? undefined : planReactions(modules ?? [], projected);
    for (const problem of plan?.problems ?? []) report({ kind: 'reaction-problem', position: recorded.globalPosition, ...problem });
    const { metadata } = recorded;
    for (const planned of plan?.dispatches ?? []) {
      const sent = await send(inputFor(planned.command.type, metadata.shopId, planned.command.data, planned.commandId, metadata.correlationId, metadata.eventId));
      if (E.isLeft(sent)) return sent;
    }
    const envelope = projected === undefined ? envelopeOf(recorded as ProjectedEvent) : envelopeOf(projected);
    deadlines = foldDeadlines(deadlines, envelope, plan?.changes ?? []);
    position = recorded.globalPosition;
    eventsSinceSave++;
    reached.advance(position);
    return E.right(undefined);
  };

  const fire = async (deadline: Deadline): Promise<E.Either<KefuError, void>> => {
    const { command } = deadline;
    const sent = await send(inputFor(command.type, deadline.shopId, command.data, deadline.id, deadline.correlationId, deadline.causationId));
    if (E.isLeft(sent)) return sent;
    // Fired: its event (if any) settles it in the fold as well; a no-op or a refusal leaves no event.
    deadlines = settle(deadlines, deadline.id);
    settledSinceSave = true;
    return E.right(undefined);
  };

  /**
   * A save writes every pending deadline: at 100,000 pending that is about 30 MB and
   * most of a second. So saves are spaced by events (at least as many as are pending)
   * and by time (at least a second, and at least 20 times what the last save took:
   * at most about 5% of the time goes to saving, however large the set).
   */
  const saveDue = () => {
    if (position === keeper.savedPosition() && !settledSinceSave) return false;
    const every = Math.max(MIN_SAVE_EVERY, pendingCount(deadlines));
    const interval = Math.max(SAVE_INTERVAL_MS, SAVE_COST_FACTOR * lastSaveMs);
    return eventsSinceSave >= every || performance.now() - lastSaveAt >= interval;
  };

  const checkpoint = async (force = false): Promise<void> => {
    if (!(force ? position !== keeper.savedPosition() || settledSinceSave : saveDue())) return;
    eventsSinceSave = 0;
    settledSinceSave = false;
    const started = performance.now();
    const saved = await keeper.save(position, deadlines);
    lastSaveAt = performance.now();
    lastSaveMs = lastSaveAt - started;
    if (E.isLeft(saved)) {
      settledSinceSave = true;
      report({ kind: 'checkpoint', error: saved.left });
    }
  };

  const drainLocked = async (): Promise<E.Either<KefuError, number>> => {
    const ready = await load();
    if (E.isLeft(ready)) return ready;
    const batchSize = checkBatchSize(options.batchSize, `reactor ${name}`);
    if (E.isLeft(batchSize)) return batchSize;
    let failure: KefuError | undefined;
    const never = new AbortController().signal;
    // Handling events may dispatch commands that append more: read again until a pass
    // dispatched nothing and the reads have reached what this reactor appended. (On
    // PostgreSQL a committed event stays out of reads while an older transaction of
    // another writer runs: then wait a moment, a bounded number of times.)
    for (let again = true, waits = 0; again && failure === undefined; ) {
      const dispatchedBefore = dispatched;
      const positionBefore = position;
      const followed = await followLog(
        { readAll: (o) => store.readAll(o), waitForEvents: async () => undefined },
        {
          after: position,
          shopId: options.shopId,
          batchSize: batchSize.right,
          untilCaughtUp: true,
          stopping: () => failure !== undefined,
          signal: never,
          onPage: async (events) => {
            for (const event of events) {
              const handled = await handle(event);
              if (E.isLeft(handled)) {
                failure = handled.left;
                return E.right(position);
              }
            }
            return E.right(position);
          },
        },
      );
      if (E.isLeft(followed)) return followed;
      // Reaction commands stay in their event's shop, so a shop-filtered reactor reads all it appends too.
      const behind = position < appendedUpTo;
      again = dispatched !== dispatchedBefore || (behind && waits < MAX_VISIBILITY_WAITS);
      if (behind && dispatched === dispatchedBefore && position === positionBefore) {
        waits++;
        await sleep(VISIBILITY_WAIT_MS, never);
      }
    }
    return failure === undefined ? E.right(position) : E.left(failure);
  };

  const fireNextLocked = async (now: number): Promise<E.Either<KefuError, boolean>> => {
    const ready = await load();
    if (E.isLeft(ready)) return ready;
    const next = nextDeadline(deadlines);
    if (next === undefined || next.at > now) return E.right(false);
    const fired = await fire(next);
    return E.isLeft(fired) ? fired : E.right(true);
  };

  // ---- live ----
  let running = false;
  let stopping = false;
  const abort = new AbortController();
  let subscription: Subscription | undefined;
  let supervisor: Promise<void> | undefined;
  let alarm: { at: number; cancel: () => void } | undefined;
  let retryAfterMs = FIRST_RETRY_MS;

  const backoff = () => {
    const ms = retryAfterMs;
    retryAfterMs = Math.min(retryAfterMs * 2, LAST_RETRY_MS);
    return ms;
  };

  /** Arms one timer for the earliest pending deadline (a wake-up only: the deadline itself lives in the log). */
  const rearm = (retryAt?: number) => {
    if (!running || stopping) return;
    const next = nextDeadline(deadlines);
    const at = retryAt ?? next?.at;
    if (alarm !== undefined && alarm.at === at) return;
    alarm?.cancel();
    alarm = undefined;
    if (at === undefined) return;
    alarm = { at, cancel: clock.schedule(at, () => void fireDue()) };
  };

  const fireDue = (): Promise<void> =>
    exclusive(async () => {
      alarm = undefined;
      for (;;) {
        if (stopping) return;
        const fired = await fireNextLocked(clock.now());
        if (E.isLeft(fired)) return rearm(clock.now() + backoff());
        if (!fired.right) break;
        retryAfterMs = FIRST_RETRY_MS;
      }
      rearm();
      await checkpoint();
    });

  /** The live handler: retries a transient failure in place, so no event is skipped. */
  const handleLive = (recorded: RecordedEvent): Promise<void> =>
    exclusive(async () => {
      for (;;) {
        if (stopping) throw new Error('reactor stopping');
        const handled = await handle(recorded);
        if (E.isRight(handled)) break;
        await sleep(backoff(), abort.signal);
      }
      retryAfterMs = FIRST_RETRY_MS;
      rearm();
    });

  const follow = async () => {
    while (!stopping) {
      const ready = await load();
      if (E.isLeft(ready)) {
        report({ kind: 'follow-failed', error: ready.left });
        await sleep(backoff(), abort.signal);
        continue;
      }
      // stop() may have come while the checkpoint loaded: it found no subscription to stop.
      if (stopping) break;
      rearm();
      subscription = store.subscribe({
        after: position,
        ...(options.shopId === undefined ? {} : { shopId: options.shopId }),
        ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
        handler: handleLive,
        onCaughtUp: () => void exclusive(() => checkpoint()),
      });
      const ended = await subscription.done;
      subscription = undefined;
      if (stopping) break;
      if (E.isLeft(ended)) report({ kind: 'follow-failed', error: ended.left });
      await sleep(backoff(), abort.signal);
    }
  };

  return {
    start: () => {
      if (running) return;
      running = true;
      supervisor = follow();
    },
    drain: () => exclusive(drainLocked),
    fireNext: (now) => exclusive(() => fireNextLocked(now)),
    nextDeadline: () => nextDeadline(deadlines),
    pending: () => pendingCount(deadlines),
    deadlines: () => pendingInOrder(deadlines),
    position: () => position,
    waitFor: reached.waitFor,
    checkpoint: (force) => exclusive(() => checkpoint(force)),
    stop: async () => {
      stopping = true;
      abort.abort();
      alarm?.cancel();
      alarm = undefined;
      await subscription?.stop();
      await supervisor;
      await exclusive(() => checkpoint(true));
      reached.end(E.right(undefined));
    },
  };
};
