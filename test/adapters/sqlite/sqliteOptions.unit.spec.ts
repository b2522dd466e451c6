import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createSqliteEventStore, SqliteConfigurationError } from '../../../src/adapters/sqlite/index.js';
import { resolveSqliteOptions } from '../../../src/adapters/sqlite/sqliteOptions.js';
import { left } from '../../conformance/fixtures.js';

const issuesOf = (input: unknown) => {
  const resolved = resolveSqliteOptions(input);
  return left(resolved).issues;
};

describe('sqlite store options', () => {
  it('fills in the defaults: NORMAL, 5 s busy timeout, 100 ms polling', () => {
    const resolved = resolveSqliteOptions({ filename: 'events.db' });
    expect(resolved).toEqual(
      E.right({ source: { filename: 'events.db' }, synchronous: 'NORMAL', busyTimeoutMs: 5000, pollIntervalMs: 100 }),
    );
  });

  it.each([
    [{}, 'filename', /exactly one of filename and database/],
    [{ filename: '' }, 'filename', /must not be empty/],
    [{ filename: 'a.db', synchronous: 'OFF' }, 'synchronous', /one of NORMAL, FULL/],
    [{ filename: 'a.db', busyTimeoutMs: -1 }, 'busyTimeoutMs', /integer from 0/],
    [{ filename: 'a.db', busyTimeoutMs: 1.5 }, 'busyTimeoutMs', /integer from 0/],
    [{ filename: 'a.db', pollIntervalMs: 0 }, 'pollIntervalMs', /integer from 1/],
    [{ filename: 'a.db', sychronous: 'FULL' }, 'sychronous', /unknown field/],
    [{ database: {} }, 'database', /better-sqlite3 Database/],
  ])('refuses %j, naming %s', (input, path, reason) => {
    const issues = issuesOf(input);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe(path);
    expect(issues[0]!.reason).toMatch(reason);
  });

  it('refuses both a filename and a database, and a closed database', () => {
    const db = new Database(':memory:');
    expect(issuesOf({ filename: 'a.db', database: db })).toEqual([{ path: 'database', reason: 'give exactly one of filename and database' }]);
    db.close();
    expect(issuesOf({ database: db })[0]!.reason).toMatch(/closed/);
  });

  it('is thrown at construction as a SqliteConfigurationError carrying the ValidationError', () => {
    let thrown: unknown;
    try {
      createSqliteEventStore({ filename: 'a.db', busyTimeoutMs: -5 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SqliteConfigurationError);
    const error = thrown as SqliteConfigurationError;
    expect(error.error).toMatchObject({ _tag: 'ValidationError', source: 'sqlite store options', issues: [{ path: 'busyTimeoutMs' }] });
    expect(error.message).toMatch(/busyTimeoutMs: must be an integer/);
  });
});
