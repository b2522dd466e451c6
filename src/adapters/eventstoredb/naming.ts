/**
 * Where kefu's records live in EventStoreDB. Everything of one store sits under
 * its namespace, in three families whose prefixes are never prefixes of one
 * another:
 *
 *   <ns>stream-<kefu stream>      the events (the only family read from `$all`)
 *   <ns>snapshot-<kefu stream>    the latest snapshot of a stream ($maxCount 1)
 *   <ns>projection-<name>         a projection's state and checkpoint ($maxCount 1)
 *
 * Events cannot sit directly under `<ns>`: the `$all` filter is a stream-name
 * prefix, and `<ns>` would then match snapshots too (and a kefu stream named
 * `snapshot-x` would collide with the snapshot of `x`).
 */

export const DEFAULT_NAMESPACE = 'kefu-';

/** Letters, digits and `._-`, not starting with `$` (system streams) or punctuation. */
export const NAMESPACE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export interface StreamNaming {
  readonly namespace: string;
  /** The prefix of every event stream: what `$all` reads and subscriptions filter on. */
  readonly eventPrefix: string;
  readonly eventStream: (stream: string) => string;
  /** The kefu stream of an EventStoreDB stream, or undefined when it is not one of this store's event streams. */
  readonly kefuStream: (esdbStream: string) => string | undefined;
  readonly snapshotStream: (stream: string) => string;
  readonly projectionStream: (name: string) => string;
}

/** `namespace` must already match NAMESPACE_PATTERN (checked with the store's options). */
export const streamNaming = (namespace: string): StreamNaming => {
  const eventPrefix = `${namespace}stream-`;
  return {
    namespace,
    eventPrefix,
    eventStream: (stream) => eventPrefix + stream,
    kefuStream: (esdbStream) => (esdbStream.startsWith(eventPrefix) ? esdbStream.slice(eventPrefix.length) : undefined),
    snapshotStream: (stream) => `${namespace}snapshot-${stream}`,
    projectionStream: (name) => `${namespace}projection-${name}`,
  };
};
