import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChangeWatcher } from '../../../src/adapters/sqlite/changeWatcher.js';

/** A fake database: a head per shop and a data version that "another connection" bumps. */
const fakeSource = () => {
  const heads = new Map<string | undefined, number>([[undefined, 0]]);
  const calls = { head: 0, dataVersion: 0 };
  let version = 1;
  return {
    calls,
    commitElsewhere: (shopId: string, position: number) => {
      heads.set(shopId, position);
      heads.set(undefined, position);
      version++;
    },
    source: {
      head: (shopId: string | undefined) => (calls.head++, heads.get(shopId) ?? 0),
      dataVersion: () => (calls.dataVersion++, version),
      pollIntervalMs: 50,
    },
  };
};

const settled = (promise: Promise<void>) => {
  const state = { done: false };
  void promise.then(() => (state.done = true));
  return state;
};

describe('the SQLite change watcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('returns at once when the head is already past the position', async () => {
    const fake = fakeSource();
    fake.commitElsewhere('a', 5);
    const watcher = createChangeWatcher(fake.source);
    await watcher.waitForEvents(4, undefined, new AbortController().signal);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('while nothing is committed elsewhere, polls only the data version and does not wake', async () => {
    const fake = fakeSource();
    const watcher = createChangeWatcher(fake.source);
    const waiting = settled(watcher.waitForEvents(0, undefined, new AbortController().signal));
    const headReads = fake.calls.head;
    await vi.advanceTimersByTimeAsync(50 * 20);
    expect(waiting.done).toBe(false);
    expect(fake.calls.head).toBe(headReads);
    expect(fake.calls.dataVersion).toBe(21);
    watcher.close();
  });

  it('wakes a waiter on the next poll after another connection commits, and stops polling', async () => {
    const fake = fakeSource();
    const watcher = createChangeWatcher(fake.source);
    const waiting = settled(watcher.waitForEvents(0, undefined, new AbortController().signal));
    fake.commitElsewhere('a', 1);
    await vi.advanceTimersByTimeAsync(50);
    expect(waiting.done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps a shop waiter waiting through another shop commits', async () => {
    const fake = fakeSource();
    const watcher = createChangeWatcher(fake.source);
    const mine = settled(watcher.waitForEvents(0, 'mine', new AbortController().signal));
    fake.commitElsewhere('other', 1);
    await vi.advanceTimersByTimeAsync(100);
    expect(mine.done).toBe(false);
    fake.commitElsewhere('mine', 2);
    await vi.advanceTimersByTimeAsync(50);
    expect(mine.done).toBe(true);
  });

  it('wakes at once on this store’s own appends of a shop waited for', async () => {
    const fake = fakeSource();
    const watcher = createChangeWatcher(fake.source);
    const all = settled(watcher.waitForEvents(0, undefined, new AbortController().signal));
    const mine = settled(watcher.waitForEvents(0, 'mine', new AbortController().signal));
    watcher.appended(new Set(['other']));
    await Promise.resolve();
    expect(all.done).toBe(true);
    expect(mine.done).toBe(false);
    watcher.appended(new Set(['mine']));
    await Promise.resolve();
    expect(mine.done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('releases a waiter when its signal aborts, and every waiter on close', async () => {
    const fake = fakeSource();
    const watcher = createChangeWatcher(fake.source);
    const abort = new AbortController();
    const aborted = settled(watcher.waitForEvents(0, undefined, abort.signal));
    const other = settled(watcher.waitForEvents(0, 'x', new AbortController().signal));
    abort.abort();
    await Promise.resolve();
    expect(aborted.done).toBe(true);
    expect(other.done).toBe(false);
    watcher.close();
    await Promise.resolve();
    expect(other.done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    await watcher.waitForEvents(0, undefined, new AbortController().signal);
  });

  it('wakes waiters when the database cannot be read, so their next read reports it', async () => {
    const fake = fakeSource();
    const watcher = createChangeWatcher({
      ...fake.source,
      dataVersion: () => {
        if (fake.calls.dataVersion++ > 0) throw new Error('disk I/O error');
        return 1;
      },
    });
    const waiting = settled(watcher.waitForEvents(0, undefined, new AbortController().signal));
    await vi.advanceTimersByTimeAsync(50);
    expect(waiting.done).toBe(true);
  });
});
