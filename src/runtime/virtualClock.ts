/**
 * A clock that only moves when told to, for tests and simulations. Deadlines
 * scheduled on it fire in time order (ties in the order they were scheduled)
 * while it advances, each seeing `now()` equal to its own deadline.
 */
import { BTree } from '../domain/btree.js';
import type { Clock } from '../domain/clock.js';

type Key = readonly [at: number, seq: number];
const byTimeThenSeq = (a: Key, b: Key) => a[0] - b[0] || a[1] - b[1];

export interface VirtualClock extends Clock {
  /** Moves time to `at` (never backwards), firing every deadline up to it in order. */
  readonly advanceTo: (at: number) => Promise<void>;
  /** Moves time forward by `ms`. */
  readonly advanceBy: (ms: number) => Promise<void>;
  /** Sets the time without firing anything (for setting up a test); never backwards past a pending deadline. */
  readonly set: (at: number) => void;
  /** Deadlines not yet fired. */
  readonly pending: () => number;
  /** The earliest pending deadline, if any. */
  readonly nextDeadline: () => number | undefined;
}

export const virtualClock = (start = 0): VirtualClock => {
  let now = start;
  let seq = 0;
  const deadlines = new BTree<Key, () => void | Promise<void>>(undefined, byTimeThenSeq);

  const advanceTo = async (target: number) => {
    if (target < now) throw new RangeError(`the virtual clock cannot go back from ${now} to ${target}`);
    for (;;) {
      const first = deadlines.minKey();
      if (first === undefined || first[0] > target) break;
      const callback = deadlines.get(first);
      deadlines.delete(first);
      now = Math.max(now, first[0]);
      await callback?.();
    }
    now = target;
  };

  return {
    now: () => now,
    schedule: (at, callback) => {
      const key: Key = [at, seq++];
      deadlines.set(key, callback);
      return () => void deadlines.delete(key);
    },
    advanceTo,
    advanceBy: (ms) => advanceTo(now + ms),
    set: (at) => {
      const first = deadlines.minKey();
      if (at < now && first !== undefined && first[0] <= now) {
        throw new RangeError('cannot move a virtual clock with due deadlines backwards');
      }
      now = at;
    },
    pending: () => deadlines.size,
    nextDeadline: () => deadlines.minKey()?.[0],
  };
};

/** Whether `clock` is a virtual clock that the engine may move (engine.advanceTo). */
export const isVirtualClock = (clock: Clock): clock is VirtualClock =>
  typeof (clock as Partial<VirtualClock>).advanceTo === 'function' && typeof (clock as Partial<VirtualClock>).set === 'function';
