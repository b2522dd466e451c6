import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isUniqueViolation, messageOf, sqliteFailure } from '../../../src/adapters/sqlite/sqliteErrors.js';

const errorFrom = (run: () => void): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the statement to fail');
};

describe('sqlite errors', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (a TEXT, b INTEGER, UNIQUE (a, b)); CREATE TABLE k (id INTEGER PRIMARY KEY)');

  it('takes a duplicate (stream, version) or a duplicate key for a lost race', () => {
    db.exec(`INSERT INTO t VALUES ('s', 1); INSERT INTO k VALUES (1)`);
    expect(isUniqueViolation(errorFrom(() => db.exec(`INSERT INTO t VALUES ('s', 1)`)))).toBe(true);
    expect(isUniqueViolation(errorFrom(() => db.exec('INSERT INTO k VALUES (1)')))).toBe(true);
  });

  it('does not take other errors for one', () => {
    expect(isUniqueViolation(errorFrom(() => db.exec('INSERT INTO missing VALUES (1)')))).toBe(false);
    expect(isUniqueViolation(new Error('UNIQUE constraint failed'))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });

  it('puts the extended result code in the failure message', () => {
    const error = errorFrom(() => db.exec(`INSERT INTO t VALUES ('s', 1)`));
    expect(messageOf(error)).toMatch(/^SQLITE_CONSTRAINT_UNIQUE: UNIQUE constraint failed/);
    expect(sqliteFailure('append', error)).toEqual({ _tag: 'StoreFailure', operation: 'append', message: messageOf(error) });
    expect(messageOf('plain')).toBe('plain');
  });
});
