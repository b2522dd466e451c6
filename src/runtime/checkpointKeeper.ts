/**
 * Saves and loads the state and checkpoint of something that follows the log (a
 * durable projection, the reactor), together, in one write. Saves run one after
 * another, so an older checkpoint never overwrites a newer one; a save that fails
 * is reported and leaves the chain usable, so the next save tries again (one
 * failure must not disable every later save). A saved state of another schema
 * version, or one that does not decode, is set aside: the follower starts over
 * from the beginning of the log, which gives the same state.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ReadError } from '../adapters/eventStore.js';
import type { ProjectionStateStore } from '../adapters/projectionStateStore.js';
import { storeFailure, type StoreFailure, type ValidationError } from '../domain/errors.js';

export interface CheckpointFormat<S> {
  readonly name: string;
  readonly schemaVersion: number;
  readonly encode: (state: S) => unknown;
  readonly decode: (saved: unknown) => E.Either<ValidationError, S>;
}

export interface Resumed<S> {
  readonly state: S;
  readonly position: number;
}

export interface CheckpointKeeper<S> {
  /** The saved state and position; undefined when there is none usable (start from the beginning). */
  readonly load: () => Promise<E.Either<ReadError, Resumed<S> | undefined>>;
  /**
   * Saves `state` as folded up to `position`. `state` is encoded at once, so a caller
   * may go on changing its own value. Resolves with the outcome, never rejects.
   */
  readonly save: (position: number, state: S) => Promise<E.Either<StoreFailure, void>>;
  /** The position of the last successful save (or load). */
  readonly savedPosition: () => number;
}

export interface CheckpointKeeperOptions<S> {
  readonly checkpoints: ProjectionStateStore;
  readonly format: CheckpointFormat<S>;
  /** Told when a saved checkpoint was set aside (it did not decode): the follower rebuilds. */
  readonly onSetAside?: (error: ValidationError) => void;
}

export const createCheckpointKeeper = <S>(options: CheckpointKeeperOptions<S>): CheckpointKeeper<S> => {
  const { checkpoints, format } = options;
  let savedPosition = 0;
  let chain: Promise<unknown> = Promise.resolve();

  return {
    load: async () => {
      const loaded = await checkpoints.loadProjection(format.name);
      if (E.isLeft(loaded)) return loaded;
      const saved = loaded.right;
      if (saved === undefined || saved.schemaVersion !== format.schemaVersion) return E.right(undefined);
      const decoded = format.decode(saved.state);
      if (E.isLeft(decoded)) {
        options.onSetAside?.(decoded.left);
        return E.right(undefined);
      }
      savedPosition = saved.position;
      return E.right({ state: decoded.right, position: saved.position });
    },
    save: (position, state) => {
      // Encoded now, synchronously: the state and the position always match.
      const checkpoint = { position, schemaVersion: format.schemaVersion, state: format.encode(state) };
      const saving = chain.then(async (): Promise<E.Either<StoreFailure, void>> => {
        let result: E.Either<StoreFailure, void>;
        try {
          result = await checkpoints.saveProjection(format.name, checkpoint);
        } catch (error) {
          // A store that throws breaks its promise; the keeper still answers a value.
          result = E.left(storeFailure(`save checkpoint ${format.name}`, error));
        }
        if (E.isRight(result) && position > savedPosition) savedPosition = position;
        return result;
      });
      // The chain goes on whatever this save answered.
      chain = saving.then(
        () => undefined,
        () => undefined,
      );
      return saving;
    },
    savedPosition: () => savedPosition,
  };
};
