/**
 * A PostgreSQL database of the benchmark's own: created on the server named by
 * KEFU_PG_URL (the admin connection, default postgres://postgres@127.0.0.1:5432/postgres)
 * before the work, dropped after it even when the work fails, so a run leaves
 * nothing behind and never touches another database.
 */
import pg from 'pg';

export const adminUrl = (): string => process.env.KEFU_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

/** Runs `work` with the URL of a new database named `<prefix>_<random>`, then drops it. */
export const withScratchDatabase = async <T>(prefix: string, work: (url: string, database: string) => Promise<T>): Promise<T> => {
  const database = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database}`);
    try {
      return await work(withDatabase(adminUrl(), database), database);
    } finally {
      // WITH (FORCE) ends connections still open (a pool closing, a listener): not a failure.
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
};
