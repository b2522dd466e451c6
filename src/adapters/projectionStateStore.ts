/**
 * Where a durable projection keeps its state and its checkpoint, saved together in
 * one write: after a crash the state and the position it was folded up to always
 * match, so restarting from the checkpoint reaches the same state as a rebuild.
 * Durable adapters keep this in the same database as the events.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { StoreFailure } from '../domain/errors.js';
import type { ReadError } from './eventStore.js';
import { checkCheckpoint } from './savedState.js';

export interface ProjectionCheckpoint {
  /** The global position of the last event folded into `state`. */
  readonly position: number;
  /** The projection's state schema version; another version means rebuild. */
  readonly schemaVersion: number;
  readonly state: unknown;
}

export interface ProjectionStateStore {
  readonly loadProjection: (name: string) => Promise<E.Either<ReadError, ProjectionCheckpoint | undefined>>;
  readonly saveProjection: (name: string, checkpoint: ProjectionCheckpoint) => Promise<E.Either<StoreFailure, void>>;
}

export const createInMemoryProjectionStateStore = (): ProjectionStateStore => {
  const saved = new Map<string, string>();
  return {
    loadProjection: async (name) => {
      const json = saved.get(name);
      return E.right(json === undefined ? undefined : (JSON.parse(json) as ProjectionCheckpoint));
    },
    saveProjection: async (name, checkpoint) => {
      const checked = checkCheckpoint('saveProjection', checkpoint);
      if (E.isLeft(checked)) return checked;
      // Kept as text, so every load hands out a fresh copy.
      saved.set(name, JSON.stringify(checked.right));
      return E.right(undefined);
    },
  };
};
