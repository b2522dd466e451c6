/** The coalescing, rate-limited NOTIFY sender, against a pool that only counts. */
import type { Pool } from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNotifier } from '../../../src/adapters/postgres/notifier.js';

const countingPool = () => {
  const sent: unknown[][] = [];
  const pending: (() => void)[] = [];
  const pool = {
    query: (config: { values: unknown[] }) =>
      new Promise<void>((resolve) => {
        sent.push(config.values);
        pending.push(resolve);
      }),
  } as unknown as Pool;
  /** Completes every query sent so far, then lets the notifier's callbacks run. */
  const answer = async () => {
    for (const resolve of pending.splice(0)) resolve();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { pool, sent, answer };
};

const statement = { name: 'notify', text: `SELECT pg_notify($1, '')` };

describe('the notifier', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('announces the first append at once and a burst once more after the window', async () => {
    vi.useFakeTimers();
    const { pool, sent, answer } = countingPool();
    const notifier = createNotifier(pool, 'kefu_x', statement, 10);
    notifier.appended();
    expect(sent).toEqual([['kefu_x']]);
    for (let i = 0; i < 50; i++) notifier.appended();
    await answer();
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10);
    expect(sent).toHaveLength(2);
    await answer();
    await vi.advanceTimersByTimeAsync(100);
    expect(sent).toHaveLength(2);
    await notifier.close();
  });

  it('sends what is owed when closed, then nothing', async () => {
    vi.useFakeTimers();
    const { pool, sent, answer } = countingPool();
    const notifier = createNotifier(pool, 'kefu_x', statement, 10_000);
    notifier.appended();
    await answer();
    notifier.appended();
    expect(sent).toHaveLength(1);
    const closing = notifier.close();
    expect(sent).toHaveLength(2);
    await answer();
    await closing;
    notifier.appended();
    expect(sent).toHaveLength(2);
  });

  it('keeps working after a failed send', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const pool = { query: () => (calls++ === 0 ? Promise.reject(new Error('connection lost')) : Promise.resolve()) } as unknown as Pool;
    const notifier = createNotifier(pool, 'kefu_x', statement, 10);
    notifier.appended();
    await vi.advanceTimersByTimeAsync(0);
    notifier.appended();
    await vi.advanceTimersByTimeAsync(10);
    expect(calls).toBe(2);
    await notifier.close();
  });
});
