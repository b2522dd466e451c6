/**
 * Loading a stream's state: from a snapshot plus the events after it when the
 * stream is cold, or only the events after the cached version when it is warm.
 * Every event read back is decoded (and upcast) by the registry first.
 *
 * A snapshot is a cache of the events, never the truth: one that cannot be read
 * (not JSON, a negative version), does not decode, or does not fit its stream (a
 * version the stream does not have) is set aside, reported, and the state is
 * folded from the events instead. A damaged snapshot must not block a shop whose
 * events are intact, nor pin it to a version the stream never reaches.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '../adapters/eventStore.js';
import { describeError, type KefuError } from '../domain/errors.js';
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

/** Why a snapshot was not used; the state was folded from the events. */
export type SnapshotSetAside = (stream: string, reason: string) => void;

export const createStreamLoader = (store: EventStore, registry: Registry, onSetAside?: SnapshotSetAside, pageSize = 1000): StreamLoader => {
  /** Folds the events from version `first` on; `first` is at most `from.version + 1`, earlier events are skipped. */
  const foldFrom = async (module: AnyModule, stream: string, from: StreamState, first: number): Promise<E.Either<KefuError, StreamState & { readonly read: number }>> => {
    let { state, version } = from;
    let next = first;
    let read = 0;
    for (;;) {
      const page = await store.readStream(stream, { fromVersion: next, maxCount: pageSize });
      if (E.isLeft(page)) return page;
      for (const recorded of page.right) {
        read++;
        if (recorded.streamVersion <= version) continue;
        const decoded = registry.decodeEvent(recorded);
        if (E.isLeft(decoded)) return decoded;
        state = module.decider.evolve(state, decoded.right);
        version = recorded.streamVersion;
      }
      if (page.right.length < pageSize) return E.right({ state, version, snapshotVersion: from.snapshotVersion, read });
      next += page.right.length;
    }
  };

  const catchUp = async (module: AnyModule, stream: string, from: StreamState): Promise<E.Either<KefuError, StreamState>> => {
    const folded = await foldFrom(module, stream, from, from.version + 1);
    return E.isLeft(folded) ? folded : E.right({ state: folded.right.state, version: folded.right.version, snapshotVersion: folded.right.snapshotVersion });
  };

  const empty = (module: AnyModule): StreamState => ({ state: module.decider.initialState(), version: 0, snapshotVersion: 0 });

  const fromSnapshot = async (module: AnyModule, stream: string): Promise<E.Either<KefuError, StreamState>> => {
    const policy = module.snapshot;
    if (policy === undefined) return E.right(empty(module));
    const loaded = await store.loadSnapshot(stream);
    if (E.isLeft(loaded)) {
      // The store failing is a failure; a stored snapshot it cannot read is only a cache lost.
      if (loaded.left._tag === 'StoreFailure') return loaded;
      onSetAside?.(stream, describeError(loaded.left));
      return E.right(empty(module));
    }
    const snapshot = loaded.right;
    // A snapshot of another shape (the module changed) is not an error: fold from the start.
    if (snapshot === undefined || snapshot.schemaVersion !== policy.schemaVersion) return E.right(empty(module));
    if (!(Number.isSafeInteger(snapshot.version) && snapshot.version >= 0)) {
      onSetAside?.(stream, `snapshot version ${String(snapshot.version)} is not a stream version`);
      return E.right(empty(module));
    }
    const decoded = policy.decode(snapshot.state);
    if (E.isLeft(decoded)) {
      onSetAside?.(stream, describeError(decoded.left));
      return E.right(empty(module));
    }
    return E.right({ state: decoded.right, version: snapshot.version, snapshotVersion: snapshot.version });
  };

  return {
    loadCold: async (module, stream) => {
      const start = await fromSnapshot(module, stream);
      if (E.isLeft(start)) return start;
      const from = start.right;
      if (from.version === 0) return catchUp(module, stream, from);
      // Reading from the snapshot's own version checks, in the same read, that the stream has it.
      const folded = await foldFrom(module, stream, from, from.version);
      if (E.isLeft(folded)) return folded;
      if (folded.right.read > 0) return E.right({ state: folded.right.state, version: folded.right.version, snapshotVersion: folded.right.snapshotVersion });
      onSetAside?.(stream, `snapshot at version ${from.version} is beyond the stream`);
      return catchUp(module, stream, empty(module));
    },
    catchUp,
  };
};
