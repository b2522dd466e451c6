/**
 * Where the conversation benchmark writes (one SQLite file, or one schema of a
 * PostgreSQL scratch database), opened the same way in the parent and in the
 * engine processes, and the store wrapper that counts version conflicts.
 *
 * The engine retries a conflicted append by itself (catch up, decide again), and
 * shows nothing of it to the caller when the retry wins. The wrapper sees every
 * append's answer, so each conflict is counted, retried or not, without touching
 * the engine: the count is of appends the store refused with ConcurrencyConflict.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '../../src/adapters/eventStore.js';
import { createPostgresEventStore } from '../../src/adapters/postgres/index.js';
import { createSqliteEventStore } from '../../src/adapters/sqlite/index.js';

export type Backend =
  | { readonly kind: 'sqlite'; readonly filename: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema: string };

export const openStore = (backend: Backend, applicationName: string, maxConnections?: number): EventStore =>
  backend.kind === 'sqlite'
    ? createSqliteEventStore({ filename: backend.filename })
    : createPostgresEventStore({
        connectionString: backend.url,
        schema: backend.schema,
        applicationName,
        ...(maxConnections === undefined ? {} : { maxConnections }),
      });

export interface ConflictCount {
  /** Conflicts on each stream's kind (the name up to its first `-`: conversation, routing, ...). */
  readonly byKind: Map<string, number>;
  readonly total: () => number;
}

/**
 * The same store, with every append answered ConcurrencyConflict counted. A copy of
 * the store's own methods (its checkpoint methods too, so the engine keeps its
 * reactor's checkpoint in it as it would in the store itself).
 */
export const countingConflicts = <S extends EventStore>(store: S): { store: S; conflicts: ConflictCount } => {
  const byKind = new Map<string, number>();
  const counted: S = {
    ...store,
    append: async (stream, events, expected) => {
      const result = await store.append(stream, events, expected);
      if (E.isLeft(result) && result.left._tag === 'ConcurrencyConflict') {
        const kind = stream.split('-')[0]!;
        byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
      }
      return result;
    },
  };
  return { store: counted, conflicts: { byKind, total: () => [...byKind.values()].reduce((a, b) => a + b, 0) } };
};
