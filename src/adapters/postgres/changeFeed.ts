/**
 * What wakes an idle subscription: an append through this store (at once, no round
 * trip), a NOTIFY from an append anywhere (on a dedicated LISTEN connection that
 * reconnects when lost), or, as the fallback for everything else, a timer. A
 * subscription notes the feed's generation before it reads and waits only if nothing
 * woke the feed since: a wake that lands while it reads is never lost, and with no
 * wake it sleeps a whole poll interval (no busy loop).
 */
import pg from 'pg';
import type { ClientConfig } from 'pg';
import type * as E from 'fp-ts/lib/Either.js';
import type { RecordedEvent } from '../../domain/envelope.js';
import type { ReadAllOptions, ReadError } from '../eventStore.js';
import type { LogSource } from '../logFollower.js';

export interface ChangeFeed {
  /** Bumped on every wake; read it before reading the log. */
  readonly generation: () => number;
  /** Resolves once the generation differs from `seen`, after the poll interval, or when `signal` aborts. */
  readonly wait: (seen: number, signal: AbortSignal) => Promise<void>;
  readonly wake: () => void;
  /** Stops listening and wakes every waiter; idempotent. */
  readonly close: () => Promise<void>;
}

export interface ChangeFeedOptions {
  readonly channel: string;
  /** How to open the LISTEN connection; undefined: no LISTEN, only local wakes and the timer. */
  readonly listen: ClientConfig | undefined;
  readonly pollIntervalMs: number;
  /** The Client class of the LISTEN connection; default pg's (a multi-host store passes one that follows the primary). */
  readonly client?: new (config: ClientConfig) => pg.Client;
}

const FIRST_RETRY_MS = 50;
const LAST_RETRY_MS = 5_000;

export const createChangeFeed = (options: ChangeFeedOptions): ChangeFeed => {
  let generation = 0;
  let closed = false;
  const waiters = new Set<() => void>();

  let listener: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryMs = FIRST_RETRY_MS;

  const wake = () => {
    generation++;
    for (const waiter of [...waiters]) waiter();
  };

  const retryLater = () => {
    if (closed || retryTimer !== undefined) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      listen();
    }, retryMs);
    retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
  };

  const connect = async (config: ClientConfig): Promise<void> => {
    const client = new (options.client ?? pg.Client)(config);
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      if (listener === client) listener = undefined;
      client.end().catch(() => undefined);
      retryLater();
    };
    // Listeners stay attached for the client's whole life: an 'error' with no listener would crash the process.
    client.on('error', onLost);
    client.on('end', onLost);
    client.on('notification', wake);
    try {
      await client.connect();
      await client.query(`LISTEN "${options.channel}"`);
    } catch {
      onLost();
      return;
    }
    if (closed || lost) {
      lost = true;
      await client.end().catch(() => undefined);
      return;
    }
    listener = client;
    retryMs = FIRST_RETRY_MS;
    // Appends committed while no connection listened sent notifications nobody heard.
    wake();
  };

  const listen = () => {
    if (closed || options.listen === undefined || listener !== undefined || connecting !== undefined || retryTimer !== undefined) return;
    connecting = connect(options.listen).finally(() => {
      connecting = undefined;
    });
  };

  return {
    generation: () => generation,
    wake,
    wait: (seen, signal) =>
      new Promise<void>((resolve) => {
        if (closed || signal.aborted || generation !== seen) return resolve();
        listen();
        const done = () => {
          clearTimeout(timer);
          waiters.delete(done);
          signal.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, options.pollIntervalMs);
        waiters.add(done);
        signal.addEventListener('abort', done, { once: true });
      }),
    close: async () => {
      if (closed) return;
      closed = true;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      wake();
      await connecting;
      const client = listener;
      listener = undefined;
      if (client !== undefined) await client.end().catch(() => undefined);
    },
  };
};

/**
 * What a loop following the log reads and waits on, over a change feed; one per loop,
 * since it keeps the generation its last read saw. The generation is noted as each
 * read starts: a wake during the read makes the wait return at once. `feed()` is
 * undefined before the store has opened (or once it is closed): the wait then returns.
 */
export const feedLogSource = (
  feed: () => ChangeFeed | undefined,
  readAll: (options: ReadAllOptions, operation: string) => Promise<E.Either<ReadError, readonly RecordedEvent[]>>,
  operation: string,
): LogSource => {
  let seen = feed()?.generation() ?? 0;
  return {
    readAll: (o) => {
      seen = feed()?.generation() ?? 0;
      return readAll(o, operation);
    },
    waitForEvents: (_position, _shopId, signal) => feed()?.wait(seen, signal) ?? Promise.resolve(),
  };
};
