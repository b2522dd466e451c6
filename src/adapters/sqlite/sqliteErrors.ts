/** What a better-sqlite3 error means for the port: a lost race, a busy database, or a failure. */
import { storeFailure, type StoreFailure } from '../../domain/errors.js';

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** The message with SQLite's extended result code in front, e.g. `SQLITE_BUSY: database is locked`. */
export const messageOf = (error: unknown): string => {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  return code === undefined || message.startsWith(code) ? message : `${code}: ${message}`;
};

/**
 * Two events at one stream version: another writer got there first. The append
 * checks the version under the write lock, so this only happens when something
 * else wrote to the table; it is still a conflict, never a failure.
 */
export const isUniqueViolation = (error: unknown): boolean => {
  const code = codeOf(error);
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
};

export const sqliteFailure = (operation: string, error: unknown): StoreFailure => storeFailure(operation, messageOf(error));
