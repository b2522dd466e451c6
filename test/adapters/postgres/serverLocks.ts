/**
 * Making a call wait on the server, so a test knows it is under way there: hold a
 * lock the call needs from another connection, and see the call's backend wait.
 */
import type { Pool, PoolClient } from 'pg';

/** Resolves once a backend of `application` waits on a lock (polled: the server has no event for it). */
export const waitUntilBlocked = async (admin: Pool, application: string, timeoutMs = 10_000): Promise<void> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await admin.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`, [application]);
    if (rows.length > 0) return;
    if (Date.now() > until) throw new Error(`no backend of ${application} waited on a lock within ${timeoutMs} ms`);
    await new Promise((wait) => setTimeout(wait, 10));
  }
};

/** Holds an advisory transaction lock on a connection of its own until `release()`. */
export const holdLock = async (admin: Pool, lockArgs: string, values: unknown[]) => {
  const holder: PoolClient = await admin.connect();
  await holder.query('BEGIN');
  await holder.query(`SELECT pg_advisory_xact_lock(${lockArgs})`, values);
  return {
    release: async () => {
      await holder.query('ROLLBACK');
      holder.release();
    },
  };
};
