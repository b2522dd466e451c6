/**
 * Checking a client out of a pool for more than one statement (the append call,
 * a projection's batch transaction, the migrations). pg's Client emits 'error' when
 * its connection dies (a server restart, a network cut); while it sits idle in the
 * pool, the pool listens and removes it, but pg-pool takes its listener off while
 * the client is checked out (pg-pool's `_acquireClient`). An 'error' with no
 * listener is thrown by the EventEmitter and ends the Node process. So a client is
 * only handed out with a listener of ours on it, removed when it goes back; the
 * failed query itself rejects, and the caller turns that into a StoreFailure.
 */
import type { Pool, PoolClient } from 'pg';

export interface CheckedOut {
  readonly client: PoolClient;
  /** Returns the client to the pool; `destroy` closes its connection instead (whatever state it is in). */
  readonly release: (destroy?: boolean) => void;
}

/** Throws what pool.connect throws. */
export const checkOut = async (pool: Pool): Promise<CheckedOut> => {
  const client = await pool.connect();
  let broken = false;
  const onError = () => {
    broken = true;
  };
  client.on('error', onError);
  let released = false;
  return {
    client,
    release: (destroy = false) => {
      if (released) return;
      released = true;
      // The pool puts its own listener back in release(), synchronously: no moment without one.
      client.release(destroy || broken);
      client.removeListener('error', onError);
    },
  };
};
