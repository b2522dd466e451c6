/** The PostgreSQL adapter's pure parts: row decoding, text checks, lock keys, the change feed. */
import * as E from 'fp-ts/lib/Either.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChangeFeed } from '../../../src/adapters/postgres/changeFeed.js';
import { schemaLockKey } from '../../../src/adapters/postgres/lockKeys.js';
import { bigintToNumber, decodeEventRow, type EventRow } from '../../../src/adapters/postgres/rows.js';
import { left, metadata, right } from '../../conformance/fixtures.js';

const row = (overrides: Partial<EventRow> = {}): EventRow => ({
  position: '12',
  stream: 's',
  version: '3',
  type: 'Happened',
  schema_version: '1',
  data: '{"a":"x\\u0000y"}',
  metadata: JSON.stringify(metadata()),
  ...overrides,
});

describe('reading rows', () => {
  it('turns bigint text into numbers only while they are exact', () => {
    expect(bigintToNumber('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(bigintToNumber('9007199254740992')).toBeNaN();
    expect(bigintToNumber('123456789012345678')).toBeNaN();
    expect(bigintToNumber('-4')).toBe(-4);
    expect(bigintToNumber('1e3')).toBeNaN();
    expect(bigintToNumber(null)).toBeNaN();
  });

  it('decodes a row into a recorded event', () => {
    const decoded = right(decodeEventRow(row()));
    expect(decoded).toMatchObject({ stream: 's', streamVersion: 3, globalPosition: 12, data: { a: 'x\u0000y' } });
  });

  it('names the field of a corrupt row', () => {
    expect(left(decodeEventRow(row({ data: '{"a":' })))).toMatchObject({
      source: 'stored event at position 12',
      issues: [{ path: 'data', reason: expect.stringMatching(/not valid JSON/) }],
    });
    expect(left(decodeEventRow(row({ position: '9007199254740993' })))).toMatchObject({ issues: [{ path: 'globalPosition' }] });
    expect(left(decodeEventRow(row({ type: '' })))).toMatchObject({ issues: [{ path: 'type' }] });
    expect(E.isLeft(decodeEventRow(row({ metadata: '{}' })))).toBe(true);
  });
});

describe('lock keys', () => {
  it('are stable 32-bit integers that differ between schemas', () => {
    const key = schemaLockKey('kefu');
    expect(schemaLockKey('kefu')).toBe(key);
    expect(Number.isInteger(key) && key >= -(2 ** 31) && key < 2 ** 31).toBe(true);
    expect(schemaLockKey('kefu_other')).not.toBe(key);
  });
});

describe('the change feed without LISTEN', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('wakes a waiter on a local append', async () => {
    const feed = createChangeFeed({ channel: 'c', listen: undefined, pollIntervalMs: 600_000 });
    const waiting = feed.wait(feed.generation(), new AbortController().signal);
    feed.wake();
    await waiting;
    await feed.close();
  });

  it('returns at once when woken since the reader looked, and not before the poll interval otherwise', async () => {
    vi.useFakeTimers();
    const feed = createChangeFeed({ channel: 'c', listen: undefined, pollIntervalMs: 1_000 });
    const seen = feed.generation();
    feed.wake();
    await feed.wait(seen, new AbortController().signal);

    let woke = false;
    const waiting = feed.wait(feed.generation(), new AbortController().signal).then(() => {
      woke = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(woke).toBe(true);
    await feed.close();
  });

  it('ends a wait on abort and on close', async () => {
    const feed = createChangeFeed({ channel: 'c', listen: undefined, pollIntervalMs: 600_000 });
    const abort = new AbortController();
    const aborted = feed.wait(feed.generation(), abort.signal);
    abort.abort();
    await aborted;
    const closing = feed.wait(feed.generation(), new AbortController().signal);
    await feed.close();
    await closing;
    await feed.wait(feed.generation(), new AbortController().signal);
  });
});
