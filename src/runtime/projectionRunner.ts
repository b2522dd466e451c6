/**
 * Runs a projection from the store: load its state and checkpoint, follow the log
 * from there (catch up, then live), fold each decoded event, and save state and
 * checkpoint together every `saveEvery` events and whenever it has caught up.
 * Every process can run one: each sees every process's events.
 *
 * A failed save is reported (`onSaveFailure`) and does not stop the projection:
 * its state in memory is still right, and the next save tries again.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore, ReadError, Subscription } from '../adapters/eventStore.js';
import { progress } from '../adapters/progress.js';
import type { ProjectionStateStore } from '../adapters/projectionStateStore.js';
import type { DomainEvent } from '../domain/decider.js';
import { describeError, type StoreFailure, type ValidationError } from '../domain/errors.js';
import type { Registry } from '../domain/registry.js';
import type { Projection } from '../projections/projection.js';
import { createCheckpointKeeper } from './checkpointKeeper.js';

export interface DurableProjection<S, E extends DomainEvent = DomainEvent> extends Projection<S, E> {
  /** Bump when the state's shape changes: a saved state of another version is rebuilt from the log. */
  readonly schemaVersion: number;
  readonly encode: (state: S) => unknown;
  readonly decode: (saved: unknown) => E.Either<ValidationError, S>;
}

export interface RunningProjection<S> {
  readonly state: () => S;
  /** The position of the last event folded in. */
  readonly position: () => number;
  /** Resolves once every event up to `position` is folded in (read-your-writes for a reader); left if the run ends first. */
  readonly waitFor: (position: number) => Promise<E.Either<ReadError, void>>;
  /** Stops, then saves the latest state and checkpoint; answers how that last save went. */
  readonly stop: () => Promise<E.Either<StoreFailure, void>>;
  readonly done: Promise<E.Either<ReadError, void>>;
}

export interface RunProjectionOptions<S> {
  readonly store: EventStore;
  readonly checkpoints: ProjectionStateStore;
  readonly registry: Registry;
  // The runner decodes with the registry; the projection's event type is trusted to match it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly projection: DurableProjection<S, any>;
  readonly shopId?: string;
  readonly saveEvery?: number;
  readonly batchSize?: number;
  /** Told when a save failed; the projection goes on and the next save tries again. */
  readonly onSaveFailure?: (error: StoreFailure) => void;
  /** Told when the saved state did not decode and was set aside for a rebuild. */
  readonly onCheckpointSetAside?: (error: ValidationError) => void;
}

export const runProjection = async <S>(
  options: RunProjectionOptions<S>,
): Promise<E.Either<ReadError, RunningProjection<S>>> => {
  const { projection } = options;
  const keeper = createCheckpointKeeper({
    checkpoints: options.checkpoints,
    format: projection,
    ...(options.onCheckpointSetAside === undefined ? {} : { onSetAside: options.onCheckpointSetAside }),
  });
  const loaded = await keeper.load();
  if (E.isLeft(loaded)) return loaded;
  let state = loaded.right?.state ?? projection.initialState();
  let position = loaded.right?.position ?? 0;
  const saveEvery = options.saveEvery ?? 100;
  const reached = progress(`projection ${projection.name}`, position);

  const save = async (): Promise<E.Either<StoreFailure, void>> => {
    if (keeper.savedPosition() === position) return E.right(undefined);
    const saved = await keeper.save(position, state);
    if (E.isLeft(saved)) options.onSaveFailure?.(saved.left);
    return saved;
  };

  let unreadable: ValidationError | undefined;
  const subscription: Subscription = options.store.subscribe({
    after: position,
    ...(options.shopId === undefined ? {} : { shopId: options.shopId }),
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    handler: (recorded) => {
      const decoded = options.registry.decodeRecorded(recorded);
      if (E.isLeft(decoded)) {
        // Throwing stops the subscription before this event; the run ends with the decode error itself.
        unreadable = decoded.left;
        throw new Error(describeError(decoded.left));
      }
      state = projection.apply(state, decoded.right);
      position = recorded.globalPosition;
      reached.advance(position);
      // Only a save makes the subscription wait; folding stays synchronous.
      return position - keeper.savedPosition() >= saveEvery ? save().then(() => undefined) : undefined;
    },
    onCaughtUp: () => void save(),
  });

  return E.right({
    state: () => state,
    position: () => position,
    waitFor: reached.waitFor,
    stop: async () => {
      await subscription.stop();
      return save();
    },
    done: subscription.done.then((ended) => {
      const outcome: E.Either<ReadError, void> = unreadable === undefined ? ended : E.left(unreadable);
      reached.end(outcome);
      return outcome;
    }),
  });
};
