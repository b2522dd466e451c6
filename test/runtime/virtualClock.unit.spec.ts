import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { virtualClock } from '../../src/runtime/virtualClock.js';

describe('the virtual clock', () => {
  it('fires deadlines in time order, ties in the order they were scheduled, each at its own time', async () => {
    const clock = virtualClock(100);
    const fired: string[] = [];
    clock.schedule(300, () => void fired.push(`c@${clock.now()}`));
    clock.schedule(200, () => void fired.push(`a@${clock.now()}`));
    clock.schedule(200, () => void fired.push(`b@${clock.now()}`));
    clock.schedule(900, () => void fired.push('late'));
    await clock.advanceTo(500);
    expect(fired).toEqual(['a@200', 'b@200', 'c@300']);
    expect(clock.now()).toBe(500);
    expect(clock.pending()).toBe(1);
    expect(clock.nextDeadline()).toBe(900);
  });

  it('fires deadlines that callbacks schedule while advancing, when they fall inside the range', async () => {
    const clock = virtualClock(0);
    const fired: number[] = [];
    const tick = () => {
      fired.push(clock.now());
      if (clock.now() < 50) clock.schedule(clock.now() + 10, tick);
    };
    clock.schedule(10, tick);
    await clock.advanceBy(35);
    expect(fired).toEqual([10, 20, 30]);
    await clock.advanceBy(100);
    expect(fired).toEqual([10, 20, 30, 40, 50]);
  });

  it('awaits asynchronous callbacks one after another', async () => {
    const clock = virtualClock(0);
    const log: string[] = [];
    clock.schedule(1, async () => {
      log.push('start 1');
      await Promise.resolve();
      log.push('end 1');
    });
    clock.schedule(2, () => void log.push('2'));
    await clock.advanceTo(2);
    expect(log).toEqual(['start 1', 'end 1', '2']);
  });

  it('does not fire a cancelled deadline and never goes backwards', async () => {
    const clock = virtualClock(0);
    let fired = false;
    const cancel = clock.schedule(5, () => {
      fired = true;
    });
    cancel();
    await clock.advanceTo(10);
    expect(fired).toBe(false);
    await expect(clock.advanceTo(9)).rejects.toThrow(RangeError);
  });

  test.prop([fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 50 })])(
    'fires any set of deadlines sorted by time (property)',
    async (times) => {
      const clock = virtualClock(0);
      const fired: number[] = [];
      for (const at of times) clock.schedule(at, () => void fired.push(clock.now()));
      await clock.advanceTo(1000);
      expect(fired).toEqual([...times].sort((a, b) => a - b));
    },
  );
});
