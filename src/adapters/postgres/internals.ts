/**
 * What runPostgresProjection needs from a store besides the port: its pool, its
 * SQL and its change feed. Kept in a WeakMap rather than on the store object, so the
 * public type stays the port and nothing outside this folder reaches into it.
 */
import type * as E from 'fp-ts/lib/Either.js';
import type { Pool } from 'pg';
import type { StoreFailure, ValidationError } from '../../domain/errors.js';
import type { LogSource } from '../logFollower.js';
import type { EventStore } from '../eventStore.js';
import { baseStoreOf, readThroughLayers } from '../storeLayers.js';
import type { ChangeFeed } from './changeFeed.js';
import type { Statements } from './statements.js';

export interface StoreInternals {
  readonly pool: Pool;
  readonly statements: Statements;
  readonly feed: ChangeFeed;
  /** Reads pages of the log and waits on the change feed, for a loop of its own. */
  readonly logSource: () => LogSource;
  /** Left when the store is closed, its options are invalid or its migrations failed. */
  readonly open: (operation: string) => Promise<E.Either<StoreFailure | ValidationError, void>>;
}

const registry = new WeakMap<object, StoreInternals>();

export const registerInternals = (store: object, internals: StoreInternals): void => {
  registry.set(store, internals);
};

/**
 * A layered store (content protection) runs on the PostgreSQL store under it, and
 * its read models read the log through the layers, as every other reader of it does.
 */
export const internalsOf = (store: object): StoreInternals | undefined => {
  const own = registry.get(store);
  if (own !== undefined) return own;
  const base = registry.get(baseStoreOf(store as EventStore));
  if (base === undefined) return undefined;
  return {
    ...base,
    logSource: () => {
      const source = base.logSource();
      return {
        readAll: async (options) => {
          const page = await source.readAll(options);
          return page._tag === 'Left' ? page : readThroughLayers(store as EventStore, page.right);
        },
        waitForEvents: source.waitForEvents,
      };
    },
  };
};
