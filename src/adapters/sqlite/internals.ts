/**
 * What runSqliteProjection needs from a store beyond the port, kept off the
 * public object: found through the store itself, so only a real SQLite store
 * (with its connection) can run one.
 */
import type { EventStore } from '../eventStore.js';
import { baseStoreOf } from '../storeLayers.js';
export interface SqliteStoreInternals {
  readonly isClosed: () => boolean;
  readonly waitForEvents: (position: number, shopId: string | undefined, signal: AbortSignal) => Promise<void>;
  /** The saved checkpoint of a projection (0 when none). Throws on a database error. */
  readonly projectionPosition: (name: string) => number;
  /** Saves a SQL read model's checkpoint (its state lives in its own tables). Throws on a database error. */
  readonly saveProjectionPosition: (name: string, position: number) => void;
}

const internals = new WeakMap<object, SqliteStoreInternals>();

export const registerInternals = (store: object, value: SqliteStoreInternals): void => {
  internals.set(store, value);
};

/** A layered store (content protection) runs on the SQLite store under it; its own readAll is what a read model reads. */
export const internalsOf = (store: object): SqliteStoreInternals | undefined => internals.get(store) ?? internals.get(baseStoreOf(store as EventStore));
