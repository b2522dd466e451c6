/**
 * Runs a projection from the store: load its state and checkpoint, follow the log
 * from there (catch up, then live), fold each decoded event, and save state and
 * checkpoint together every `saveEvery` events and whenever it has caught up.
 * Every process can run one: each sees every process's events.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore, ReadError, Subscription } from '../adapters/eventStore.js';
import { progress } from '../adapters/progress.js';
import type { ProjectionStateStore } from '../adapters/projectionStateStore.js';
import type { DomainEvent } from '../domain/decider.js';
import type { ValidationError } from '../domain/errors.js';
import type { Registry } from '../domain/registry.js';
import type { ProjectedEvent, Projection } from '../projections/projection.js';

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
  /** Saves the latest state and checkpoint, then stops. */
  readonly stop: () => Promise<void>;
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
}

export const runProjection = async <S>(
  options: RunProjectionOptions<S>,
): Promise<E.Either<ReadError, RunningProjection<S>>> => {
  const { projection, checkpoints } = options;
  const loaded = await checkpoints.loadProjection(projection.name);
  if (E.isLeft(loaded)) return loaded;
  let state = projection.initialState();
  let position = 0;
  const saved = loaded.right;
  if (saved !== undefined && saved.schemaVersion === projection.schemaVersion) {
    const decoded = projection.decode(saved.state);
    if (E.isRight(decoded)) {
      state = decoded.right;
      position = saved.position;
    }
  }
  let savedPosition = position;
  const saveEvery = options.saveEvery ?? 100;
  const reached = progress(`projection ${projection.name}`, position);

  // Saves run one after another, so an older checkpoint never overwrites a newer one.
  let saving: Promise<void> = Promise.resolve();
  const save = (): Promise<void> => {
    saving = saving.then(async () => {
      if (savedPosition === position) return;
      // State and position are read together, synchronously: they always match.
      const checkpoint = { position, schemaVersion: projection.schemaVersion, state: projection.encode(state) };
      const result = await checkpoints.saveProjection(projection.name, checkpoint);
      if (E.isLeft(result)) throw new Error(result.left.message);
      savedPosition = checkpoint.position;
    });
    return saving;
  };

  const wake = () => reached.advance(position);

  const subscription: Subscription = options.store.subscribe({
    after: position,
    ...(options.shopId === undefined ? {} : { shopId: options.shopId }),
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    handler: (recorded) => {
      const decoded = options.registry.decodeEvent(recorded);
      // A handler failure stops the subscription; the message names the event and the field.
      if (E.isLeft(decoded)) throw new Error(decoded.left.issues.map((i) => `${decoded.left.source} ${i.path}: ${i.reason}`).join('; '));
      state = projection.apply(state, { ...recorded, data: decoded.right.data } as ProjectedEvent);
      position = recorded.globalPosition;
      wake();
      // Only a save makes the subscription wait; folding stays synchronous.
      return position - savedPosition >= saveEvery ? save() : undefined;
    },
    onCaughtUp: () => {
      void save().then(wake, () => undefined);
    },
  });

  return E.right({
    state: () => state,
    position: () => position,
    waitFor: reached.waitFor,
    stop: async () => {
      await subscription.stop();
      await save();
    },
    done: subscription.done.then((outcome) => {
      reached.end(outcome);
      return outcome;
    }),
  });
};
