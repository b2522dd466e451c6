/**
 * Loading a stream's state: from a snapshot plus the events after it when the
 * stream is cold, or only the events after the cached version when it is warm.
 * Every event read back is decoded (and upcast) by the registry first.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '../adapters/eventStore.js';
import type { KefuError } from '../domain/errors.js';
import type { AnyModule } from '../domain/module.js';
import type { Registry } from '../domain/registry.js';

export interface StreamState {
  readonly state: unknown;
  /** The stream version `state` is folded up to. */
  readonly version: number;
  /** The version of the last snapshot saved or loaded (0 = none). */
  readonly snapshotVersion: number;
}

export interface StreamLoader {
  /** Snapshot (when there is a usable one) + every event after it. */
  readonly loadCold: (module: AnyModule, stream: string) => Promise<E.Either<KefuError, StreamState>>;
  /** Folds the events appended after `from.version` into `from`. */
  readonly catchUp: (module: AnyModule, stream: string, from: StreamState) => Promise<E.Either<KefuError, StreamState>>;
}

export const createStreamLoader = (store: EventStore, registry: Registry, pageSize = 1000): StreamLoader => {
  const catchUp = async (module: AnyModule, stream: string, from: StreamState): Promise<E.Either<KefuError, StreamState>> => {
    let { state, version } = from;
    for (;;) {
      const page = await store.readStream(stream, { fromVersion: version + 1, maxCount: pageSize });
      if (E.isLeft(page)) return page;
      for (const recorded of page.right) {
        const decoded = registry.decodeEvent(recorded);
        if (E.isLeft(decoded)) return decoded;
        state = module.decider.evolve(state, decoded.right);
        version = recorded.streamVersion;
      }
      if (page.right.length < pageSize) return E.right({ state, version, snapshotVersion: from.snapshotVersion });
    }
  };

  const fromSnapshot = async (module: AnyModule, stream: string): Promise<E.Either<KefuError, StreamState>> => {
    const empty: StreamState = { state: module.decider.initialState(), version: 0, snapshotVersion: 0 };
    const policy = module.snapshot;
    if (policy === undefined) return E.right(empty);
    const loaded = await store.loadSnapshot(stream);
    if (E.isLeft(loaded)) return loaded;
    const snapshot = loaded.right;
    // A snapshot of another shape (the module changed) is not an error: fold from the start.
    if (snapshot === undefined || snapshot.schemaVersion !== policy.schemaVersion) return E.right(empty);
    const decoded = policy.decode(snapshot.state);
    return E.right(
      E.isRight(decoded) ? { state: decoded.right, version: snapshot.version, snapshotVersion: snapshot.version } : empty,
    );
  };

  return {
    loadCold: async (module, stream) => {
      const start = await fromSnapshot(module, stream);
      return E.isLeft(start) ? start : catchUp(module, stream, start.right);
    },
    catchUp,
  };
};
