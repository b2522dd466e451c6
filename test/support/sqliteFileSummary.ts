/** The checksum summary of a SQLite file's log (summarizeLog), for tests that compare copies of a log. */
import * as E from 'fp-ts/lib/Either.js';
import { summarizeLog, type LogSummary } from '../../src/adapters/logChecksum.js';
import { createSqliteEventStore } from '../../src/adapters/sqlite/index.js';

export const sqliteFileSummary = async (path: string): Promise<LogSummary> => {
  const store = createSqliteEventStore({ filename: path });
  try {
    const summary = await summarizeLog(store);
    if (E.isLeft(summary)) throw new Error(`summarizeLog ${path}: ${JSON.stringify(summary.left)}`);
    return summary.right;
  } finally {
    await store.close();
  }
};
