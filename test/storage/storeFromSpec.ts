/**
 * A durable store described by a small JSON spec, so a child process can open the
 * same store as its parent: `{ "kind": "sqlite", "filename": ... }` or
 * `{ "kind": "postgres", "url": ..., "schema": ... }`.
 */
import type { EventStore } from '../../src/adapters/eventStore.js';
import { createPostgresEventStore } from '../../src/adapters/postgres/index.js';
import { createSqliteEventStore } from '../../src/adapters/sqlite/index.js';

export type StoreSpec = { readonly kind: 'sqlite'; readonly filename: string } | { readonly kind: 'postgres'; readonly url: string; readonly schema: string };

export const openStore = (spec: StoreSpec): EventStore =>
  spec.kind === 'sqlite'
    ? createSqliteEventStore({ filename: spec.filename })
    : createPostgresEventStore({ connectionString: spec.url, schema: spec.schema });
