/**
 * The one module of the adapter that imports the EventStoreDB client (its tests
 * also use test/adapters/eventstoredb/clientForTests.ts). Everything else in this
 * adapter imports from here, so moving to KurrentDB's client is one edit (and
 * that test file's): replace the import below with
 *
 *   import { KurrentDBClient as Client, ... } from '@kurrent/kurrentdb-client';
 *
 * (same names otherwise; @kurrent/kurrentdb-client 1.x keeps this API). Only
 * `for await` is used on reads and subscriptions, which both clients support
 * (6.x returns Node streams, 1.x async iterators for reads).
 */
// Re-exported straight from the client (not imported then exported), so a bundler that
// tree-shakes the adapter has no unused imports to warn about.
export {
  ANY,
  BACKWARDS,
  END,
  ErrorType,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  streamNameFilter,
} from '@eventstore/db-client';
export type { AppendExpectedRevision, AppendResult as ClientAppendResult, CurrentRevision, EventData, Position, ReadPosition, ResolvedEvent } from '@eventstore/db-client';
import { EventStoreDBClient as Client, FORWARDS, streamNameFilter, type Filter, type ReadAllOptions, type ReadPosition, type ResolvedEvent } from '@eventstore/db-client';

/** A connected (or lazily connecting) client. */
export type EsdbClient = Client;

/** Parses the connection string; the client connects on first use. Throws on a malformed string. */
export const connectWith = (connectionString: string): EsdbClient => Client.connectionString(connectionString);

/** Duck-typed, so a client from another copy of the package (or KurrentDB's) is accepted too. */
export const looksLikeClient = (value: unknown): value is EsdbClient =>
  typeof value === 'object' &&
  value !== null &&
  ['appendToStream', 'readStream', 'readAll', 'subscribeToAll', 'setStreamMetadata', 'dispose'].every(
    (method) => typeof (value as Record<string, unknown>)[method] === 'function',
  );

/**
 * Reads `$all` forwards, asking the server to keep only streams starting with
 * `prefix`. @kurrent/kurrentdb-client 1.x honours `filter` on readAll;
 * @eventstore/db-client 6.x sends `no_filter` for readAll and ignores the field,
 * so callers must check the prefix themselves as well (they do).
 */
export const readAllWithPrefix = (
  client: EsdbClient,
  fromPosition: ReadPosition,
  maxCount: number,
  prefix: string,
): AsyncIterable<ResolvedEvent> => {
  const options: ReadAllOptions & { readonly filter?: Filter } = {
    fromPosition,
    maxCount,
    direction: FORWARDS,
    resolveLinkTos: false,
    filter: streamNameFilter({ prefixes: [prefix] }),
  };
  return client.readAll(options);
};

/** Follows `$all` from after `fromPosition`, filtered on the server to streams starting with `prefix`. */
export const subscribeWithPrefix = (client: EsdbClient, fromPosition: ReadPosition, prefix: string) =>
  client.subscribeToAll({ fromPosition, resolveLinkTos: false, filter: streamNameFilter({ prefixes: [prefix] }) });
